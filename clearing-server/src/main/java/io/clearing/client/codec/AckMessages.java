package io.clearing.client.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * The messages the ingress sends back on a client's response stream, after a {@link MessageHeader}:
 * <pre>
 *   ACK        long correlationId, long value, i32 code, str reason      (a refusal with its reason)
 *   ACK_BATCH  i32 count, count x (long correlationId, long value, i32 code)
 * </pre>
 * {@code code} is an {@link io.clearing.client.AckCode} wire value; {@code value} what the engine returned with the
 * result (e.g. the amount set off at once by continuous clearing), else 0. Stateless; thread-safe.
 */
public final class AckMessages
{
    public static final int ACK_FIXED_BYTES = MessageHeader.LENGTH + 8 + 8 + 4 + Wire.STRING_LENGTH_BYTES;
    public static final int BATCH_ENTRIES_OFFSET = MessageHeader.LENGTH + 4;
    public static final int BATCH_ENTRY_BYTES = 8 + 8 + 4;
    public static final int MAX_REASON_BYTES = 1024;

    private AckMessages()
    {
    }

    /**
     * @return the message length; a reason over {@link #MAX_REASON_BYTES} is cut (at a character boundary).
     */
    public static int encodeAck(
        final MutableDirectBuffer buffer,
        final int offset,
        final long correlationId,
        final int code,
        final long value,
        final String reason)
    {
        final int at = offset + MessageHeader.LENGTH;
        buffer.putLong(at, correlationId, Wire.ORDER);
        buffer.putLong(at + 8, value, Wire.ORDER);
        buffer.putInt(at + 16, code, Wire.ORDER);
        String text = reason == null ? "" : reason;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        while (bytes.length > MAX_REASON_BYTES)
        {
            text = text.substring(0, text.length() - Math.max(1, (bytes.length - MAX_REASON_BYTES) / 3));
            bytes = text.getBytes(StandardCharsets.UTF_8);
        }
        buffer.putShort(at + 20, (short)bytes.length, Wire.ORDER);
        buffer.putBytes(at + 22, bytes);
        final int length = ACK_FIXED_BYTES + bytes.length;
        MessageHeader.write(buffer, offset, MessageHeader.TEMPLATE_ACK, length);
        return length;
    }

    public static void putBatchEntry(
        final MutableDirectBuffer buffer, final int messageOffset, final int index, final long correlationId,
        final int code, final long value)
    {
        final int at = messageOffset + BATCH_ENTRIES_OFFSET + index * BATCH_ENTRY_BYTES;
        buffer.putLong(at, correlationId, Wire.ORDER);
        buffer.putLong(at + 8, value, Wire.ORDER);
        buffer.putInt(at + 16, code, Wire.ORDER);
    }

    /**
     * Writes the header and count of an ACK_BATCH whose entries were put with {@link #putBatchEntry}.
     *
     * @return the message length.
     */
    public static int completeBatch(final MutableDirectBuffer buffer, final int offset, final int count)
    {
        final int length = BATCH_ENTRIES_OFFSET + count * BATCH_ENTRY_BYTES;
        buffer.putInt(offset + MessageHeader.LENGTH, count, Wire.ORDER);
        MessageHeader.write(buffer, offset, MessageHeader.TEMPLATE_ACK_BATCH, length);
        return length;
    }

    public static long ackCorrelationId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + MessageHeader.LENGTH, Wire.ORDER);
    }

    public static long ackValue(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + MessageHeader.LENGTH + 8, Wire.ORDER);
    }

    public static int ackCode(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + MessageHeader.LENGTH + 16, Wire.ORDER);
    }

    /**
     * @return the reason of an ACK (allocates; refusals only), empty when it has none.
     */
    public static String ackReason(final DirectBuffer buffer, final int offset)
    {
        final int length = Wire.stringLength(buffer, offset + MessageHeader.LENGTH + 20);
        return buffer.getStringWithoutLengthUtf8(offset + ACK_FIXED_BYTES, length);
    }

    public static int batchCount(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + MessageHeader.LENGTH, Wire.ORDER);
    }

    public static long batchCorrelationId(final DirectBuffer buffer, final int offset, final int index)
    {
        return buffer.getLong(offset + BATCH_ENTRIES_OFFSET + index * BATCH_ENTRY_BYTES, Wire.ORDER);
    }

    public static long batchValue(final DirectBuffer buffer, final int offset, final int index)
    {
        return buffer.getLong(offset + BATCH_ENTRIES_OFFSET + index * BATCH_ENTRY_BYTES + 8, Wire.ORDER);
    }

    public static int batchCode(final DirectBuffer buffer, final int offset, final int index)
    {
        return buffer.getInt(offset + BATCH_ENTRIES_OFFSET + index * BATCH_ENTRY_BYTES + 16, Wire.ORDER);
    }
}
