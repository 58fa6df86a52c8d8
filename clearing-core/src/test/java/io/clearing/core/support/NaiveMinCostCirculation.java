package io.clearing.core.support;

import java.util.Arrays;

/**
 * Obviously correct minimum-cost circulation for tiny graphs, the test oracle: start from zero flow and, while the
 * residual graph has a negative cycle, push as much as the cycle allows around it. A circulation is optimal exactly
 * when its residual graph has no negative cycle (Klein 1967). Cycles of least mean cost are cancelled so that huge
 * amounts cannot make it crawl; O(n^2 m) per cycle, deliberately simple: use it on a few dozen arcs at most. Exact {@code long} arithmetic
 * throughout (overflow throws).
 */
public final class NaiveMinCostCirculation
{
    private static final int MAX_CANCELLATIONS = 1_000_000;

    private final int nodeCount;
    private final int[] tail;
    private final int[] head;
    private final long[] capacity;
    private final long[] cost;
    private final long[] flow;

    private NaiveMinCostCirculation(
        final int nodeCount, final int[] tail, final int[] head, final long[] capacity, final long[] cost)
    {
        this.nodeCount = nodeCount;
        this.tail = tail;
        this.head = head;
        this.capacity = capacity;
        this.cost = cost;
        this.flow = new long[tail.length];
    }

    /**
     * Arcs may be parallel or opposite; self-loops are allowed (a negative one is saturated at once).
     */
    public static NaiveMinCostCirculation solve(
        final int nodeCount, final int[] tail, final int[] head, final long[] capacity, final long[] cost)
    {
        final NaiveMinCostCirculation oracle = new NaiveMinCostCirculation(
            nodeCount, tail.clone(), head.clone(), capacity.clone(), cost.clone());
        oracle.run();
        return oracle;
    }

    /**
     * The maximum-set-off problem of obligation amounts: cost -1 per unit on every obligation.
     *
     * @return the largest total set-off.
     */
    public static long maxSetOff(final int nodeCount, final int[] debtor, final int[] creditor, final long[] amount)
    {
        final long[] unitCost = new long[amount.length];
        Arrays.fill(unitCost, -1L);
        return -solve(nodeCount, debtor, creditor, amount, unitCost).totalCost();
    }

    public long flow(final int arc)
    {
        return flow[arc];
    }

    public long totalCost()
    {
        long total = 0;
        for (int a = 0; a < flow.length; a++)
        {
            total = Math.addExact(total, Math.multiplyExact(flow[a], cost[a]));
        }
        return total;
    }

    private void run()
    {
        for (int a = 0; a < tail.length; a++)
        {
            if (tail[a] == head[a] && cost[a] < 0)
            {
                flow[a] = capacity[a];
            }
        }
        for (int cancelled = 0; ; cancelled++)
        {
            if (cancelled == MAX_CANCELLATIONS)
            {
                throw new IllegalStateException("oracle did not converge");
            }
            final int[] cycle = negativeCycle();
            if (cycle == null)
            {
                return;
            }
            long bottleneck = Long.MAX_VALUE;
            for (final int edge : cycle)
            {
                bottleneck = Math.min(bottleneck, residual(edge));
            }
            for (final int edge : cycle)
            {
                final int arc = edge >> 1;
                flow[arc] = (edge & 1) == 0 ? flow[arc] + bottleneck : flow[arc] - bottleneck;
            }
        }
    }

    /**
     * Residual edge {@code 2a} is arc a forwards, {@code 2a+1} backwards.
     */
    private long residual(final int edge)
    {
        final int arc = edge >> 1;
        return (edge & 1) == 0 ? capacity[arc] - flow[arc] : flow[arc];
    }

    private int from(final int edge)
    {
        return (edge & 1) == 0 ? tail[edge >> 1] : head[edge >> 1];
    }

    private int to(final int edge)
    {
        return (edge & 1) == 0 ? head[edge >> 1] : tail[edge >> 1];
    }

    private long edgeCost(final int edge)
    {
        return (edge & 1) == 0 ? cost[edge >> 1] : -cost[edge >> 1];
    }

    /**
     * Karp's minimum mean cycle (Karp 1978) from a virtual source joined to every node at cost 0: {@code d[k][v]}
     * is the cheapest walk of exactly k residual edges ending at v. The least mean of a cycle is
     * {@code min over v of max over k of (d[n][v] - d[k][v]) / (n - k)}; any cycle on the n-edge walk to the
     * minimising v has that mean. Cancelling minimum-mean cycles terminates in polynomially many steps (Goldberg &amp;
     * Tarjan 1989), where cancelling arbitrary negative cycles may take about as many steps as the amounts are large.
     *
     * @return the residual edges of a negative cycle in order, or null when there is none.
     */
    private int[] negativeCycle()
    {
        final int n = nodeCount;
        final long unreachable = Long.MAX_VALUE;
        final long[][] walk = new long[n + 1][n];
        final int[][] lastEdge = new int[n + 1][n];
        for (int k = 1; k <= n; k++)
        {
            Arrays.fill(walk[k], unreachable);
            for (int edge = 0; edge < 2 * tail.length; edge++)
            {
                final int from = from(edge);
                final int to = to(edge);
                if (residual(edge) > 0 && from != to && walk[k - 1][from] != unreachable)
                {
                    final long candidate = Math.addExact(walk[k - 1][from], edgeCost(edge));
                    if (candidate < walk[k][to])
                    {
                        walk[k][to] = candidate;
                        lastEdge[k][to] = edge;
                    }
                }
            }
        }
        int best = -1;
        long bestNumerator = 0;
        long bestDenominator = 1;
        for (int v = 0; v < n; v++)
        {
            if (walk[n][v] == unreachable)
            {
                continue;
            }
            long numerator = Long.MIN_VALUE;
            long denominator = 1;
            for (int k = 0; k < n; k++)
            {
                if (walk[k][v] != unreachable)
                {
                    final long num = walk[n][v] - walk[k][v];
                    final long den = n - k;
                    if (numerator == Long.MIN_VALUE || num * denominator > numerator * den)
                    {
                        numerator = num;
                        denominator = den;
                    }
                }
            }
            if (best < 0 || numerator * bestDenominator < bestNumerator * denominator)
            {
                best = v;
                bestNumerator = numerator;
                bestDenominator = denominator;
            }
        }
        if (best < 0 || bestNumerator >= 0)
        {
            return null;
        }
        return cycleOnWalk(lastEdge, best);
    }

    private int[] cycleOnWalk(final int[][] lastEdge, final int end)
    {
        final int n = nodeCount;
        final int[] levelOf = new int[n];
        Arrays.fill(levelOf, -1);
        int node = end;
        for (int k = n; k >= 0; k--)
        {
            if (levelOf[node] >= 0)
            {
                // node is at levels k and levelOf[node] > k: the edges of levels k+1..levelOf[node] close a cycle.
                final int top = levelOf[node];
                final int[] cycle = new int[top - k];
                int v = node;
                long cost = 0;
                for (int level = top; level > k; level--)
                {
                    final int edge = lastEdge[level][v];
                    cycle[level - k - 1] = edge;
                    cost += edgeCost(edge);
                    v = from(edge);
                }
                if (cost >= 0)
                {
                    throw new IllegalStateException("cycle on the minimum-mean walk has cost " + cost);
                }
                return cycle;
            }
            levelOf[node] = k;
            if (k > 0)
            {
                node = from(lastEdge[k][node]);
            }
        }
        throw new IllegalStateException("a walk of " + n + " edges over " + n + " nodes must repeat a node");
    }
}
