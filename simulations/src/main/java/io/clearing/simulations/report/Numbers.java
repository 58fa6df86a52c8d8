package io.clearing.simulations.report;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Number formatting for the outputs: the same value always prints the same text, on every machine and locale.
 */
final class Numbers
{
    private static final MathContext SIGNIFICANT = new MathContext(8);

    private Numbers()
    {
    }

    /**
     * @return whole numbers exactly, others with 8 significant digits, {@code NA} for not applicable.
     */
    static String csv(final double value)
    {
        if (Double.isNaN(value))
        {
            return "NA";
        }
        if (Double.isInfinite(value))
        {
            return value > 0 ? "Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15)
        {
            return Long.toString((long)value);
        }
        return new BigDecimal(value).round(SIGNIFICANT).stripTrailingZeros().toPlainString();
    }

    /**
     * @return a value for people: 3 significant digits, thousands grouped, {@code n/a} for not applicable.
     */
    static String human(final double value)
    {
        if (Double.isNaN(value))
        {
            return "n/a";
        }
        final double magnitude = Math.abs(value);
        if (magnitude >= 1000)
        {
            return String.format(java.util.Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 10)
        {
            return String.format(java.util.Locale.ROOT, "%.1f", value);
        }
        return String.format(java.util.Locale.ROOT, "%.3g", value);
    }
}
