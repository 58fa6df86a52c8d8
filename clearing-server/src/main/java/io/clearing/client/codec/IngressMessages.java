package io.clearing.client.codec;

import org.agrona.MutableDirectBuffer;

/**
 * Encoders of the messages a client sends to the ingress. Each message is a {@link MessageHeader} then its fields,
 * little-endian, strings as {@code u16 length + UTF-8}:
 * <pre>
 *   HELLO                 long correlationId, i32 responseStreamId, str responseChannel, str apiKey
 *   REGISTER_PARTICIPANT  long correlationId, str participantId, str displayName
 *   SUBMIT_OBLIGATION     one obligation entry
 *   RECORD_PAYMENT        long correlationId, long amountMinor, str paymentId, str obligationId
 *   SUBMIT_BATCH          i32 count, count obligation entries
 *   obligation entry:     long correlationId, long amountMinor, str obligationId, str debtorId, str creditorId
 * </pre>
 * Encoders return the message length and throw {@link IllegalArgumentException} for a string over its limit (then
 * nothing valid was written). Stateless; thread-safe.
 */
public final class IngressMessages
{
    /**
     * Fixed part of an obligation entry: correlation id, amount and the three length prefixes.
     */
    public static final int OBLIGATION_ENTRY_FIXED_BYTES = 8 + 8 + 3 * Wire.STRING_LENGTH_BYTES;

    /**
     * Offset of the first entry in a SUBMIT_BATCH message.
     */
    public static final int BATCH_ENTRIES_OFFSET = MessageHeader.LENGTH + 4;

    private IngressMessages()
    {
    }

    public static int encodeHello(
        final MutableDirectBuffer buffer,
        final int offset,
        final long correlationId,
        final int responseStreamId,
        final String responseChannel,
        final String apiKey)
    {
        int at = offset + MessageHeader.LENGTH;
        buffer.putLong(at, correlationId, Wire.ORDER);
        buffer.putInt(at + 8, responseStreamId, Wire.ORDER);
        at = Wire.putString(buffer, at + 12, responseChannel, Wire.MAX_CHANNEL_BYTES, "responseChannel");
        at = Wire.putString(buffer, at, apiKey, Wire.MAX_ID_BYTES, "apiKey");
        MessageHeader.write(buffer, offset, MessageHeader.TEMPLATE_HELLO, at - offset);
        return at - offset;
    }

    public static int encodeRegisterParticipant(
        final MutableDirectBuffer buffer,
        final int offset,
        final long correlationId,
        final CharSequence participantId,
        final CharSequence displayName)
    {
        int at = offset + MessageHeader.LENGTH;
        buffer.putLong(at, correlationId, Wire.ORDER);
        at = Wire.putString(buffer, at + 8, participantId, Wire.MAX_ID_BYTES, "participantId");
        at = Wire.putString(buffer, at, displayName, Wire.MAX_ID_BYTES, "displayName");
        MessageHeader.write(buffer, offset, MessageHeader.TEMPLATE_REGISTER_PARTICIPANT, at - offset);
        return at - offset;
    }

    public static int encodeSubmitObligation(
        final MutableDirectBuffer buffer,
        final int offset,
        final long correlationId,
        final CharSequence obligationId,
        final CharSequence debtorId,
        final CharSequence creditorId,
        final long amountMinor)
    {
        final int end = encodeObligationEntry(buffer, offset + MessageHeader.LENGTH, correlationId, obligationId,
            debtorId, creditorId, amountMinor);
        MessageHeader.write(buffer, offset, MessageHeader.TEMPLATE_SUBMIT_OBLIGATION, end - offset);
        return end - offset;
    }

    public static int encodeRecordPayment(
        final MutableDirectBuffer buffer,
        final int offset,
        final long correlationId,
        final CharSequence paymentId,
        final CharSequence obligationId,
        final long amountMinor)
    {
        int at = offset + MessageHeader.LENGTH;
        buffer.putLong(at, correlationId, Wire.ORDER);
        buffer.putLong(at + 8, amountMinor, Wire.ORDER);
        at = Wire.putString(buffer, at + 16, paymentId, Wire.MAX_ID_BYTES, "paymentId");
        at = Wire.putString(buffer, at, obligationId, Wire.MAX_ID_BYTES, "obligationId");
        MessageHeader.write(buffer, offset, MessageHeader.TEMPLATE_RECORD_PAYMENT, at - offset);
        return at - offset;
    }

    /**
     * Writes one obligation entry (the body of SUBMIT_OBLIGATION, or one element of SUBMIT_BATCH).
     *
     * @return the offset just after the entry.
     */
    public static int encodeObligationEntry(
        final MutableDirectBuffer buffer,
        final int offset,
        final long correlationId,
        final CharSequence obligationId,
        final CharSequence debtorId,
        final CharSequence creditorId,
        final long amountMinor)
    {
        buffer.putLong(offset, correlationId, Wire.ORDER);
        buffer.putLong(offset + 8, amountMinor, Wire.ORDER);
        int at = Wire.putString(buffer, offset + 16, obligationId, Wire.MAX_ID_BYTES, "obligationId");
        at = Wire.putString(buffer, at, debtorId, Wire.MAX_ID_BYTES, "debtorId");
        return Wire.putString(buffer, at, creditorId, Wire.MAX_ID_BYTES, "creditorId");
    }

    /**
     * Completes a SUBMIT_BATCH whose entries were written from {@link #BATCH_ENTRIES_OFFSET} on.
     *
     * @param end the offset just after the last entry.
     * @return the message length.
     */
    public static int completeBatch(final MutableDirectBuffer buffer, final int offset, final int count, final int end)
    {
        buffer.putInt(offset + MessageHeader.LENGTH, count, Wire.ORDER);
        MessageHeader.write(buffer, offset, MessageHeader.TEMPLATE_SUBMIT_BATCH, end - offset);
        return end - offset;
    }
}
