package io.clearing.core.policy;

import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.api.Verification;
import io.clearing.core.support.NaiveMinCostCirculation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static io.clearing.core.support.SeededCases.forEachSeed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Clearing by novation through community and region accounts against the naive min-cost circulation oracle on
 * graphs the test builds itself, with conservation, bounds and bilateral netting checked on every result.
 */
class NovatedHierarchyTest
{
    private final HierarchicalClearing hierarchy = new HierarchicalClearing();

    @Test
    void shouldMatchTheOracleAtEveryStageAndNeverDischargeFewerSidesThanFlat()
    {
        final int[] pooled = new int[1];
        forEachSeed(30_000_000, 1_500, seed ->
        {
            final SplittableRandom random = new SplittableRandom(seed);
            final int participants = 3 + random.nextInt(8);
            final int communities = 2 + random.nextInt(4);
            final int[] community = new int[participants];
            final int[] region = new int[participants];
            final int[] federation = new int[participants];
            for (int p = 0; p < participants; p++)
            {
                community[p] = random.nextInt(communities);
                region[p] = community[p] / 2;
                federation[p] = community[p] / 4;
            }
            final int[][] groups = switch (random.nextInt(3))
            {
                case 0 -> new int[][]{community};
                case 1 -> new int[][]{community, region};
                default -> new int[][]{community, region, federation};
            };
            final ObligationNetwork network = network(random, participants, community);

            final NovatedHierarchyResult result = hierarchy.solveNovated(network, groups);

            final Verification verification = NovationVerifier.verify(network, groups, result);
            assertThat(verification.ok()).as(verification.message()).isTrue();
            assertThat(result.firmSidesDischargedMinor()).as("stage 0 against the oracle")
                .isEqualTo(communityOptimum(network, community));
            assertAccountStagesMatchOracle(network, groups, result);
            assertPositionsUnchanged(network, result);
            final long flat = flatOptimum(network);
            assertThat(result.flatClearedMinor()).as("flat").isEqualTo(flat);
            assertThat(result.firmSidesDischargedMinor()).as("firm sides vs flat").isGreaterThanOrEqualTo(2 * flat);
            if (result.firmSidesDischargedMinor() > 2 * flat)
            {
                pooled[0]++;
            }
        });
        assertThat(pooled[0]).as("networks where pooling in the accounts discharges more than flat").isPositive();
    }

    @Test
    void shouldDischargeThroughTheCommunityAccountWhenNoCycleClosesBetweenFirms()
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        builder.add("a1", "b1", 10);
        builder.add("b2", "a1", 10);
        final ObligationNetwork network = builder.build();
        final int[] community = {0, 1, 1};

        final NovatedHierarchyResult result = hierarchy.solveNovated(network, new int[][]{community});

        assertThat(result.flatClearedMinor()).as("no cycle between firms").isZero();
        assertThat(result.debtorDischargedMinor(0)).as("a1's debt to b1, now to its account").isEqualTo(10);
        assertThat(result.creditorDischargedMinor(1)).as("a1's claim on b2").isEqualTo(10);
        assertThat(result.creditorDischargedMinor(0)).as("b1 is still owed, by B's account").isZero();
        assertThat(result.debtorDischargedMinor(1)).as("b2 still owes, to B's account").isZero();
        assertThat(result.firmSidesDischargedMinor()).isEqualTo(20);
        assertThat(result.accountArcCount()).as("A* -> B* and B* -> A*").isEqualTo(2);
        assertThat(result.accountNettedMinor(1)).as("netted both ways").isEqualTo(20);
        final int accountA = result.accountNode(0, 0);
        final int accountB = result.accountNode(0, 1);
        assertThat(result.receivableAfterMinor(accountA)).isZero();
        assertThat(result.payableAfterMinor(accountA)).isZero();
        assertThat(result.receivableAfterMinor(accountB)).as("b2 owes B*").isEqualTo(10);
        assertThat(result.payableAfterMinor(accountB)).as("B* owes b1").isEqualTo(10);
    }

    @Test
    void shouldNetCommunityPairsAndClearTheRegionsCycleWhenThreeCommunitiesTradeInARing()
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        builder.add("a", "b", 30);
        builder.add("b", "a", 10);
        builder.add("b", "c", 25);
        builder.add("c", "a", 20);
        final ObligationNetwork network = builder.build();
        final int[] community = {0, 1, 2};
        final int[] region = {0, 0, 0};

        final NovatedHierarchyResult result = hierarchy.solveNovated(network, new int[][]{community, region});

        assertThat(result.accountNettedMinor(1)).as("A*<->B* netted by 10 each way").isEqualTo(20);
        assertThat(result.accountClearedMinor(1)).as("ring A* -> B* -> C* -> A* of 20 after netting").isEqualTo(60);
        assertThat(result.accountDebtMinor(2)).as("nothing crosses regions").isZero();
        assertThat(result.flatClearedMinor()).as("2-cycle a-b of 10, 3-cycle of 20").isEqualTo(80);
        assertThat(result.firmSidesDischargedMinor()).as("both sides of flat's 80").isEqualTo(160);
    }

    @Test
    void shouldRejectBrokenResultsWhenVerifying()
    {
        final ObligationNetwork network = example();
        final int[][] groups = exampleGroups();
        final NovatedHierarchyResult result = hierarchy.solveNovated(network, groups);
        assertThat(NovationVerifier.verify(network, groups, result).ok()).isTrue();
        int novated = -1;
        int inside = -1;
        for (int i = 0; i < network.obligationCount(); i++)
        {
            if (!result.isInsideCommunity(i) && result.debtorDischargedMinor(i) > 0 && novated < 0)
            {
                novated = i;
            }
            if (result.isInsideCommunity(i) && result.debtorDischargedMinor(i) > 0 && inside < 0)
            {
                inside = i;
            }
        }
        assertThat(novated).isNotNegative();
        assertThat(inside).isNotNegative();

        final long d = result.debtorDischargedMinor(novated);
        final long e = result.creditorDischargedMinor(novated);
        assertThat(NovationVerifier.verify(network, groups, withSides(result, novated, d - 1, e)).message())
            .contains("not a circulation");
        assertThat(NovationVerifier.verify(network, groups, withSides(result, novated, network.amountMinor(novated) + 1,
            e)).message()).contains("outside [0, " + network.amountMinor(novated) + "]");
        final long c = result.debtorDischargedMinor(inside);
        assertThat(NovationVerifier.verify(network, groups, withSides(result, inside, c, c - 1)).message())
            .contains("inside one community but its sides");
        assertThat(result.accountArcCount()).isPositive();
        final long netted = result.accountArcNettedMinor(0);
        final long cleared = result.accountArcClearedMinor(0);
        assertThat(NovationVerifier.verify(network, groups, withAccountArc(result, 0, netted + 1, cleared)).ok())
            .isFalse();
        assertThat(NovationVerifier.verify(network, groups,
            withAccountArc(result, 0, netted, result.accountArcAmountMinor(0) - netted + 1)).message())
            .contains("left after netting");
        NovatedHierarchyResult nothing = result;
        for (int i = 0; i < network.obligationCount(); i++)
        {
            nothing = withSides(nothing, i, 0, 0);
        }
        assertThat(NovationVerifier.verify(network, groups, nothing).message()).contains("more could be discharged");
    }

    @Test
    void shouldGiveTheSameResultWhenRunTwice()
    {
        final NovatedHierarchyResult first = hierarchy.solveNovated(example(), exampleGroups());
        final NovatedHierarchyResult second = hierarchy.solveNovated(example(), exampleGroups());

        for (int i = 0; i < first.network().obligationCount(); i++)
        {
            assertThat(second.debtorDischargedMinor(i)).isEqualTo(first.debtorDischargedMinor(i));
            assertThat(second.creditorDischargedMinor(i)).isEqualTo(first.creditorDischargedMinor(i));
        }
        assertThat(second.accountArcCount()).isEqualTo(first.accountArcCount());
        for (int a = 0; a < first.accountArcCount(); a++)
        {
            assertThat(second.accountArcTail(a)).isEqualTo(first.accountArcTail(a));
            assertThat(second.accountArcHead(a)).isEqualTo(first.accountArcHead(a));
            assertThat(second.accountArcClearedMinor(a)).isEqualTo(first.accountArcClearedMinor(a));
        }
    }

    @Test
    void shouldRefuseANetworkWhoseLegsWouldOverflow()
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        builder.add("a", "b", Long.MAX_VALUE / 2);
        builder.add("b", "a", 2);
        final ObligationNetwork network = builder.build();

        assertThatThrownBy(() -> hierarchy.solveNovated(network, new int[][]{{0, 1}}))
            .isInstanceOf(ArithmeticException.class).hasMessageContaining("two legs");
    }

    @Test
    void shouldRefuseGroupsThatDoNotNest()
    {
        final ObligationNetwork network = example();
        final int[] community = exampleGroups()[0].clone();
        final int[] region = exampleGroups()[1].clone();
        region[0] = 1 - region[0];

        assertThatThrownBy(() -> hierarchy.solveNovated(network, new int[][]{community, region}))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nested");
    }

    /**
     * A copy of the result with both sides of one obligation changed (the result's own data, through its getters).
     */
    private static NovatedHierarchyResult withSides(
        final NovatedHierarchyResult result, final int obligation, final long debtorSide, final long creditorSide)
    {
        return copy(result, obligation, debtorSide, creditorSide, -1, 0, 0);
    }

    /**
     * A copy of the result with the netted and cleared parts of one account arc changed.
     */
    private static NovatedHierarchyResult withAccountArc(
        final NovatedHierarchyResult result, final int arc, final long netted, final long cleared)
    {
        return copy(result, -1, 0, 0, arc, netted, cleared);
    }

    private static NovatedHierarchyResult copy(
        final NovatedHierarchyResult result, final int obligation, final long debtorSide, final long creditorSide,
        final int arc, final long netted, final long cleared)
    {
        final ObligationNetwork network = result.network();
        final int levels = result.levels();
        final int[][] groups = new int[levels][network.participantCount()];
        for (int level = 0; level < levels; level++)
        {
            for (int p = 0; p < network.participantCount(); p++)
            {
                groups[level][p] = result.group(level, p);
            }
        }
        final long[] debtor = new long[network.obligationCount()];
        final long[] creditor = new long[network.obligationCount()];
        for (int i = 0; i < debtor.length; i++)
        {
            debtor[i] = i == obligation ? debtorSide : result.debtorDischargedMinor(i);
            creditor[i] = i == obligation ? creditorSide : result.creditorDischargedMinor(i);
        }
        final int arcs = result.accountArcCount();
        final int[] stage = new int[arcs];
        final int[] tail = new int[arcs];
        final int[] head = new int[arcs];
        final long[] amount = new long[arcs];
        final long[] nettedParts = new long[arcs];
        final long[] clearedParts = new long[arcs];
        for (int a = 0; a < arcs; a++)
        {
            stage[a] = result.accountArcStage(a);
            tail[a] = result.accountArcTail(a);
            head[a] = result.accountArcHead(a);
            amount[a] = result.accountArcAmountMinor(a);
            nettedParts[a] = a == arc ? netted : result.accountArcNettedMinor(a);
            clearedParts[a] = a == arc ? cleared : result.accountArcClearedMinor(a);
        }
        final long[][] potentials = new long[levels + 1][result.nodeCount()];
        for (int s = 0; s <= levels; s++)
        {
            for (int node = 0; node < result.nodeCount(); node++)
            {
                potentials[s][node] = result.potential(s, node);
            }
        }
        return new NovatedHierarchyResult(network, groups, NovatedLayout.of(network.participantCount(), groups), debtor,
            creditor, stage, tail, head, amount, nettedParts, clearedParts, potentials, result.flatClearedMinor());
    }

    /**
     * docs/examples/hierarchy: lakeside (bakery, mill, farm) and hillside (cafe, printer) in region north, harbour
     * (garage, hotel) in region south.
     */
    private static ObligationNetwork example()
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        for (final String name : new String[]{"bakery", "mill", "farm", "cafe", "printer", "garage", "hotel"})
        {
            builder.participant(name);
        }
        builder.add("bakery", "mill", 10000);
        builder.add("mill", "farm", 10000);
        builder.add("farm", "bakery", 10000);
        builder.add("mill", "cafe", 5000);
        builder.add("cafe", "printer", 5000);
        builder.add("printer", "mill", 5000);
        builder.add("printer", "garage", 4000);
        builder.add("garage", "printer", 4000);
        builder.add("garage", "hotel", 3000);
        builder.add("hotel", "garage", 3000);
        builder.add("hotel", "bakery", 3000);
        builder.add("bakery", "garage", 3000);
        return builder.build();
    }

    private static int[][] exampleGroups()
    {
        return new int[][]{{0, 0, 0, 1, 1, 2, 2}, {0, 0, 0, 0, 0, 1, 1}};
    }

    private static ObligationNetwork network(final SplittableRandom random, final int participants, final int[] community)
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        for (int p = 0; p < participants; p++)
        {
            builder.participant("P" + p);
        }
        final int obligations = 2 + random.nextInt(14);
        for (int i = 0; i < obligations; i++)
        {
            final int debtor = random.nextInt(participants);
            int creditor = (debtor + 1 + random.nextInt(participants - 1)) % participants;
            if (community[creditor] != community[debtor] && random.nextInt(3) == 0)
            {
                creditor = (debtor + 1 + random.nextInt(participants - 1)) % participants;
            }
            builder.add("P" + debtor, "P" + creditor, 1 + random.nextInt(30));
        }
        return builder.build();
    }

    /**
     * The oracle's stage 0: nodes are the participants and one account per community; an obligation inside a
     * community is one arc earning 2 per unit, one between communities two legs earning 1 each.
     */
    private static long communityOptimum(final ObligationNetwork network, final int[] community)
    {
        final int participants = network.participantCount();
        final List<long[]> arcs = new ArrayList<>();
        for (int i = 0; i < network.obligationCount(); i++)
        {
            final int d = network.debtor(i);
            final int c = network.creditor(i);
            final long amount = network.amountMinor(i);
            if (community[d] == community[c])
            {
                arcs.add(new long[]{d, c, amount, -2});
            }
            else
            {
                arcs.add(new long[]{d, participants + community[d], amount, -1});
                arcs.add(new long[]{participants + community[c], c, amount, -1});
            }
        }
        int nodes = participants;
        for (final int group : community)
        {
            nodes = Math.max(nodes, participants + group + 1);
        }
        return -oracle(nodes, arcs, true);
    }

    private static long flatOptimum(final ObligationNetwork network)
    {
        final List<long[]> arcs = new ArrayList<>();
        for (int i = 0; i < network.obligationCount(); i++)
        {
            arcs.add(new long[]{network.debtor(i), network.creditor(i), network.amountMinor(i), -1});
        }
        return -oracle(network.participantCount(), arcs, true);
    }

    private static long oracle(final int nodes, final List<long[]> arcs, final boolean cost)
    {
        final int[] tail = new int[arcs.size()];
        final int[] head = new int[arcs.size()];
        final long[] capacity = new long[arcs.size()];
        final long[] unitCost = new long[arcs.size()];
        for (int k = 0; k < tail.length; k++)
        {
            tail[k] = (int)arcs.get(k)[0];
            head[k] = (int)arcs.get(k)[1];
            capacity[k] = arcs.get(k)[2];
            unitCost[k] = cost ? arcs.get(k)[3] : -1;
        }
        return NaiveMinCostCirculation.solve(nodes, tail, head, capacity, unitCost).totalCost();
    }

    /**
     * The stages above communities, rebuilt from each obligation's path of accounts (up from the debtor's community
     * until the groups meet, then down to the creditor's): per stage the pair totals, their bilateral netting and
     * the oracle's optimum of what netting leaves.
     */
    private static void assertAccountStagesMatchOracle(
        final ObligationNetwork network, final int[][] groups, final NovatedHierarchyResult result)
    {
        final int levels = groups.length;
        final List<Map<String, Long>> legs = new ArrayList<>();
        for (int stage = 0; stage <= levels; stage++)
        {
            legs.add(new TreeMap<>());
        }
        for (int i = 0; i < network.obligationCount(); i++)
        {
            final int d = network.debtor(i);
            final int c = network.creditor(i);
            final List<String> path = new ArrayList<>();
            final List<String> down = new ArrayList<>();
            int level = 0;
            while (level < levels && groups[level][d] != groups[level][c])
            {
                path.add(level + ":" + groups[level][d]);
                down.add(0, level + ":" + groups[level][c]);
                level++;
            }
            path.addAll(down);
            for (int k = 0; k + 1 < path.size(); k++)
            {
                final int stage = Math.min(levelOf(path.get(k)), levelOf(path.get(k + 1))) + 1;
                legs.get(stage).merge(path.get(k) + ">" + path.get(k + 1), network.amountMinor(i), Long::sum);
            }
        }
        for (int stage = 1; stage <= levels; stage++)
        {
            final Map<String, Long> pairs = legs.get(stage);
            final Map<String, Integer> node = new TreeMap<>();
            final List<long[]> arcs = new ArrayList<>();
            long debt = 0;
            long netted = 0;
            for (final Map.Entry<String, Long> pair : pairs.entrySet())
            {
                final String[] ends = pair.getKey().split(">");
                final long opposite = pairs.getOrDefault(ends[1] + ">" + ends[0], 0L);
                final long net = Math.min(pair.getValue(), opposite);
                debt += pair.getValue();
                netted += net;
                if (pair.getValue() > net)
                {
                    arcs.add(new long[]{node.computeIfAbsent(ends[0], k -> node.size()),
                        node.computeIfAbsent(ends[1], k -> node.size()), pair.getValue() - net, -1});
                }
            }
            assertThat(result.accountDebtMinor(stage)).as("stage %d pair totals", stage).isEqualTo(debt);
            assertThat(result.accountNettedMinor(stage)).as("stage %d bilateral netting", stage).isEqualTo(netted);
            assertThat(result.accountClearedMinor(stage)).as("stage %d after netting against the oracle", stage)
                .isEqualTo(-oracle(node.size(), arcs, false));
        }
        for (int a = 0; a < result.accountArcCount(); a++)
        {
            for (int b = 0; b < result.accountArcCount(); b++)
            {
                if (result.accountArcTail(a) == result.accountArcHead(b) &&
                    result.accountArcHead(a) == result.accountArcTail(b))
                {
                    assertThat(Math.min(result.accountArcAmountMinor(a) - result.accountArcNettedMinor(a),
                        result.accountArcAmountMinor(b) - result.accountArcNettedMinor(b)))
                        .as("one direction of a netted pair is settled").isZero();
                }
            }
        }
    }

    private static int levelOf(final String account)
    {
        return Integer.parseInt(account.substring(0, account.indexOf(':')));
    }

    /**
     * Every firm's net position from what is left of its debts and claims, every account's from its exposures.
     */
    private static void assertPositionsUnchanged(final ObligationNetwork network, final NovatedHierarchyResult result)
    {
        final long[] before = network.netPositions();
        final long[] after = new long[network.participantCount()];
        for (int i = 0; i < network.obligationCount(); i++)
        {
            final long amount = network.amountMinor(i);
            assertThat(result.debtorDischargedMinor(i)).isBetween(0L, amount);
            assertThat(result.creditorDischargedMinor(i)).isBetween(0L, amount);
            after[network.debtor(i)] -= amount - result.debtorDischargedMinor(i);
            after[network.creditor(i)] += amount - result.creditorDischargedMinor(i);
        }
        assertThat(after).as("firms' net positions").containsExactly(before);
        for (int node = network.participantCount(); node < result.nodeCount(); node++)
        {
            assertThat(result.receivableAfterMinor(node)).as("account %d net position", node)
                .isEqualTo(result.payableAfterMinor(node));
        }
    }
}
