package io.clearing.core.engine.api;

/**
 * Why a clearing run (batch, proposal or continuous) left an open obligation untouched. The first reason that
 * applies, in the order of this enum, is the one reported. Wire values are the ordinals: new reasons are only
 * ever appended.
 */
public enum ExclusionReason
{
    /**
     * Not excluded: the solver was free to set it off.
     */
    NONE("eligible"),
    DISPUTED("disputed by a party"),
    OPTED_OUT("a party opted out of clearing"),
    RELATED_PARTY("a party's rule excludes set-off between related participants"),
    BELOW_MINIMUM("amount below a party's minimum for set-off"),
    OUTSIDE_DUE_WINDOW("due date beyond a party's due-date window at the cut-off"),
    REJECTED_RUN("a party rejected this clearing run"),
    NOT_ACCEPTED("a party did not accept this reject-by-default run before its cut-off");

    private static final ExclusionReason[] BY_CODE = values();

    private final String reason;

    ExclusionReason(final String reason)
    {
        this.reason = reason;
    }

    /**
     * @return short lower-case description for notices and messages.
     */
    public String reason()
    {
        return reason;
    }

    /**
     * @return the reason for a wire value.
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
