package io.clearing.core.engine.api;

/**
 * Filter for listing obligations by what is left of them.
 */
public enum ObligationStatus
{
    /**
     * Every obligation, open or discharged.
     */
    ANY,

    /**
     * Something is still owed.
     */
    OPEN,

    /**
     * Wholly discharged, by payments and/or set-off.
     */
    DISCHARGED;

    /**
     * @return whether an obligation with {@code openMinor} still owed passes this filter.
     */
    public boolean matches(final long openMinor)
    {
        return switch (this)
        {
            case ANY -> true;
            case OPEN -> openMinor > 0;
            case DISCHARGED -> openMinor == 0;
        };
    }
}
