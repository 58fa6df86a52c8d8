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
 * flat optimum beside it.
 * <p>
 * {@link #solveNovated(ObligationNetwork, int[][])} clears the other way, by novation through one clearing account
 * per group: debts between communities are taken over by the communities' accounts, whose pair totals are netted
 * and cleared at the levels above. Stateless; deterministic.
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
        return solve(network, groupsPerLevel, -1);
    }

    /**
     * {@link #solve(ObligationNetwork, int[][])} for a caller that has solved the network flat already.
     *
     * @param flatClearedMinor the flat optimum's cleared total, or -1 to solve it here.
     */
    public HierarchyResult solve(final ObligationNetwork network, final int[][] groupsPerLevel,
        final long flatClearedMinor)
    {
        final int obligations = network.obligationCount();
        final int levels = groupsPerLevel.length;
        final long[] remainder = new long[obligations];
        for (int i = 0; i < obligations; i++)
        {
            remainder[i] = network.amountMinor(i);
        }
        final long[] setOff = new long[obligations];
        final long[][] setOffPerLevel = new long[levels + 1][obligations];
        final long[] clearedPerLevel = new long[levels + 1];
        for (int level = 0; level <= levels; level++)
        {
            final int[] group = level < levels ? groupsPerLevel[level] : null;
            if (group != null && group.length != network.participantCount())
            {
                throw new IllegalArgumentException("level " + level + " has " + group.length + " groups for " +
                    network.participantCount() + " participants");
            }
            clearedPerLevel[level] = clearLevel(network, group, remainder, setOffPerLevel[level]);
            for (int i = 0; i < obligations; i++)
            {
                setOff[i] += setOffPerLevel[level][i];
            }
        }
        final Verification feasible = CertificateVerifier.verifyFeasible(network, setOff);
        if (!feasible.ok())
        {
            throw new IllegalStateException("hierarchical result is not a clearing: " + feasible.message());
        }
        final long flat = flatClearedMinor >= 0 ? flatClearedMinor : solver.solve(network).clearedMinor();
        return new HierarchyResult(network, setOff, setOffPerLevel, clearedPerLevel, flat);
    }

    /**
     * Clearing by novation through clearing accounts (as a central counterparty or a federation of circuits does it):
     * every group of every level has an account; an obligation {@code a -> b} between communities {@code A} and
     * {@code B} is replaced by the legs {@code a -> A*} (cleared in community A), {@code A* -> B*} (between the
     * accounts, at the lowest level where A and B share a group; through the accounts of the groups above them until
     * then) and {@code B* -> b} (cleared in community B). Stage 0 clears every community's own obligations with the
     * legs to and from its account, maximising the firm-facing sides discharged (a set-off inside a community
     * discharges two sides, a leg one); each stage above aggregates the legs between accounts per ordered pair,
     * nets every pair bilaterally and clears what remains exactly. Every stage is certified and the whole result is
     * checked by {@link NovationVerifier} before it is returned.
     * <p>
     * The firm-facing sides discharged are never fewer than clearing flat discharges (twice its set-off): the flat
     * optimum, seen from each community, is a feasible stage-0 circulation with the same sides. They can be more,
     * because an account pools what its members owe outside and are owed from outside; the price is that accounts
     * carry the novated rest as exposures ({@link NovatedHierarchyResult#receivableAfterMinor(int)}).
     *
     * @param network        all obligations.
     * @param groupsPerLevel as for {@link #solve(ObligationNetwork, int[][])}, at least one level; groups must nest
     *                       (every group of a level lies in one group of the next).
     * @return per obligation the discharge of both sides, per pair of accounts the netted and cleared parts, the
     * accounts' exposures after the run and the flat optimum for comparison.
     * @throws IllegalArgumentException when there are no levels, a level has not one group per participant, a group
     *                                  is negative or the groups do not nest.
     * @throws ArithmeticException      when the total debt is above {@code Long.MAX_VALUE / 2} (every obligation
     *                                  becomes two legs).
     */
    public NovatedHierarchyResult solveNovated(final ObligationNetwork network, final int[][] groupsPerLevel)
    {
        return NovatedClearing.solve(solver, network, groupsPerLevel);
    }

    /**
     * Clearing level by level under a policy: at each level every group runs {@link PolicySolver} over what remains
     * of its members' eligible obligations between each other, with what is left of every receivable cap and
     * liquidity commitment after the levels below, the units, due days, urgency and priority of the policy; the top
     * run over everything that remains also converts across units when the policy has a treasury (lower levels
     * clear within units only). Excluded obligations take part in no level, so they are untouched everywhere; caps
     * and commitments hold over all levels together because each level gets only what the levels below left. Each
     * level's run is certified on its sub-network ({@link PolicySolver} verifies before it returns).
     *
     * @param policy         the policy of the whole network.
     * @param groupsPerLevel as for {@link #solve(ObligationNetwork, int[][])}.
     * @return per obligation and level what was discharged, and the flat policy run for comparison.
     * @throws ArithmeticException when a level's priority weights would overflow the solver's prices.
     */
    public PolicyHierarchyResult solve(final ClearingPolicy policy, final int[][] groupsPerLevel)
    {
        final ObligationNetwork network = policy.network();
        final int obligations = network.obligationCount();
        final int levels = groupsPerLevel.length;
        final PolicySolver policySolver = new PolicySolver();
        final long[] remainder = new long[obligations];
        for (int i = 0; i < obligations; i++)
        {
            remainder[i] = policy.exclusion(i) == ExclusionReason.NONE ? network.amountMinor(i) : 0;
        }
        final long[] capLeft = new long[network.participantCount() * policy.unitCount()];
        for (int p = 0; p < network.participantCount(); p++)
        {
            for (int u = 0; u < policy.unitCount(); u++)
            {
                capLeft[p * policy.unitCount() + u] = policy.receivableCapMinor(p, u);
            }
        }
        final long[] liquidityLeft = new long[policy.liquidityCommitments()];
        for (int c = 0; c < liquidityLeft.length; c++)
        {
            liquidityLeft[c] = policy.liquidityAmountMinor(c);
        }
        final long[][] setOffPerLevel = new long[levels + 1][obligations];
        final long[][] clearedPerLevel = new long[levels + 1][policy.unitCount()];
        final long[] crossUnit = new long[obligations];
        final PolicyCertificate[] certificates = new PolicyCertificate[levels + 1];
        for (int level = 0; level <= levels; level++)
        {
            final int[] group = level < levels ? groupsPerLevel[level] : null;
            if (group != null && group.length != network.participantCount())
            {
                throw new IllegalArgumentException("level " + level + " has " + group.length + " groups for " +
                    network.participantCount() + " participants");
            }
            certificates[level] = new PolicyLevel(policy, group, group == null).clear(
                policySolver, remainder, capLeft, liquidityLeft, setOffPerLevel[level], clearedPerLevel[level],
                crossUnit);
        }
        final long[] liquidityUsed = new long[liquidityLeft.length];
        for (int c = 0; c < liquidityUsed.length; c++)
        {
            liquidityUsed[c] = policy.liquidityAmountMinor(c) - liquidityLeft[c];
        }
        return new PolicyHierarchyResult(policy, setOffPerLevel, crossUnit, clearedPerLevel, liquidityUsed,
            certificates, policySolver.solve(policy));
    }

    /**
     * Clears the remainders of obligations inside a group, all groups in one run (groups share no obligation, so
     * the run is the groups' separate optima side by side); a null group clears everything that remains.
     */
    private long clearLevel(
        final ObligationNetwork network, final int[] group, final long[] remainder, final long[] levelSetOff)
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
            levelSetOff[original[k]] = discharged;
            remainder[original[k]] -= discharged;
        }
        return result.clearedMinor();
    }
}
