package io.clearing.core.flow;

import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.support.JGraphTClearingOracle;
import io.clearing.core.support.NaiveMinCostCirculation;
import io.clearing.core.support.SmallNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.SplittableRandom;

import static io.clearing.core.support.SeededCases.forEachSeed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The circulation solver with general integer costs, positive and negative, against the naive cycle-cancelling
 * oracle, and its exact potentials against the optimality conditions.
 */
class CostScalingCirculationTest
{
    private static final int CASES = 5_000;

    /**
     * A random circulation problem drawn from a seed.
     */
    record Problem(int nodes, int[] tail, int[] head, long[] capacity, long[] cost)
    {
        static Problem random(final long seed, final boolean selfLoops)
        {
            final SplittableRandom random = new SplittableRandom(seed);
            final int nodes = 2 + random.nextInt(7);
            final int arcs = 1 + random.nextInt(15);
            final int mode = random.nextInt(4);
            final int[] tail = new int[arcs];
            final int[] head = new int[arcs];
            final long[] capacity = new long[arcs];
            final long[] cost = new long[arcs];
            for (int a = 0; a < arcs; a++)
            {
                tail[a] = random.nextInt(nodes);
                head[a] = selfLoops && random.nextInt(10) == 0 ?
                    tail[a] : (tail[a] + 1 + random.nextInt(nodes - 1)) % nodes;
                if (a > 0 && random.nextInt(5) == 0)
                {
                    final int earlier = random.nextInt(a);
                    tail[a] = head[earlier];
                    head[a] = tail[earlier];
                }
                switch (mode)
                {
                    case 0 ->
                    {
                        capacity[a] = random.nextInt(6);
                        cost[a] = random.nextInt(11) - 5;
                    }
                    case 1 ->
                    {
                        capacity[a] = random.nextLong(1_000_000_000L);
                        cost[a] = random.nextLong(2_000_001) - 1_000_000;
                    }
                    case 2 ->
                    {
                        capacity[a] = Long.MAX_VALUE / 16 - random.nextLong(1_000);
                        cost[a] = random.nextInt(3) - 1;
                    }
                    default ->
                    {
                        capacity[a] = 1 + random.nextInt(1_000);
                        cost[a] = random.nextInt(3) == 0 ? -1 : random.nextInt(201) - 100;
                    }
                }
            }
            return new Problem(nodes, tail, head, capacity, cost);
        }

        long costOf(final CostScalingCirculation solver)
        {
            long total = 0;
            for (int a = 0; a < tail.length; a++)
            {
                total = Math.addExact(total, Math.multiplyExact(solver.flow(a), cost[a]));
            }
            return total;
        }
    }

    @Test
    void shouldFindTheMinimumCostOfTheNaiveOracleWhenCostsAreGeneral()
    {
        forEachSeed(10_000_000, CASES, seed ->
            assertOptimal(Problem.random(seed, false), CostScalingCirculation.DEFAULT_SCALING_FACTOR));
    }

    @Test
    void shouldFindTheMinimumCostWhenSomeArcsAreSelfLoops()
    {
        forEachSeed(12_000_000, CASES / 4, seed ->
            assertOptimal(Problem.random(seed, true), CostScalingCirculation.DEFAULT_SCALING_FACTOR));
    }

    @ParameterizedTest(name = "scaling factor {0}")
    @ValueSource(ints = {2, 5, 64})
    void shouldFindTheMinimumCostWhenTheScalingFactorChanges(final int scalingFactor)
    {
        forEachSeed(11_000_000, CASES / 4, seed -> assertOptimal(Problem.random(seed, false), scalingFactor));
    }

    @Test
    void shouldRunGlobalPriceUpdatesAndStayOptimalWhenNetworksAreMediumSized()
    {
        final long[] updates = new long[1];
        forEachSeed(13_000_000, 150, seed ->
        {
            final ObligationNetwork network = SmallNetworks.medium(seed);
            final int arcs = network.obligationCount();
            final long[] unitCost = new long[arcs];
            Arrays.fill(unitCost, -1L);
            final CostScalingCirculation solver = new CostScalingCirculation(network.participantCount(),
                network.debtorArray(), network.creditorArray(), network.amountArray(), unitCost, arcs);

            solver.solve();

            long cleared = 0;
            for (int a = 0; a < arcs; a++)
            {
                cleared += solver.flow(a);
            }
            assertThat(cleared).as("cleared vs JGraphT").isEqualTo(JGraphTClearingOracle.maxSetOff(network));
            updates[0] += solver.globalUpdates();
        });
        assertThat(updates[0]).as("global price updates run over all cases").isPositive();
    }

    @Test
    void shouldReturnZeroFlowWhenNoCycleHasNegativeCost()
    {
        final int[] tail = {0, 1, 2};
        final int[] head = {1, 2, 0};
        final CostScalingCirculation solver =
            new CostScalingCirculation(3, tail, head, new long[] {5, 5, 5}, new long[] {1, -1, 0}, 3);

        solver.solve();

        assertThat(new long[] {solver.flow(0), solver.flow(1), solver.flow(2)}).containsExactly(0, 0, 0);
    }

    @Test
    void shouldSaturateTheBottleneckWhenACycleHasNegativeCost()
    {
        final int[] tail = {0, 1, 2, 0};
        final int[] head = {1, 2, 0, 2};
        final CostScalingCirculation solver = new CostScalingCirculation(
            3, tail, head, new long[] {7, 4, 9, 3}, new long[] {-2, 1, -1, 5}, 4);

        solver.solve();

        assertThat(new long[] {solver.flow(0), solver.flow(1), solver.flow(2), solver.flow(3)})
            .containsExactly(4, 4, 4, 0);
    }

    private static void assertOptimal(final Problem problem, final int scalingFactor)
    {
        final int arcs = problem.tail.length;
        final CostScalingCirculation solver = new CostScalingCirculation(
            problem.nodes, problem.tail, problem.head, problem.capacity, problem.cost, arcs, scalingFactor);

        solver.solve();

        final NaiveMinCostCirculation oracle = NaiveMinCostCirculation.solve(
            problem.nodes, problem.tail, problem.head, problem.capacity, problem.cost);
        assertThat(problem.costOf(solver)).as("minimum cost").isEqualTo(oracle.totalCost());
        final long[] balance = new long[problem.nodes];
        for (int a = 0; a < arcs; a++)
        {
            assertThat(solver.flow(a)).as("flow on arc %d", a).isBetween(0L, problem.capacity[a]);
            balance[problem.tail[a]] -= solver.flow(a);
            balance[problem.head[a]] += solver.flow(a);
        }
        assertThat(balance).as("conservation at every node").containsOnly(0L);
        final long[] potential = solver.exactPotentials();
        for (int a = 0; a < arcs; a++)
        {
            final long reducedCost = problem.cost[a] + potential[problem.tail[a]] - potential[problem.head[a]];
            if (solver.flow(a) < problem.capacity[a])
            {
                assertThat(reducedCost).as("reduced cost of unsaturated arc %d", a).isGreaterThanOrEqualTo(0);
            }
            if (solver.flow(a) > 0)
            {
                assertThat(reducedCost).as("reduced cost of arc %d carrying flow", a).isLessThanOrEqualTo(0);
            }
        }
    }
}
