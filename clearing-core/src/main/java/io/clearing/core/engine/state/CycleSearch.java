package io.clearing.core.engine.state;

import io.clearing.core.engine.api.ContinuousPolicy;

import java.util.Arrays;

/**
 * Continuous clearing of one new obligation {@code d -> c}: breadth-first search from {@code c} over open
 * obligations (each participant's in submission order) for a path back to {@code d}; the cycle it closes is set
 * off by its smallest open amount. Repeats while the new obligation stays open and the budget lasts.
 * <p>
 * Breadth-first finds the shortest cycle through the new obligation first, so a depth bound loses nothing a longer
 * search would find sooner. Budgets per new obligation: participants taken from the queue
 * ({@code maxVisitedNodes}) and obligations examined ({@code maxEdgeScans}), shared by the repeats; cycle length
 * at most {@code maxCycleLength}. Cost O(maxEdgeScans + maxVisitedNodes) per obligation, independent of network
 * size. Visited marks are epoch stamps, so nothing is cleared between searches and nothing is allocated except
 * when the participant count grows.
 * <p>
 * With community policies in use it follows only obligations in the new obligation's unit that no dispute, opt-out
 * or standing rule excludes at the new obligation's time (the caller checks the new obligation itself).
 * <p>
 * It is a greedy heuristic, not the optimum: it never revisits older obligations, it only sees cycles through the
 * new one within the bounds, and which cycle it takes first depends on order. The batch run is the optimal one.
 */
final class CycleSearch
{
    private final Ledger ledger;
    private final Policies policies;
    private int[] stamp = new int[16];
    private int[] parentObligation = new int[16];
    private int[] depth = new int[16];
    private int[] queue = new int[16];
    private int[] path = new int[ContinuousPolicy.MAX_CYCLE_LENGTH];
    private int epoch;

    private int visitBudget;
    private int edgeBudget;

    CycleSearch(final Ledger ledger, final Policies policies)
    {
        this.ledger = ledger;
        this.policies = policies;
    }

    /**
     * @return total amount set off (summed over every obligation of every cycle found).
     */
    long clear(final int newObligation, final int maxCycleLength, final int maxVisitedNodes, final int maxEdgeScans,
        final long timestampMs)
    {
        ensureCapacity(ledger.participantCount);
        visitBudget = maxVisitedNodes;
        edgeBudget = maxEdgeScans;
        long cleared = 0;
        while (ledger.openMinor[newObligation] > 0)
        {
            final int pathLength = findPath(ledger.creditor[newObligation], ledger.debtor[newObligation],
                maxCycleLength - 1, policies.unitOf(newObligation), timestampMs);
            if (pathLength == 0)
            {
                break;
            }
            long bottleneck = ledger.openMinor[newObligation];
            for (int i = 0; i < pathLength; i++)
            {
                bottleneck = Math.min(bottleneck, ledger.openMinor[path[i]]);
            }
            for (int i = 0; i < pathLength; i++)
            {
                ledger.setOff(path[i], bottleneck, timestampMs, true);
            }
            ledger.setOff(newObligation, bottleneck, timestampMs, true);
            ledger.continuousCycles++;
            cleared += bottleneck * (pathLength + 1);
        }
        return cleared;
    }

    /**
     * @return number of obligations on the path from {@code from} to {@code target} written to {@code path}, or 0
     * when none was found within the limits.
     */
    private int findPath(final int from, final int target, final int maxPathLength, final int unit,
        final long timestampMs)
    {
        final boolean filtered = policies.used;
        if (++epoch == 0)
        {
            Arrays.fill(stamp, 0);
            epoch = 1;
        }
        int head = 0;
        int tail = 0;
        stamp[from] = epoch;
        depth[from] = 0;
        queue[tail++] = from;
        while (head < tail && visitBudget > 0)
        {
            final int u = queue[head++];
            visitBudget--;
            if (depth[u] >= maxPathLength)
            {
                continue;
            }
            for (int e = ledger.outHead(u); e != Ledger.NONE; e = ledger.outNext[e])
            {
                if (edgeBudget <= 0)
                {
                    return 0;
                }
                edgeBudget--;
                if (filtered && (policies.unitOf(e) != unit || policies.exclusion(ledger, e, timestampMs) != 0))
                {
                    continue;
                }
                final int v = ledger.creditor[e];
                if (v == target)
                {
                    return tracePath(from, e);
                }
                if (stamp[v] != epoch)
                {
                    stamp[v] = epoch;
                    parentObligation[v] = e;
                    depth[v] = depth[u] + 1;
                    queue[tail++] = v;
                }
            }
        }
        return 0;
    }

    private int tracePath(final int from, final int lastObligation)
    {
        int length = 0;
        int e = lastObligation;
        while (true)
        {
            path[length++] = e;
            final int u = ledger.debtor[e];
            if (u == from)
            {
                break;
            }
            e = parentObligation[u];
        }
        return length;
    }

    private void ensureCapacity(final int participants)
    {
        if (stamp.length < participants)
        {
            final int capacity = Math.max(participants, stamp.length * 2);
            stamp = Arrays.copyOf(stamp, capacity);
            parentObligation = new int[capacity];
            depth = new int[capacity];
            queue = new int[capacity];
        }
    }
}
