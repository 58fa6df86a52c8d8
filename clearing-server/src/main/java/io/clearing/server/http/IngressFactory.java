package io.clearing.server.http;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.clearing.core.engine.ClearingEngine;
import io.clearing.server.auth.ApiKeys;
import io.dropwizard.jackson.Discoverable;
import io.dropwizard.lifecycle.Managed;

import java.util.function.Supplier;

/**
 * The {@code ingress} section: another way into the same engine beside the REST API, chosen by its {@code type}.
 * An implementation is a Jackson subtype named with {@code @JsonTypeName}, listed in
 * {@code META-INF/services/io.clearing.server.http.IngressFactory}; the server starts the {@link Managed} it
 * builds after the engine and stops it before the engine.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface IngressFactory extends Discoverable
{
    /**
     * @param engine  the running engine (available once the server has started; do not call it in this method).
     * @param apiKeys the server's key store: the same keys authenticate both ways in.
     * @param metrics the server's metric registry.
     * @return the ingress, started and stopped with the server.
     */
    Managed build(Supplier<ClearingEngine> engine, ApiKeys apiKeys, MetricRegistry metrics);
}
