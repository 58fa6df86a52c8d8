package io.clearing.core.engine.api;

/**
 * The outcome of one command. Rejections are expected business outcomes, never exceptions: after any code but
 * {@link #ACCEPTED} the engine state (and its {@code stateHash()}) is exactly as before, except that
 * {@link #DUPLICATE} means an identical earlier command already took effect and nothing further happened.
 */
public enum ResultCode
{
    ACCEPTED("accepted"),
    DUPLICATE("same id and content as an earlier accepted command: the first result stands, nothing changed"),
    ID_CONFLICT("id already used with other content"),
    INVALID_ID("id is empty or not positive"),
    INVALID_AMOUNT("amount must be positive"),
    UNKNOWN_PARTICIPANT("debtor or creditor is not registered"),
    SAME_PARTICIPANT("debtor and creditor are the same participant"),
    UNKNOWN_OBLIGATION("no obligation with that id"),
    OBLIGATION_CLOSED("obligation is already wholly discharged"),
    PAYMENT_EXCEEDS_OPEN("payment exceeds what is open on the obligation"),
    TOTAL_DEBT_OVERFLOW("total debt would exceed 9223372036854775807 minor units"),
    INVALID_SETTING("continuous clearing limits out of range"),
    TOO_LONG("an id or name is longer than 255 UTF-8 bytes"),
    MALFORMED("command cannot be decoded"),
    ENGINE_CLOSED("engine is closed: command not journaled"),
    JOURNAL_FAILED("command could not be journaled: not applied"),
    INTERNAL_ERROR("engine invariant broken while applying the command: see the error handler"),
    UNKNOWN_UNIT("no unit of account with that id is defined"),
    NOT_A_PARTY("participant is neither the debtor nor the creditor of the obligation"),
    INVALID_POLICY("policy setting out of range or inconsistent"),
    NO_PENDING_PROPOSAL("no clearing proposal with that run id is pending"),
    PROPOSAL_PENDING("a clearing proposal is pending: commit it or supersede it with a later proposal"),
    CUT_OFF_PASSED("the proposal's acceptance cut-off has passed"),
    AWAITING_ACCEPTANCE("affected participants have not all answered and the cut-off has not passed"),
    ALREADY_ANSWERED("the participant already gave the other answer to this proposal"),
    INSUFFICIENT_BALANCE("the settlement or savings balance is smaller than the amount"),
    NO_DEMURRAGE("the unit carries no demurrage"),
    HIERARCHY_WITH_LIQUIDITY("a hierarchical run cannot use liquidity commitments: remove them or run flat"),
    POLICY_OVERFLOW("the run's priority weights or conversion lots would overflow 64-bit arithmetic: use coarser " +
        "due dates, fewer priority levels or rates with smaller terms"),
    NOVATION_UNSUPPORTED("a novated run takes no receivable caps, and needs regions for all of its communities or " +
        "for none"),
    NOVATION_ACCOUNT_TAKEN("a participant that is not a clearing account already has the id of a community or " +
        "region account");

    private static final ResultCode[] BY_CODE = values();

    private final String reason;

    ResultCode(final String reason)
    {
        this.reason = reason;
    }

    /**
     * @return short lower-case description for messages.
     */
    public String reason()
    {
        return reason;
    }

    /**
     * @return the stable wire value of this code (its position in this enum; new codes are only ever appended).
     */
    public int code()
    {
        return ordinal();
    }

    /**
     * @return the code for a wire value; never allocates.
     * @throws IllegalArgumentException for an unknown value.
     */
    public static ResultCode of(final int code)
    {
        if (code < 0 || code >= BY_CODE.length)
        {
            throw new IllegalArgumentException("unknown result code " + code);
        }
        return BY_CODE[code];
    }
}
