package io.clearing.server.cli;

import io.clearing.core.csv.SetOffCsvWriter;

/**
 * Number formatting for people, without {@code String.format} (its first use costs tens of milliseconds of class
 * loading in a short run). Money stays exact integer text; percentages and milliseconds are display only.
 */
final class Formats
{
    private Formats()
    {
    }

    /**
     * @return minor units as an exact decimal in major units with {@code scale} decimals.
     */
    static String money(final long minor, final int scale)
    {
        return SetOffCsvWriter.appendAmount(new StringBuilder(24), minor, scale).toString();
    }

    /**
     * @return minor units in major units with thousands separators, e.g. {@code 1,234,567.89}.
     */
    static String moneyGrouped(final long minor, final int scale)
    {
        final String plain = money(minor, scale);
        final int point = plain.indexOf('.');
        final int integerDigits = point < 0 ? plain.length() : point;
        final StringBuilder out = new StringBuilder(plain.length() + integerDigits / 3);
        for (int i = 0; i < integerDigits; i++)
        {
            if (i > 0 && (integerDigits - i) % 3 == 0)
            {
                out.append(',');
            }
            out.append(plain.charAt(i));
        }
        return out.append(plain, integerDigits, plain.length()).toString();
    }

    /**
     * @return a count with thousands separators, e.g. {@code 1,234,567}.
     */
    static String grouped(final long count)
    {
        return moneyGrouped(count, 0);
    }

    /**
     * @return {@code part} as a percentage of {@code whole} with two decimals, "0.00" when whole is 0.
     */
    static String percent(final long part, final long whole)
    {
        if (whole == 0)
        {
            return "0.00";
        }
        return fixed2(100.0 * part / whole);
    }

    /**
     * @return nanoseconds as milliseconds with one decimal.
     */
    static String millis(final long nanos)
    {
        final long tenths = Math.round(nanos / 100_000.0);
        return (tenths / 10) + "." + (tenths % 10);
    }

    static String fixed2(final double value)
    {
        final long hundredths = Math.round(value * 100.0);
        final long units = hundredths / 100;
        final long rest = hundredths % 100;
        return units + "." + (rest < 10 ? "0" : "") + rest;
    }
}
