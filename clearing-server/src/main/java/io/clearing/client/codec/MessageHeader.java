package io.clearing.client.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The 8-byte header in front of every ingress message, little-endian:
 * <pre>
 *   0  u16  templateId   which message follows (the TEMPLATE_ constants)
 *   2  u16  version      {@link #VERSION}
 *   4  i32  length       bytes of the whole message, header included
 * </pre>
 * Stateless; thread-safe.
 */
public final class MessageHeader
{
    public static final int LENGTH = 8;
    public static final int VERSION = 1;

    public static final int TEMPLATE_HELLO = 1;
    public static final int TEMPLATE_REGISTER_PARTICIPANT = 2;
    public static final int TEMPLATE_SUBMIT_OBLIGATION = 3;
    public static final int TEMPLATE_RECORD_PAYMENT = 4;
    public static final int TEMPLATE_SUBMIT_BATCH = 5;
    public static final int TEMPLATE_ACK = 16;
    public static final int TEMPLATE_ACK_BATCH = 17;

    static final int TEMPLATE_ID_OFFSET = 0;
    static final int VERSION_OFFSET = 2;
    static final int LENGTH_OFFSET = 4;

    private MessageHeader()
    {
    }

    public static void write(final MutableDirectBuffer buffer, final int offset, final int templateId, final int length)
    {
        buffer.putShort(offset + TEMPLATE_ID_OFFSET, (short)templateId, Wire.ORDER);
        buffer.putShort(offset + VERSION_OFFSET, (short)VERSION, Wire.ORDER);
        buffer.putInt(offset + LENGTH_OFFSET, length, Wire.ORDER);
    }

    public static int templateId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + TEMPLATE_ID_OFFSET, Wire.ORDER) & 0xFFFF;
    }

    public static int version(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + VERSION_OFFSET, Wire.ORDER) & 0xFFFF;
    }

    public static int length(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + LENGTH_OFFSET, Wire.ORDER);
    }
}
