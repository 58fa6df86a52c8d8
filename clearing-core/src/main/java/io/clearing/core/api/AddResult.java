package io.clearing.core.api;

/**
 * Outcome of adding one obligation to an {@link ObligationNetwork.Builder}. Rejections are expected business
 * outcomes, not exceptions: the builder is unchanged after any code but {@link #ACCEPTED}.
 */
public enum AddResult
{
    ACCEPTED("accepted"),
    AMOUNT_NOT_POSITIVE("amount must be positive"),
    DEBTOR_IS_CREDITOR("debtor and creditor are the same participant"),
    EMPTY_PARTICIPANT("debtor or creditor is empty"),
    DUPLICATE_ID("duplicate obligation id"),
    TOTAL_DEBT_OVERFLOW("total debt would exceed 9223372036854775807 minor units");

    private final String reason;

    AddResult(final String reason)
    {
        this.reason = reason;
    }

    /**
     * @return a short lower-case sentence fragment saying what is wrong, for messages like {@code file:line: reason}.
     */
    public String reason()
    {
        return reason;
    }
}
