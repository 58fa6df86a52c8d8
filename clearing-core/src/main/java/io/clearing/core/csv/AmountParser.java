package io.clearing.core.csv;

/**
 * Parses an amount written in major units with up to {@code scale} decimals into exact integer minor units
 * ({@code "1234.56"} with scale 2 is 123456). No floating point anywhere. Errors are negative codes, not
 * exceptions, so that a million-line file parses without allocation.
 */
final class AmountParser
{
    static final long EMPTY = -1;
    static final long NOT_A_NUMBER = -2;
    static final long NEGATIVE = -3;
    static final long TOO_MANY_DECIMALS = -4;
    static final long OVERFLOW = -5;

    private static final long[] POWERS_OF_TEN = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
        10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
        1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L
    };

    static final int MAX_SCALE = 18;

    private AmountParser()
    {
    }

    /**
     * @return the amount in minor units (>= 0), or one of the negative error codes.
     */
    static long parse(final byte[] bytes, final int from, final int to, final int scale)
    {
        if (from >= to)
        {
            return EMPTY;
        }
        int i = from;
        boolean negative = false;
        if (bytes[i] == '-')
        {
            negative = true;
            i++;
        }
        long value = 0;
        int digits = 0;
        for (; i < to && bytes[i] != '.'; i++)
        {
            final int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9)
            {
                return NOT_A_NUMBER;
            }
            if (value > (Long.MAX_VALUE - digit) / 10)
            {
                return negative ? NEGATIVE : OVERFLOW;
            }
            value = value * 10 + digit;
            digits++;
        }
        int decimals = 0;
        if (i < to)
        {
            i++; // the point
            if (i == to)
            {
                return NOT_A_NUMBER;
            }
            for (; i < to; i++)
            {
                final int digit = bytes[i] - '0';
                if (digit < 0 || digit > 9)
                {
                    return NOT_A_NUMBER;
                }
                if (++decimals > scale)
                {
                    return negative ? NEGATIVE : TOO_MANY_DECIMALS;
                }
                if (value > (Long.MAX_VALUE - digit) / 10)
                {
                    return negative ? NEGATIVE : OVERFLOW;
                }
                value = value * 10 + digit;
            }
        }
        if (digits == 0 && decimals == 0)
        {
            return NOT_A_NUMBER;
        }
        if (negative)
        {
            return NEGATIVE;
        }
        final long factor = POWERS_OF_TEN[scale - decimals];
        if (value > Long.MAX_VALUE / factor)
        {
            return OVERFLOW;
        }
        return value * factor;
    }
}
