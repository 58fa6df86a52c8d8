package io.clearing.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.aeron.Aeron;
import io.clearing.client.AckCode;
import io.clearing.client.AckHandler;
import io.clearing.client.ClearingClient;
import io.clearing.client.ClearingClientException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Aeron ingress as the server runs it ({@code ingress: {type: aeron}}): the same engine and the same API keys
 * as the REST API, with the keys' roles.
 */
@ExtendWith(TestServer.class)
class ServerAeronIngressTest
{
    private final TestServer server;
    private Aeron aeron;

    ServerAeronIngressTest(final TestServer server)
    {
        this.server = server;
    }

    @BeforeEach
    void connect()
    {
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(server.aeronDirectory()));
    }

    @AfterEach
    void close()
    {
        aeron.close();
    }

    @Test
    void shouldTakeObligationsWithAServerKeyIntoTheSameEngine()
    {
        server.register("aeron-A", "aeron-B");
        final Acks acks = new Acks();
        try (ClearingClient client = connect(server.operatorKey(), acks))
        {
            client.submitObligation(1, "aeron-1", "aeron-A", "aeron-B", 700);
            client.submitObligation(2, "aeron-2", "aeron-B", "aeron-A", 300);
            acks.await(client, 2);
        }
        assertThat(acks.codes).containsEntry(1L, AckCode.ACCEPTED).containsEntry(2L, AckCode.ACCEPTED);
        final JsonNode obligation = server.json(server.get("/api/v1/obligations/aeron-1", server.operatorKey()));
        assertThat(obligation.get("debtorId").asText()).isEqualTo("aeron-A");
        assertThat(obligation.get("amountMinor").asLong()).isEqualTo(700);
    }

    @Test
    void shouldApplyTheKeysRoleAndRefuseUnknownKeys()
    {
        server.register("aeron-C", "aeron-D", "aeron-E");
        final String participantKey = server.createKey("participant", "aeron-C");
        final String hash = server.stateHash();
        final Acks acks = new Acks();
        try (ClearingClient client = connect(participantKey, acks))
        {
            client.submitObligation(1, "aeron-3", "aeron-D", "aeron-E", 100);   // not its own obligation
            acks.await(client, 1);
        }
        assertThat(acks.codes).containsEntry(1L, AckCode.FORBIDDEN);
        assertThat(server.stateHash()).isEqualTo(hash);

        assertThatThrownBy(() -> connect("ck_not-a-key", new Acks()))
            .isInstanceOf(ClearingClientException.class).hasMessageContaining("AUTHENTICATION_FAILED");
        assertThat(server.stateHash()).isEqualTo(hash);
    }

    private ClearingClient connect(final String key, final AckHandler handler)
    {
        return ClearingClient.connect(new ClearingClient.Context().aeron(aeron).apiKey(key).ackHandler(handler));
    }

    private static final class Acks implements AckHandler
    {
        final Map<Long, AckCode> codes = new ConcurrentHashMap<>();

        @Override
        public void onAck(final long correlationId, final AckCode code, final long value)
        {
            codes.put(correlationId, code);
        }

        void await(final ClearingClient client, final int count)
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (codes.size() < count && System.nanoTime() < deadline)
            {
                if (client.pollAcks() == 0)
                {
                    Thread.onSpinWait();
                }
            }
        }
    }
}
