package io.clearing.core.engine.api;

/**
 * Totals over the whole state. Amounts in minor units.
 *
 * @param participants          registered participants.
 * @param obligations           obligations ever accepted.
 * @param openObligations       obligations with something still owed.
 * @param payments              payments ever accepted.
 * @param totalDebtMinor        TD: sum of what is open.
 * @param netInternalDebtMinor  NID: sum of positive net positions, the least debt any clearing can leave.
 * @param submittedMinor        sum of all accepted obligation amounts.
 * @param paidMinor             discharged by payments.
 * @param continuousSetOffMinor discharged by continuous clearing.
 * @param batchSetOffMinor      discharged by batch clearing runs.
 * @param continuousCycles      cycles set off by continuous clearing.
 */
public record EngineTotals(
    int participants,
    int obligations,
    int openObligations,
    int payments,
    long totalDebtMinor,
    long netInternalDebtMinor,
    long submittedMinor,
    long paidMinor,
    long continuousSetOffMinor,
    long batchSetOffMinor,
    long continuousCycles)
{
}
