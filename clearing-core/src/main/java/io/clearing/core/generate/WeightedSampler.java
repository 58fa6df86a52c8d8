package io.clearing.core.generate;

import java.util.SplittableRandom;

/**
 * Draws indices {@code 0..n-1} with probability proportional to fixed weights: a cumulative array and a binary
 * search, O(log n) per draw. Deterministic for a given random source.
 */
final class WeightedSampler
{
    private final int[] members;
    private final double[] cumulative;
    private final double total;

    /**
     * @param members the values to draw (firm numbers).
     * @param weights non-negative weight of each member, at least one positive.
     * @param count   how many entries of the arrays to use.
     */
    WeightedSampler(final int[] members, final double[] weights, final int count)
    {
        this.members = java.util.Arrays.copyOf(members, count);
        this.cumulative = new double[count];
        double sum = 0;
        for (int i = 0; i < count; i++)
        {
            sum += weights[i];
            cumulative[i] = sum;
        }
        if (!(sum > 0))
        {
            throw new IllegalArgumentException("weights must have a positive sum");
        }
        this.total = sum;
    }

    int size()
    {
        return members.length;
    }

    int draw(final SplittableRandom random)
    {
        final double target = random.nextDouble() * total;
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high)
        {
            final int mid = (low + high) >>> 1;
            if (cumulative[mid] > target)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }
        return members[low];
    }
}
