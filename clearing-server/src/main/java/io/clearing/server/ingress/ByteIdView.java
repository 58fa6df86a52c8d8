package io.clearing.server.ingress;

import org.agrona.DirectBuffer;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * An id received as UTF-8 bytes, handed to the engine as a {@link CharSequence} without copying when it is ASCII
 * (the usual case). Other text is decoded strictly (malformed UTF-8 is refused, never replaced) into a String: an
 * allocation, off the common path. Owned by the ingress thread; valid until the next {@link #wrap}.
 */
final class ByteIdView implements CharSequence
{
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    private DirectBuffer buffer;
    private int offset;
    private int length;

    /**
     * @return the id as text for the engine (this view, or a decoded String), or null when it is not valid UTF-8.
     */
    CharSequence wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(offset + i) < 0)
            {
                return decodeStrictly();
            }
        }
        return this;
    }

    /**
     * @return true when the wrapped bytes equal {@code expected}.
     */
    boolean bytesEqual(final byte[] expected)
    {
        if (expected.length != length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(offset + i) != expected[i])
            {
                return false;
            }
        }
        return true;
    }

    private String decodeStrictly()
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        try
        {
            final CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        }
        catch (final CharacterCodingException ex)
        {
            return null;
        }
    }

    @Override
    public int length()
    {
        return length;
    }

    @Override
    public char charAt(final int index)
    {
        return (char)buffer.getByte(offset + index);
    }

    @Override
    public CharSequence subSequence(final int start, final int end)
    {
        return toString().subSequence(start, end);
    }

    @Override
    public String toString()
    {
        return buffer.getStringWithoutLengthAscii(offset, length);
    }
}
