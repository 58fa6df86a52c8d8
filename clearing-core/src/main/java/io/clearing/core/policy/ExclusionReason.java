package io.clearing.core.policy;

/**
 * Why an obligation takes no part in a policy run. An excluded obligation is left wholly untouched: its set-off is
 * zero and its remainder is its amount. When several reasons apply, the first in declaration order is reported.
 */
public enum ExclusionReason
{
    /**
     * Eligible: the obligation may be set off.
     */
    NONE("eligible"),

    /**
     * The debtor or the creditor does not take part in this run.
     */
    OPTED_OUT("participant opted out of the run"),

    /**
     * Marked disputed by either party.
     */
    DISPUTED("disputed"),

    /**
     * A party's standing rule: never set off obligations between it and this related firm.
     */
    RELATED_FIRM("between related firms"),

    /**
     * A party's standing rule: only obligations of at least a minimum amount are set off.
     */
    BELOW_MINIMUM("below a party's minimum amount"),

    /**
     * A party's standing rule: only obligations due within a window of days are set off.
     */
    OUTSIDE_DUE_WINDOW("due date outside a party's window");

    private final String description;

    ExclusionReason(final String description)
    {
        this.description = description;
    }

    /**
     * @return a short human-readable phrase for notices, e.g. "disputed".
     */
    public String description()
    {
        return description;
    }
}
