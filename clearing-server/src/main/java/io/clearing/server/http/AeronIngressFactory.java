package io.clearing.server.http;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.clearing.core.engine.ClearingEngine;
import io.clearing.server.auth.ApiKeys;
import io.clearing.server.auth.ApiPrincipal;
import io.clearing.server.ingress.AeronIngress;
import io.clearing.server.ingress.IngressAuthenticator;
import io.clearing.server.ingress.IngressConfiguration;
import io.clearing.server.ingress.IngressCounters;
import io.clearing.server.ingress.IngressPrincipal;
import io.dropwizard.lifecycle.Managed;

import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * {@code ingress: {type: aeron, aeron: {...}}}: the Aeron ingress ({@link AeronIngress}, docs/ingress.md) in front of
 * the server's engine, authenticated by the server's own key store, so one API key works on both ways in. Its
 * counters are published as gauges {@code ingress.*} in the server's metrics.
 */
@JsonTypeName("aeron")
public final class AeronIngressFactory implements IngressFactory
{
    @JsonProperty
    private IngressConfiguration aeron = new IngressConfiguration();

    public IngressConfiguration getAeron()
    {
        return aeron;
    }

    public void setAeron(final IngressConfiguration aeron)
    {
        this.aeron = aeron;
    }

    @Override
    public Managed build(final Supplier<ClearingEngine> engine, final ApiKeys apiKeys, final MetricRegistry metrics)
    {
        aeron.conclude();
        return new Managed()
        {
            private AeronIngress ingress;

            @Override
            public void start()
            {
                ingress = AeronIngress.launch(engine.get(), aeron, authenticator(apiKeys));
                gauge(metrics, "ingress.messagesReceived", IngressCounters::messagesReceived);
                gauge(metrics, "ingress.commandsSubmitted", IngressCounters::commandsSubmitted);
                gauge(metrics, "ingress.acksSent", IngressCounters::acksSent);
                gauge(metrics, "ingress.refusals", IngressCounters::refusals);
                gauge(metrics, "ingress.acksDiscarded", IngressCounters::acksDiscarded);
                gauge(metrics, "ingress.engineBackPressure", IngressCounters::engineBackPressure);
                gauge(metrics, "ingress.sessionsOpened", IngressCounters::sessionsOpened);
            }

            private void gauge(final MetricRegistry registry, final String name,
                final ToLongFunction<IngressCounters> counter)
            {
                registry.register(name, (Gauge<Long>)() -> counter.applyAsLong(ingress.counters()));
            }

            @Override
            public void stop()
            {
                if (ingress != null)
                {
                    ingress.close();
                }
            }
        };
    }

    /**
     * The server's key roles as the ingress's: an auditor key connects but may send nothing (the ingress refuses
     * every command of an auditor session as forbidden).
     */
    static IngressAuthenticator authenticator(final ApiKeys apiKeys)
    {
        return presentedKey -> apiKeys.authenticate(presentedKey).map(AeronIngressFactory::principal);
    }

    private static IngressPrincipal principal(final ApiPrincipal principal)
    {
        return switch (principal.role())
        {
            case OPERATOR -> IngressPrincipal.operator(principal.keyId());
            case PARTICIPANT -> IngressPrincipal.participant(principal.keyId(), principal.participantId());
            case AUDITOR -> IngressPrincipal.auditor(principal.keyId());
        };
    }
}
