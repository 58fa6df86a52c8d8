package io.clearing.core.engine.api;

/**
 * Kinds of a participant's standing exclusion rule. Each rule applies to every obligation the participant owes or is
 * owed, in batch runs, proposals and continuous clearing alike.
 */
public enum ExclusionRule
{
    /**
     * Never set off obligations between the participant and the named related participant (either direction).
     */
    ADD_RELATED(1),
    /**
     * Withdraws an {@link #ADD_RELATED} rule.
     */
    REMOVE_RELATED(2),
    /**
     * Never set off an obligation whose submitted amount is below the value (minor units); 0 removes the minimum.
     */
    MINIMUM_AMOUNT(3),
    /**
     * Never set off an obligation with a due date later than the run's cut-off plus the value (ms, at least 0).
     */
    DUE_WINDOW(4),
    /**
     * Withdraws the due-date window.
     */
    CLEAR_DUE_WINDOW(5);

    private final int wireValue;

    ExclusionRule(final int wireValue)
    {
        this.wireValue = wireValue;
    }

    /**
     * @return the value in the set-rule command.
     */
    public int wireValue()
    {
        return wireValue;
    }
}
