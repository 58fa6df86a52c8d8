package io.clearing.server.cli;

import io.clearing.core.api.ClearingResult;
import io.clearing.core.api.PhaseTimings;

/**
 * What a {@code clear} run reports, once, as text on stdout ({@link SummaryText}) and optionally as JSON
 * ({@link SummaryJson}). Money in minor units; {@code scale} says how many of their digits are decimals.
 *
 * @param input            the obligations file as given on the command line.
 * @param scale            decimals of the amounts in the input (0: integer minor units).
 * @param obligations      obligations read.
 * @param participants     participants among them.
 * @param totalDebtMinor   sum of all amounts (TD).
 * @param netInternalDebtMinor sum of positive net positions (NID): the least debt any clearing can leave.
 * @param clearedMinor     total set off by the optimal run.
 * @param remainderMinor   what is left owed: TD - cleared.
 * @param onCycleObligations obligations on some cycle: only these can be set off.
 * @param onCycleDebtMinor their amounts.
 * @param cyclicComponents strongly connected components with at least one obligation inside.
 * @param largestComponentParticipants participants of the largest of them.
 * @param scalingPhases    cost-scaling phases the solver needed (see ClearingResult#scalingPhases).
 * @param timings          wall time of each phase.
 */
record ClearingSummary(
    String input,
    int scale,
    int obligations,
    int participants,
    long totalDebtMinor,
    long netInternalDebtMinor,
    long clearedMinor,
    long remainderMinor,
    int onCycleObligations,
    long onCycleDebtMinor,
    int cyclicComponents,
    int largestComponentParticipants,
    int scalingPhases,
    Timings timings)
{
    /**
     * Wall time of each phase of the run in nanoseconds: reading, the solver's phases (see {@link PhaseTimings}),
     * writing the result files, and the whole run from the start of reading to the end of writing.
     */
    record Timings(
        long readNs, long sccNs, long mergeNs, long solveNs, long certifyNs, long splitNs, long verifyNs,
        long writeNs, long totalNs)
    {
    }

    static ClearingSummary of(
        final String input, final int scale, final ClearingResult result, final long readNs, final long writeNs,
        final long totalNs)
    {
        final PhaseTimings solver = result.timings();
        return new ClearingSummary(
            input,
            scale,
            result.network().obligationCount(),
            result.network().participantCount(),
            result.totalDebtMinor(),
            result.netInternalDebtMinor(),
            result.clearedMinor(),
            result.remainderMinor(),
            result.onCycleObligations(),
            result.onCycleDebtMinor(),
            result.cyclicComponents(),
            result.largestComponentParticipants(),
            result.scalingPhases(),
            new Timings(readNs, solver.sccNs(), solver.mergeNs(), solver.solveNs(), solver.certifyNs(),
                solver.splitNs(), solver.verifyNs(), writeNs, totalNs));
    }

    /**
     * @return TD - NID: an upper bound on what any clearing can remove (set-off alone often removes less).
     */
    long clearableBoundMinor()
    {
        return totalDebtMinor - netInternalDebtMinor;
    }
}
