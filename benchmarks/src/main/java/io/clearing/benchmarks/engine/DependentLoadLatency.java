package io.clearing.benchmarks.engine;

import java.util.SplittableRandom;

/**
 * The cost of one cache miss on this machine: a chain of dependent loads through an {@code int[]} of each given size,
 * one per 64-byte line in a random cycle, so that every load waits for the one before. Explains the apply rates by
 * participant count in docs/engine.md: a state that outgrows a level of the cache pays that level's latency per
 * random access.
 * <p>
 * Usage: {@code DependentLoadLatency [megabytes...]} (default 1 4 8 32 256 1024); give the JVM room for the largest
 * and run it as the engine runs ({@code -XX:+UseTransparentHugePages}).
 */
public final class DependentLoadLatency
{
    private static final int INTS_PER_LINE = 16;
    private static final int STEPS = 5_000_000;

    private DependentLoadLatency()
    {
    }

    public static void main(final String[] args)
    {
        final String[] sizes = args.length > 0 ? args : new String[] {"1", "4", "8", "32", "256", "1024"};
        for (final String size : sizes)
        {
            final int megabytes = Integer.parseInt(size);
            final int[] next = cycle(megabytes * (1 << 20) / Integer.BYTES, new SplittableRandom(megabytes));
            int at = 0;
            double nsPerLoad = 0;
            for (int round = 0; round < 3; round++)
            {
                final long start = System.nanoTime();
                for (int step = 0; step < STEPS; step++)
                {
                    at = next[at];
                }
                nsPerLoad = (System.nanoTime() - start) / (double)STEPS;
            }
            System.out.printf("%,6d MB: %6.1f ns per dependent load (last of 3 rounds; ended at %d)%n",
                megabytes, nsPerLoad, at);
        }
    }

    /**
     * One random cycle through the first int of every line.
     */
    private static int[] cycle(final int ints, final SplittableRandom random)
    {
        final int lines = ints / INTS_PER_LINE;
        final int[] order = new int[lines];
        for (int i = 0; i < lines; i++)
        {
            order[i] = i;
        }
        for (int i = lines - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            final int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        final int[] next = new int[ints];
        for (int i = 0; i < lines; i++)
        {
            next[order[i] * INTS_PER_LINE] = order[(i + 1) % lines] * INTS_PER_LINE;
        }
        return next;
    }
}
