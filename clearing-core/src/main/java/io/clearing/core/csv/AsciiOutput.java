package io.clearing.core.csv;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A byte buffer in front of an output stream that formats numbers itself, so that writing a row makes no garbage:
 * no StringBuilder, no String per number, no char-to-byte encoding. Owned by one writer; not thread-safe.
 */
final class AsciiOutput
{
    private final OutputStream out;
    private final byte[] buffer;
    private final byte[] digits = new byte[20];
    private int used;

    AsciiOutput(final OutputStream out, final int bufferBytes)
    {
        this.out = out;
        this.buffer = new byte[bufferBytes];
    }

    AsciiOutput bytes(final byte[] bytes)
    {
        if (bytes.length > buffer.length - used)
        {
            flush();
            if (bytes.length > buffer.length)
            {
                write(bytes, bytes.length);
                return this;
            }
        }
        System.arraycopy(bytes, 0, buffer, used, bytes.length);
        used += bytes.length;
        return this;
    }

    AsciiOutput ascii(final String text)
    {
        for (int i = 0, n = text.length(); i < n; i++)
        {
            put((byte)text.charAt(i));
        }
        return this;
    }

    AsciiOutput put(final byte b)
    {
        if (used == buffer.length)
        {
            flush();
        }
        buffer[used++] = b;
        return this;
    }

    /**
     * Writes a non-negative amount of minor units in major units with {@code scale} decimals: 123456 with scale 2
     * is {@code 1234.56}, 5 is {@code 0.05}; scale 0 writes the plain integer.
     */
    AsciiOutput amount(final long minor, final int scale)
    {
        if (minor < 0)
        {
            throw new IllegalArgumentException("negative amount " + minor);
        }
        long v = minor;
        int n = 0;
        do
        {
            digits[n++] = (byte)('0' + v % 10);
            v /= 10;
        }
        while (v != 0);
        if (used + 24 > buffer.length)
        {
            flush();
        }
        if (n <= scale)
        {
            buffer[used++] = '0';
            buffer[used++] = '.';
            for (int i = n; i < scale; i++)
            {
                buffer[used++] = '0';
            }
        }
        for (int i = n - 1; i >= 0; i--)
        {
            buffer[used++] = digits[i];
            if (i == scale && scale > 0)
            {
                buffer[used++] = '.';
            }
        }
        return this;
    }

    void flush()
    {
        write(buffer, used);
        used = 0;
    }

    private void write(final byte[] bytes, final int length)
    {
        try
        {
            out.write(bytes, 0, length);
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
