package io.clearing.simulations.scenario;

/**
 * One documented scenario parameter: its key (dotted, as nested YAML flattens), kind, default, allowed range and
 * meaning. Integers and amounts are checked exactly; amounts are money in minor units.
 *
 * @param key          dotted key, e.g. {@code voucher.demurrage_month}.
 * @param kind         how the value is parsed and checked.
 * @param defaultValue the default, as text in the file's syntax.
 * @param min          smallest allowed value (numbers only).
 * @param max          largest allowed value (numbers only).
 * @param doc          one sentence: what it means, with its unit.
 */
public record Parameter(String key, Kind kind, String defaultValue, double min, double max, String doc)
{
    /**
     * How a parameter's value is written and checked.
     */
    public enum Kind
    {
        /** a whole number (counts, days, months). */
        INTEGER,
        /** money in integer minor units (kopecks, cents, groschen). */
        AMOUNT,
        /** a rate or share, a decimal number. */
        DECIMAL,
        /** true or false. */
        BOOLEAN,
        /** free text. */
        TEXT,
        /** a comma-separated list of positive decimals. */
        DECIMAL_LIST
    }

    /**
     * Checks and normalises a value given as text.
     *
     * @return the normalised text of the value.
     * @throws IllegalArgumentException with a reason (without the key) if the value is not allowed.
     */
    public String validate(final String raw)
    {
        final String value = raw.trim();
        switch (kind)
        {
            case INTEGER, AMOUNT ->
            {
                final long parsed;
                try
                {
                    parsed = Long.parseLong(value.replace("_", ""));
                }
                catch (final NumberFormatException ex)
                {
                    throw new IllegalArgumentException("'" + value + "' is not a whole number" +
                        (kind == Kind.AMOUNT ? " of minor units" : ""));
                }
                checkRange(parsed);
                return Long.toString(parsed);
            }
            case DECIMAL ->
            {
                final double parsed = parseDecimal(value);
                checkRange(parsed);
                return Double.toString(parsed);
            }
            case BOOLEAN ->
            {
                if (!value.equals("true") && !value.equals("false"))
                {
                    throw new IllegalArgumentException("'" + value + "' is not true or false");
                }
                return value;
            }
            case DECIMAL_LIST ->
            {
                final String[] parts = value.split(",", -1);
                final StringBuilder normalised = new StringBuilder();
                for (final String part : parts)
                {
                    final double parsed = parseDecimal(part.trim());
                    checkRange(parsed);
                    normalised.append(normalised.length() == 0 ? "" : ",").append(parsed);
                }
                return normalised.toString();
            }
            default ->
            {
                return value;
            }
        }
    }

    private static double parseDecimal(final String value)
    {
        try
        {
            final double parsed = Double.parseDouble(value);
            if (!Double.isFinite(parsed) || value.isEmpty() || !Character.isDigit(value.charAt(value.length() - 1)))
            {
                throw new NumberFormatException(value);
            }
            return parsed;
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("'" + value + "' is not a decimal number");
        }
    }

    private void checkRange(final double value)
    {
        if (value < min || value > max)
        {
            throw new IllegalArgumentException(value + " is outside the allowed range " + range());
        }
    }

    /**
     * @return the allowed range as text, e.g. {@code [0, 0.5]}, or empty for text and booleans.
     */
    public String range()
    {
        if (kind == Kind.TEXT || kind == Kind.BOOLEAN)
        {
            return "";
        }
        return "[" + number(min) + ", " + number(max) + "]";
    }

    private String number(final double value)
    {
        if (kind == Kind.DECIMAL || kind == Kind.DECIMAL_LIST)
        {
            return Double.toString(value);
        }
        return Long.toString((long)value);
    }
}
