package io.clearing.core.policy;

import io.clearing.core.api.AddResult;
import io.clearing.core.api.ClearingResult;
import io.clearing.core.api.ClearingSolver;
import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.api.Verification;
import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * The computation behind {@link HierarchicalClearing#solveNovated(ObligationNetwork, int[][])}; see
 * {@link NovatedHierarchyResult} for the nodes and stages.
 * <p>
 * Stage 0 is one {@link ClearingSolver} run over all communities side by side (they share no arc): per community its
 * firms, its account and, for every obligation inside it, a middle node splitting the obligation into two arcs, so
 * that a set-off inside a community earns 2 (the debtor's and the creditor's side) and a leg to or from the account
 * earns 1: the run maximises firm-facing sides discharged, exactly. Each later stage aggregates the legs between
 * accounts per ordered pair, nets every pair bilaterally and clears what is left with one more exact run. Every run
 * is certified by the solver; the whole result is checked by {@link NovationVerifier} before it is returned.
 * Costs one solver run per stage over O(participants + obligations) nodes and arcs.
 */
final class NovatedClearing
{
    private final ClearingSolver solver;
    private final ObligationNetwork network;
    private final int[][] groups;
    private final NovatedLayout layout;
    private final int nodeCount;
    private final String prefix;
    private final String[] nodeIds;

    private NovatedClearing(final ClearingSolver solver, final ObligationNetwork network, final int[][] groups)
    {
        this.solver = solver;
        this.network = network;
        this.groups = groups;
        this.layout = NovatedLayout.of(network.participantCount(), groups);
        this.nodeCount = layout.nodeCount();
        this.prefix = uniquePrefix(network);
        this.nodeIds = nodeIds();
    }

    static NovatedHierarchyResult solve(
        final ClearingSolver solver, final ObligationNetwork network, final int[][] groupsPerLevel)
    {
        if (network.totalDebtMinor() > Long.MAX_VALUE / 2)
        {
            throw new ArithmeticException("total debt " + network.totalDebtMinor() + " is above " +
                Long.MAX_VALUE / 2 + ": novation splits every obligation into two legs whose sum must fit a long");
        }
        final int[][] groups = checkedGroups(network, groupsPerLevel);
        final NovatedHierarchyResult result = new NovatedClearing(solver, network, groups).run();
        final Verification verification = NovationVerifier.verify(network, groups, result);
        if (!verification.ok())
        {
            throw new IllegalStateException("novated result failed its own verification: " + verification.message());
        }
        return result;
    }

    /**
     * Copies the groups and checks them: one group per participant at every level, none negative, and nested (all
     * members of a group of one level are in one group of the next).
     */
    private static int[][] checkedGroups(final ObligationNetwork network, final int[][] groupsPerLevel)
    {
        if (groupsPerLevel.length == 0)
        {
            throw new IllegalArgumentException("novation needs at least one level of groups (communities)");
        }
        final int participants = network.participantCount();
        final int[][] groups = new int[groupsPerLevel.length][];
        for (int level = 0; level < groups.length; level++)
        {
            groups[level] = groupsPerLevel[level].clone();
            if (groups[level].length != participants)
            {
                throw new IllegalArgumentException("level " + level + " has " + groups[level].length +
                    " groups for " + participants + " participants");
            }
            for (int p = 0; p < participants; p++)
            {
                if (groups[level][p] < 0)
                {
                    throw new IllegalArgumentException("level " + level + ": participant " +
                        network.participantId(p) + " has a negative group");
                }
            }
        }
        for (int level = 1; level < groups.length; level++)
        {
            final int[] above = new int[Arrays.stream(groups[level - 1]).max().orElse(-1) + 1];
            Arrays.fill(above, -1);
            for (int p = 0; p < participants; p++)
            {
                final int lower = groups[level - 1][p];
                if (above[lower] == -1)
                {
                    above[lower] = groups[level][p];
                }
                else if (above[lower] != groups[level][p])
                {
                    throw new IllegalArgumentException("level " + (level - 1) + " group " + lower +
                        " lies in two groups of level " + level + " (" + above[lower] + " and " + groups[level][p] +
                        "): novation needs nested groups");
                }
            }
        }
        return groups;
    }

    /**
     * @return a prefix no participant's id starts with, for the ids of accounts and middle nodes.
     */
    private static String uniquePrefix(final ObligationNetwork network)
    {
        String candidate = "*";
        boolean clash = true;
        while (clash)
        {
            clash = false;
            for (int p = 0; p < network.participantCount() && !clash; p++)
            {
                clash = network.participantId(p).startsWith(candidate);
            }
            if (clash)
            {
                candidate = candidate + "*";
            }
        }
        return candidate;
    }

    /**
     * Participants keep their ids; accounts get ids under the unique prefix.
     */
    private String[] nodeIds()
    {
        final String[] ids = new String[nodeCount];
        for (int p = 0; p < network.participantCount(); p++)
        {
            ids[p] = network.participantId(p);
        }
        for (int level = 0; level < layout.levels(); level++)
        {
            for (int g = 0; g < layout.groupCount(level); g++)
            {
                ids[layout.accountNode(level, g)] = prefix + "account:" + level + ":" + g;
            }
        }
        return ids;
    }

    private NovatedHierarchyResult run()
    {
        final int obligations = network.obligationCount();
        final int stages = groups.length + 1;
        final long[][] potentials = new long[stages][];
        final long[] debtorSide = new long[obligations];
        final long[] creditorSide = new long[obligations];
        potentials[0] = clearCommunities(debtorSide, creditorSide);

        final ArcList arcs = new ArcList();
        for (int stage = 1; stage < stages; stage++)
        {
            potentials[stage] = clearAccounts(stage, arcs);
        }
        final long flat = solver.solve(network).clearedMinor();
        return new NovatedHierarchyResult(network, groups, layout, debtorSide, creditorSide,
            Arrays.copyOf(arcs.stage, arcs.count), Arrays.copyOf(arcs.tail, arcs.count),
            Arrays.copyOf(arcs.head, arcs.count), Arrays.copyOf(arcs.amount, arcs.count),
            Arrays.copyOf(arcs.netted, arcs.count), Arrays.copyOf(arcs.cleared, arcs.count), potentials, flat);
    }

    private int account(final int level, final int participant)
    {
        return layout.accountNode(level, groups[level][participant]);
    }

    /**
     * Stage 0: every community's firms with its account; an obligation inside a community runs through a middle node
     * of its own so that its set-off counts twice.
     *
     * @return the potentials of the participants and accounts.
     */
    private long[] clearCommunities(final long[] debtorSide, final long[] creditorSide)
    {
        final int obligations = network.obligationCount();
        final ObligationNetwork.Builder builder = ObligationNetwork.builder(obligations * 2);
        for (int node = 0; node < nodeCount; node++)
        {
            builder.participant(nodeIds[node]);
        }
        final int[] debtorArc = new int[obligations];
        final int[] creditorArc = new int[obligations];
        for (int i = 0; i < obligations; i++)
        {
            final int debtor = network.debtor(i);
            final int creditor = network.creditor(i);
            final long amount = network.amountMinor(i);
            final int from;
            final int to;
            if (groups[0][debtor] == groups[0][creditor])
            {
                final int middle = builder.participant(prefix + "set-off:" + i);
                from = middle;
                to = middle;
            }
            else
            {
                from = account(0, debtor);
                to = account(0, creditor);
            }
            debtorArc[i] = builder.obligationCount();
            add(builder, debtor, from, amount);
            creditorArc[i] = builder.obligationCount();
            add(builder, to, creditor, amount);
        }
        final ClearingResult result = solver.solve(builder.build());
        for (int i = 0; i < obligations; i++)
        {
            debtorSide[i] = result.setOffMinor(debtorArc[i]);
            creditorSide[i] = result.setOffMinor(creditorArc[i]);
        }
        return Arrays.copyOf(result.potentials(), nodeCount);
    }

    /**
     * Stage 1 and up: the legs between accounts that this stage carries, aggregated per ordered pair, netted
     * bilaterally, the rest cleared exactly.
     *
     * @return the potentials of the stage's run.
     */
    private long[] clearAccounts(final int stage, final ArcList arcs)
    {
        final Long2LongHashMap aggregate = new Long2LongHashMap(Long.MIN_VALUE);
        for (int i = 0; i < network.obligationCount(); i++)
        {
            final int debtor = network.debtor(i);
            final int creditor = network.creditor(i);
            final int meet = meetingLevel(debtor, creditor);
            if (meet == 0 || stage > meet)
            {
                continue;
            }
            final long amount = network.amountMinor(i);
            if (stage == meet)
            {
                addLeg(aggregate, account(stage - 1, debtor), account(stage - 1, creditor), amount);
            }
            else
            {
                addLeg(aggregate, account(stage - 1, debtor), account(stage, debtor), amount);
                addLeg(aggregate, account(stage, creditor), account(stage - 1, creditor), amount);
            }
        }
        final long[] keys = new long[aggregate.size()];
        final Long2LongHashMap.KeyIterator iterator = aggregate.keySet().iterator();
        for (int k = 0; k < keys.length; k++)
        {
            keys[k] = iterator.nextValue();
        }
        Arrays.sort(keys);

        final ObligationNetwork.Builder builder = ObligationNetwork.builder(keys.length);
        for (int node = 0; node < nodeCount; node++)
        {
            builder.participant(nodeIds[node]);
        }
        final int first = arcs.count;
        final int[] solverArc = new int[keys.length];
        for (int k = 0; k < keys.length; k++)
        {
            final int tail = (int)(keys[k] / nodeCount);
            final int head = (int)(keys[k] % nodeCount);
            final long amount = aggregate.get(keys[k]);
            final long opposite = aggregate.get((long)head * nodeCount + tail);
            final long netted = opposite == Long.MIN_VALUE ? 0 : Math.min(amount, opposite);
            arcs.add(stage, tail, head, amount, netted);
            solverArc[k] = -1;
            if (amount > netted)
            {
                solverArc[k] = builder.obligationCount();
                add(builder, tail, head, amount - netted);
            }
        }
        final ClearingResult result = solver.solve(builder.build());
        for (int k = 0; k < keys.length; k++)
        {
            arcs.cleared[first + k] = solverArc[k] < 0 ? 0 : result.setOffMinor(solverArc[k]);
        }
        return Arrays.copyOf(result.potentials(), nodeCount);
    }

    /**
     * @return the lowest level at which debtor and creditor share a group (0: same community), or the number of
     * levels when they share none (they meet at the top).
     */
    private int meetingLevel(final int debtor, final int creditor)
    {
        for (int level = 0; level < groups.length; level++)
        {
            if (groups[level][debtor] == groups[level][creditor])
            {
                return level;
            }
        }
        return groups.length;
    }

    private void addLeg(final Long2LongHashMap aggregate, final int tail, final int head, final long amount)
    {
        final long key = (long)tail * nodeCount + head;
        final long before = aggregate.get(key);
        aggregate.put(key, before == Long.MIN_VALUE ? amount : Math.addExact(before, amount));
    }

    private static void add(final ObligationNetwork.Builder builder, final int tail, final int head, final long amount)
    {
        final AddResult added = builder.addByIndex(null, tail, head, amount);
        if (added != AddResult.ACCEPTED)
        {
            throw new IllegalStateException("leg " + tail + " -> " + head + " of " + amount + " refused: " + added);
        }
    }

    /**
     * The arcs between accounts of all stages, growing.
     */
    private static final class ArcList
    {
        int count;
        int[] stage = new int[16];
        int[] tail = new int[16];
        int[] head = new int[16];
        long[] amount = new long[16];
        long[] netted = new long[16];
        long[] cleared = new long[16];

        void add(final int arcStage, final int arcTail, final int arcHead, final long arcAmount, final long arcNetted)
        {
            if (count == tail.length)
            {
                final int length = count * 2;
                stage = Arrays.copyOf(stage, length);
                tail = Arrays.copyOf(tail, length);
                head = Arrays.copyOf(head, length);
                amount = Arrays.copyOf(amount, length);
                netted = Arrays.copyOf(netted, length);
                cleared = Arrays.copyOf(cleared, length);
            }
            stage[count] = arcStage;
            tail[count] = arcTail;
            head[count] = arcHead;
            amount[count] = arcAmount;
            netted[count] = arcNetted;
            count++;
        }
    }
}
