package io.clearing.core.engine;

import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.engine.api.ResultListener;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's two threads (journal stage with its participant hints, logic stage) allocate nothing per submission
 * once warm: the JVM's per-thread allocation counter over rounds of submissions published as bytes. The JMH
 * benchmark with {@code -prof gc} covers the logic alone; this covers the running pipeline in the normal build.
 */
class EngineAllocationTest
{
    private static final int PARTICIPANTS = 1_000;
    private static final int OBLIGATIONS = 50_000;
    private static final int ROUNDS = 3;

    @TempDir
    Path directory;

    @ParameterizedTest(name = "journal thread of its own: {0}")
    @ValueSource(booleans = {true, false})
    void shouldNotAllocateOnTheEngineThreadsPerSubmissionWhenWarm(final boolean journalThread)
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final AtomicLong accepted = new AtomicLong();
        final ResultListener listener = (id, code, value) ->
        {
            if (code == ResultCode.ACCEPTED)
            {
                accepted.incrementAndGet();
            }
        };
        try (ClearingEngine engine = ClearingEngine.launch(new Context().journalDirectory(directory.resolve("j"))
            .snapshotIntervalCommands(0).expectedParticipants(PARTICIPANTS).journalThread(journalThread)
            .expectedObligations(OBLIGATIONS * (ROUNDS + 1))))
        {
            for (int p = 0; p < PARTICIPANTS; p++)
            {
                engine.registerParticipantSync(participant(p), "Firm " + p);
            }
            final long[] engineThreads = Thread.getAllStackTraces().entrySet().stream()
                .filter(entry -> Arrays.stream(entry.getValue())
                    .anyMatch(frame -> frame.getClassName().startsWith("com.lmax.disruptor.BatchEventProcessor")))
                .mapToLong(entry -> entry.getKey().getId()).toArray();
            assertThat(engineThreads).as("journal and logic stage threads").hasSize(journalThread ? 2 : 1);

            final UnsafeBuffer message = new UnsafeBuffer(new byte[32]);
            submit(engine, message, listener, 0);
            long allocated = Long.MAX_VALUE;
            for (int round = 1; round <= ROUNDS; round++)
            {
                final long before = sum(threads.getThreadAllocatedBytes(engineThreads));
                submit(engine, message, listener, round * OBLIGATIONS);
                awaitAccepted(accepted, (round + 1L) * OBLIGATIONS);
                allocated = Math.min(allocated, sum(threads.getThreadAllocatedBytes(engineThreads)) - before);
            }
            assertThat(accepted.get()).isEqualTo((ROUNDS + 1L) * OBLIGATIONS);
            assertThat(allocated).as("fewest bytes the engine's threads allocated for %,d submissions in a round",
                OBLIGATIONS).isLessThan(OBLIGATIONS / 4);
        }
    }

    private static void submit(final ClearingEngine engine, final UnsafeBuffer message, final ResultListener listener,
        final int from)
    {
        for (int i = from; i < from + OBLIGATIONS; i++)
        {
            final byte[] id = ("O-" + i).getBytes(StandardCharsets.US_ASCII);
            message.putBytes(0, id);
            final int debtor = i % PARTICIPANTS;
            message.putBytes(id.length, participant(debtor).getBytes(StandardCharsets.US_ASCII));
            message.putBytes(id.length + 5, participant((debtor + 1 + i % 7) % PARTICIPANTS)
                .getBytes(StandardCharsets.US_ASCII));
            while (!engine.trySubmitObligation(message, 0, id.length, id.length, 5, id.length + 5, 5, 10, i, listener))
            {
                LockSupport.parkNanos(1_000);
            }
        }
    }

    private static String participant(final int p)
    {
        return String.format("P%04d", p);
    }

    private static void awaitAccepted(final AtomicLong accepted, final long count)
    {
        final long deadline = System.nanoTime() + 30_000_000_000L;
        while (accepted.get() < count && System.nanoTime() < deadline)
        {
            LockSupport.parkNanos(1_000_000);
        }
    }

    private static long sum(final long[] values)
    {
        return Arrays.stream(values).sum();
    }
}
