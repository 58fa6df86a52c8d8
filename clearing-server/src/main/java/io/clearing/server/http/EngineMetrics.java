package io.clearing.server.http;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.clearing.core.engine.api.ResultCode;

import java.util.EnumMap;
import java.util.Map;

/**
 * The engine's metrics in the Dropwizard registry (admin port, {@code /metrics}): ingest rate, command latency,
 * clearing-run durations and refused commands by result code.
 */
public final class EngineMetrics
{
    public static final String PREFIX = "clearing";

    private final Meter obligationsAccepted;
    private final Timer commandLatency;
    private final Timer clearingRuns;
    private final Map<ResultCode, Meter> rejected = new EnumMap<>(ResultCode.class);

    public EngineMetrics(final MetricRegistry registry)
    {
        obligationsAccepted = registry.meter(MetricRegistry.name(PREFIX, "obligations", "accepted"));
        commandLatency = registry.timer(MetricRegistry.name(PREFIX, "commands", "latency"));
        clearingRuns = registry.timer(MetricRegistry.name(PREFIX, "clearing-runs", "duration"));
        for (final ResultCode code : ResultCode.values())
        {
            if (code != ResultCode.ACCEPTED)
            {
                rejected.put(code, registry.meter(MetricRegistry.name(PREFIX, "commands", "rejected",
                    ResultCodes.errorCode(code))));
            }
        }
    }

    /**
     * Accepted obligations: the ingest rate.
     */
    public Meter obligationsAccepted()
    {
        return obligationsAccepted;
    }

    /**
     * Time from publishing a single command to its journaled, applied reply.
     */
    public Timer commandLatency()
    {
        return commandLatency;
    }

    /**
     * Duration of batch clearing runs, request to reply.
     */
    public Timer clearingRuns()
    {
        return clearingRuns;
    }

    /**
     * Counts one command's outcome: refusals (duplicates included) by code.
     */
    public void count(final ResultCode code)
    {
        final Meter meter = rejected.get(code);
        if (meter != null)
        {
            meter.mark();
        }
    }
}
