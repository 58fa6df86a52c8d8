package io.clearing.core.engine.api;

/**
 * The last optimal batch clearing run. Amounts in minor units.
 *
 * @param runId                 id supplied with the command (0 when no run has happened).
 * @param timestampMs           timestamp of the command: the cut-off.
 * @param obligations           open obligations considered.
 * @param totalDebtBeforeMinor  TD at the cut-off.
 * @param netInternalDebtMinor  NID at the cut-off (unchanged by the run).
 * @param clearedMinor          total set off: the optimum.
 */
public record ClearingRunSummary(
    long runId, long timestampMs, int obligations, long totalDebtBeforeMinor, long netInternalDebtMinor,
    long clearedMinor)
{
    public long remainderMinor()
    {
        return totalDebtBeforeMinor - clearedMinor;
    }
}
