package io.clearing.server.ingress;

import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

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
 * <p>
 * Submissions reach the engine as bytes (the views only check them and the participant's scope); other commands
 * copy an id character by character through {@link #charAt}: {@link #wrap}
 * checks the id's bounds in the buffer once, and the reads after it go to memory directly (a term buffer is off-heap,
 * so through {@link UnsafeApi}) instead of paying a bounds check per byte, which was a quarter of the ingress
 * thread's time. {@link #charAt} still refuses an index outside the id.
 */
final class ByteIdView implements CharSequence
{
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    private static final long NON_ASCII_BYTES = 0x8080_8080_8080_8080L;

    private DirectBuffer buffer;
    private byte[] array;
    private long address;
    private int offset;
    private int length;

    /**
     * @return the id as text for the engine (this view, or a decoded String), or null when it is not valid UTF-8.
     */
    CharSequence wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        buffer.boundsCheck(offset, length);
        this.buffer = buffer;
        this.array = buffer.byteArray();
        this.address = buffer.addressOffset() + offset;
        this.offset = offset;
        this.length = length;
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES)
        {
            if ((UnsafeApi.getLong(array, address + i) & NON_ASCII_BYTES) != 0)
            {
                return decodeStrictly();
            }
        }
        for (; i < length; i++)
        {
            if (UnsafeApi.getByte(array, address + i) < 0)
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
            if (UnsafeApi.getByte(array, address + i) != expected[i])
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
        if (index < 0 || index >= length)
        {
            throw new IndexOutOfBoundsException("index " + index + " of an id of " + length + " bytes");
        }
        return (char)UnsafeApi.getByte(array, address + index);
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
