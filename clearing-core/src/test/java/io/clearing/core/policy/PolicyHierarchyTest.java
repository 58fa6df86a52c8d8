package io.clearing.core.policy;

import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.support.SmallNetworks;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static io.clearing.core.support.SeededCases.forEachSeed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clearing by community, region and top level under a policy, against the flat policy run on seeded networks with
 * random policies: excluded obligations untouched at every level, caps and commitments held over all levels
 * together, nobody paying money it did not commit, never more than flat within units, and equal to flat when
 * everybody is in one community.
 */
class PolicyHierarchyTest
{
    private static final int CASES = 1_500;

    private final HierarchicalClearing hierarchy = new HierarchicalClearing();

    @Test
    void shouldRespectThePolicyAtEveryLevelAndNeverClearMoreThanFlatWithinUnits()
    {
        final int[] shortfalls = new int[1];
        forEachSeed(50_000_000, CASES, seed ->
        {
            final ObligationNetwork network = SmallNetworks.random(seed);
            final RandomPolicy rp = new RandomPolicy(network, seed, seed % 3 == 0);
            final int[][] groups = groups(network.participantCount(), new SplittableRandom(seed ^ 0x5DEECE66DL));

            final PolicyHierarchyResult result = hierarchy.solve(rp.policy, groups);

            assertRespectsPolicy(rp, result, groups);
            final PolicyResult flat = result.flat();
            for (int u = 0; u < rp.policy.unitCount(); u++)
            {
                assertThat(withinUnits(result, u)).as("unit %s within units vs flat", rp.policy.unitName(u))
                    .isLessThanOrEqualTo(flat.clearedMinor(u) - crossIn(flat, u));
                if (rp.policy.treasury() < 0)
                {
                    assertThat(result.shortfallMinor(u)).as("shortfall in %s", rp.policy.unitName(u)).isNotNegative();
                    shortfalls[0] += result.shortfallMinor(u) > 0 ? 1 : 0;
                }
            }
        });
        assertThat(shortfalls[0]).as("units where hierarchy falls short of flat").isPositive();
    }

    @Test
    void shouldEqualTheFlatRunWhenEverybodyIsInOneCommunity()
    {
        forEachSeed(51_000_000, CASES, seed ->
        {
            final ObligationNetwork network = SmallNetworks.random(seed);
            final RandomPolicy rp = new RandomPolicy(network, seed, false);
            final int[] one = new int[network.participantCount()];

            final PolicyHierarchyResult result = hierarchy.solve(rp.policy, new int[][]{one, one});

            for (int u = 0; u < rp.policy.unitCount(); u++)
            {
                assertThat(result.clearedMinor(0, u)).as("community level in %s", rp.policy.unitName(u))
                    .isEqualTo(result.flat().clearedMinor(u));
                assertThat(result.clearedMinor(u)).isEqualTo(result.flat().clearedMinor(u));
            }
        });
    }

    private static void assertRespectsPolicy(
        final RandomPolicy rp, final PolicyHierarchyResult result, final int[][] groups)
    {
        final ClearingPolicy policy = rp.policy;
        final ObligationNetwork network = policy.network();
        final int units = policy.unitCount();
        final long[] receivables = new long[network.participantCount() * units];
        final long[] net = new long[network.participantCount() * units];
        for (int i = 0; i < network.obligationCount(); i++)
        {
            long total = 0;
            for (int level = 0; level < result.levels(); level++)
            {
                final long part = result.setOffMinor(level, i);
                assertThat(part).as("obligation %d level %d", i, level).isNotNegative();
                if (policy.exclusion(i) != ExclusionReason.NONE)
                {
                    assertThat(part).as("excluded obligation %d at level %d", i, level).isZero();
                }
                if (level < groups.length && part > 0)
                {
                    assertThat(groups[level][network.debtor(i)]).as("level %d inside one group", level)
                        .isEqualTo(groups[level][network.creditor(i)]);
                }
                total += part;
            }
            assertThat(total).as("obligation %d", i).isBetween(0L, network.amountMinor(i))
                .isEqualTo(result.setOffMinor(i));
            assertThat(result.crossUnitMinor(i)).isBetween(0L, result.setOffMinor(level(result), i));
            final int unit = policy.unit(i);
            final long within = total - result.crossUnitMinor(i);
            receivables[network.creditor(i) * units + unit] += total;
            net[network.creditor(i) * units + unit] += within;
            net[network.debtor(i) * units + unit] -= within;
        }
        for (int key = 0; key < receivables.length; key++)
        {
            final long cap = policy.receivableCapMinor(key / units, key % units);
            if (cap >= 0)
            {
                assertThat(receivables[key]).as("receivables under the cap of %d", key / units).isLessThanOrEqualTo(cap);
            }
        }
        final long[] used = new long[net.length];
        for (int c = 0; c < policy.liquidityCommitments(); c++)
        {
            assertThat(result.liquidityUsedMinor(c)).isBetween(0L, policy.liquidityAmountMinor(c));
            used[policy.liquidityParticipant(c) * units + policy.liquidityUnit(c)] = result.liquidityUsedMinor(c);
        }
        for (int key = 0; key < net.length; key++)
        {
            // Paying more than receiving within a unit needs committed money.
            assertThat(-net[key]).as("participant %d pays money in unit %d", key / units, key % units)
                .isLessThanOrEqualTo(used[key]);
        }
    }

    private static int level(final PolicyHierarchyResult result)
    {
        return result.levels() - 1;
    }

    private static long withinUnits(final PolicyHierarchyResult result, final int unit)
    {
        long total = 0;
        for (int i = 0; i < result.network().obligationCount(); i++)
        {
            if (result.policy().unit(i) == unit)
            {
                total += result.setOffMinor(i) - result.crossUnitMinor(i);
            }
        }
        return total;
    }

    private static long crossIn(final PolicyResult result, final int unit)
    {
        long total = 0;
        for (int i = 0; i < result.network().obligationCount(); i++)
        {
            if (result.policy().unit(i) == unit)
            {
                total += result.crossUnitMinor(i);
            }
        }
        return total;
    }

    private static int[][] groups(final int participants, final SplittableRandom random)
    {
        final int communities = 2 + random.nextInt(3);
        final int[] community = new int[participants];
        final int[] region = new int[participants];
        for (int p = 0; p < participants; p++)
        {
            community[p] = random.nextInt(communities);
            region[p] = community[p] / 2;
        }
        return new int[][]{community, region};
    }
}
