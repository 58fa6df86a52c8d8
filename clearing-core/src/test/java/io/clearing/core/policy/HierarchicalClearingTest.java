package io.clearing.core.policy;

import io.clearing.core.api.CertificateVerifier;
import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.support.NaiveMinCostCirculation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static io.clearing.core.support.SeededCases.forEachSeed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clearing by community, region and federation against the naive oracle on seeded multi-community networks.
 */
class HierarchicalClearingTest
{
    private final HierarchicalClearing hierarchy = new HierarchicalClearing();

    @Test
    void shouldClearEachLevelOptimallyAndNeverMoreThanFlatWhenCommunitiesTrade()
    {
        final int[] shortfalls = new int[1];
        forEachSeed(20_000_000, 2_000, seed ->
        {
            final SplittableRandom random = new SplittableRandom(seed);
            final int participants = 3 + random.nextInt(8);
            final int communities = 2 + random.nextInt(3);
            final int[] community = new int[participants];
            final int[] region = new int[participants];
            for (int p = 0; p < participants; p++)
            {
                community[p] = random.nextInt(communities);
                region[p] = community[p] / 2;
            }
            final ObligationNetwork network = network(random, participants, community);

            final HierarchyResult result = hierarchy.solve(network, new int[][]{community, region});

            assertThat(CertificateVerifier.verifyFeasible(network, result.setOffs()).ok()).as("feasible").isTrue();
            assertThat(result.clearedMinor(0)).as("community level")
                .isEqualTo(optimum(network, community, amounts(network)));
            final long[] remainder = amounts(network);
            for (int i = 0; i < remainder.length; i++)
            {
                remainder[i] -= result.setOffMinor(i);
            }
            assertThat(optimum(network, null, remainder)).as("left for any further clearing").isZero();
            assertLevelPartsAddUp(network, result, new int[][]{community, region});
            final long flat = optimum(network, null, amounts(network));
            assertThat(result.flatClearedMinor()).as("flat").isEqualTo(flat);
            assertThat(result.clearedMinor()).as("hierarchical vs flat").isLessThanOrEqualTo(flat);
            if (result.shortfallMinor() > 0)
            {
                shortfalls[0]++;
            }
        });
        assertThat(shortfalls[0]).as("networks where hierarchy falls short of flat").isPositive();
    }

    /**
     * Each level's parts sum to its cleared amount, touch only obligations inside one group of that level, and add
     * up per obligation to the total discharge.
     */
    private static void assertLevelPartsAddUp(
        final ObligationNetwork network, final HierarchyResult result, final int[][] groups)
    {
        for (int level = 0; level < result.levels(); level++)
        {
            long levelTotal = 0;
            for (int i = 0; i < network.obligationCount(); i++)
            {
                final long part = result.setOffMinor(level, i);
                levelTotal += part;
                if (level < groups.length && part > 0)
                {
                    assertThat(groups[level][network.debtor(i)]).as("level %d part inside one group", level)
                        .isEqualTo(groups[level][network.creditor(i)]);
                }
            }
            assertThat(levelTotal).as("level %d parts", level).isEqualTo(result.clearedMinor(level));
        }
        for (int i = 0; i < network.obligationCount(); i++)
        {
            long sum = 0;
            for (int level = 0; level < result.levels(); level++)
            {
                sum += result.setOffMinor(level, i);
            }
            assertThat(sum).as("obligation %d parts", i).isEqualTo(result.setOffMinor(i));
        }
    }

    @Test
    void shouldFallShortOfFlatWhenACommunityCycleTakesTheArcOfALongerCycle()
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        builder.add("a1", "a2", 10);
        builder.add("a2", "a1", 10);
        builder.add("a2", "b1", 10);
        builder.add("b1", "a1", 10);
        final ObligationNetwork network = builder.build();
        final int[] community = {0, 0, 1};

        final HierarchyResult result = hierarchy.solve(network, new int[][]{community});

        assertThat(result.clearedMinor(0)).as("community a clears its 2-cycle").isEqualTo(20);
        assertThat(result.clearedMinor(1)).as("nothing is left for the top").isZero();
        assertThat(result.flatClearedMinor()).as("flat takes the 3-cycle").isEqualTo(30);
        assertThat(result.shortfallMinor()).isEqualTo(10);
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
            for (int attempt = 0; attempt < 3 && community[creditor] != community[debtor] && random.nextInt(3) > 0; attempt++)
            {
                creditor = (debtor + 1 + random.nextInt(participants - 1)) % participants;
            }
            builder.add("P" + debtor, "P" + creditor, 1 + random.nextInt(30));
        }
        return builder.build();
    }

    private static long[] amounts(final ObligationNetwork network)
    {
        final long[] amount = new long[network.obligationCount()];
        for (int i = 0; i < amount.length; i++)
        {
            amount[i] = network.amountMinor(i);
        }
        return amount;
    }

    /**
     * The naive oracle's optimum over obligations inside one group (all when group is null), with given amounts.
     */
    private static long optimum(final ObligationNetwork network, final int[] group, final long[] amount)
    {
        final List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < amount.length; i++)
        {
            final int d = network.debtor(i);
            final int c = network.creditor(i);
            if (amount[i] > 0 && (group == null || group[d] == group[c]))
            {
                kept.add(i);
            }
        }
        final int[] debtor = new int[kept.size()];
        final int[] creditor = new int[kept.size()];
        final long[] capacity = new long[kept.size()];
        for (int k = 0; k < debtor.length; k++)
        {
            debtor[k] = network.debtor(kept.get(k));
            creditor[k] = network.creditor(kept.get(k));
            capacity[k] = amount[kept.get(k)];
        }
        return NaiveMinCostCirculation.maxSetOff(network.participantCount(), debtor, creditor, capacity);
    }
}
