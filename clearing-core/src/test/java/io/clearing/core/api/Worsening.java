package io.clearing.core.api;

/**
 * Makes a feasible but worse result from a non-zero set-off: follows set-off obligations from participant to
 * participant (a circulation never strands the walk) until a participant repeats, then removes the smallest
 * set-off on that cycle from every obligation of it.
 */
final class Worsening
{
    private Worsening()
    {
    }

    static long[] removeOneCycle(final ObligationNetwork network, final long[] setOff)
    {
        final int obligations = network.obligationCount();
        final int[] positionOf = new int[network.participantCount()];
        java.util.Arrays.fill(positionOf, -1);
        final int[] path = new int[network.participantCount() + 1];
        int start = -1;
        for (int i = 0; i < obligations && start < 0; i++)
        {
            if (setOff[i] > 0)
            {
                start = network.debtor(i);
            }
        }
        if (start < 0)
        {
            throw new IllegalArgumentException("nothing is set off");
        }
        int length = 0;
        int participant = start;
        while (positionOf[participant] < 0)
        {
            positionOf[participant] = length;
            final int next = setOffObligationFrom(network, setOff, participant);
            path[length++] = next;
            participant = network.creditor(next);
        }
        long smallest = Long.MAX_VALUE;
        for (int k = positionOf[participant]; k < length; k++)
        {
            smallest = Math.min(smallest, setOff[path[k]]);
        }
        final long[] worse = setOff.clone();
        for (int k = positionOf[participant]; k < length; k++)
        {
            worse[path[k]] -= smallest;
        }
        return worse;
    }

    private static int setOffObligationFrom(final ObligationNetwork network, final long[] setOff, final int debtor)
    {
        for (int i = 0; i < network.obligationCount(); i++)
        {
            if (network.debtor(i) == debtor && setOff[i] > 0)
            {
                return i;
            }
        }
        throw new IllegalStateException("set-off is not a circulation at participant " + network.participantId(debtor));
    }
}
