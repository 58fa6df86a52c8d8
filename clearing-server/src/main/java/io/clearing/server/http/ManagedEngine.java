package io.clearing.server.http;

import io.clearing.core.engine.ClearingEngine;
import io.clearing.core.engine.Context;
import io.dropwizard.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * The embedded engine as a Dropwizard managed object: launched (recovering its journal) before the server
 * accepts requests, closed after the server stopped taking them. The engine's errors are logged here: the core
 * never logs.
 */
public final class ManagedEngine implements Managed, Supplier<ClearingEngine>
{
    private static final Logger LOG = LoggerFactory.getLogger(ManagedEngine.class);

    private final Context context;
    private volatile ClearingEngine engine;

    /**
     * @param context not yet launched; its error handler is replaced by one that logs.
     */
    public ManagedEngine(final Context context)
    {
        this.context = context.errorHandler(ex -> LOG.error("engine error", ex));
    }

    @Override
    public void start()
    {
        final long startNs = System.nanoTime();
        engine = ClearingEngine.launch(context);
        LOG.info("engine started from {} in {} ms: {}", context.journalDirectory(),
            (System.nanoTime() - startNs) / 1_000_000, engine.recoveryReport());
    }

    @Override
    public void stop()
    {
        final ClearingEngine running = engine;
        if (running != null)
        {
            running.close();
            LOG.info("engine stopped");
        }
    }

    /**
     * @return the running engine.
     * @throws IllegalStateException before {@link #start()}.
     */
    @Override
    public ClearingEngine get()
    {
        final ClearingEngine running = engine;
        if (running == null)
        {
            throw new IllegalStateException("engine not started");
        }
        return running;
    }

    /**
     * @return whether the engine was started and not yet stopped.
     */
    public boolean isStarted()
    {
        return engine != null;
    }

    public Context context()
    {
        return context;
    }
}
