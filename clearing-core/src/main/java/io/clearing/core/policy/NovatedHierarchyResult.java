package io.clearing.core.policy;

import io.clearing.core.api.ObligationNetwork;

/**
 * Outcome of {@link HierarchicalClearing#solveNovated(ObligationNetwork, int[][])}: clearing by novation through
 * one clearing account per group (community, region, ...).
 * <p>
 * Nodes: the network's participants {@code 0..P-1}, then one account per group of every level, see
 * {@link #accountNode(int, int)}. Stages: stage 0 clears the firms of every community with their community's
 * account; stage {@code s} (1 to {@link #levels()}) clears the accounts of level {@code s - 1} with the accounts of
 * level {@code s} (the top stage, {@code s == levels()}, has no account above it).
 * <p>
 * Per obligation there are two firm-facing discharges: the debtor's side (what the debtor no longer owes) and the
 * creditor's side (what the creditor is no longer owed). For an obligation inside one community both are the plain
 * set-off; for one between communities the debtor's side is the discharge of the leg {@code debtor -> its
 * community's account} and the creditor's side that of {@code the creditor's community's account -> creditor}: the
 * rest of each side is owed to / by the community account (novated). The legs between accounts are aggregated per
 * ordered pair of accounts ({@link #accountArcCount()}), netted bilaterally and then cleared exactly.
 * <p>
 * Amounts in minor units. Immutable.
 */
public final class NovatedHierarchyResult
{
    private final ObligationNetwork network;
    private final int[][] groupsPerLevel;
    private final NovatedLayout layout;
    private final long[] debtorDischargedMinor;
    private final long[] creditorDischargedMinor;
    private final int[] arcStage;
    private final int[] arcTail;
    private final int[] arcHead;
    private final long[] arcAmountMinor;
    private final long[] arcNettedMinor;
    private final long[] arcClearedMinor;
    private final long[][] potentials;
    private final long flatClearedMinor;
    private final long[] receivableAfter;
    private final long[] payableAfter;

    NovatedHierarchyResult(
        final ObligationNetwork network, final int[][] groupsPerLevel, final NovatedLayout layout,
        final long[] debtorDischargedMinor, final long[] creditorDischargedMinor, final int[] arcStage,
        final int[] arcTail, final int[] arcHead, final long[] arcAmountMinor, final long[] arcNettedMinor,
        final long[] arcClearedMinor, final long[][] potentials, final long flatClearedMinor)
    {
        this.network = network;
        this.groupsPerLevel = groupsPerLevel;
        this.layout = layout;
        this.debtorDischargedMinor = debtorDischargedMinor;
        this.creditorDischargedMinor = creditorDischargedMinor;
        this.arcStage = arcStage;
        this.arcTail = arcTail;
        this.arcHead = arcHead;
        this.arcAmountMinor = arcAmountMinor;
        this.arcNettedMinor = arcNettedMinor;
        this.arcClearedMinor = arcClearedMinor;
        this.potentials = potentials;
        this.flatClearedMinor = flatClearedMinor;
        this.receivableAfter = new long[layout.nodeCount()];
        this.payableAfter = new long[layout.nodeCount()];
        exposures();
    }

    /**
     * A result as kept for a later audit, to be checked by {@link NovationVerifier#verify}: the discharges, the legs
     * between accounts and every stage's potentials as the run recorded them. Arrays are copied in.
     *
     * @param groupsPerLevel per level, the group of every participant of the network.
     * @param potentials     per stage (0 to levels), one potential per node.
     * @param flatClearedMinor the optimum of clearing flat, as reported (not part of the proof).
     * @throws IllegalArgumentException when the arrays do not fit the network and the groups.
     */
    public static NovatedHierarchyResult certified(
        final ObligationNetwork network, final int[][] groupsPerLevel, final long[] debtorDischargedMinor,
        final long[] creditorDischargedMinor, final int[] arcStage, final int[] arcTail, final int[] arcHead,
        final long[] arcAmountMinor, final long[] arcNettedMinor, final long[] arcClearedMinor,
        final long[][] potentials, final long flatClearedMinor)
    {
        final int levels = groupsPerLevel.length;
        final int[][] groups = new int[levels][];
        for (int level = 0; level < levels; level++)
        {
            groups[level] = groupsPerLevel[level].clone();
        }
        final NovatedLayout layout = NovatedLayout.of(network.participantCount(), groups);
        final int nodeCount = layout.nodeCount();
        final int obligations = network.obligationCount();
        final int arcs = arcTail.length;
        if (levels == 0 || debtorDischargedMinor.length != obligations ||
            creditorDischargedMinor.length != obligations || arcStage.length != arcs || arcHead.length != arcs ||
            arcAmountMinor.length != arcs || arcNettedMinor.length != arcs || arcClearedMinor.length != arcs ||
            potentials.length != levels + 1)
        {
            throw new IllegalArgumentException("a novated result needs both sides of " + obligations +
                " obligations, " + arcs + " complete arcs and the potentials of " + (levels + 1) + " stages");
        }
        final long[][] copied = new long[levels + 1][];
        for (int stage = 0; stage <= levels; stage++)
        {
            if (potentials[stage].length != nodeCount)
            {
                throw new IllegalArgumentException("stage " + stage + " has " + potentials[stage].length +
                    " potentials for " + nodeCount + " nodes");
            }
            copied[stage] = potentials[stage].clone();
        }
        for (int a = 0; a < arcs; a++)
        {
            if (arcTail[a] < 0 || arcTail[a] >= nodeCount || arcHead[a] < 0 || arcHead[a] >= nodeCount ||
                arcStage[a] < 1 || arcStage[a] > levels)
            {
                throw new IllegalArgumentException("arc " + a + " joins nodes " + arcTail[a] + " and " +
                    arcHead[a] + " at stage " + arcStage[a] + ", outside the " + nodeCount + " nodes and " + levels +
                    " levels");
            }
        }
        return new NovatedHierarchyResult(network, groups, layout, debtorDischargedMinor.clone(),
            creditorDischargedMinor.clone(), arcStage.clone(), arcTail.clone(), arcHead.clone(),
            arcAmountMinor.clone(), arcNettedMinor.clone(), arcClearedMinor.clone(), copied, flatClearedMinor);
    }

    private void exposures()
    {
        for (int i = 0; i < network.obligationCount(); i++)
        {
            if (!isInsideCommunity(i))
            {
                final long amount = network.amountMinor(i);
                receivableAfter[accountNode(0, groupsPerLevel[0][network.debtor(i)])] +=
                    amount - debtorDischargedMinor[i];
                payableAfter[accountNode(0, groupsPerLevel[0][network.creditor(i)])] +=
                    amount - creditorDischargedMinor[i];
            }
        }
        for (int a = 0; a < arcTail.length; a++)
        {
            final long left = arcAmountMinor[a] - arcNettedMinor[a] - arcClearedMinor[a];
            payableAfter[arcTail[a]] += left;
            receivableAfter[arcHead[a]] += left;
        }
    }

    /**
     * @return the network cleared.
     */
    public ObligationNetwork network()
    {
        return network;
    }

    /**
     * @return levels of groups given (communities, regions, ...); there are {@code levels() + 1} stages.
     */
    public int levels()
    {
        return layout.levels();
    }

    /**
     * @return the group of the participant at the level, as given.
     */
    public int group(final int level, final int participant)
    {
        return groupsPerLevel[level][participant];
    }

    /**
     * @return groups at the level: one more than the largest group number given.
     */
    public int groupCount(final int level)
    {
        return layout.groupCount(level);
    }

    /**
     * @return participants plus all accounts.
     */
    public int nodeCount()
    {
        return layout.nodeCount();
    }

    /**
     * @return the node of the clearing account of the group at the level.
     */
    public int accountNode(final int level, final int group)
    {
        return layout.accountNode(level, group);
    }

    /**
     * @return the level of the account at the node, or -1 when the node is a participant.
     */
    public int accountLevel(final int node)
    {
        return layout.accountLevel(node);
    }

    /**
     * @return the group whose account the node is; the node must be an account.
     */
    public int accountGroup(final int node)
    {
        return layout.accountGroup(node);
    }

    /**
     * @return whether debtor and creditor of the obligation are in the same community (a plain set-off) rather
     * than novated through community accounts.
     */
    public boolean isInsideCommunity(final int obligation)
    {
        return groupsPerLevel[0][network.debtor(obligation)] == groupsPerLevel[0][network.creditor(obligation)];
    }

    /**
     * @return how much of the debtor's debt under the obligation was discharged.
     */
    public long debtorDischargedMinor(final int obligation)
    {
        return debtorDischargedMinor[obligation];
    }

    /**
     * @return how much of the creditor's claim under the obligation was discharged.
     */
    public long creditorDischargedMinor(final int obligation)
    {
        return creditorDischargedMinor[obligation];
    }

    /**
     * @return debt of participants discharged, summed over obligations (debtor sides).
     */
    public long firmDebtDischargedMinor()
    {
        long total = 0;
        for (final long discharged : debtorDischargedMinor)
        {
            total += discharged;
        }
        return total;
    }

    /**
     * @return claims of participants discharged, summed over obligations (creditor sides).
     */
    public long firmClaimsDischargedMinor()
    {
        long total = 0;
        for (final long discharged : creditorDischargedMinor)
        {
            total += discharged;
        }
        return total;
    }

    /**
     * @return firm-facing sides discharged: {@link #firmDebtDischargedMinor()} plus
     * {@link #firmClaimsDischargedMinor()}, what stage 0 maximises. Clearing flat discharges both sides of every
     * obligation by its set-off, so its figure is twice {@link #flatClearedMinor()}; this is never below that.
     */
    public long firmSidesDischargedMinor()
    {
        return Math.addExact(firmDebtDischargedMinor(), firmClaimsDischargedMinor());
    }

    /**
     * @return the set-off of obligations inside one community.
     */
    public long insideCommunitiesClearedMinor()
    {
        long total = 0;
        for (int i = 0; i < debtorDischargedMinor.length; i++)
        {
            total += isInsideCommunity(i) ? debtorDischargedMinor[i] : 0;
        }
        return total;
    }

    /**
     * @return the legs between accounts: one per ordered pair of accounts with debt between them, ordered by stage,
     * then tail node, then head node.
     */
    public int accountArcCount()
    {
        return arcTail.length;
    }

    /**
     * @return the stage (1 to {@link #levels()}) whose run clears the arc.
     */
    public int accountArcStage(final int arc)
    {
        return arcStage[arc];
    }

    /**
     * @return the node that owes on the arc.
     */
    public int accountArcTail(final int arc)
    {
        return arcTail[arc];
    }

    /**
     * @return the node that is owed on the arc.
     */
    public int accountArcHead(final int arc)
    {
        return arcHead[arc];
    }

    /**
     * @return the aggregate of the legs on the arc.
     */
    public long accountArcAmountMinor(final int arc)
    {
        return arcAmountMinor[arc];
    }

    /**
     * @return the part discharged by bilateral netting against the opposite arc: the smaller of the two amounts.
     */
    public long accountArcNettedMinor(final int arc)
    {
        return arcNettedMinor[arc];
    }

    /**
     * @return the part discharged by the stage's exact clearing of what netting left.
     */
    public long accountArcClearedMinor(final int arc)
    {
        return arcClearedMinor[arc];
    }

    /**
     * @return what remains owed on the arc.
     */
    public long accountArcRemainderMinor(final int arc)
    {
        return arcAmountMinor[arc] - arcNettedMinor[arc] - arcClearedMinor[arc];
    }

    /**
     * @return per stage, debt between accounts before it: the sum of its arcs (0 for stage 0).
     */
    public long accountDebtMinor(final int stage)
    {
        return sumAtStage(arcAmountMinor, stage);
    }

    /**
     * @return per stage, debt between accounts discharged by bilateral netting.
     */
    public long accountNettedMinor(final int stage)
    {
        return sumAtStage(arcNettedMinor, stage);
    }

    /**
     * @return per stage, debt between accounts discharged by the exact clearing after netting.
     */
    public long accountClearedMinor(final int stage)
    {
        return sumAtStage(arcClearedMinor, stage);
    }

    private long sumAtStage(final long[] perArc, final int stage)
    {
        long total = 0;
        for (int a = 0; a < arcTail.length; a++)
        {
            total += arcStage[a] == stage ? perArc[a] : 0;
        }
        return total;
    }

    /**
     * @return what others owe the account at the node after the run (firms' novated debts, other accounts).
     */
    public long receivableAfterMinor(final int node)
    {
        return receivableAfter[node];
    }

    /**
     * @return what the account at the node owes others after the run. Equal to {@link #receivableAfterMinor(int)}:
     * an account's net position is zero before and after.
     */
    public long payableAfterMinor(final int node)
    {
        return payableAfter[node];
    }

    /**
     * @return the certificate of the stage's run: one potential per node (participants of the stage's run; others
     * hold 0). Stage 0 prices a set-off inside a community at 2 (both its sides) and a leg at 1.
     */
    public long potential(final int stage, final int node)
    {
        return potentials[stage][node];
    }

    /**
     * @return the optimum of clearing the whole network flat in one run, for comparison.
     */
    public long flatClearedMinor()
    {
        return flatClearedMinor;
    }
}
