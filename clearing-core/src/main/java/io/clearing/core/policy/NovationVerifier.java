package io.clearing.core.policy;

import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.api.Verification;
import org.agrona.collections.Long2LongHashMap;

/**
 * Checks a {@link NovatedHierarchyResult} against the network and the groups alone, rebuilding every leg itself:
 * <ul>
 * <li>bounds: both sides of every obligation within {@code [0, amount]}, both sides equal for an obligation inside
 * one community; every arc between accounts exactly the aggregate of its legs, its netted part exactly the smaller
 * of it and the opposite arc, its cleared part within what netting left;</li>
 * <li>conservation at every node of every stage, firms and accounts alike: what a node is discharged of as debtor
 * equals what it is discharged of as creditor, so every firm's and every account's net position is unchanged;</li>
 * <li>optimality of every stage: the result's potentials satisfy complementary slackness (as in
 * {@link io.clearing.core.api.CertificateVerifier}) with a price of 2 per unit set off inside a community and 1 per
 * unit of a leg (stage 0), 1 per unit of what netting left between accounts (later stages).</li>
 * </ul>
 * Costs O(levels x (obligations + nodes)). Stateless.
 */
public final class NovationVerifier
{
    private static final long INSIDE_PRICE = 2;
    private static final long LEG_PRICE = 1;

    private NovationVerifier()
    {
    }

    /**
     * @param network        the obligations.
     * @param groupsPerLevel the groups the result was computed for.
     * @param result         the claimed result.
     * @return ok with the firm-facing sides discharged as {@code clearedMinor}, or the first violation found.
     */
    public static Verification verify(
        final ObligationNetwork network, final int[][] groupsPerLevel, final NovatedHierarchyResult result)
    {
        final int levels = groupsPerLevel.length;
        if (result.network().obligationCount() != network.obligationCount() || result.levels() != levels)
        {
            return failed("the result is for another network or another number of levels");
        }
        final NovatedLayout layout;
        try
        {
            layout = NovatedLayout.of(network.participantCount(), groupsPerLevel);
        }
        catch (final IllegalArgumentException ex)
        {
            return failed(ex.getMessage());
        }
        for (int level = 0; level < levels; level++)
        {
            if (result.groupCount(level) != layout.groupCount(level) ||
                result.accountNode(level, 0) != layout.accountNode(level, 0))
            {
                return failed("level " + level + ": the result numbers the accounts differently");
            }
        }
        final String stage0 = checkCommunities(network, groupsPerLevel, layout, result);
        if (stage0 != null)
        {
            return failed("stage 0: " + stage0);
        }
        for (int stage = 1; stage <= levels; stage++)
        {
            final String problem = checkAccounts(network, groupsPerLevel, layout, stage, result);
            if (problem != null)
            {
                return failed("stage " + stage + ": " + problem);
            }
        }
        return new Verification(true, "", result.firmSidesDischargedMinor());
    }

    private static String checkCommunities(
        final ObligationNetwork network, final int[][] groups, final NovatedLayout layout,
        final NovatedHierarchyResult result)
    {
        final long[] balance = new long[layout.nodeCount()];
        String slack = null;
        for (int i = 0; i < network.obligationCount(); i++)
        {
            final int debtor = network.debtor(i);
            final int creditor = network.creditor(i);
            final long amount = network.amountMinor(i);
            final long debtorSide = result.debtorDischargedMinor(i);
            final long creditorSide = result.creditorDischargedMinor(i);
            final String id = "obligation " + network.obligationId(i);
            if (debtorSide < 0 || debtorSide > amount || creditorSide < 0 || creditorSide > amount)
            {
                return id + ": sides discharged " + debtorSide + " and " + creditorSide + " outside [0, " + amount +
                    "]";
            }
            if (groups[0][debtor] == groups[0][creditor])
            {
                if (debtorSide != creditorSide)
                {
                    return id + " is inside one community but its sides are discharged by " + debtorSide + " and " +
                        creditorSide;
                }
                balance[debtor] -= debtorSide;
                balance[creditor] += creditorSide;
                if (slack == null)
                {
                    slack = slackness(id, debtorSide, amount, result.potential(0, debtor),
                        result.potential(0, creditor), INSIDE_PRICE);
                }
                continue;
            }
            final int debtorAccount = layout.accountNode(0, groups[0][debtor]);
            final int creditorAccount = layout.accountNode(0, groups[0][creditor]);
            balance[debtor] -= debtorSide;
            balance[debtorAccount] += debtorSide;
            balance[creditorAccount] -= creditorSide;
            balance[creditor] += creditorSide;
            if (slack == null)
            {
                slack = slackness(id + " (debtor's leg)", debtorSide, amount, result.potential(0, debtor),
                    result.potential(0, debtorAccount), LEG_PRICE);
            }
            if (slack == null)
            {
                slack = slackness(id + " (creditor's leg)", creditorSide, amount,
                    result.potential(0, creditorAccount), result.potential(0, creditor), LEG_PRICE);
            }
        }
        final String unbalanced = unbalanced(network, layout, balance);
        return unbalanced != null ? unbalanced : slack;
    }

    private static String checkAccounts(
        final ObligationNetwork network, final int[][] groups, final NovatedLayout layout, final int stage,
        final NovatedHierarchyResult result)
    {
        final int nodeCount = layout.nodeCount();
        final Long2LongHashMap expected = new Long2LongHashMap(Long.MIN_VALUE);
        for (int i = 0; i < network.obligationCount(); i++)
        {
            final int debtor = network.debtor(i);
            final int creditor = network.creditor(i);
            if (groups[stage - 1][debtor] == groups[stage - 1][creditor])
            {
                continue;
            }
            final int debtorBelow = layout.accountNode(stage - 1, groups[stage - 1][debtor]);
            final int creditorBelow = layout.accountNode(stage - 1, groups[stage - 1][creditor]);
            final boolean meetHere = stage == groups.length || groups[stage][debtor] == groups[stage][creditor];
            if (meetHere)
            {
                expect(expected, nodeCount, debtorBelow, creditorBelow, network.amountMinor(i));
            }
            else
            {
                expect(expected, nodeCount, debtorBelow, layout.accountNode(stage, groups[stage][debtor]),
                    network.amountMinor(i));
                expect(expected, nodeCount, layout.accountNode(stage, groups[stage][creditor]), creditorBelow,
                    network.amountMinor(i));
            }
        }
        final Long2LongHashMap unseen = new Long2LongHashMap(expected);
        final long[] balance = new long[nodeCount];
        String slack = null;
        for (int a = 0; a < result.accountArcCount(); a++)
        {
            if (result.accountArcStage(a) != stage)
            {
                continue;
            }
            final int tail = result.accountArcTail(a);
            final int head = result.accountArcHead(a);
            if (tail < 0 || tail >= nodeCount || head < 0 || head >= nodeCount)
            {
                return "arc " + a + " names a node that does not exist";
            }
            final String id = "arc " + node(network, layout, tail) + " -> " + node(network, layout, head);
            final long key = (long)tail * nodeCount + head;
            final long amount = result.accountArcAmountMinor(a);
            if (unseen.get(key) != amount)
            {
                return id + ": amount " + amount + " but its legs add up to " +
                    (expected.get(key) == Long.MIN_VALUE ? "nothing" : expected.get(key)) +
                    (expected.get(key) != Long.MIN_VALUE && unseen.get(key) == Long.MIN_VALUE ? " (listed twice)" : "");
            }
            unseen.remove(key);
            final long opposite = expected.get((long)head * nodeCount + tail);
            final long netting = opposite == Long.MIN_VALUE ? 0 : Math.min(amount, opposite);
            final long netted = result.accountArcNettedMinor(a);
            final long cleared = result.accountArcClearedMinor(a);
            if (netted != netting)
            {
                return id + ": netted " + netted + " but bilateral netting against the opposite arc gives " + netting;
            }
            if (cleared < 0 || cleared > amount - netted)
            {
                return id + ": cleared " + cleared + " outside [0, " + (amount - netted) + "] left after netting";
            }
            balance[tail] -= netted + cleared;
            balance[head] += netted + cleared;
            if (amount > netted && slack == null)
            {
                slack = slackness(id, cleared, amount - netted, result.potential(stage, tail),
                    result.potential(stage, head), LEG_PRICE);
            }
        }
        if (!unseen.isEmpty())
        {
            final long key = unseen.keySet().iterator().nextValue();
            return "arc " + node(network, layout, (int)(key / nodeCount)) + " -> " +
                node(network, layout, (int)(key % nodeCount)) + " of " + unseen.get(key) + " is missing";
        }
        final String unbalanced = unbalanced(network, layout, balance);
        return unbalanced != null ? unbalanced : slack;
    }

    private static void expect(
        final Long2LongHashMap expected, final int nodeCount, final int tail, final int head, final long amount)
    {
        final long key = (long)tail * nodeCount + head;
        final long before = expected.get(key);
        expected.put(key, before == Long.MIN_VALUE ? amount : Math.addExact(before, amount));
    }

    /**
     * Complementary slackness for an arc earning {@code price} per unit: discharged at all means the potentials rise
     * by at most the price from tail to head, left undischarged means by at least the price.
     */
    private static String slackness(
        final String id, final long flow, final long capacity, final long tailPotential, final long headPotential,
        final long price)
    {
        final long rise;
        try
        {
            rise = Math.subtractExact(headPotential, tailPotential);
        }
        catch (final ArithmeticException ex)
        {
            return id + ": potentials " + tailPotential + " and " + headPotential + " differ by more than a long holds";
        }
        if (flow > 0 && rise > price)
        {
            return id + ": discharged " + flow + " but potentials rise by " + rise + " > " + price;
        }
        if (flow < capacity && rise < price)
        {
            return id + ": " + (capacity - flow) + " left but potentials rise by " + rise + " < " + price +
                ": more could be discharged";
        }
        return null;
    }

    private static String unbalanced(final ObligationNetwork network, final NovatedLayout layout, final long[] balance)
    {
        for (int node = 0; node < balance.length; node++)
        {
            if (balance[node] != 0)
            {
                return node(network, layout, node) + ": discharges are not a circulation, net position would change " +
                    "by " + balance[node];
            }
        }
        return null;
    }

    private static String node(final ObligationNetwork network, final NovatedLayout layout, final int node)
    {
        if (node < network.participantCount())
        {
            return "participant " + network.participantId(node);
        }
        return "account of level " + layout.accountLevel(node) + " group " + layout.accountGroup(node);
    }

    private static Verification failed(final String message)
    {
        return new Verification(false, message, -1);
    }
}
