package io.clearing.server.ingress;

import io.clearing.client.AckCode;
import io.clearing.client.ClearingClient;
import io.clearing.client.ClearingClientException;
import io.clearing.client.ObligationBatch;
import io.clearing.core.engine.ClearingEngine;
import io.clearing.core.engine.Context;
import io.clearing.core.engine.api.ClearingStateView;
import io.clearing.core.engine.api.ObligationState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AeronIngressTest
{
    @TempDir
    Path directory;

    @Test
    void shouldAcknowledgeEveryCommandWithItsOwnCorrelationIdWhenSentSinglyAndInBatches()
    {
        try (IngressFixture fixture = new IngressFixture(directory.resolve("journal")))
        {
            final AckCollector acks = new AckCollector();
            final ClearingClient client = fixture.connect(IngressFixture.OPERATOR_KEY, acks);
            client.registerParticipant(1, "F1", "Firm one");
            client.registerParticipant(2, "F2", "Firm two");
            acks.awaitCount(client, 2);
            for (int i = 0; i < 100; i++)
            {
                // every tenth names a participant nobody registered: its own acknowledgement must say so
                client.submitObligation(1_000 + i, "S-" + i, "F1", i % 10 == 0 ? "NOBODY" : "F2", 100 + i);
            }
            final ObligationBatch batch = client.newBatch();
            int batched = 0;
            for (int i = 0; i < 200; i++)
            {
                if (!batch.add(5_000 + i, "B-" + i, i % 2 == 0 ? "F1" : "F2", i % 2 == 0 ? "F2" : "F1", 7 + i))
                {
                    client.submitBatch(batch);
                    batch.add(5_000 + i, "B-" + i, i % 2 == 0 ? "F1" : "F2", i % 2 == 0 ? "F2" : "F1", 7 + i);
                    batched++;
                }
            }
            client.submitBatch(batch);
            acks.awaitCount(client, 302);

            assertThat(batched).as("the batch filled up at least once").isPositive();
            assertThat(acks.code(1)).isEqualTo(AckCode.ACCEPTED);
            assertThat(acks.code(2)).isEqualTo(AckCode.ACCEPTED);
            for (int i = 0; i < 100; i++)
            {
                assertThat(acks.code(1_000 + i)).as("obligation S-%d", i)
                    .isEqualTo(i % 10 == 0 ? AckCode.UNKNOWN_PARTICIPANT : AckCode.ACCEPTED);
            }
            for (int i = 0; i < 200; i++)
            {
                assertThat(acks.code(5_000 + i)).as("batched obligation B-%d", i).isEqualTo(AckCode.ACCEPTED);
            }
            assertThat(acks.duplicates).isEmpty();
            assertThat(fixture.obligations()).isEqualTo(290);
            final ObligationState stored = fixture.engine.querySync(view -> view.obligation("B-7"));
            assertThat(stored.debtorId()).isEqualTo("F2");
            assertThat(stored.amountMinor()).isEqualTo(14);
        }
    }

    @Test
    void shouldAnswerDuplicateWhenTheSameObligationIsSentAgain()
    {
        try (IngressFixture fixture = new IngressFixture(directory.resolve("journal")))
        {
            fixture.engine.registerParticipantSync("F1", "Firm one");
            fixture.engine.registerParticipantSync("F2", "Firm two");
            final AckCollector acks = new AckCollector();
            final ClearingClient client = fixture.connect(IngressFixture.OPERATOR_KEY, acks);
            client.submitObligation(1, "INV-1", "F1", "F2", 125_00);
            client.submitObligation(2, "INV-1", "F1", "F2", 125_00);
            client.submitObligation(3, "INV-1", "F1", "F2", 999_00);
            acks.awaitCount(client, 3);

            assertThat(acks.code(1)).isEqualTo(AckCode.ACCEPTED);
            assertThat(acks.code(2)).isEqualTo(AckCode.DUPLICATE);
            assertThat(acks.code(3)).isEqualTo(AckCode.ID_CONFLICT);
            assertThat(fixture.obligations()).isEqualTo(1);
        }
    }

    @Test
    void shouldRefuseAnUnknownKeyAndLetNothingThroughFromItsSession()
    {
        try (IngressFixture fixture = new IngressFixture(directory.resolve("journal")))
        {
            fixture.engine.registerParticipantSync("F1", "Firm one");
            fixture.engine.registerParticipantSync("F2", "Firm two");
            final long hashBefore = fixture.stateHash();

            assertThatThrownBy(() -> fixture.connect("no-such-key", new AckCollector()))
                .isInstanceOf(ClearingClientException.class)
                .hasMessageContaining("AUTHENTICATION_FAILED")
                .extracting(ex -> ((ClearingClientException)ex).code()).isEqualTo(AckCode.AUTHENTICATION_FAILED);

            try (RawIngressSession raw = new RawIngressSession(fixture.aeron, "no-such-key"))
            {
                assertThat(raw.awaitAck().code()).isEqualTo(AckCode.AUTHENTICATION_FAILED.value());
                raw.send(RawIngressSession.submit(7, "INV-1", "F1", "F2", 10));
                final RawIngressSession.Ack ack = raw.awaitAck();
                assertThat(ack.correlationId()).isEqualTo(7);
                assertThat(ack.code()).isEqualTo(AckCode.NOT_AUTHENTICATED.value());
            }
            assertThat(fixture.stateHash()).isEqualTo(hashBefore);
            assertThat(fixture.ingress.counters().commandsSubmitted()).isZero();
        }
    }

    @Test
    void shouldDropMessagesOfASessionThatSentNoHello()
    {
        try (IngressFixture fixture = new IngressFixture(directory.resolve("journal")))
        {
            fixture.engine.registerParticipantSync("F1", "Firm one");
            fixture.engine.registerParticipantSync("F2", "Firm two");
            final long hashBefore = fixture.stateHash();
            try (RawIngressSession raw = new RawIngressSession(fixture.aeron, null))
            {
                raw.send(RawIngressSession.submit(7, "INV-1", "F1", "F2", 10));
                raw.awaitCounter(() -> fixture.ingress.counters().droppedBeforeHello(), 1);
            }
            assertThat(fixture.stateHash()).isEqualTo(hashBefore);
            assertThat(fixture.ingress.counters().commandsSubmitted()).isZero();
        }
    }

    @Test
    void shouldLetAParticipantKeySubmitOnlyObligationsOfItsOwnParticipant()
    {
        try (IngressFixture fixture = new IngressFixture(directory.resolve("journal")))
        {
            for (final String id : new String[]{ "F1", "F2", "F3" })
            {
                fixture.engine.registerParticipantSync(id, "Firm " + id);
            }
            final AckCollector acks = new AckCollector();
            final ClearingClient client = fixture.connect(IngressFixture.F1_KEY, acks);
            client.submitObligation(1, "OWN-AS-DEBTOR", "F1", "F2", 10);
            client.submitObligation(2, "OWN-AS-CREDITOR", "F3", "F1", 10);
            client.submitObligation(3, "OTHERS", "F2", "F3", 10);
            client.registerParticipant(4, "F4", "Firm four");
            client.recordPayment(5, "PAY-1", "OWN-AS-DEBTOR", 5);
            acks.awaitCount(client, 5);

            assertThat(acks.code(1)).isEqualTo(AckCode.ACCEPTED);
            assertThat(acks.code(2)).isEqualTo(AckCode.ACCEPTED);
            assertThat(acks.code(3)).isEqualTo(AckCode.FORBIDDEN);
            assertThat(acks.reasons.get(3L)).contains("participant F1 may only submit obligations");
            assertThat(acks.code(4)).isEqualTo(AckCode.FORBIDDEN);
            assertThat(acks.code(5)).isEqualTo(AckCode.FORBIDDEN);
            final ObligationState others = fixture.engine.querySync(view -> view.obligation("OTHERS"));
            assertThat(others).isNull();
            assertThat(fixture.obligations()).isEqualTo(2);

            final AckCollector auditorAcks = new AckCollector();
            final ClearingClient auditor = fixture.connect(IngressFixture.AUDITOR_KEY, auditorAcks);
            auditor.submitObligation(9, "BY-AUDITOR", "F1", "F2", 10);
            auditorAcks.awaitCount(auditor, 1);
            assertThat(auditorAcks.code(9)).isEqualTo(AckCode.FORBIDDEN);
            assertThat(fixture.obligations()).isEqualTo(2);
        }
    }

    @Test
    void shouldKeepEveryAcknowledgedObligationAfterTheEngineRestarts()
    {
        final Path journal = directory.resolve("journal");
        try (IngressFixture fixture = new IngressFixture(journal))
        {
            final AckCollector acks = new AckCollector();
            final ClearingClient client = fixture.connect(IngressFixture.OPERATOR_KEY, acks);
            client.registerParticipant(1, "F1", "Firm one");
            client.registerParticipant(2, "F2", "Firm two");
            final ObligationBatch batch = client.newBatch();
            for (int i = 0; i < 500; i++)
            {
                if (!batch.add(100 + i, "R-" + i, "F1", "F2", 1 + i))
                {
                    client.submitBatch(batch);
                    batch.add(100 + i, "R-" + i, "F1", "F2", 1 + i);
                }
            }
            client.submitBatch(batch);
            acks.awaitCount(client, 502);
            assertThat(acks.codes.values()).containsOnly(AckCode.ACCEPTED);
        }
        try (ClearingEngine engine = ClearingEngine.launch(new Context().journalDirectory(journal)))
        {
            assertThat(engine.querySync(ClearingStateView::totals).obligations()).isEqualTo(500);
            for (int i = 0; i < 500; i += 37)
            {
                final int index = i;
                assertThat(engine.querySync(view -> view.obligation("R-" + index)).amountMinor()).isEqualTo(1 + i);
            }
        }
    }

    @Test
    void shouldWorkOverUdpWithEphemeralPorts()
    {
        final IngressConfiguration configuration = new IngressConfiguration().channel("aeron:udp?endpoint=localhost:0");
        try (IngressFixture fixture = new IngressFixture(directory.resolve("journal"), 1024, configuration))
        {
            fixture.engine.registerParticipantSync("F1", "Firm one");
            fixture.engine.registerParticipantSync("F2", "Firm two");
            String ingressChannel;
            while ((ingressChannel = fixture.ingress.resolvedChannel()) == null)
            {
                Thread.yield();
            }
            final AckCollector acks = new AckCollector();
            try (ClearingClient client = ClearingClient.connect(new ClearingClient.Context()
                .aeron(fixture.aeron)
                .ingressChannel(ingressChannel, configuration.streamId())
                .responseChannel("aeron:udp?endpoint=localhost:0", 1002)
                .apiKey(IngressFixture.OPERATOR_KEY)
                .ackHandler(acks)))
            {
                client.submitObligation(1, "U-1", "F1", "F2", 10);
                client.submitObligation(2, "U-1", "F1", "F2", 10);
                acks.awaitCount(client, 2);
            }
            assertThat(ingressChannel).doesNotContain(":0");
            assertThat(acks.code(1)).isEqualTo(AckCode.ACCEPTED);
            assertThat(acks.code(2)).isEqualTo(AckCode.DUPLICATE);
            assertThat(fixture.obligations()).isEqualTo(1);
        }
    }

    @Test
    void shouldRemoveTheEmbeddedDriverDirectoryOnClose()
    {
        final Path configured = directory.resolve("aeron");
        final String defaultDirectory;
        try (IngressFixture fixture = new IngressFixture(directory.resolve("journal")))
        {
            defaultDirectory = fixture.ingress.aeronDirectoryName();
            assertThat(Path.of(defaultDirectory)).isDirectory();
        }
        assertThat(Path.of(defaultDirectory)).doesNotExist();
        try (IngressFixture fixture = new IngressFixture(directory.resolve("journal"), 1024,
            new IngressConfiguration().aeronDirectory(configured)))
        {
            assertThat(fixture.ingress.aeronDirectoryName()).isEqualTo(configured.toString());
            assertThat(configured.resolve("cnc.dat")).exists();
        }
        assertThat(configured).doesNotExist();
    }

    @Test
    void shouldRefuseAUdpHelloThatAsksForAcknowledgementsAtAnotherHost()
    {
        final IngressConfiguration configuration = new IngressConfiguration().channel("aeron:udp?endpoint=127.0.0.1:0");
        try (IngressFixture fixture = new IngressFixture(directory.resolve("journal"), 1024, configuration))
        {
            String ingressChannel;
            while ((ingressChannel = fixture.ingress.resolvedChannel()) == null)
            {
                Thread.yield();
            }
            final String channel = ingressChannel;
            assertThatThrownBy(() -> ClearingClient.connect(new ClearingClient.Context()
                .aeron(fixture.aeron)
                .ingressChannel(channel, configuration.streamId())
                .responseChannel("aeron:udp?endpoint=127.0.0.2:0", 1002)
                .apiKey(IngressFixture.OPERATOR_KEY)
                .connectTimeoutNs(TimeUnit.SECONDS.toNanos(2))
                .ackHandler(new AckCollector())))
                .isInstanceOf(ClearingClientException.class)
                .hasMessageContaining("no answer to the hello");
            assertThat(fixture.errors).singleElement().extracting(Throwable::getMessage).asString()
                .contains("response endpoint 127.0.0.2:").contains("is not on the sender's host 127.0.0.1:");
            assertThat(fixture.ingress.counters().droppedBeforeHello()).isEqualTo(1);
        }
    }
}
