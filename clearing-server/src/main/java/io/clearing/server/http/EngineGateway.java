package io.clearing.server.http;

import com.codahale.metrics.Timer;
import io.clearing.core.engine.ClearingEngine;
import io.clearing.core.engine.api.ClearingStateView;
import io.clearing.core.engine.api.CommandReply;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How requests reach the engine: waits for replies at most the configured time, counts outcomes and times them.
 * A reply that does not come in time, or an engine that failed, is the server's fault: 503 or 500.
 */
public final class EngineGateway
{
    private final Supplier<ClearingEngine> engine;
    private final EngineMetrics metrics;
    private final long timeoutMs;

    public EngineGateway(final Supplier<ClearingEngine> engine, final EngineMetrics metrics, final long timeoutMs)
    {
        this.engine = engine;
        this.metrics = metrics;
        this.timeoutMs = timeoutMs;
    }

    public ClearingEngine engine()
    {
        return engine.get();
    }

    public EngineMetrics metrics()
    {
        return metrics;
    }

    /**
     * Publishes one command and waits for its journaled reply, timing it and counting its outcome.
     */
    public CommandReply command(final Function<ClearingEngine, CompletableFuture<CommandReply>> command)
    {
        final CommandReply reply;
        try (Timer.Context ignored = metrics.commandLatency().time())
        {
            reply = await(command.apply(engine.get()));
        }
        metrics.count(reply.code());
        return reply;
    }

    /**
     * Runs a read-only query on the engine's thread, after every command published before it.
     */
    public <T> T query(final Function<ClearingStateView, T> query)
    {
        return await(engine.get().query(query));
    }

    /**
     * Waits for a reply within the timeout.
     */
    public <T> T await(final CompletableFuture<T> future)
    {
        try
        {
            return future.get(timeoutMs, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "unavailable", "interrupted while waiting for the engine");
        }
        catch (final TimeoutException ex)
        {
            throw new ApiException(503, "engine_timeout", "no reply from the engine within " + timeoutMs +
                " ms: the command may still take effect; resubmit it with the same id to learn its result");
        }
        catch (final ExecutionException ex)
        {
            throw new IllegalStateException("engine failed: " + ex.getCause(), ex.getCause());
        }
    }
}
