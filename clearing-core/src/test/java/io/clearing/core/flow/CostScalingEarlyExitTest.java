package io.clearing.core.flow;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Medium-sized circulations with long cycles, where the early optimality test after a phase sometimes succeeds and
 * sometimes must let scaling continue. Compared with negative-cycle cancelling (Klein 1967), which shares no code
 * with the solver.
 */
class CostScalingEarlyExitTest
{
    private static final int INSTANCES = 250;

    @Test
    void shouldMatchCycleCancellingWhetherOrNotScalingStopsEarly()
    {
        int endedEarly = 0;
        int continuedAfterTest = 0;
        for (int seed = 1; seed <= INSTANCES; seed++)
        {
            final Instance instance = Instance.random(seed);
            final CostScalingCirculation solver = new CostScalingCirculation(
                instance.nodes, instance.tail, instance.head, instance.capacity, instance.cost, instance.arcs);
            solver.solve();

            final long[] flow = new long[instance.arcs];
            for (int a = 0; a < instance.arcs; a++)
            {
                flow[a] = solver.flow(a);
            }
            final String context = "seed " + seed + " (" + instance.nodes + " nodes, " + instance.arcs + " arcs)";
            assertThat(instance.isCirculation(flow)).as(context).isTrue();
            assertThat(instance.cost(flow)).as(context).isEqualTo(instance.optimalCostByCycleCancelling());
            assertThat(instance.violatedReducedCost(flow, solver.exactPotentials())).as(context).isEqualTo(-1);

            final int fullSchedule = instance.fullSchedulePhases();
            if (solver.phases() < fullSchedule)
            {
                endedEarly++;
            }
            if (solver.phases() > 1)
            {
                continuedAfterTest++;
            }
        }
        assertThat(endedEarly).as("instances where the early test ended scaling").isPositive();
        assertThat(continuedAfterTest).as("instances where scaling went on after a failed early test").isPositive();
    }

    private static final class Instance
    {
        final int nodes;
        final int arcs;
        final int[] tail;
        final int[] head;
        final long[] capacity;
        final long[] cost;

        private Instance(final int nodes, final int arcs, final int[] tail, final int[] head, final long[] capacity,
            final long[] cost)
        {
            this.nodes = nodes;
            this.arcs = arcs;
            this.tail = tail;
            this.head = head;
            this.capacity = capacity;
            this.cost = cost;
        }

        /**
         * A ring through every node (long cycles) plus random chords; half the instances have the clearing costs
         * (-1 everywhere), half mixed costs in [-6, 6].
         */
        static Instance random(final long seed)
        {
            final SplittableRandom random = new SplittableRandom(seed);
            final int nodes = 16 + random.nextInt(45);
            final int arcs = nodes + random.nextInt(2 * nodes);
            final boolean clearingCosts = seed % 2 == 0;
            final int[] tail = new int[arcs];
            final int[] head = new int[arcs];
            final long[] capacity = new long[arcs];
            final long[] cost = new long[arcs];
            for (int a = 0; a < arcs; a++)
            {
                if (a < nodes)
                {
                    tail[a] = a;
                    head[a] = (a + 1) % nodes;
                }
                else
                {
                    tail[a] = random.nextInt(nodes);
                    do
                    {
                        head[a] = random.nextInt(nodes);
                    }
                    while (head[a] == tail[a]);
                }
                capacity[a] = 1 + random.nextInt(1000);
                cost[a] = clearingCosts ? -1 : random.nextInt(13) - 6;
            }
            return new Instance(nodes, arcs, tail, head, capacity, cost);
        }

        int fullSchedulePhases()
        {
            long maxCost = 0;
            for (final long c : cost)
            {
                maxCost = Math.max(maxCost, Math.abs(c) * (nodes + 1L));
            }
            int phases = 0;
            long epsilon = maxCost;
            while (epsilon > 1)
            {
                epsilon = Math.max(1, epsilon / CostScalingCirculation.DEFAULT_SCALING_FACTOR);
                phases++;
            }
            return phases;
        }

        boolean isCirculation(final long[] flow)
        {
            final long[] balance = new long[nodes];
            for (int a = 0; a < arcs; a++)
            {
                if (flow[a] < 0 || flow[a] > capacity[a])
                {
                    return false;
                }
                balance[tail[a]] -= flow[a];
                balance[head[a]] += flow[a];
            }
            for (final long b : balance)
            {
                if (b != 0)
                {
                    return false;
                }
            }
            return true;
        }

        long cost(final long[] flow)
        {
            long total = 0;
            for (int a = 0; a < arcs; a++)
            {
                total += flow[a] * cost[a];
            }
            return total;
        }

        /**
         * @return the first arc whose residual direction has negative reduced cost, or -1 if none.
         */
        int violatedReducedCost(final long[] flow, final long[] potential)
        {
            for (int a = 0; a < arcs; a++)
            {
                final long reduced = cost[a] + potential[tail[a]] - potential[head[a]];
                if ((flow[a] < capacity[a] && reduced < 0) || (flow[a] > 0 && reduced > 0))
                {
                    return a;
                }
            }
            return -1;
        }

        /**
         * Cancels negative residual cycles found by Bellman-Ford until none is left; the zero flow is the start.
         */
        long optimalCostByCycleCancelling()
        {
            final long[] flow = new long[arcs];
            final int residualArcs = 2 * arcs;
            while (true)
            {
                final long[] distance = new long[nodes];
                final int[] predecessor = new int[nodes];
                java.util.Arrays.fill(predecessor, -1);
                int relaxed = -1;
                for (int round = 0; round < nodes; round++)
                {
                    relaxed = -1;
                    for (int r = 0; r < residualArcs; r++)
                    {
                        final int a = r >> 1;
                        final boolean forward = (r & 1) == 0;
                        final long residual = forward ? capacity[a] - flow[a] : flow[a];
                        if (residual == 0)
                        {
                            continue;
                        }
                        final int from = forward ? tail[a] : head[a];
                        final int to = forward ? head[a] : tail[a];
                        final long length = forward ? cost[a] : -cost[a];
                        if (distance[from] + length < distance[to])
                        {
                            distance[to] = distance[from] + length;
                            predecessor[to] = r;
                            relaxed = to;
                        }
                    }
                }
                if (relaxed == -1)
                {
                    return cost(flow);
                }
                int onCycle = relaxed;
                for (int i = 0; i < nodes; i++)
                {
                    onCycle = fromOf(predecessor[onCycle]);
                }
                long bottleneck = Long.MAX_VALUE;
                int v = onCycle;
                do
                {
                    final int r = predecessor[v];
                    bottleneck = Math.min(bottleneck, residualOf(r, flow));
                    v = fromOf(r);
                }
                while (v != onCycle);
                v = onCycle;
                do
                {
                    final int r = predecessor[v];
                    flow[r >> 1] += (r & 1) == 0 ? bottleneck : -bottleneck;
                    v = fromOf(r);
                }
                while (v != onCycle);
            }
        }

        private int fromOf(final int residualArc)
        {
            final int a = residualArc >> 1;
            return (residualArc & 1) == 0 ? tail[a] : head[a];
        }

        private long residualOf(final int residualArc, final long[] flow)
        {
            final int a = residualArc >> 1;
            return (residualArc & 1) == 0 ? capacity[a] - flow[a] : flow[a];
        }
    }
}
