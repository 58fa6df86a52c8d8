package io.clearing.core.api;

/**
 * Wall time of each solver phase in nanoseconds, measured by the caller-supplied clock of
 * {@link ClearingSolver}. For reporting only: results never depend on it.
 *
 * @param sccNs       strongly connected components and the on-cycle sub-network.
 * @param mergeNs     merging parallel obligations between the same pair.
 * @param solveNs     the minimum-cost circulation.
 * @param certifyNs   exact integer potentials and their extension to the whole network.
 * @param splitNs     splitting merged set-offs back onto the obligations.
 * @param verifyNs    the independent check of invariants and certificate.
 */
public record PhaseTimings(long sccNs, long mergeNs, long solveNs, long certifyNs, long splitNs, long verifyNs)
{
    public long totalNs()
    {
        return sccNs + mergeNs + solveNs + certifyNs + splitNs + verifyNs;
    }
}
