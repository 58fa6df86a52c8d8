package io.clearing.server.ingress;

import io.clearing.client.AckCode;
import io.clearing.client.ClearingClient;
import io.clearing.client.ObligationBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingress thread's path from message to engine to acknowledgement allocates nothing per command once warm (its
 * acknowledgement queue has grown to the session's backlog): measured with the JVM's per-thread allocation counter.
 */
class IngressAllocationTest
{
    private static final int OBLIGATIONS = 20_000;
    private static final int ROUNDS = 3;

    @TempDir
    Path directory;

    @Test
    void shouldNotAllocateOnTheIngressThreadPerObligationWhenWarm()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        try (IngressFixture fixture = new IngressFixture(directory.resolve("journal")))
        {
            fixture.engine.registerParticipantSync("F1", "Firm one");
            fixture.engine.registerParticipantSync("F2", "Firm two");
            final AckCollector acks = new AckCollector();
            final ClearingClient client = fixture.connect(IngressFixture.OPERATOR_KEY, acks);
            final long ingressThreadId = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> "clearing-ingress".equals(thread.getName())).findFirst().orElseThrow().getId();

            send(client, acks, 0);
            // The fewest bytes over a few rounds: a queue that grows once to a larger backlog (a loaded machine
            // delays acknowledgements) shows in one round only, an allocation per obligation in every round.
            long allocated = Long.MAX_VALUE;
            for (int round = 1; round <= ROUNDS; round++)
            {
                final long before = threads.getThreadAllocatedBytes(ingressThreadId);
                send(client, acks, round * OBLIGATIONS);
                allocated = Math.min(allocated, threads.getThreadAllocatedBytes(ingressThreadId) - before);
            }

            assertThat(acks.codes.values()).containsOnly(AckCode.ACCEPTED);
            assertThat(allocated).as("fewest bytes allocated by the ingress thread for %,d obligations in a round",
                OBLIGATIONS).isLessThan(OBLIGATIONS / 4);
        }
    }

    private static void send(final ClearingClient client, final AckCollector acks, final int from)
    {
        final ObligationBatch batch = client.newBatch();
        for (int i = from; i < from + OBLIGATIONS; i++)
        {
            if (!batch.add(i, "A-" + i, "F1", "F2", 1 + i % 100))
            {
                client.submitBatch(batch);
                batch.add(i, "A-" + i, "F1", "F2", 1 + i % 100);
            }
        }
        client.submitBatch(batch);
        acks.awaitCount(client, from + OBLIGATIONS);
    }
}
