package io.clearing.simulations.run;

import io.clearing.simulations.model.Economy;
import io.clearing.simulations.scenario.Scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs the replications of a scenario on a fixed pool of threads. Each replication has its own random stream
 * derived from the run's seed and its index ({@link #replicationSeed(long, int)}), and results are combined in
 * replication order, so the outputs are the same for any number of threads.
 */
public final class SimulationRunner
{
    private SimulationRunner()
    {
    }

    /**
     * Runs every replication.
     *
     * @param scenario     the validated scenario.
     * @param replications number of replications, at least 1.
     * @param seed         the run's seed.
     * @param threads      size of the pool, at least 1.
     * @param onDone       called with the number of replications finished so far, from the worker threads.
     * @return the results in replication order.
     * @throws io.clearing.simulations.model.StockFlowViolation if any replication broke an accounting identity
     *                                                          (the first one in replication order).
     */
    public static SimulationResult run(
        final Scenario scenario, final int replications, final long seed, final int threads, final IntConsumer onDone)
    {
        return run(scenario, replications, seed, threads, false, onDone);
    }

    /**
     * Runs every replication, keeping the daily series too when {@code daily}.
     *
     * @see #run(Scenario, int, long, int, IntConsumer)
     */
    public static SimulationResult run(
        final Scenario scenario,
        final int replications,
        final long seed,
        final int threads,
        final boolean daily,
        final IntConsumer onDone)
    {
        if (replications < 1 || threads < 1)
        {
            throw new IllegalArgumentException("replications and threads must be at least 1");
        }
        final long startNs = System.nanoTime();
        final int poolSize = Math.min(threads, replications);
        final ExecutorService pool = Executors.newFixedThreadPool(poolSize, runnable ->
        {
            final Thread thread = new Thread(runnable, "replication");
            thread.setDaemon(true);
            return thread;
        });
        final AtomicInteger done = new AtomicInteger();
        final List<Future<ReplicationResult>> futures = new ArrayList<>(replications);
        try
        {
            for (int i = 0; i < replications; i++)
            {
                final int index = i;
                futures.add(pool.submit(() ->
                {
                    final ReplicationResult result = replicate(scenario, seed, index, daily);
                    onDone.accept(done.incrementAndGet());
                    return result;
                }));
            }
            final List<ReplicationResult> results = new ArrayList<>(replications);
            for (final Future<ReplicationResult> future : futures)
            {
                results.add(await(future));
            }
            return new SimulationResult(scenario, seed, List.copyOf(results), poolSize, System.nanoTime() - startNs);
        }
        finally
        {
            pool.shutdownNow();
        }
    }

    /**
     * Runs one replication on the calling thread.
     */
    public static ReplicationResult replicate(final Scenario scenario, final long seed, final int index)
    {
        return replicate(scenario, seed, index, false);
    }

    /**
     * Runs one replication on the calling thread.
     *
     * @param daily whether to keep the daily series as well as the monthly one.
     */
    public static ReplicationResult replicate(
        final Scenario scenario, final long seed, final int index, final boolean daily)
    {
        final long replicationSeed = replicationSeed(seed, index);
        final Economy economy = new Economy(scenario, new SplittableRandom(replicationSeed));
        if (daily)
        {
            economy.recordDaily();
        }
        final double[][] series = economy.run();
        return new ReplicationResult(index, replicationSeed, series, SummaryMetric.compute(series, scenario),
            (long)economy.agents() * economy.days(), economy.dailySeries());
    }

    /**
     * The seed of replication {@code index}: the run's seed and the index mixed (the finaliser of MurmurHash3), so
     * that neighbouring seeds and indices give unrelated streams.
     */
    public static long replicationSeed(final long seed, final int index)
    {
        long z = seed * 0x9E3779B97F4A7C15L + (index + 1) * 0xC2B2AE3D27D4EB4FL;
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }

    private static ReplicationResult await(final Future<ReplicationResult> future)
    {
        try
        {
            return future.get();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
        catch (final ExecutionException ex)
        {
            if (ex.getCause() instanceof RuntimeException runtime)
            {
                throw runtime;
            }
            throw new IllegalStateException(ex.getCause());
        }
    }
}
