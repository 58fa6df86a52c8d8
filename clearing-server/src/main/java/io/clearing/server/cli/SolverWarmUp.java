package io.clearing.server.cli;

import io.clearing.core.api.ClearingSolver;
import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.generate.DeepCycleNetworkGenerator;

/**
 * Lets the JIT compile the solver on the second core while the main thread reads the input file.
 * <p>
 * A {@code clear} run lasts about a second, so much of its solve would otherwise run as interpreted or lightly
 * compiled code. Solving a small seeded network a few times meanwhile makes the hot loops of the solver compiled by
 * the time the real solve starts. The warm-up's results are thrown away: they cannot influence the real run, which is
 * deterministic whatever the JIT does. Skipped on one core and for small inputs, where it would only cost time.
 */
final class SolverWarmUp
{
    /**
     * Inputs smaller than this read and solve so fast that a warm-up would not pay for itself.
     */
    static final long MIN_INPUT_BYTES = 2L << 20;

    private static final int ROUNDS = 3;

    private final Thread thread;

    private SolverWarmUp(final Thread thread)
    {
        this.thread = thread;
    }

    /**
     * Starts the warm-up if it can help: at least two processors, a large enough input, and not switched off with
     * {@code -Dclearing.warmup=false}.
     */
    static SolverWarmUp startFor(final long inputBytes)
    {
        final boolean enabled = Boolean.parseBoolean(System.getProperty("clearing.warmup", "true")) &&
            Runtime.getRuntime().availableProcessors() > 1 && inputBytes >= MIN_INPUT_BYTES;
        if (!enabled)
        {
            return new SolverWarmUp(null);
        }
        final Thread thread = new Thread(SolverWarmUp::warmUp, "solver-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        return new SolverWarmUp(thread);
    }

    /**
     * Waits for the warm-up to end, so that it does not compete with the real solve for the processors.
     */
    void awaitEnd()
    {
        if (thread == null)
        {
            return;
        }
        try
        {
            thread.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static void warmUp()
    {
        final ObligationNetwork network = new DeepCycleNetworkGenerator(1, 3_000, 30_000).generate();
        final ClearingSolver solver = new ClearingSolver(() -> 0L);
        for (int i = 0; i < ROUNDS; i++)
        {
            solver.solve(network);
        }
    }
}
