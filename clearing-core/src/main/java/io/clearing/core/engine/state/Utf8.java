package io.clearing.core.engine.state;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Checks bytes for well-formed UTF-8 without decoding or allocating: ASCII eight bytes at a time, other sequences by
 * the table of well-formed byte sequences of the Unicode standard (no overlong forms, no surrogates, nothing above
 * U+10FFFF), the same rule as the JDK's strict decoder.
 */
final class Utf8
{
    private static final long NON_ASCII_BYTES = 0x8080_8080_8080_8080L;

    private Utf8()
    {
    }

    static boolean isWellFormed(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < 0)
        {
            return false;
        }
        buffer.boundsCheck(offset, length);
        final int end = offset + length;
        int i = offset;
        while (i < end)
        {
            if (i + Long.BYTES <= end && (buffer.getLong(i, ByteOrder.LITTLE_ENDIAN) & NON_ASCII_BYTES) == 0)
            {
                i += Long.BYTES;
                continue;
            }
            final int b0 = buffer.getByte(i) & 0xFF;
            if (b0 < 0x80)
            {
                i++;
                continue;
            }
            final int need;
            int low = 0x80;
            int high = 0xBF;
            if (b0 >= 0xC2 && b0 <= 0xDF)
            {
                need = 1;
            }
            else if (b0 >= 0xE0 && b0 <= 0xEF)
            {
                need = 2;
                low = b0 == 0xE0 ? 0xA0 : 0x80;
                high = b0 == 0xED ? 0x9F : 0xBF;
            }
            else if (b0 >= 0xF0 && b0 <= 0xF4)
            {
                need = 3;
                low = b0 == 0xF0 ? 0x90 : 0x80;
                high = b0 == 0xF4 ? 0x8F : 0xBF;
            }
            else
            {
                return false;
            }
            if (i + need >= end)
            {
                return false;
            }
            final int b1 = buffer.getByte(i + 1) & 0xFF;
            if (b1 < low || b1 > high)
            {
                return false;
            }
            for (int k = 2; k <= need; k++)
            {
                final int b = buffer.getByte(i + k) & 0xFF;
                if (b < 0x80 || b > 0xBF)
                {
                    return false;
                }
            }
            i += need + 1;
        }
        return true;
    }
}
