package io.clearing.core.engine.state;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The binary form of every command: what producers write into ring entries, what the journal stores, and what a
 * replicated log (Aeron Cluster) would carry. Little-endian, fixed header then the command's fields, variable
 * length ids (UTF-8) last:
 * <pre>
 *   0  int   type                  (one of the TYPE_ constants)
 *   4  long  timestampMs           stamped at the edge; the state machine never reads a clock
 *  12  ...   body
 *   register participant: short idLength, short nameLength, id, name
 *   submit obligation:    long amountMinor, short idLength, short debtorLength, short creditorLength, id, debtor, creditor
 *   record payment:       long amountMinor, short paymentIdLength, short obligationIdLength, paymentId, obligationId
 *   run clearing:         long runId
 *   take snapshot:        long snapshotId
 *   configure continuous: int enabled, int maxDepth, int maxVisitedNodes, int maxEdgeScans
 * </pre>
 * Encoders return the encoded length, or {@link #TOO_LONG} when an id exceeds {@link #MAX_ID_BYTES} bytes (no
 * partial command is ever left to publish). Stateless; thread-safe.
 */
public final class CommandCodec
{
    public static final int TYPE_REGISTER_PARTICIPANT = 1;
    public static final int TYPE_SUBMIT_OBLIGATION = 2;
    public static final int TYPE_RECORD_PAYMENT = 3;
    public static final int TYPE_RUN_CLEARING = 4;
    public static final int TYPE_TAKE_SNAPSHOT = 5;
    public static final int TYPE_CONFIGURE_CONTINUOUS = 6;

    /**
     * Longest id or display name in UTF-8 bytes.
     */
    public static final int MAX_ID_BYTES = 255;

    /**
     * Longest encoded command; ring entries are at least this large.
     */
    public static final int MAX_COMMAND_BYTES = 1024;

    public static final int TOO_LONG = -1;

    static final int TYPE_OFFSET = 0;
    static final int TIMESTAMP_OFFSET = 4;
    static final int BODY_OFFSET = 12;

    static final int REGISTER_ID_LENGTH_OFFSET = BODY_OFFSET;
    static final int REGISTER_NAME_LENGTH_OFFSET = BODY_OFFSET + 2;
    static final int REGISTER_KEYS_OFFSET = BODY_OFFSET + 4;

    static final int SUBMIT_AMOUNT_OFFSET = BODY_OFFSET;
    static final int SUBMIT_ID_LENGTH_OFFSET = BODY_OFFSET + 8;
    static final int SUBMIT_DEBTOR_LENGTH_OFFSET = BODY_OFFSET + 10;
    static final int SUBMIT_CREDITOR_LENGTH_OFFSET = BODY_OFFSET + 12;
    static final int SUBMIT_KEYS_OFFSET = BODY_OFFSET + 14;

    static final int PAYMENT_AMOUNT_OFFSET = BODY_OFFSET;
    static final int PAYMENT_ID_LENGTH_OFFSET = BODY_OFFSET + 8;
    static final int PAYMENT_OBLIGATION_LENGTH_OFFSET = BODY_OFFSET + 10;
    static final int PAYMENT_KEYS_OFFSET = BODY_OFFSET + 12;

    static final int RUN_ID_OFFSET = BODY_OFFSET;
    static final int SNAPSHOT_ID_OFFSET = BODY_OFFSET;
    static final int LONG_COMMAND_LENGTH = BODY_OFFSET + 8;

    static final int CONTINUOUS_ENABLED_OFFSET = BODY_OFFSET;
    static final int CONTINUOUS_DEPTH_OFFSET = BODY_OFFSET + 4;
    static final int CONTINUOUS_VISITED_OFFSET = BODY_OFFSET + 8;
    static final int CONTINUOUS_EDGES_OFFSET = BODY_OFFSET + 12;
    static final int CONTINUOUS_COMMAND_LENGTH = BODY_OFFSET + 16;

    private CommandCodec()
    {
    }

    public static int type(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + TYPE_OFFSET);
    }

    public static long timestampMs(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + TIMESTAMP_OFFSET);
    }

    public static int encodeRegisterParticipant(
        final MutableDirectBuffer buffer,
        final int offset,
        final long timestampMs,
        final CharSequence participantId,
        final CharSequence displayName)
    {
        int at = offset + REGISTER_KEYS_OFFSET;
        final int idLength = putUtf8(buffer, at, participantId);
        if (idLength < 0)
        {
            return TOO_LONG;
        }
        at += idLength;
        final int nameLength = putUtf8(buffer, at, displayName);
        if (nameLength < 0)
        {
            return TOO_LONG;
        }
        header(buffer, offset, TYPE_REGISTER_PARTICIPANT, timestampMs);
        buffer.putShort(offset + REGISTER_ID_LENGTH_OFFSET, (short)idLength);
        buffer.putShort(offset + REGISTER_NAME_LENGTH_OFFSET, (short)nameLength);
        return REGISTER_KEYS_OFFSET + idLength + nameLength;
    }

    public static int encodeSubmitObligation(
        final MutableDirectBuffer buffer,
        final int offset,
        final long timestampMs,
        final CharSequence obligationId,
        final CharSequence debtorId,
        final CharSequence creditorId,
        final long amountMinor)
    {
        int at = offset + SUBMIT_KEYS_OFFSET;
        final int idLength = putUtf8(buffer, at, obligationId);
        if (idLength < 0)
        {
            return TOO_LONG;
        }
        at += idLength;
        final int debtorLength = putUtf8(buffer, at, debtorId);
        if (debtorLength < 0)
        {
            return TOO_LONG;
        }
        at += debtorLength;
        final int creditorLength = putUtf8(buffer, at, creditorId);
        if (creditorLength < 0)
        {
            return TOO_LONG;
        }
        header(buffer, offset, TYPE_SUBMIT_OBLIGATION, timestampMs);
        buffer.putLong(offset + SUBMIT_AMOUNT_OFFSET, amountMinor);
        buffer.putShort(offset + SUBMIT_ID_LENGTH_OFFSET, (short)idLength);
        buffer.putShort(offset + SUBMIT_DEBTOR_LENGTH_OFFSET, (short)debtorLength);
        buffer.putShort(offset + SUBMIT_CREDITOR_LENGTH_OFFSET, (short)creditorLength);
        return SUBMIT_KEYS_OFFSET + idLength + debtorLength + creditorLength;
    }

    public static int encodeRecordPayment(
        final MutableDirectBuffer buffer,
        final int offset,
        final long timestampMs,
        final CharSequence paymentId,
        final CharSequence obligationId,
        final long amountMinor)
    {
        int at = offset + PAYMENT_KEYS_OFFSET;
        final int paymentLength = putUtf8(buffer, at, paymentId);
        if (paymentLength < 0)
        {
            return TOO_LONG;
        }
        at += paymentLength;
        final int obligationLength = putUtf8(buffer, at, obligationId);
        if (obligationLength < 0)
        {
            return TOO_LONG;
        }
        header(buffer, offset, TYPE_RECORD_PAYMENT, timestampMs);
        buffer.putLong(offset + PAYMENT_AMOUNT_OFFSET, amountMinor);
        buffer.putShort(offset + PAYMENT_ID_LENGTH_OFFSET, (short)paymentLength);
        buffer.putShort(offset + PAYMENT_OBLIGATION_LENGTH_OFFSET, (short)obligationLength);
        return PAYMENT_KEYS_OFFSET + paymentLength + obligationLength;
    }

    public static int encodeRunClearing(
        final MutableDirectBuffer buffer, final int offset, final long timestampMs, final long runId)
    {
        header(buffer, offset, TYPE_RUN_CLEARING, timestampMs);
        buffer.putLong(offset + RUN_ID_OFFSET, runId);
        return LONG_COMMAND_LENGTH;
    }

    public static int encodeTakeSnapshot(
        final MutableDirectBuffer buffer, final int offset, final long timestampMs, final long snapshotId)
    {
        header(buffer, offset, TYPE_TAKE_SNAPSHOT, timestampMs);
        buffer.putLong(offset + SNAPSHOT_ID_OFFSET, snapshotId);
        return LONG_COMMAND_LENGTH;
    }

    public static int encodeConfigureContinuous(
        final MutableDirectBuffer buffer,
        final int offset,
        final long timestampMs,
        final boolean enabled,
        final int maxDepth,
        final int maxVisitedNodes,
        final int maxEdgeScans)
    {
        header(buffer, offset, TYPE_CONFIGURE_CONTINUOUS, timestampMs);
        buffer.putInt(offset + CONTINUOUS_ENABLED_OFFSET, enabled ? 1 : 0);
        buffer.putInt(offset + CONTINUOUS_DEPTH_OFFSET, maxDepth);
        buffer.putInt(offset + CONTINUOUS_VISITED_OFFSET, maxVisitedNodes);
        buffer.putInt(offset + CONTINUOUS_EDGES_OFFSET, maxEdgeScans);
        return CONTINUOUS_COMMAND_LENGTH;
    }

    private static void header(final MutableDirectBuffer buffer, final int offset, final int type, final long timestampMs)
    {
        buffer.putInt(offset + TYPE_OFFSET, type);
        buffer.putLong(offset + TIMESTAMP_OFFSET, timestampMs);
    }

    /**
     * Writes UTF-8 without allocating for ASCII text (the common case for ids); other text goes through the JDK
     * encoder.
     *
     * @return bytes written, or {@link #TOO_LONG}.
     */
    static int putUtf8(final MutableDirectBuffer buffer, final int at, final CharSequence text)
    {
        final int length = text.length();
        if (length > MAX_ID_BYTES)
        {
            return TOO_LONG;
        }
        buffer.checkLimit(at + length);
        final byte[] array = buffer.byteArray();
        if (array != null)
        {
            final int base = buffer.wrapAdjustment() + at;
            for (int i = 0; i < length; i++)
            {
                final char c = text.charAt(i);
                if (c >= 0x80)
                {
                    return putNonAscii(buffer, at, text);
                }
                array[base + i] = (byte)c;
            }
            return length;
        }
        for (int i = 0; i < length; i++)
        {
            final char c = text.charAt(i);
            if (c >= 0x80)
            {
                return putNonAscii(buffer, at, text);
            }
            buffer.putByte(at + i, (byte)c);
        }
        return length;
    }

    private static int putNonAscii(final MutableDirectBuffer buffer, final int at, final CharSequence text)
    {
        final byte[] bytes = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes.length > MAX_ID_BYTES)
        {
            return TOO_LONG;
        }
        buffer.putBytes(at, bytes);
        return bytes.length;
    }
}
