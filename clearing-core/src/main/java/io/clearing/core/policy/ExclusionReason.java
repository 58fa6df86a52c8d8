package io.clearing.core.policy;

/**
 * Why a clearing run left an open obligation untouched: the one list of reasons for the policy solver
 * ({@link ClearingPolicy#exclusion}), the hierarchy and the engine (batch runs, proposals, continuous clearing; its
 * set-off notices and journals). An excluded obligation's set-off is zero and its remainder what was open. When
 * several reasons apply, the first in declaration order is reported.
 * <p>
 * Wire values are the ordinals, stored by the engine in snapshots: new reasons are only ever appended.
 */
public enum ExclusionReason
{
    /**
     * Not excluded: the solver was free to set it off.
     */
    NONE("eligible"),

    /**
     * Marked disputed by either party.
     */
    DISPUTED("disputed by a party"),

    /**
     * The debtor or the creditor does not take part in this run.
     */
    OPTED_OUT("a party opted out of clearing"),

    /**
     * A party's standing rule: never set off obligations between it and this related participant.
     */
    RELATED_PARTY("a party's rule excludes set-off between related participants"),

    /**
     * A party's standing rule: only obligations of at least a minimum amount are set off.
     */
    BELOW_MINIMUM("amount below a party's minimum for set-off"),

    /**
     * A party's standing rule: only obligations due within a window are set off (in the engine: due no later than
     * the cut-off plus the window; in a {@link ClearingPolicy}: due between two days).
     */
    OUTSIDE_DUE_WINDOW("due date outside a party's due-date window"),

    /**
     * Engine only: a party rejected the pending proposal.
     */
    REJECTED_RUN("a party rejected this clearing run"),

    /**
     * Engine only: a reject-by-default proposal was committed without this party's acceptance.
     */
    NOT_ACCEPTED("a party did not accept this reject-by-default run before its cut-off");

    private static final ExclusionReason[] BY_CODE = values();

    private final String reason;

    ExclusionReason(final String reason)
    {
        this.reason = reason;
    }

    /**
     * @return short lower-case description for notices and messages, e.g. "disputed by a party".
     */
    public String reason()
    {
        return reason;
    }

    /**
     * @return the reason for a wire value (its ordinal).
     * @throws IllegalArgumentException for an unknown value.
     */
    public static ExclusionReason of(final int code)
    {
        if (code < 0 || code >= BY_CODE.length)
        {
            throw new IllegalArgumentException("unknown exclusion reason " + code);
        }
        return BY_CODE[code];
    }
}
