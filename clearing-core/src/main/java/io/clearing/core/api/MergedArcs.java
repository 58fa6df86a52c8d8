package io.clearing.core.api;

import java.util.Arrays;

/**
 * On-cycle obligations with parallel ones (same debtor, same creditor) merged into one arc whose capacity is the
 * sum of their amounts (cannot overflow: it is at most the network's total debt). O(obligations + participants):
 * a counting sort by debtor, then a last-seen marker per creditor.
 */
final class MergedArcs
{
    final int arcCount;
    final int[] tail;
    final int[] head;
    final long[] capacity;
    /**
     * Merged arc of each obligation, or -1 for obligations off every cycle.
     */
    final int[] arcOfObligation;

    private MergedArcs(final int arcCount, final int[] tail, final int[] head, final long[] capacity, final int[] arcOf)
    {
        this.arcCount = arcCount;
        this.tail = tail;
        this.head = head;
        this.capacity = capacity;
        this.arcOfObligation = arcOf;
    }

    static MergedArcs merge(
        final OnCycleNetwork onCycle,
        final int[] debtor,
        final int[] creditor,
        final long[] amount,
        final int obligations)
    {
        final int[] localOf = onCycle.localOf;
        final int nodes = onCycle.localNodeCount;

        final int[] start = new int[nodes + 1];
        for (int i = 0; i < obligations; i++)
        {
            if (onCycle.isOnCycle(i))
            {
                start[localOf[debtor[i]] + 1]++;
            }
        }
        for (int v = 0; v < nodes; v++)
        {
            start[v + 1] += start[v];
        }
        final int[] byDebtor = new int[onCycle.obligationCount];
        final int[] fill = Arrays.copyOf(start, nodes);
        for (int i = 0; i < obligations; i++)
        {
            if (onCycle.isOnCycle(i))
            {
                byDebtor[fill[localOf[debtor[i]]]++] = i;
            }
        }

        final int[] arcOf = new int[obligations];
        Arrays.fill(arcOf, -1);
        final int[] tail = new int[onCycle.obligationCount];
        final int[] head = new int[onCycle.obligationCount];
        final long[] capacity = new long[onCycle.obligationCount];
        // lastArc[h]: the merged arc from the debtor being grouped to creditor h, valid while lastTail[h] == debtor.
        final int[] lastArc = new int[nodes];
        final int[] lastTail = fill;
        Arrays.fill(lastTail, -1);
        int arcs = 0;
        for (int d = 0; d < nodes; d++)
        {
            for (int k = start[d], end = start[d + 1]; k < end; k++)
            {
                final int i = byDebtor[k];
                final int h = localOf[creditor[i]];
                final int arc;
                if (lastTail[h] == d)
                {
                    arc = lastArc[h];
                    capacity[arc] += amount[i];
                }
                else
                {
                    arc = arcs++;
                    tail[arc] = d;
                    head[arc] = h;
                    capacity[arc] = amount[i];
                    lastTail[h] = d;
                    lastArc[h] = arc;
                }
                arcOf[i] = arc;
            }
        }
        return new MergedArcs(arcs, tail, head, capacity, arcOf);
    }
}
