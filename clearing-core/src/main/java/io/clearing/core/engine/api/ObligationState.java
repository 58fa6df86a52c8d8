package io.clearing.core.engine.api;

/**
 * One obligation with its history in totals: obligations are never deleted, they end wholly discharged by payment
 * and/or set-off. Amounts in minor units of its unit; {@code amountMinor = openMinor + paidMinor + setOffMinor}.
 *
 * @param obligationId       client-supplied id.
 * @param debtorId           who owes.
 * @param creditorId         who is owed.
 * @param amountMinor        amount as submitted.
 * @param openMinor          what is still owed.
 * @param paidMinor          discharged by recorded payments.
 * @param setOffMinor        discharged by clearing (continuous and batch runs).
 * @param submittedAtMs      timestamp of the submit command.
 * @param closedAtMs         timestamp of the command that discharged the last of it, or 0 while open.
 * @param unitId             unit of account; empty for the default unit.
 * @param dueAtMs            due date (epoch ms), or 0 when none was given.
 * @param disputedByDebtor   the debtor disputes it: no clearing run touches it while any party disputes it.
 * @param disputedByCreditor the creditor disputes it.
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
    long closedAtMs,
    String unitId,
    long dueAtMs,
    boolean disputedByDebtor,
    boolean disputedByCreditor)
{
    /**
     * An undisputed obligation in the default unit without a due date.
     */
    public ObligationState(
        final String obligationId,
        final String debtorId,
        final String creditorId,
        final long amountMinor,
        final long openMinor,
        final long paidMinor,
        final long setOffMinor,
        final long submittedAtMs,
        final long closedAtMs)
    {
        this(obligationId, debtorId, creditorId, amountMinor, openMinor, paidMinor, setOffMinor, submittedAtMs,
            closedAtMs, "", 0, false, false);
    }

    public boolean isOpen()
    {
        return openMinor > 0;
    }

    /**
     * @return true while either party disputes it.
     */
    public boolean isDisputed()
    {
        return disputedByDebtor || disputedByCreditor;
    }
}
