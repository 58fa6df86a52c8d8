package io.clearing.core.engine.api;

import io.clearing.core.policy.ExclusionReason;

/**
 * What one clearing run did to one obligation. Amounts in minor units of the obligation's unit.
 *
 * @param obligationId   client-supplied id.
 * @param debtorId       who owes.
 * @param creditorId     who is owed.
 * @param openMinor      open before the run.
 * @param setOffMinor    discharged by the run.
 * @param remainderMinor open after the run.
 * @param exclusion      why the run left it untouched, {@link ExclusionReason#NONE} when it was eligible.
 */
public record SetOffNotice(
    String obligationId,
    String debtorId,
    String creditorId,
    long openMinor,
    long setOffMinor,
    long remainderMinor,
    ExclusionReason exclusion)
{
    /**
     * A notice of an eligible obligation.
     */
    public SetOffNotice(
        final String obligationId,
        final String debtorId,
        final String creditorId,
        final long openMinor,
        final long setOffMinor,
        final long remainderMinor)
    {
        this(obligationId, debtorId, creditorId, openMinor, setOffMinor, remainderMinor, ExclusionReason.NONE);
    }
}
