package io.clearing.core.api;

import io.clearing.core.flow.StronglyConnectedComponents;

/**
 * Turns the exact potentials of the on-cycle circulation into a certificate for the whole network.
 * <p>
 * The circulation's potentials {@code pi} (reduced cost {@code -1 + pi[d] - pi[c] >= 0} on residual arcs) become
 * {@code p = -pi}, the "rise" convention of {@link CertificateVerifier}. Obligations between components carry no
 * set-off and need {@code p[c] - p[d] >= 1}: components are lifted by offsets along the topological order of the
 * condensation (Tarjan numbers components in reverse topological order, so arcs between components go from a higher
 * to a lower number), each offset above the previous component's whole span.
 */
final class Potentials
{
    private Potentials()
    {
    }

    static long[] extend(
        final ObligationNetwork network,
        final StronglyConnectedComponents scc,
        final OnCycleNetwork onCycle,
        final long[] localPotentials)
    {
        final int participants = network.participantCount();
        final int components = scc.componentCount();
        final long[] rise = new long[participants];
        final long[] min = new long[components];
        final long[] max = new long[components];
        java.util.Arrays.fill(min, Long.MAX_VALUE);
        java.util.Arrays.fill(max, Long.MIN_VALUE);
        for (int p = 0; p < participants; p++)
        {
            final int local = onCycle.localOf[p];
            final long value = local >= 0 ? -localPotentials[local] : 0;
            rise[p] = value;
            final int c = onCycle.componentOf(p);
            min[c] = Math.min(min[c], value);
            max[c] = Math.max(max[c], value);
        }
        final long[] offset = new long[components];
        long next = 0;
        for (int c = components - 1; c >= 0; c--)
        {
            offset[c] = Math.subtractExact(next, min[c]);
            next = Math.addExact(next, Math.addExact(Math.subtractExact(max[c], min[c]), 1));
        }
        for (int p = 0; p < participants; p++)
        {
            rise[p] += offset[onCycle.componentOf(p)];
        }
        return rise;
    }
}
