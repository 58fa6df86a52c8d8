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
 *   submit in unit:       long amountMinor, long dueAtMs, short idLength, short debtorLength, short creditorLength,
 *                         short unitLength, id, debtor, creditor, unit
 *   set dispute:          int disputed, short obligationIdLength, short participantLength, obligationId, participant
 *   set rule:             int kind, long value, short participantLength, short otherLength, participant, other
 *   set opt-out:          int mode, short participantLength, participant
 *   define unit:          int community, int demurrageBasisPoints, short unitLength, short fundLength, unit, fund
 *   propose clearing:     long runId, long deadlineMs, int acceptByDefault
 *   respond to proposal:  long runId, int accept, short participantLength, participant
 *   commit clearing:      long runId
 *   charge demurrage:     long periodId, short unitLength, unit
 *   set savings:          long savingsMinor, short participantLength, short unitLength, participant, unit
 *   set run limit:        int kind, long amountMinor, short participantLength, short unitLength, participant, unit
 *   set treasury:         short participantLength, participant (empty: no treasury)
 *   set rate:             long numerator, long denominator, short unitLength, unit (0/0: rate withdrawn)
 *   set urgent:           int urgent, short obligationIdLength, short participantLength, obligationId, participant
 *                         (participant empty: the operator)
 *   set priority:         int rule, int standing
 *   set community:        short participantLength, short communityLength, participant, community (empty: none)
 *   set region:           short communityLength, short regionLength, community, region (empty: none)
 *   run hierarchical:     long runId [, int mode: 1 = novated through community and region accounts]
 * </pre>
 * Types 7 onwards (the community policies) were added after journals of types 1 to 6 existed: those journals replay
 * unchanged, an obligation submitted with type 2 is in the default unit without a due date.
 * Encoders return the encoded length, or {@link #TOO_LONG} when an id exceeds {@link #MAX_ID_BYTES} bytes (a unit id
 * {@link #MAX_UNIT_ID_BYTES}) (no
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
    public static final int TYPE_SUBMIT_IN_UNIT = 7;
    public static final int TYPE_SET_DISPUTE = 8;
    public static final int TYPE_SET_RULE = 9;
    public static final int TYPE_SET_OPT_OUT = 10;
    public static final int TYPE_DEFINE_UNIT = 11;
    public static final int TYPE_PROPOSE_CLEARING = 12;
    public static final int TYPE_RESPOND_TO_PROPOSAL = 13;
    public static final int TYPE_COMMIT_CLEARING = 14;
    public static final int TYPE_CHARGE_DEMURRAGE = 15;
    public static final int TYPE_SET_SAVINGS = 16;
    public static final int TYPE_SET_RUN_LIMIT = 17;
    public static final int TYPE_SET_TREASURY = 18;
    public static final int TYPE_SET_RATE = 19;
    public static final int TYPE_SET_URGENT = 20;
    public static final int TYPE_SET_PRIORITY = 21;
    public static final int TYPE_SET_COMMUNITY = 22;
    public static final int TYPE_SET_REGION = 23;
    public static final int TYPE_RUN_HIERARCHICAL = 24;

    /**
     * Scopes of the set-priority command.
     */
    public static final int PRIORITY_NEXT_RUN = 0;
    public static final int PRIORITY_STANDING = 1;

    /**
     * Kinds of the set-run-limit command (see {@code RunLimitKind}).
     */
    public static final int LIMIT_RECEIVABLE_CAP = 1;
    public static final int LIMIT_LIQUIDITY = 2;
    public static final int LIMIT_REMOVE_RECEIVABLE_CAP = 3;
    public static final int LIMIT_REMOVE_LIQUIDITY = 4;

    /**
     * Rule kinds of the set-rule command.
     */
    public static final int RULE_ADD_RELATED = 1;
    public static final int RULE_REMOVE_RELATED = 2;
    public static final int RULE_MINIMUM_AMOUNT = 3;
    public static final int RULE_DUE_WINDOW = 4;
    public static final int RULE_CLEAR_DUE_WINDOW = 5;

    /**
     * Modes of the set-opt-out command.
     */
    public static final int OPT_IN = 0;
    public static final int OPT_OUT_NEXT_RUN = 1;
    public static final int OPT_OUT_UNTIL_OPT_IN = 2;

    /**
     * Longest id or display name in UTF-8 bytes.
     */
    public static final int MAX_ID_BYTES = 255;

    /**
     * Longest unit id in UTF-8 bytes: a submission in a unit carries four ids and must fit {@link #MAX_COMMAND_BYTES}.
     */
    public static final int MAX_UNIT_ID_BYTES = 64;

    /**
     * Longest encoded command.
     */
    public static final int MAX_COMMAND_BYTES = 1024;

    /**
     * Most bytes one character of an id or name takes in UTF-8 (a surrogate pair, two characters, takes four).
     */
    private static final int MAX_UTF8_BYTES_PER_CHAR = 3;

    public static final int TOO_LONG = -1;
    /**
     * Returned instead of a length when an id given as bytes is not well-formed UTF-8.
     */
    public static final int NOT_UTF8 = -2;

    public static final int TYPE_OFFSET = 0;
    public static final int TIMESTAMP_OFFSET = 4;
    static final int BODY_OFFSET = 12;

    static final int REGISTER_ID_LENGTH_OFFSET = BODY_OFFSET;
    static final int REGISTER_NAME_LENGTH_OFFSET = BODY_OFFSET + 2;
    static final int REGISTER_KEYS_OFFSET = BODY_OFFSET + 4;

    public static final int SUBMIT_AMOUNT_OFFSET = BODY_OFFSET;
    public static final int SUBMIT_ID_LENGTH_OFFSET = BODY_OFFSET + 8;
    public static final int SUBMIT_DEBTOR_LENGTH_OFFSET = BODY_OFFSET + 10;
    public static final int SUBMIT_CREDITOR_LENGTH_OFFSET = BODY_OFFSET + 12;
    public static final int SUBMIT_KEYS_OFFSET = BODY_OFFSET + 14;

    public static final int PAYMENT_AMOUNT_OFFSET = BODY_OFFSET;
    public static final int PAYMENT_ID_LENGTH_OFFSET = BODY_OFFSET + 8;
    public static final int PAYMENT_OBLIGATION_LENGTH_OFFSET = BODY_OFFSET + 10;
    public static final int PAYMENT_KEYS_OFFSET = BODY_OFFSET + 12;

    static final int RUN_ID_OFFSET = BODY_OFFSET;
    static final int SNAPSHOT_ID_OFFSET = BODY_OFFSET;
    static final int LONG_COMMAND_LENGTH = BODY_OFFSET + 8;
    /**
     * A hierarchical run with a mode: run id, then the mode ({@link #RUN_MODE_NOVATED}).
     */
    static final int RUN_MODE_OFFSET = BODY_OFFSET + 8;
    static final int RUN_MODE_COMMAND_LENGTH = BODY_OFFSET + 12;
    static final int RUN_MODE_NOVATED = 1;

    static final int CONTINUOUS_ENABLED_OFFSET = BODY_OFFSET;
    static final int CONTINUOUS_DEPTH_OFFSET = BODY_OFFSET + 4;
    static final int CONTINUOUS_VISITED_OFFSET = BODY_OFFSET + 8;
    static final int CONTINUOUS_EDGES_OFFSET = BODY_OFFSET + 12;
    static final int CONTINUOUS_COMMAND_LENGTH = BODY_OFFSET + 16;

    static final int UNIT_SUBMIT_AMOUNT_OFFSET = BODY_OFFSET;
    static final int UNIT_SUBMIT_DUE_OFFSET = BODY_OFFSET + 8;
    static final int UNIT_SUBMIT_LENGTHS_OFFSET = BODY_OFFSET + 16;
    static final int UNIT_SUBMIT_KEYS_OFFSET = BODY_OFFSET + 24;

    static final int DISPUTE_FLAG_OFFSET = BODY_OFFSET;
    static final int DISPUTE_LENGTHS_OFFSET = BODY_OFFSET + 4;
    static final int DISPUTE_KEYS_OFFSET = BODY_OFFSET + 8;

    static final int RULE_KIND_OFFSET = BODY_OFFSET;
    static final int RULE_VALUE_OFFSET = BODY_OFFSET + 4;
    static final int RULE_LENGTHS_OFFSET = BODY_OFFSET + 12;
    static final int RULE_KEYS_OFFSET = BODY_OFFSET + 16;

    static final int OPT_OUT_MODE_OFFSET = BODY_OFFSET;
    static final int OPT_OUT_LENGTHS_OFFSET = BODY_OFFSET + 4;
    static final int OPT_OUT_KEYS_OFFSET = BODY_OFFSET + 6;

    static final int UNIT_COMMUNITY_OFFSET = BODY_OFFSET;
    static final int UNIT_RATE_OFFSET = BODY_OFFSET + 4;
    static final int UNIT_LENGTHS_OFFSET = BODY_OFFSET + 8;
    static final int UNIT_KEYS_OFFSET = BODY_OFFSET + 12;

    static final int PROPOSE_RUN_ID_OFFSET = BODY_OFFSET;
    static final int PROPOSE_DEADLINE_OFFSET = BODY_OFFSET + 8;
    static final int PROPOSE_DEFAULT_OFFSET = BODY_OFFSET + 16;
    static final int PROPOSE_COMMAND_LENGTH = BODY_OFFSET + 20;

    static final int RESPOND_RUN_ID_OFFSET = BODY_OFFSET;
    static final int RESPOND_ACCEPT_OFFSET = BODY_OFFSET + 8;
    static final int RESPOND_LENGTHS_OFFSET = BODY_OFFSET + 12;
    static final int RESPOND_KEYS_OFFSET = BODY_OFFSET + 14;

    static final int DEMURRAGE_PERIOD_OFFSET = BODY_OFFSET;
    static final int DEMURRAGE_LENGTHS_OFFSET = BODY_OFFSET + 8;
    static final int DEMURRAGE_KEYS_OFFSET = BODY_OFFSET + 10;

    static final int SAVINGS_AMOUNT_OFFSET = BODY_OFFSET;
    static final int SAVINGS_LENGTHS_OFFSET = BODY_OFFSET + 8;
    static final int SAVINGS_KEYS_OFFSET = BODY_OFFSET + 12;

    static final int LIMIT_KIND_OFFSET = BODY_OFFSET;
    static final int LIMIT_AMOUNT_OFFSET = BODY_OFFSET + 4;
    static final int LIMIT_LENGTHS_OFFSET = BODY_OFFSET + 12;
    static final int LIMIT_KEYS_OFFSET = BODY_OFFSET + 16;

    static final int TREASURY_LENGTHS_OFFSET = BODY_OFFSET;
    static final int TREASURY_KEYS_OFFSET = BODY_OFFSET + 2;

    static final int RATE_NUMERATOR_OFFSET = BODY_OFFSET;
    static final int RATE_DENOMINATOR_OFFSET = BODY_OFFSET + 8;
    static final int RATE_LENGTHS_OFFSET = BODY_OFFSET + 16;
    static final int RATE_KEYS_OFFSET = BODY_OFFSET + 18;

    static final int URGENT_FLAG_OFFSET = BODY_OFFSET;
    static final int URGENT_LENGTHS_OFFSET = BODY_OFFSET + 4;
    static final int URGENT_KEYS_OFFSET = BODY_OFFSET + 8;

    static final int PRIORITY_RULE_OFFSET = BODY_OFFSET;
    static final int PRIORITY_SCOPE_OFFSET = BODY_OFFSET + 4;
    static final int PRIORITY_COMMAND_LENGTH = BODY_OFFSET + 8;

    static final int COMMUNITY_LENGTHS_OFFSET = BODY_OFFSET;
    static final int COMMUNITY_KEYS_OFFSET = BODY_OFFSET + 4;

    static final int REGION_LENGTHS_OFFSET = BODY_OFFSET;
    static final int REGION_KEYS_OFFSET = BODY_OFFSET + 4;

    /**
     * {@link #submissionLayout} of a command that is no submission.
     */
    static final int NO_SUBMISSION = -1;

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

    /**
     * Where a submission's ids lie, for the threads that read commands ahead of the state machine (participant hints,
     * id placements): the ids' offset from the command's start in bits 0-7, then the lengths of the obligation id,
     * the debtor and the creditor, 8 bits each ({@link #keysAt}, {@link #idLengthOf}, {@link #debtorLengthOf},
     * {@link #creditorLengthOf}). {@link #NO_SUBMISSION} for any other command, or one whose lengths are out of range
     * or run past it; the state machine checks a submission in full, this only keeps the readers inside it.
     */
    static int submissionLayout(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < BODY_OFFSET || offset < 0 || length > buffer.capacity() - offset)
        {
            return NO_SUBMISSION;
        }
        final int type = buffer.getInt(offset + TYPE_OFFSET);
        final int keys;
        final int lengths;
        if (type == TYPE_SUBMIT_OBLIGATION && length >= SUBMIT_KEYS_OFFSET)
        {
            keys = SUBMIT_KEYS_OFFSET;
            lengths = SUBMIT_ID_LENGTH_OFFSET;
        }
        else if (type == TYPE_SUBMIT_IN_UNIT && length >= UNIT_SUBMIT_KEYS_OFFSET)
        {
            keys = UNIT_SUBMIT_KEYS_OFFSET;
            lengths = UNIT_SUBMIT_LENGTHS_OFFSET;
        }
        else
        {
            return NO_SUBMISSION;
        }
        final int idLength = buffer.getShort(offset + lengths);
        final int debtorLength = buffer.getShort(offset + lengths + 2);
        final int creditorLength = buffer.getShort(offset + lengths + 4);
        if (idLength < 0 || debtorLength < 0 || creditorLength < 0 || idLength > MAX_ID_BYTES ||
            debtorLength > MAX_ID_BYTES || creditorLength > MAX_ID_BYTES ||
            keys + idLength + debtorLength + creditorLength > length)
        {
            return NO_SUBMISSION;
        }
        return keys | idLength << 8 | debtorLength << 16 | creditorLength << 24;
    }

    static int keysAt(final int layout)
    {
        return layout & 0xFF;
    }

    static int idLengthOf(final int layout)
    {
        return (layout >>> 8) & 0xFF;
    }

    static int debtorLengthOf(final int layout)
    {
        return (layout >>> 16) & 0xFF;
    }

    static int creditorLengthOf(final int layout)
    {
        return layout >>> 24;
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
        return submitHeader(buffer, offset, timestampMs, amountMinor, idLength, debtorLength, creditorLength);
    }

    /**
     * Writes a submission's fixed fields once its three ids are in place.
     *
     * @return the command's length.
     */
    private static int submitHeader(
        final MutableDirectBuffer buffer,
        final int offset,
        final long timestampMs,
        final long amountMinor,
        final int idLength,
        final int debtorLength,
        final int creditorLength)
    {
        header(buffer, offset, TYPE_SUBMIT_OBLIGATION, timestampMs);
        buffer.putLong(offset + SUBMIT_AMOUNT_OFFSET, amountMinor);
        buffer.putShort(offset + SUBMIT_ID_LENGTH_OFFSET, (short)idLength);
        buffer.putShort(offset + SUBMIT_DEBTOR_LENGTH_OFFSET, (short)debtorLength);
        buffer.putShort(offset + SUBMIT_CREDITOR_LENGTH_OFFSET, (short)creditorLength);
        return SUBMIT_KEYS_OFFSET + idLength + debtorLength + creditorLength;
    }

    /**
     * {@link #encodeSubmitObligation(MutableDirectBuffer, int, long, CharSequence, CharSequence, CharSequence, long)}
     * with the ids given as UTF-8 bytes in {@code ids} (a network buffer): copied whole, and checked to be
     * well-formed UTF-8 (ASCII eight bytes at a time).
     *
     * @return the command's length, {@link #TOO_LONG} or {@link #NOT_UTF8}.
     */
    public static int encodeSubmitObligation(
        final MutableDirectBuffer buffer,
        final int offset,
        final long timestampMs,
        final DirectBuffer ids,
        final int obligationIdOffset,
        final int obligationIdLength,
        final int debtorIdOffset,
        final int debtorIdLength,
        final int creditorIdOffset,
        final int creditorIdLength,
        final long amountMinor)
    {
        if (obligationIdLength > MAX_ID_BYTES || debtorIdLength > MAX_ID_BYTES || creditorIdLength > MAX_ID_BYTES)
        {
            return TOO_LONG;
        }
        if (!Utf8.isWellFormed(ids, obligationIdOffset, obligationIdLength) ||
            !Utf8.isWellFormed(ids, debtorIdOffset, debtorIdLength) ||
            !Utf8.isWellFormed(ids, creditorIdOffset, creditorIdLength))
        {
            return NOT_UTF8;
        }
        int at = offset + SUBMIT_KEYS_OFFSET;
        buffer.putBytes(at, ids, obligationIdOffset, obligationIdLength);
        at += obligationIdLength;
        buffer.putBytes(at, ids, debtorIdOffset, debtorIdLength);
        at += debtorIdLength;
        buffer.putBytes(at, ids, creditorIdOffset, creditorIdLength);
        return submitHeader(buffer, offset, timestampMs, amountMinor, obligationIdLength, debtorIdLength,
            creditorIdLength);
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

    /**
     * Submits an obligation in a unit of account, optionally with a due date.
     *
     * @param unitId  unit id, empty for the default unit.
     * @param dueAtMs due date in epoch ms, 0 for none.
     */
    public static int encodeSubmitInUnit(
        final MutableDirectBuffer buffer,
        final int offset,
        final long timestampMs,
        final CharSequence obligationId,
        final CharSequence debtorId,
        final CharSequence creditorId,
        final long amountMinor,
        final CharSequence unitId,
        final long dueAtMs)
    {
        int at = offset + UNIT_SUBMIT_KEYS_OFFSET;
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
        at += creditorLength;
        if (unitId.length() > MAX_UNIT_ID_BYTES)
        {
            return TOO_LONG;
        }
        final int unitLength = putUtf8(buffer, at, unitId);
        if (unitLength < 0 || unitLength > MAX_UNIT_ID_BYTES)
        {
            return TOO_LONG;
        }
        header(buffer, offset, TYPE_SUBMIT_IN_UNIT, timestampMs);
        buffer.putLong(offset + UNIT_SUBMIT_AMOUNT_OFFSET, amountMinor);
        buffer.putLong(offset + UNIT_SUBMIT_DUE_OFFSET, dueAtMs);
        final int lengths = offset + UNIT_SUBMIT_LENGTHS_OFFSET;
        buffer.putShort(lengths, (short)idLength);
        buffer.putShort(lengths + 2, (short)debtorLength);
        buffer.putShort(lengths + 4, (short)creditorLength);
        buffer.putShort(lengths + 6, (short)unitLength);
        return UNIT_SUBMIT_KEYS_OFFSET + idLength + debtorLength + creditorLength + unitLength;
    }

    /**
     * Marks an obligation disputed by one of its parties, or withdraws that party's dispute.
     */
    public static int encodeSetDispute(
        final MutableDirectBuffer buffer,
        final int offset,
        final long timestampMs,
        final CharSequence obligationId,
        final CharSequence participantId,
        final boolean disputed)
    {
        final int length = putTwoKeys(buffer, offset, DISPUTE_LENGTHS_OFFSET, DISPUTE_KEYS_OFFSET, obligationId,
            participantId);
        if (length < 0)
        {
            return TOO_LONG;
        }
        header(buffer, offset, TYPE_SET_DISPUTE, timestampMs);
        buffer.putInt(offset + DISPUTE_FLAG_OFFSET, disputed ? 1 : 0);
        return length;
    }

    /**
     * Sets one of a participant's standing exclusion rules ({@code RULE_} kinds).
     *
     * @param value        minimum amount in minor units, or due window in ms; ignored by the other kinds.
     * @param otherId      related participant for the related-party kinds, else empty.
     */
    public static int encodeSetRule(
        final MutableDirectBuffer buffer,
        final int offset,
        final long timestampMs,
        final CharSequence participantId,
        final int kind,
        final long value,
        final CharSequence otherId)
    {
        final int length = putTwoKeys(buffer, offset, RULE_LENGTHS_OFFSET, RULE_KEYS_OFFSET, participantId, otherId);
        if (length < 0)
        {
            return TOO_LONG;
        }
        header(buffer, offset, TYPE_SET_RULE, timestampMs);
        buffer.putInt(offset + RULE_KIND_OFFSET, kind);
        buffer.putLong(offset + RULE_VALUE_OFFSET, value);
        return length;
    }

    /**
     * Opts a participant out of clearing ({@code OPT_} modes).
     */
    public static int encodeSetOptOut(
        final MutableDirectBuffer buffer,
        final int offset,
        final long timestampMs,
        final CharSequence participantId,
        final int mode)
    {
        final int length = putOneKey(buffer, offset, OPT_OUT_LENGTHS_OFFSET, OPT_OUT_KEYS_OFFSET, participantId);
        if (length < 0)
        {
            return TOO_LONG;
        }
        header(buffer, offset, TYPE_SET_OPT_OUT, timestampMs);
        buffer.putInt(offset + OPT_OUT_MODE_OFFSET, mode);
        return length;
    }

    /**
     * Defines a unit of account.
     *
     * @param fundId               participant credited with demurrage; empty when the rate is 0.
     * @param demurrageBasisPoints per period, 0 to 10,000; only a community unit may carry demurrage.
     */
    public static int encodeDefineUnit(
        final MutableDirectBuffer buffer,
        final int offset,
        final long timestampMs,
        final CharSequence unitId,
        final boolean community,
        final int demurrageBasisPoints,
        final CharSequence fundId)
    {
        final int length = putTwoKeys(buffer, offset, UNIT_LENGTHS_OFFSET, UNIT_KEYS_OFFSET, unitId, fundId);
        if (length < 0 || buffer.getShort(offset + UNIT_LENGTHS_OFFSET) > MAX_UNIT_ID_BYTES)
        {
            return TOO_LONG;
        }
        header(buffer, offset, TYPE_DEFINE_UNIT, timestampMs);
        buffer.putInt(offset + UNIT_COMMUNITY_OFFSET, community ? 1 : 0);
        buffer.putInt(offset + UNIT_RATE_OFFSET, demurrageBasisPoints);
        return length;
    }

    /**
     * Proposes a clearing run held for acceptance; its cut-off is the timestamp.
     */
    public static int encodeProposeClearing(
        final MutableDirectBuffer buffer,
        final int offset,
        final long timestampMs,
        final long runId,
        final long deadlineMs,
        final boolean acceptByDefault)
    {
        header(buffer, offset, TYPE_PROPOSE_CLEARING, timestampMs);
        buffer.putLong(offset + PROPOSE_RUN_ID_OFFSET, runId);
        buffer.putLong(offset + PROPOSE_DEADLINE_OFFSET, deadlineMs);
        buffer.putInt(offset + PROPOSE_DEFAULT_OFFSET, acceptByDefault ? 1 : 0);
        return PROPOSE_COMMAND_LENGTH;
    }

    /**
     * A participant accepts or rejects the pending proposal.
     */
    public static int encodeRespondToProposal(
        final MutableDirectBuffer buffer,
        final int offset,
        final long timestampMs,
        final long runId,
        final CharSequence participantId,
        final boolean accept)
    {
        final int length = putOneKey(buffer, offset, RESPOND_LENGTHS_OFFSET, RESPOND_KEYS_OFFSET, participantId);
        if (length < 0)
        {
            return TOO_LONG;
        }
        header(buffer, offset, TYPE_RESPOND_TO_PROPOSAL, timestampMs);
        buffer.putLong(offset + RESPOND_RUN_ID_OFFSET, runId);
        buffer.putInt(offset + RESPOND_ACCEPT_OFFSET, accept ? 1 : 0);
        return length;
    }

    /**
     * Commits the pending proposal.
     */
    public static int encodeCommitClearing(
        final MutableDirectBuffer buffer, final int offset, final long timestampMs, final long runId)
    {
        header(buffer, offset, TYPE_COMMIT_CLEARING, timestampMs);
        buffer.putLong(offset + RUN_ID_OFFSET, runId);
        return LONG_COMMAND_LENGTH;
    }

    /**
     * Charges one period of a unit's demurrage.
     */
    public static int encodeChargeDemurrage(
        final MutableDirectBuffer buffer,
        final int offset,
        final long timestampMs,
        final CharSequence unitId,
        final long periodId)
    {
        final int length = putOneKey(buffer, offset, DEMURRAGE_LENGTHS_OFFSET, DEMURRAGE_KEYS_OFFSET, unitId);
        if (length < 0)
        {
            return TOO_LONG;
        }
        header(buffer, offset, TYPE_CHARGE_DEMURRAGE, timestampMs);
        buffer.putLong(offset + DEMURRAGE_PERIOD_OFFSET, periodId);
        return length;
    }

    /**
     * Sets a participant's savings balance in a unit to {@code savingsMinor}, moving the difference from (or back
     * to) its settlement account; naming the target instead of the amount moved makes a resent command harmless.
     */
    public static int encodeSetSavings(
        final MutableDirectBuffer buffer,
        final int offset,
        final long timestampMs,
        final CharSequence participantId,
        final CharSequence unitId,
        final long savingsMinor)
    {
        final int length = putTwoKeys(buffer, offset, SAVINGS_LENGTHS_OFFSET, SAVINGS_KEYS_OFFSET, participantId,
            unitId);
        if (length < 0)
        {
            return TOO_LONG;
        }
        header(buffer, offset, TYPE_SET_SAVINGS, timestampMs);
        buffer.putLong(offset + SAVINGS_AMOUNT_OFFSET, savingsMinor);
        return length;
    }

    /**
     * Sets or removes a receivable cap or a liquidity commitment of a participant in a unit for the next run.
     *
     * @param unitId unit id, empty for the default unit.
     */
    public static int encodeSetRunLimit(
        final MutableDirectBuffer buffer,
        final int offset,
        final long timestampMs,
        final CharSequence participantId,
        final CharSequence unitId,
        final int kind,
        final long amountMinor)
    {
        final int length = putTwoKeys(buffer, offset, LIMIT_LENGTHS_OFFSET, LIMIT_KEYS_OFFSET, participantId, unitId);
        if (length < 0)
        {
            return TOO_LONG;
        }
        header(buffer, offset, TYPE_SET_RUN_LIMIT, timestampMs);
        buffer.putInt(offset + LIMIT_KIND_OFFSET, kind);
        buffer.putLong(offset + LIMIT_AMOUNT_OFFSET, amountMinor);
        return length;
    }

    /**
     * Designates the treasury that converts between units at the published rates; an empty id removes it.
     */
    public static int encodeSetTreasury(
        final MutableDirectBuffer buffer, final int offset, final long timestampMs, final CharSequence participantId)
    {
        final int length = putOneKey(buffer, offset, TREASURY_LENGTHS_OFFSET, TREASURY_KEYS_OFFSET, participantId);
        if (length < 0)
        {
            return TOO_LONG;
        }
        header(buffer, offset, TYPE_SET_TREASURY, timestampMs);
        return length;
    }

    /**
     * Publishes the value of one minor unit of a unit as {@code numerator / denominator} of the treasury's reference
     * value (as {@code ClearingPolicy.Builder.rate}); 0/0 withdraws the unit's rate.
     *
     * @param unitId unit id, empty for the default unit.
     */
    public static int encodeSetRate(
        final MutableDirectBuffer buffer,
        final int offset,
        final long timestampMs,
        final CharSequence unitId,
        final long numerator,
        final long denominator)
    {
        final int length = putOneKey(buffer, offset, RATE_LENGTHS_OFFSET, RATE_KEYS_OFFSET, unitId);
        if (length < 0 || buffer.getShort(offset + RATE_LENGTHS_OFFSET) > MAX_UNIT_ID_BYTES)
        {
            return TOO_LONG;
        }
        header(buffer, offset, TYPE_SET_RATE, timestampMs);
        buffer.putLong(offset + RATE_NUMERATOR_OFFSET, numerator);
        buffer.putLong(offset + RATE_DENOMINATOR_OFFSET, denominator);
        return length;
    }

    /**
     * Marks an obligation urgent, or takes the mark back.
     *
     * @param participantId the party that marks it, empty for the operator.
     */
    public static int encodeSetUrgent(
        final MutableDirectBuffer buffer,
        final int offset,
        final long timestampMs,
        final CharSequence obligationId,
        final CharSequence participantId,
        final boolean urgent)
    {
        final int length = putTwoKeys(buffer, offset, URGENT_LENGTHS_OFFSET, URGENT_KEYS_OFFSET, obligationId,
            participantId);
        if (length < 0)
        {
            return TOO_LONG;
        }
        header(buffer, offset, TYPE_SET_URGENT, timestampMs);
        buffer.putInt(offset + URGENT_FLAG_OFFSET, urgent ? 1 : 0);
        return length;
    }

    /**
     * Sets the priority rule (a {@code PriorityRule} ordinal) of the next batch run only, or the standing rule.
     *
     * @param scope {@link #PRIORITY_NEXT_RUN} or {@link #PRIORITY_STANDING}.
     */
    public static int encodeSetPriority(
        final MutableDirectBuffer buffer, final int offset, final long timestampMs, final int rule, final int scope)
    {
        header(buffer, offset, TYPE_SET_PRIORITY, timestampMs);
        buffer.putInt(offset + PRIORITY_RULE_OFFSET, rule);
        buffer.putInt(offset + PRIORITY_SCOPE_OFFSET, scope);
        return PRIORITY_COMMAND_LENGTH;
    }

    /**
     * Places a participant in a community; an empty community id takes it out of its community.
     */
    public static int encodeSetCommunity(
        final MutableDirectBuffer buffer,
        final int offset,
        final long timestampMs,
        final CharSequence participantId,
        final CharSequence communityId)
    {
        final int length = putTwoKeys(buffer, offset, COMMUNITY_LENGTHS_OFFSET, COMMUNITY_KEYS_OFFSET, participantId,
            communityId);
        if (length < 0)
        {
            return TOO_LONG;
        }
        header(buffer, offset, TYPE_SET_COMMUNITY, timestampMs);
        return length;
    }

    /**
     * Places a community in a region; an empty region id takes it out of its region.
     */
    public static int encodeSetRegion(
        final MutableDirectBuffer buffer,
        final int offset,
        final long timestampMs,
        final CharSequence communityId,
        final CharSequence regionId)
    {
        final int length = putTwoKeys(buffer, offset, REGION_LENGTHS_OFFSET, REGION_KEYS_OFFSET, communityId,
            regionId);
        if (length < 0)
        {
            return TOO_LONG;
        }
        header(buffer, offset, TYPE_SET_REGION, timestampMs);
        return length;
    }

    /**
     * A batch run cleared level by level (community, region, top) instead of flat.
     */
    public static int encodeRunHierarchical(
        final MutableDirectBuffer buffer, final int offset, final long timestampMs, final long runId)
    {
        header(buffer, offset, TYPE_RUN_HIERARCHICAL, timestampMs);
        buffer.putLong(offset + RUN_ID_OFFSET, runId);
        return LONG_COMMAND_LENGTH;
    }

    /**
     * A batch run cleared by novation through community and region accounts ({@code HierarchicalClearing
     * .solveNovated}): the hierarchical run command with a mode after the run id.
     */
    public static int encodeRunNovated(
        final MutableDirectBuffer buffer, final int offset, final long timestampMs, final long runId)
    {
        header(buffer, offset, TYPE_RUN_HIERARCHICAL, timestampMs);
        buffer.putLong(offset + RUN_ID_OFFSET, runId);
        buffer.putInt(offset + RUN_MODE_OFFSET, RUN_MODE_NOVATED);
        return RUN_MODE_COMMAND_LENGTH;
    }

    private static int putOneKey(
        final MutableDirectBuffer buffer,
        final int offset,
        final int lengthsOffset,
        final int keysOffset,
        final CharSequence key)
    {
        final int keyLength = putUtf8(buffer, offset + keysOffset, key);
        if (keyLength < 0)
        {
            return TOO_LONG;
        }
        buffer.putShort(offset + lengthsOffset, (short)keyLength);
        return keysOffset + keyLength;
    }

    private static int putTwoKeys(
        final MutableDirectBuffer buffer,
        final int offset,
        final int lengthsOffset,
        final int keysOffset,
        final CharSequence first,
        final CharSequence second)
    {
        final int firstLength = putUtf8(buffer, offset + keysOffset, first);
        if (firstLength < 0)
        {
            return TOO_LONG;
        }
        final int secondLength = putUtf8(buffer, offset + keysOffset + firstLength, second);
        if (secondLength < 0)
        {
            return TOO_LONG;
        }
        buffer.putShort(offset + lengthsOffset, (short)firstLength);
        buffer.putShort(offset + lengthsOffset + 2, (short)secondLength);
        return keysOffset + firstLength + secondLength;
    }

    /**
     * Checks the {@code count} key lengths at {@code lengthsOffset} of a command: each within
     * [0, {@link #MAX_ID_BYTES}] and together exactly filling the command after {@code keysOffset}.
     */
    static boolean keysFit(
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final int lengthsOffset,
        final int count,
        final int keysOffset)
    {
        if (length < keysOffset)
        {
            return false;
        }
        int total = keysOffset;
        for (int i = 0; i < count; i++)
        {
            final int keyLength = buffer.getShort(offset + lengthsOffset + 2 * i);
            if (keyLength < 0 || keyLength > MAX_ID_BYTES)
            {
                return false;
            }
            total += keyLength;
        }
        return total == length;
    }

    private static void header(final MutableDirectBuffer buffer, final int offset, final int type, final long timestampMs)
    {
        buffer.putInt(offset + TYPE_OFFSET, type);
        buffer.putLong(offset + TIMESTAMP_OFFSET, timestampMs);
    }

    /**
     * An upper bound of {@link #encodeSubmitObligation(MutableDirectBuffer, int, long, CharSequence, CharSequence,
     * CharSequence, long)}'s length, for choosing a buffer before encoding.
     */
    public static int submitObligationBound(final CharSequence obligationId, final CharSequence debtorId,
        final CharSequence creditorId)
    {
        return bound(SUBMIT_KEYS_OFFSET, obligationId.length() + (long)debtorId.length() + creditorId.length());
    }

    /**
     * The length of a submission whose ids arrive as UTF-8 bytes of these lengths.
     */
    public static int submitObligationBound(final int obligationIdLength, final int debtorIdLength,
        final int creditorIdLength)
    {
        return (int)Math.min(Integer.MAX_VALUE,
            SUBMIT_KEYS_OFFSET + (long)obligationIdLength + debtorIdLength + creditorIdLength);
    }

    /**
     * An upper bound of {@link #encodeRegisterParticipant}'s length.
     */
    public static int registerParticipantBound(final CharSequence participantId, final CharSequence displayName)
    {
        return bound(REGISTER_KEYS_OFFSET, participantId.length() + (long)displayName.length());
    }

    /**
     * An upper bound of {@link #encodeRecordPayment}'s length.
     */
    public static int recordPaymentBound(final CharSequence paymentId, final CharSequence obligationId)
    {
        return bound(PAYMENT_KEYS_OFFSET, paymentId.length() + (long)obligationId.length());
    }

    private static int bound(final int fixedBytes, final long characters)
    {
        return (int)Math.min(Integer.MAX_VALUE, fixedBytes + MAX_UTF8_BYTES_PER_CHAR * characters);
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
