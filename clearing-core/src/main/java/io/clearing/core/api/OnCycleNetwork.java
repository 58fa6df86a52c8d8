package io.clearing.core.api;

import io.clearing.core.flow.StronglyConnectedComponents;

/**
 * The part of a network that can be set off: obligations whose debtor and creditor lie in the same strongly
 * connected component, and the participants they touch, renumbered densely ("local" numbers).
 */
final class OnCycleNetwork
{
    private final int[] component;
    private final int[] debtor;
    private final int[] creditor;
    final int[] localOf;
    final int localNodeCount;
    final int obligationCount;
    final long debtMinor;
    final int cyclicComponents;
    final int largestComponentParticipants;

    private OnCycleNetwork(
        final int[] component,
        final int[] debtor,
        final int[] creditor,
        final int[] localOf,
        final int localNodeCount,
        final int obligationCount,
        final long debtMinor,
        final int cyclicComponents,
        final int largestComponentParticipants)
    {
        this.component = component;
        this.debtor = debtor;
        this.creditor = creditor;
        this.localOf = localOf;
        this.localNodeCount = localNodeCount;
        this.obligationCount = obligationCount;
        this.debtMinor = debtMinor;
        this.cyclicComponents = cyclicComponents;
        this.largestComponentParticipants = largestComponentParticipants;
    }

    /**
     * @return whether the obligation lies inside one strongly connected component, i.e. on some cycle.
     */
    boolean isOnCycle(final int obligation)
    {
        return component[debtor[obligation]] == component[creditor[obligation]];
    }

    int componentOf(final int participant)
    {
        return component[participant];
    }

    static OnCycleNetwork extract(final ObligationNetwork network, final StronglyConnectedComponents scc)
    {
        final int[] component = scc.componentOf();
        final int[] debtor = network.debtorArray();
        final int[] creditor = network.creditorArray();
        final long[] amount = network.amountArray();
        final int participants = network.participantCount();

        final int[] localOf = new int[participants];
        java.util.Arrays.fill(localOf, -1);
        int localCount = 0;
        int onCycle = 0;
        long debt = 0;
        for (int i = 0, n = network.obligationCount(); i < n; i++)
        {
            final int d = debtor[i];
            final int c = creditor[i];
            if (component[d] == component[c])
            {
                onCycle++;
                debt += amount[i];
                if (localOf[d] < 0)
                {
                    localOf[d] = localCount++;
                }
                if (localOf[c] < 0)
                {
                    localOf[c] = localCount++;
                }
            }
        }

        final int[] size = new int[scc.componentCount()];
        for (int p = 0; p < participants; p++)
        {
            if (localOf[p] >= 0)
            {
                size[component[p]]++;
            }
        }
        int cyclic = 0;
        int largest = 0;
        for (final int s : size)
        {
            if (s > 0)
            {
                cyclic++;
                largest = Math.max(largest, s);
            }
        }
        return new OnCycleNetwork(component, debtor, creditor, localOf, localCount, onCycle, debt, cyclic, largest);
    }
}
