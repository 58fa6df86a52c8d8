package io.clearing.core.support;

import java.util.function.LongConsumer;

/**
 * Runs a randomised check once per seed and names the seed when it fails, so that any failure can be rerun alone:
 * {@code mvn -pl clearing-core test -Dtest=Class#method -Dclearing.seed=SEED}. With that property set only the
 * given seed runs; {@code -Dclearing.seeds.factor=N} runs N times as many seeds (for a longer search).
 */
public final class SeededCases
{
    public static final String SEED_PROPERTY = "clearing.seed";
    public static final String FACTOR_PROPERTY = "clearing.seeds.factor";

    private SeededCases()
    {
    }

    /**
     * @param firstSeed seeds are {@code firstSeed, firstSeed + 1, ...}.
     * @param count     how many seeds.
     * @param check     throws (an assertion error or any exception) when the case fails.
     */
    public static void forEachSeed(final long firstSeed, final int count, final LongConsumer check)
    {
        final String only = System.getProperty(SEED_PROPERTY);
        if (only != null && !only.isBlank())
        {
            runOne(Long.parseLong(only.trim()), check);
            return;
        }
        final long total = (long)count * Math.max(1, Integer.getInteger(FACTOR_PROPERTY, 1));
        for (long i = 0; i < total; i++)
        {
            runOne(firstSeed + i, check);
        }
    }

    private static void runOne(final long seed, final LongConsumer check)
    {
        try
        {
            check.accept(seed);
        }
        catch (final AssertionError | RuntimeException ex)
        {
            throw new AssertionError("failed for seed " + seed + " (rerun alone with -D" + SEED_PROPERTY + "=" +
                seed + "): " + ex.getMessage(), ex);
        }
    }
}
