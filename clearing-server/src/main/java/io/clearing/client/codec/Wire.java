package io.clearing.client.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Shared rules of the wire format: byte order, id limits and the length-prefixed UTF-8 strings
 * ({@code u16 length, bytes}). Stateless; thread-safe.
 */
public final class Wire
{
    public static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    /**
     * Longest id, display name or API key in UTF-8 bytes: the engine's limit.
     */
    public static final int MAX_ID_BYTES = 255;

    /**
     * Longest response channel URI in bytes (Aeron's own limit is 4,095).
     */
    public static final int MAX_CHANNEL_BYTES = 1024;

    static final int STRING_LENGTH_BYTES = 2;

    private Wire()
    {
    }

    /**
     * Writes {@code u16 length} then the UTF-8 bytes of {@code text}; ASCII text is written without allocation.
     *
     * @return the offset just after the string.
     * @throws IllegalArgumentException naming {@code what} when the text is longer than {@code maxBytes}.
     */
    public static int putString(
        final MutableDirectBuffer buffer, final int offset, final CharSequence text, final int maxBytes,
        final String what)
    {
        final int length = text.length();
        boolean ascii = length <= maxBytes;
        for (int i = 0; ascii && i < length; i++)
        {
            ascii = text.charAt(i) < 0x80;
        }
        if (ascii)
        {
            buffer.putShort(offset, (short)length, ORDER);
            buffer.putStringWithoutLengthAscii(offset + STRING_LENGTH_BYTES, text);
            return offset + STRING_LENGTH_BYTES + length;
        }
        final byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxBytes)
        {
            throw new IllegalArgumentException(what + " is longer than " + maxBytes + " UTF-8 bytes: " +
                bytes.length);
        }
        buffer.putShort(offset, (short)bytes.length, ORDER);
        buffer.putBytes(offset + STRING_LENGTH_BYTES, bytes);
        return offset + STRING_LENGTH_BYTES + bytes.length;
    }

    /**
     * @return the length prefix of the string at {@code offset} (0 to 65,535).
     */
    public static int stringLength(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset, ORDER) & 0xFFFF;
    }
}
