package io.clearing.core.engine.api;

/**
 * What a set-run-limit command sets or removes.
 */
public enum RunLimitKind
{
    /**
     * At most the amount of the participant's receivables in the unit may be discharged by the run (0 or more).
     */
    RECEIVABLE_CAP(1),
    /**
     * The participant commits the amount of money in the unit to the run (positive), so that open chains, not only
     * cycles, can be discharged through it (Fleischman &amp; Dini 2021).
     */
    LIQUIDITY(2),
    /**
     * Removes the cap (amount 0).
     */
    REMOVE_RECEIVABLE_CAP(3),
    /**
     * Removes the commitment (amount 0).
     */
    REMOVE_LIQUIDITY(4);

    private final int wireValue;

    RunLimitKind(final int wireValue)
    {
        this.wireValue = wireValue;
    }

    /**
     * @return the value in the set-run-limit command.
     */
    public int wireValue()
    {
        return wireValue;
    }
}
