package io.clearing.core.engine.api;

import io.clearing.core.policy.ExclusionReason;

/**
 * A participant's choice to take part in clearing. An opted-out participant's obligations are left untouched by
 * batch runs, proposals and continuous clearing, and their notices say {@link ExclusionReason#OPTED_OUT}.
 */
public enum OptOutMode
{
    /**
     * Takes part again (ends either opt-out).
     */
    OPT_IN(0),
    /**
     * Out of the next batch run (a plain run or a committed proposal); in again once that run is applied.
     */
    NEXT_RUN(1),
    /**
     * Out of every run until {@link #OPT_IN}.
     */
    UNTIL_OPT_IN(2);

    private final int wireValue;

    OptOutMode(final int wireValue)
    {
        this.wireValue = wireValue;
    }

    /**
     * @return the value in the set-opt-out command.
     */
    public int wireValue()
    {
        return wireValue;
    }
}
