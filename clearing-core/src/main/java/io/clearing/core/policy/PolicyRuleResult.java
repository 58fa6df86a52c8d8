package io.clearing.core.policy;

/**
 * Outcome of adding one rule to a {@link ClearingPolicy.Builder}: accepted, or why it was refused. A refused rule
 * leaves the builder unchanged.
 */
public enum PolicyRuleResult
{
    ACCEPTED("accepted"),
    AMOUNT_NEGATIVE("amount is negative"),
    AMOUNT_NOT_POSITIVE("amount must be positive"),
    RATE_NOT_POSITIVE("rate numerator and denominator must be positive"),
    SAME_PARTICIPANT("a participant cannot be related to itself"),
    EMPTY_UNIT("unit is empty"),
    EMPTY_WINDOW("due window ends before it starts"),
    ALREADY_SET("already set for this participant and unit"),
    TREASURY_ALREADY_SET("a treasury is already designated"),
    RATE_ALREADY_SET("a rate is already published for this unit"),
    COMMITMENT_OVERFLOW("liquidity commitments of the unit overflow a long");

    private final String message;

    PolicyRuleResult(final String message)
    {
        this.message = message;
    }

    /**
     * @return what is wrong, for a message such as {@code policy.csv:7: amount is negative}.
     */
    public String message()
    {
        return message;
    }
}
