package io.clearing.core.engine.api;

/**
 * One obligation with its history in totals: obligations are never deleted, they end wholly discharged by payment
 * and/or set-off. Amounts in minor units; {@code amountMinor = openMinor + paidMinor + setOffMinor}.
 *
 * @param obligationId   client-supplied id.
 * @param debtorId       who owes.
 * @param creditorId     who is owed.
 * @param amountMinor    amount as submitted.
 * @param openMinor      what is still owed.
 * @param paidMinor      discharged by recorded payments.
 * @param setOffMinor    discharged by clearing (continuous and batch runs).
 * @param submittedAtMs  timestamp of the submit command.
 * @param closedAtMs     timestamp of the command that discharged the last of it, or 0 while open.
 */
public record ObligationState(
    String obligationId,
    String debtorId,
    String creditorId,
    long amountMinor,
    long openMinor,
    long paidMinor,
    long setOffMinor,
    long submittedAtMs,
    long closedAtMs)
{
    public boolean isOpen()
    {
        return openMinor > 0;
    }
}
