package io.clearing.server.ingress;

import io.clearing.client.AckCode;
import io.clearing.client.ClearingClient;
import io.clearing.client.ObligationBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Small terms, a small engine ring and a client that stops reading its acknowledgements: the client is
 * back-pressured instead of anything being dropped, and once it reads again every command gets exactly one
 * acknowledgement and every obligation is in the engine.
 */
class BackPressureTest
{
    private static final int OBLIGATIONS = 20_000;

    @TempDir
    Path directory;

    @Test
    void shouldLoseNothingWhenTheEngineRingIsFullAndTheClientDoesNotReadItsAcks()
    {
        final IngressConfiguration configuration = new IngressConfiguration()
            .driverTermLength(64 * 1024)
            .maxPendingAcksPerSession(4096)
            .maxInFlight(128);
        try (IngressFixture fixture = new IngressFixture(directory.resolve("journal"), 64, configuration))
        {
            fixture.engine.registerParticipantSync("F1", "Firm one");
            fixture.engine.registerParticipantSync("F2", "Firm two");
            final AckCollector acks = new AckCollector();
            final ClearingClient client = fixture.connect(IngressFixture.OPERATOR_KEY, acks);
            final ObligationBatch batch = client.newBatch();

            // Phase 1: send without ever reading acknowledgements until offers have failed for 300 ms.
            int sent = 0;
            long stuckSinceNs = 0;
            while (sent < OBLIGATIONS)
            {
                sent += offerNext(client, batch, sent, OBLIGATIONS, "BP-");
                if (batch.isEmpty())
                {
                    stuckSinceNs = 0;
                }
                else if (stuckSinceNs == 0)
                {
                    stuckSinceNs = System.nanoTime();
                }
                else if (System.nanoTime() - stuckSinceNs > TimeUnit.MILLISECONDS.toNanos(300))
                {
                    break;
                }
            }
            assertThat(sent).as("the client was back-pressured before sending everything").isLessThan(OBLIGATIONS);
            assertThat(acks.codes).as("nothing read yet").isEmpty();
            assertThat(fixture.ingress.counters().responseBackPressure()).isPositive();

            // Phase 2: read acknowledgements while sending the rest.
            while (sent < OBLIGATIONS || !batch.isEmpty())
            {
                sent += offerNext(client, batch, sent, OBLIGATIONS, "BP-");
                client.pollAcks();
            }
            acks.awaitCount(client, OBLIGATIONS);
            acks.pollFor(client, 100);

            assertThat(acks.codes).hasSize(OBLIGATIONS);
            assertThat(acks.duplicates).isEmpty();
            assertThat(acks.codes.values()).containsOnly(AckCode.ACCEPTED);
            for (long i = 0; i < OBLIGATIONS; i++)
            {
                assertThat(acks.codes).containsKey(i);
            }
            assertThat(fixture.obligations()).isEqualTo(OBLIGATIONS);
            assertThat(fixture.ingress.counters().engineBackPressure()).isPositive();
            assertThat(fixture.ingress.counters().acksDiscarded()).isZero();
            assertThat(fixture.errors).isEmpty();
        }
    }

    @Test
    void shouldKeepServingOthersAndJournalEverythingWhenAClientLeavesWithoutReadingItsAcks()
    {
        try (IngressFixture fixture = new IngressFixture(directory.resolve("journal")))
        {
            fixture.engine.registerParticipantSync("F1", "Firm one");
            fixture.engine.registerParticipantSync("F2", "Firm two");
            final AckCollector unread = new AckCollector();
            final ClearingClient leaving = fixture.connect(IngressFixture.OPERATOR_KEY, unread);
            final ObligationBatch batch = leaving.newBatch();
            int sent = 0;
            while (sent < 3_000)
            {
                sent += offerNext(leaving, batch, sent, 3_000, "GONE-");
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (fixture.ingress.counters().commandsSubmitted() < 3_000 && System.nanoTime() < deadline)
            {
                Thread.yield();
            }
            leaving.close();

            final AckCollector acks = new AckCollector();
            final ClearingClient staying = fixture.connect(IngressFixture.OPERATOR_KEY, acks);
            staying.submitObligation(1, "STAY-1", "F2", "F1", 10);
            acks.awaitCount(staying, 1);
            assertThat(acks.code(1)).isEqualTo(AckCode.ACCEPTED);
            assertThat(unread.codes).isEmpty();

            while (fixture.ingress.counters().sessionsClosed() < 1 && System.nanoTime() < deadline)
            {
                Thread.yield();
            }
            assertThat(fixture.ingress.counters().sessionsClosed()).isEqualTo(1);
            assertThat(fixture.ingress.counters().acksDiscarded() + fixture.ingress.counters().acksSent())
                .as("every acknowledgement either sent or, the client gone, counted as discarded")
                .isEqualTo(3_000 + 1 + 2);
            assertThat(fixture.obligations()).isEqualTo(3_001);
        }
    }

    /**
     * Fills the batch from obligation {@code next} on (unless it still holds an unsent one) and offers it.
     *
     * @return obligations sent.
     */
    private static int offerNext(final ClearingClient client, final ObligationBatch batch, final int next,
        final int total, final String idPrefix)
    {
        if (batch.isEmpty())
        {
            int i = next;
            while (i < total && batch.add(i, idPrefix + i, "F1", "F2", 1 + i % 1000))
            {
                i++;
            }
        }
        final int size = batch.size();
        return client.offerBatch(batch) ? size : 0;
    }
}
