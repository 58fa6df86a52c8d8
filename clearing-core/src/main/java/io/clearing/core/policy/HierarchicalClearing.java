package io.clearing.core.policy;

import io.clearing.core.api.AddResult;
import io.clearing.core.api.CertificateVerifier;
import io.clearing.core.api.ClearingResult;
import io.clearing.core.api.ClearingSolver;
import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.api.Verification;

/**
 * Clearing level by level (community, then region, then federation): at each level every group clears, with the
 * plain {@link ClearingSolver}, what remains of the obligations between its own members; what no level discharged
 * is cleared once more over the whole network at the top. Each group's run is exact and certified on its own
 * sub-network; the discharges of all levels add up per obligation.
 * <p>
 * The combined result is a feasible clearing of the whole network, so it never clears more than clearing it flat
 * (which is the optimum); it can clear less, because a lower level may spend an obligation on a short cycle that
 * a longer cycle across groups would have used more fully. {@link HierarchyResult#flatClearedMinor()} reports the
 * flat optimum beside it. Stateless; deterministic.
 */
public final class HierarchicalClearing
{
    private final ClearingSolver solver;

    /**
     * Clears with a {@link ClearingSolver} that reports no timings.
     */
    public HierarchicalClearing()
    {
        this(new ClearingSolver(() -> 0L));
    }

    /**
     * @param solver the solver run for every group and level, and for the flat comparison.
     */
    public HierarchicalClearing(final ClearingSolver solver)
    {
        this.solver = solver;
    }

    /**
     * @param network        all obligations.
     * @param groupsPerLevel for each level from the lowest (communities) up, the group of every participant: an int
     *                       per participant. A participant's groups should nest (its community lies in one region),
     *                       but results are correct either way.
     * @return per obligation and per level what was discharged, and the flat optimum for comparison.
     */
    public HierarchyResult solve(final ObligationNetwork network, final int[][] groupsPerLevel)
    {
        final int obligations = network.obligationCount();
        final int levels = groupsPerLevel.length;
        final long[] remainder = new long[obligations];
        for (int i = 0; i < obligations; i++)
        {
            remainder[i] = network.amountMinor(i);
        }
        final long[] setOff = new long[obligations];
        final long[] clearedPerLevel = new long[levels + 1];
        for (int level = 0; level <= levels; level++)
        {
            final int[] group = level < levels ? groupsPerLevel[level] : null;
            if (group != null && group.length != network.participantCount())
            {
                throw new IllegalArgumentException("level " + level + " has " + group.length + " groups for " +
                    network.participantCount() + " participants");
            }
            clearedPerLevel[level] = clearLevel(network, group, remainder, setOff);
        }
        final Verification feasible = CertificateVerifier.verifyFeasible(network, setOff);
        if (!feasible.ok())
        {
            throw new IllegalStateException("hierarchical result is not a clearing: " + feasible.message());
        }
        final long flat = solver.solve(network).clearedMinor();
        return new HierarchyResult(network, setOff, clearedPerLevel, flat);
    }

    /**
     * Clears the remainders of obligations inside a group, all groups in one run (groups share no obligation, so
     * the run is the groups' separate optima side by side); a null group clears everything that remains.
     */
    private long clearLevel(
        final ObligationNetwork network, final int[] group, final long[] remainder, final long[] setOff)
    {
        final int obligations = network.obligationCount();
        final int[] original = new int[obligations];
        final ObligationNetwork.Builder builder = ObligationNetwork.builder(obligations);
        int count = 0;
        for (int i = 0; i < obligations; i++)
        {
            final int debtor = network.debtor(i);
            final int creditor = network.creditor(i);
            if (remainder[i] > 0 && (group == null || group[debtor] == group[creditor]))
            {
                final AddResult added = builder.add(
                    network.participantId(debtor), network.participantId(creditor), remainder[i]);
                if (added != AddResult.ACCEPTED)
                {
                    throw new IllegalStateException("remainder of obligation " + network.obligationId(i) + ": " + added);
                }
                original[count++] = i;
            }
        }
        final ClearingResult result = solver.solve(builder.build());
        for (int k = 0; k < count; k++)
        {
            final long discharged = result.setOffMinor(k);
            setOff[original[k]] += discharged;
            remainder[original[k]] -= discharged;
        }
        return result.clearedMinor();
    }
}
