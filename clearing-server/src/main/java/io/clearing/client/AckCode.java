package io.clearing.client;

/**
 * The result code in an acknowledgement. Codes 0 to 30 are the engine's result codes with the same wire values
 * (the engine's {@code ResultCode}); codes from 64 on are the ingress's own. Wire values never change; new codes are
 * only appended.
 */
public enum AckCode
{
    ACCEPTED(0),
    DUPLICATE(1),
    ID_CONFLICT(2),
    INVALID_ID(3),
    INVALID_AMOUNT(4),
    UNKNOWN_PARTICIPANT(5),
    SAME_PARTICIPANT(6),
    UNKNOWN_OBLIGATION(7),
    OBLIGATION_CLOSED(8),
    PAYMENT_EXCEEDS_OPEN(9),
    TOTAL_DEBT_OVERFLOW(10),
    INVALID_SETTING(11),
    /**
     * An id, name or key is longer than 255 UTF-8 bytes.
     */
    TOO_LONG(12),
    /**
     * The message could not be decoded; the acknowledgement's reason says what is wrong. Nothing reached the engine.
     */
    MALFORMED(13),
    ENGINE_CLOSED(14),
    JOURNAL_FAILED(15),
    INTERNAL_ERROR(16),
    UNKNOWN_UNIT(17),
    NOT_A_PARTY(18),
    INVALID_POLICY(19),
    NO_PENDING_PROPOSAL(20),
    PROPOSAL_PENDING(21),
    CUT_OFF_PASSED(22),
    AWAITING_ACCEPTANCE(23),
    ALREADY_ANSWERED(24),
    INSUFFICIENT_BALANCE(25),
    NO_DEMURRAGE(26),
    HIERARCHY_WITH_LIQUIDITY(27),
    POLICY_OVERFLOW(28),
    NOVATION_UNSUPPORTED(29),
    NOVATION_ACCOUNT_TAKEN(30),
    /**
     * The hello was accepted: the session may send commands.
     */
    CONNECTED(64),
    /**
     * The hello's API key is unknown: every later message of the session is answered {@link #NOT_AUTHENTICATED}.
     */
    AUTHENTICATION_FAILED(65),
    /**
     * The session has no accepted hello; nothing reached the engine.
     */
    NOT_AUTHENTICATED(66),
    /**
     * The key's role may not send this command (e.g. a participant submitting for others); nothing reached the
     * engine.
     */
    FORBIDDEN(67);

    private static final AckCode[] BY_VALUE = new AckCode[128];

    static
    {
        for (final AckCode code : values())
        {
            BY_VALUE[code.value] = code;
        }
    }

    private final int value;

    AckCode(final int value)
    {
        this.value = value;
    }

    /**
     * @return the wire value.
     */
    public int value()
    {
        return value;
    }

    /**
     * @return the code of a wire value, or null for a value this client does not know; never allocates.
     */
    public static AckCode of(final int value)
    {
        return value >= 0 && value < BY_VALUE.length ? BY_VALUE[value] : null;
    }
}
