package io.clearing.server.http;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.clearing.core.engine.ClearingEngine;
import io.clearing.server.auth.ApiKeys;
import io.dropwizard.lifecycle.Managed;

import java.util.function.Supplier;

/**
 * An ingress for tests: proves that an {@code ingress} section finds its factory by {@code type}.
 */
@JsonTypeName("recording")
public final class RecordingIngressFactory implements IngressFactory
{
    @JsonProperty
    private int port;

    int port()
    {
        return port;
    }

    @Override
    public Managed build(final Supplier<ClearingEngine> engine, final ApiKeys apiKeys, final MetricRegistry metrics)
    {
        return new Managed()
        {
        };
    }
}
