package io.clearing.core.engine.api;

/**
 * What one clearing run did to one obligation. Amounts in minor units.
 *
 * @param obligationId  client-supplied id.
 * @param debtorId      who owes.
 * @param creditorId    who is owed.
 * @param openMinor     open before the run.
 * @param setOffMinor   discharged by the run.
 * @param remainderMinor open after the run.
 */
public record SetOffNotice(
    String obligationId, String debtorId, String creditorId, long openMinor, long setOffMinor, long remainderMinor)
{
}
