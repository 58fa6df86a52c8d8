package io.clearing.server.cli;

import io.clearing.core.api.ClearingSolver;
import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.generate.DeepCycleNetworkGenerator;

/**
 * Lets the JIT compile the solver on the second core while the main thread reads the input file.
 * <p>
 * A {@code clear} run lasts about a second, so much of its solve would otherwise run as interpreted or lightly
 * compiled code. Solving a small seeded network again and again meanwhile (each solve takes milliseconds, and the
 * loop stops when reading ends) gets the hot loops of the solver compiled by the time the real solve starts. The warm-up's results are thrown away: they cannot influence the real run, which is
 * deterministic whatever the JIT does. Skipped on one core and for small inputs, where it would only cost time.
 */
final class SolverWarmUp
{
    /**
     * Inputs smaller than this read and solve so fast that a warm-up would not pay for itself.
     */
    static final long MIN_INPUT_BYTES = 2L << 20;

    /**
     * At most this many solves of the small network; the warm-up stops sooner when the input has been read.
     */
    private static final int MAX_ROUNDS = 20;

    private final Thread thread;
    private volatile boolean stopRequested;

    private SolverWarmUp(final boolean enabled)
    {
        this.thread = enabled ? new Thread(this::warmUp, "solver-warm-up") : null;
    }

    /**
     * Starts the warm-up if it can help: at least two processors, a large enough input, and not switched off with
     * {@code -Dclearing.warmup=false}.
     */
    static SolverWarmUp startFor(final long inputBytes)
    {
        final boolean enabled = Boolean.parseBoolean(System.getProperty("clearing.warmup", "true")) &&
            Runtime.getRuntime().availableProcessors() > 1 && inputBytes >= MIN_INPUT_BYTES;
        final SolverWarmUp warmUp = new SolverWarmUp(enabled);
        if (enabled)
        {
            warmUp.thread.setDaemon(true);
            warmUp.thread.start();
        }
        return warmUp;
    }

    /**
     * Stops the warm-up after the solve it is in (a few milliseconds) and waits for it, so that it does not compete
     * with the real solve for the processors.
     */
    void awaitEnd()
    {
        if (thread == null)
        {
            return;
        }
        stopRequested = true;
        try
        {
            thread.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void warmUp()
    {
        final ObligationNetwork network = new DeepCycleNetworkGenerator(1, 500, 5_000).generate();
        final ClearingSolver solver = new ClearingSolver(() -> 0L);
        for (int i = 0; i < MAX_ROUNDS && !stopRequested; i++)
        {
            solver.solve(network);
        }
    }
}
