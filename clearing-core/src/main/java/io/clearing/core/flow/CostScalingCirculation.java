package io.clearing.core.flow;

import java.util.Arrays;

/**
 * Minimum-cost circulation with integer capacities and costs, by cost scaling with push-relabel refinement
 * (Goldberg &amp; Tarjan 1990; Goldberg 1997, "An efficient implementation of a scaling minimum-cost flow
 * algorithm"), with the two heuristics that make it fast in practice: global price updates (a bucket-based
 * Dijkstra in units of epsilon from the deficit nodes) and push look-ahead.
 * <p>
 * Costs are multiplied by {@code n + 1}; scaling stops at epsilon = 1 in scaled units, i.e. below {@code 1/n}
 * in original units, where an epsilon-optimal circulation is optimal. Time O(n^2 m log(nC)) in the worst case;
 * on obligation networks it behaves close to linear per phase. Exact integer node potentials (the dual solution)
 * are then obtained by label-correcting shortest paths on the optimal residual graph, warm-started from the
 * scaled prices.
 * <p>
 * Residual graph in compressed sparse rows: each arc has a forward slot at its tail and a reverse slot at its
 * head. All state lives in primitive arrays allocated once. Single-threaded; one instance solves one problem.
 * <p>
 * Internal to the solver; not part of the API.
 */
public final class CostScalingCirculation
{
    /**
     * Epsilon is divided by this each phase. With the early optimality test, 4 gives the fewest relabels over the public and the generated deep-cycle networks (tried 2 to 32): the flow is usually optimal after one or two phases.
     */
    static final int DEFAULT_SCALING_FACTOR = 4;

    private static final int NOT_RANKED = Integer.MAX_VALUE;

    private final int nodeCount;
    private final int arcCount;
    private final long costScale;
    private final int scalingFactor;

    private final int[] firstSlot;
    private final int[] slotHead;
    private final int[] slotMate;
    private final long[] slotResidual;
    /**
     * Capacity of the arc a slot belongs to: the mate's residual is {@code slotCapacity[s] - slotResidual[s]}, read
     * without touching the mate (keeps the global update's scan sequential).
     */
    private final long[] slotCapacity;
    private final long[] slotCost;
    private final int[] forwardSlot;

    private final long[] price;
    private final long[] excess;
    private final int[] currentSlot;

    private final int[] activeQueue;
    private final boolean[] queued;
    private int queueHead;
    private int queueSize;

    private final int[] rank;
    private final int[] scannedStamp;
    private final int[] bucketHead;
    private final int[] bucketNext;
    private final int[] bucketPrev;
    private int stamp;

    /**
     * Label-correcting work allowed for an early optimality test, per slot and node: small against a phase.
     */
    private static final long EARLY_TEST_WORK_PER_ARC = 3;

    private long[] potentials;
    private int phases;
    private long relabelsSinceUpdate;
    private final long updateThreshold;

    private long pushes;
    private long relabels;
    private long globalUpdates;

    /**
     * @param nodeCount nodes {@code 0..nodeCount-1}.
     * @param tail      arc tails.
     * @param head      arc heads.
     * @param capacity  arc capacities, non-negative.
     * @param cost      arc costs per unit of flow.
     * @param arcCount  number of arcs to read from the arrays.
     */
    public CostScalingCirculation(
        final int nodeCount,
        final int[] tail,
        final int[] head,
        final long[] capacity,
        final long[] cost,
        final int arcCount)
    {
        this(nodeCount, tail, head, capacity, cost, arcCount, DEFAULT_SCALING_FACTOR);
    }

    CostScalingCirculation(
        final int nodeCount,
        final int[] tail,
        final int[] head,
        final long[] capacity,
        final long[] cost,
        final int arcCount,
        final int scalingFactor)
    {
        this.nodeCount = nodeCount;
        this.arcCount = arcCount;
        this.costScale = nodeCount + 1L;
        this.scalingFactor = scalingFactor;

        firstSlot = new int[nodeCount + 1];
        for (int a = 0; a < arcCount; a++)
        {
            firstSlot[tail[a] + 1]++;
            firstSlot[head[a] + 1]++;
        }
        for (int v = 0; v < nodeCount; v++)
        {
            firstSlot[v + 1] += firstSlot[v];
        }
        final int slots = 2 * arcCount;
        slotHead = new int[slots];
        slotMate = new int[slots];
        slotResidual = new long[slots];
        slotCapacity = new long[slots];
        slotCost = new long[slots];
        forwardSlot = new int[arcCount];
        final int[] fill = Arrays.copyOf(firstSlot, nodeCount);
        for (int a = 0; a < arcCount; a++)
        {
            if (capacity[a] < 0)
            {
                throw new IllegalArgumentException("arc " + a + " has negative capacity " + capacity[a]);
            }
            final int forward = fill[tail[a]]++;
            final int reverse = fill[head[a]]++;
            final long scaledCost = Math.multiplyExact(cost[a], costScale);
            slotHead[forward] = head[a];
            slotHead[reverse] = tail[a];
            slotMate[forward] = reverse;
            slotMate[reverse] = forward;
            slotResidual[forward] = capacity[a];
            slotCapacity[forward] = capacity[a];
            slotCapacity[reverse] = capacity[a];
            slotCost[forward] = scaledCost;
            slotCost[reverse] = -scaledCost;
            forwardSlot[a] = forward;
        }

        price = new long[nodeCount];
        excess = new long[nodeCount];
        currentSlot = new int[nodeCount];
        activeQueue = new int[Math.max(1, nodeCount)];
        queued = new boolean[nodeCount];
        rank = new int[nodeCount];
        scannedStamp = new int[nodeCount];
        bucketHead = new int[nodeCount + 2];
        bucketNext = new int[nodeCount];
        bucketPrev = new int[nodeCount];
        updateThreshold = Math.max(64, nodeCount);
    }

    /**
     * Finds a minimum-cost circulation. Call once.
     * <p>
     * After each phase the flow is tested for optimality by trying to build exact integer potentials from the
     * prices with a bounded amount of label-correcting work: an epsilon-optimal flow can contain only negative
     * cycles of more than {@code 1 / epsilon} arcs, which are rare, so the flow is often optimal phases before
     * epsilon reaches {@code 1 / n}, and the potentials that prove it end the run early. The last phase needs no
     * test: there the flow is optimal by theory.
     */
    public void solve()
    {
        long maxCost = 0;
        for (int s = 0, n = 2 * arcCount; s < n; s++)
        {
            maxCost = Math.max(maxCost, slotCost[s]);
        }
        if (maxCost == 0)
        {
            potentials = new long[nodeCount];
            return;
        }
        long epsilon = maxCost;
        do
        {
            epsilon = Math.max(1, epsilon / scalingFactor);
            refine(epsilon);
            phases++;
            if (epsilon > 1)
            {
                potentials = potentialsFromPrices(EARLY_TEST_WORK_PER_ARC * (2L * arcCount + nodeCount));
            }
        }
        while (epsilon > 1 && potentials == null);
        if (potentials == null)
        {
            potentials = potentialsFromPrices(Long.MAX_VALUE);
        }
    }

    /**
     * @return flow on the arc in the optimal circulation.
     */
    public long flow(final int arc)
    {
        return slotResidual[slotMate[forwardSlot[arc]]];
    }

    /**
     * Exact integer potentials {@code pi} for the optimal circulation: every residual arc {@code v -> w} has
     * {@code cost + pi[v] - pi[w] >= 0}. Valid after {@link #solve()}.
     *
     * @return a new array indexed by node.
     */
    public long[] exactPotentials()
    {
        return potentials.clone();
    }

    /**
     * Label-correcting shortest paths (Bellman-Ford-Moore, FIFO) on the residual graph with original costs, started
     * from the prices rounded down to original units, so that only small violations remain to be corrected.
     *
     * @param workLimit slot scans allowed before giving up.
     * @return potentials proving the current flow optimal, or null if not found within the limit.
     * @throws IllegalStateException without a limit, if a negative cycle shows the flow is not optimal.
     */
    private long[] potentialsFromPrices(final long workLimit)
    {
        final long[] potential = new long[nodeCount];
        for (int v = 0; v < nodeCount; v++)
        {
            potential[v] = Math.floorDiv(price[v], costScale);
        }
        final int[] queue = new int[Math.max(1, nodeCount)];
        final boolean[] inQueue = new boolean[nodeCount];
        final int[] passes = new int[nodeCount];
        int qHead = 0;
        int qSize = 0;
        for (int v = 0; v < nodeCount; v++)
        {
            queue[qSize++] = v;
            inQueue[v] = true;
        }
        long work = 0;
        while (qSize > 0)
        {
            final int v = queue[qHead];
            qHead = qHead + 1 == queue.length ? 0 : qHead + 1;
            qSize--;
            inQueue[v] = false;
            if (++passes[v] > nodeCount + 1)
            {
                // A label corrected more than n times lies on a negative cycle: the flow is not optimal yet.
                if (workLimit != Long.MAX_VALUE)
                {
                    return null;
                }
                throw new IllegalStateException("negative cycle in the residual graph: circulation is not optimal");
            }
            final long pv = potential[v];
            final int end = firstSlot[v + 1];
            work += end - firstSlot[v] + 1;
            if (work > workLimit)
            {
                return null;
            }
            for (int s = firstSlot[v]; s < end; s++)
            {
                if (slotResidual[s] > 0)
                {
                    final int w = slotHead[s];
                    final long candidate = pv + slotCost[s] / costScale;
                    if (candidate < potential[w])
                    {
                        potential[w] = candidate;
                        if (!inQueue[w])
                        {
                            inQueue[w] = true;
                            int tailPos = qHead + qSize;
                            if (tailPos >= queue.length)
                            {
                                tailPos -= queue.length;
                            }
                            queue[tailPos] = w;
                            qSize++;
                        }
                    }
                }
            }
        }
        return potential;
    }

    /**
     * @return refine phases run; fewer than the full schedule when an early optimality test succeeded.
     */
    public int phases()
    {
        return phases;
    }

    public long pushes()
    {
        return pushes;
    }

    public long relabels()
    {
        return relabels;
    }

    public long globalUpdates()
    {
        return globalUpdates;
    }

    private void refine(final long epsilon)
    {
        // Saturate every residual arc of negative reduced cost: the pseudo-flow becomes 0-optimal.
        for (int v = 0; v < nodeCount; v++)
        {
            final long pv = price[v];
            for (int s = firstSlot[v], end = firstSlot[v + 1]; s < end; s++)
            {
                final long residual = slotResidual[s];
                if (residual > 0)
                {
                    final int w = slotHead[s];
                    if (slotCost[s] + pv - price[w] < 0)
                    {
                        slotResidual[s] = 0;
                        slotResidual[slotMate[s]] += residual;
                        excess[v] -= residual;
                        excess[w] += residual;
                    }
                }
            }
        }
        for (int v = 0; v < nodeCount; v++)
        {
            currentSlot[v] = firstSlot[v];
        }

        globalPriceUpdate(epsilon);
        for (int v = 0; v < nodeCount; v++)
        {
            if (excess[v] > 0)
            {
                enqueue(v);
            }
        }
        while (queueSize > 0)
        {
            final int v = activeQueue[queueHead];
            queueHead = queueHead + 1 == activeQueue.length ? 0 : queueHead + 1;
            queueSize--;
            queued[v] = false;
            discharge(v, epsilon);
            if (relabelsSinceUpdate > updateThreshold)
            {
                globalPriceUpdate(epsilon);
            }
        }
    }

    private void discharge(final int v, final long epsilon)
    {
        long remaining = excess[v];
        while (remaining > 0)
        {
            final long pv = price[v];
            final int end = firstSlot[v + 1];
            int s = currentSlot[v];
            for (; s < end; s++)
            {
                final long residual = slotResidual[s];
                if (residual <= 0)
                {
                    continue;
                }
                final int w = slotHead[s];
                if (slotCost[s] + pv - price[w] >= 0)
                {
                    continue;
                }
                final long excessW = excess[w];
                if (excessW >= 0 && !hasAdmissibleSlot(w))
                {
                    // Look-ahead: w could pass nothing on; relabel it instead of pushing into a dead end.
                    relabel(w, epsilon);
                    if (slotCost[s] + pv - price[w] >= 0)
                    {
                        continue;
                    }
                }
                final long delta = Math.min(remaining, residual);
                slotResidual[s] = residual - delta;
                slotResidual[slotMate[s]] += delta;
                excess[w] = excessW + delta;
                remaining -= delta;
                pushes++;
                if (excessW <= 0 && excessW + delta > 0)
                {
                    enqueue(w);
                }
                if (remaining == 0)
                {
                    break;
                }
            }
            excess[v] = remaining;
            if (remaining == 0)
            {
                currentSlot[v] = s;
                return;
            }
            relabel(v, epsilon);
        }
    }

    private boolean hasAdmissibleSlot(final int v)
    {
        final long pv = price[v];
        final int end = firstSlot[v + 1];
        for (int s = currentSlot[v]; s < end; s++)
        {
            if (slotResidual[s] > 0 && slotCost[s] + pv - price[slotHead[s]] < 0)
            {
                currentSlot[v] = s;
                return true;
            }
        }
        currentSlot[v] = end;
        return false;
    }

    private void relabel(final int v, final long epsilon)
    {
        long best = Long.MIN_VALUE;
        for (int s = firstSlot[v], end = firstSlot[v + 1]; s < end; s++)
        {
            if (slotResidual[s] > 0)
            {
                final long candidate = price[slotHead[s]] - slotCost[s];
                if (candidate > best)
                {
                    best = candidate;
                }
            }
        }
        if (best != Long.MIN_VALUE)
        {
            price[v] = best - epsilon;
        }
        currentSlot[v] = firstSlot[v];
        relabels++;
        relabelsSinceUpdate++;
    }

    private void enqueue(final int v)
    {
        if (!queued[v])
        {
            queued[v] = true;
            int tailPos = queueHead + queueSize;
            if (tailPos >= activeQueue.length)
            {
                tailPos -= activeQueue.length;
            }
            activeQueue[tailPos] = v;
            queueSize++;
        }
    }

    /**
     * Lowers prices by epsilon times each node's distance to a deficit, where a residual arc of reduced cost
     * {@code c} is {@code floor(c / epsilon) + 1} long. Keeps epsilon-optimality and gives every active node an
     * admissible path to a deficit. Stops as soon as every active node is reached; nodes not reached get the
     * level at which it stopped, which is a lower bound on their distance and so keeps epsilon-optimality too.
     */
    private void globalPriceUpdate(final long epsilon)
    {
        relabelsSinceUpdate = 0;
        globalUpdates++;
        int activeLeft = 0;
        for (int v = 0; v < nodeCount; v++)
        {
            if (excess[v] > 0)
            {
                activeLeft++;
            }
        }
        if (activeLeft == 0)
        {
            return;
        }
        final int maxRank = nodeCount;
        stamp++;
        Arrays.fill(bucketHead, -1);
        for (int v = 0; v < nodeCount; v++)
        {
            if (excess[v] < 0)
            {
                rank[v] = 0;
                bucketInsert(v, 0);
            }
            else
            {
                rank[v] = NOT_RANKED;
            }
        }

        int level = 0;
        for (; level <= maxRank && activeLeft > 0; level++)
        {
            int v;
            while ((v = bucketHead[level]) != -1)
            {
                bucketHead[level] = bucketNext[v];
                if (bucketNext[v] != -1)
                {
                    bucketPrev[bucketNext[v]] = -1;
                }
                scannedStamp[v] = stamp;
                if (excess[v] > 0 && --activeLeft == 0)
                {
                    break;
                }
                final long pv = price[v];
                for (int s = firstSlot[v], end = firstSlot[v + 1]; s < end; s++)
                {
                    // The arc u -> v is the mate of slot s; its residual and cost follow from s itself.
                    if (slotCapacity[s] == slotResidual[s])
                    {
                        continue;
                    }
                    final int u = slotHead[s];
                    final int rankU = rank[u];
                    if (rankU <= level || scannedStamp[u] == stamp)
                    {
                        continue;
                    }
                    final long reducedCost = price[u] - slotCost[s] - pv;
                    final long candidate;
                    if (reducedCost < 0)
                    {
                        candidate = level;
                    }
                    else
                    {
                        // Length floor(reducedCost / epsilon) + 1; the multiplication rules out most arcs without
                        // dividing.
                        if (rankU != NOT_RANKED && reducedCost >= (long)(rankU - level - 1) * epsilon)
                        {
                            continue;
                        }
                        candidate = level + reducedCost / epsilon + 1;
                    }
                    if (candidate < rankU && candidate <= maxRank)
                    {
                        if (rankU != NOT_RANKED)
                        {
                            bucketRemove(u);
                        }
                        rank[u] = (int)candidate;
                        bucketInsert(u, (int)candidate);
                    }
                }
            }
            if (activeLeft == 0)
            {
                break;
            }
        }
        final int stopLevel = Math.min(level, maxRank + 1);
        for (int v = 0; v < nodeCount; v++)
        {
            final int r = scannedStamp[v] == stamp ? rank[v] : stopLevel;
            price[v] -= r * epsilon;
            currentSlot[v] = firstSlot[v];
        }
    }

    private void bucketInsert(final int v, final int level)
    {
        final int first = bucketHead[level];
        bucketNext[v] = first;
        bucketPrev[v] = -1;
        if (first != -1)
        {
            bucketPrev[first] = v;
        }
        bucketHead[level] = v;
    }

    private void bucketRemove(final int v)
    {
        final int next = bucketNext[v];
        final int prev = bucketPrev[v];
        if (prev == -1)
        {
            bucketHead[rank[v]] = next;
        }
        else
        {
            bucketNext[prev] = next;
        }
        if (next != -1)
        {
            bucketPrev[next] = prev;
        }
    }
}
