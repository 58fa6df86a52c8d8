package io.clearing.core.engine;

import io.clearing.core.engine.api.ClearingStateView;
import io.clearing.core.engine.api.CommandReply;
import io.clearing.core.engine.api.ContinuousPolicy;
import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.engine.journal.SnapshotStore;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClearingEngineTest
{
    @TempDir
    Path directory;

    private final AtomicLong fakeTime = new AtomicLong(1_000);
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    private Context context()
    {
        return new Context()
            .journalDirectory(directory.resolve("journal"))
            .ringSize(1024)
            .clock(fakeTime::incrementAndGet)
            .errorHandler(errors::add)
            .shutdownTimeoutMs(10_000);
    }

    @Test
    void shouldAcknowledgeCommandsWithTheirCodesWhenPublishedSyncAndAsync()
    {
        try (ClearingEngine engine = ClearingEngine.launch(context()))
        {
            assertThat(engine.registerParticipantSync("A", "Alpha").code()).isEqualTo(ResultCode.ACCEPTED);
            assertThat(engine.registerParticipantSync("B", "Beta").code()).isEqualTo(ResultCode.ACCEPTED);
            final CompletableFuture<CommandReply> first = engine.submitObligation("o1", "A", "B", 100);
            final CompletableFuture<CommandReply> again = engine.submitObligation("o1", "A", "B", 100);
            final CompletableFuture<CommandReply> unknown = engine.submitObligation("o2", "A", "Z", 100);
            assertThat(first.join().code()).isEqualTo(ResultCode.ACCEPTED);
            assertThat(again.join().code()).isEqualTo(ResultCode.DUPLICATE);
            assertThat(unknown.join().code()).isEqualTo(ResultCode.UNKNOWN_PARTICIPANT);
            assertThat(engine.recordPaymentSync("p1", "o1", 30).value()).isEqualTo(70);
            assertThat(engine.submitObligationSync("x".repeat(300), "A", "B", 1).code()).isEqualTo(ResultCode.TOO_LONG);

            assertThat(engine.<Long>querySync(v -> v.participant("B").netPositionMinor())).isEqualTo(70L);
            assertThat(engine.<Long>querySync(v -> v.obligation("o1").submittedAtMs())).isGreaterThan(1_000L);
        }
        assertThat(errors).isEmpty();
    }

    /**
     * The engine threads start as the engine launches; closing it at once must not close the journal under a stage
     * still starting (the journal stage opens its writer as it starts), nor leave a thread running after close.
     */
    @Test
    void shouldStopItsThreadsBeforeClosingTheJournalWhenClosedRightAfterLaunch()
    {
        final java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        for (int i = 0; i < 30; i++)
        {
            ClearingEngine.launch(context()).close();
            assertThat(Thread.getAllStackTraces().keySet()).as("engine threads alive after close")
                .noneMatch(thread -> !before.contains(thread) && thread.getName().startsWith("engine-"));
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldDeliverCallbacksInPublicationOrderWhenListenerIsUsed()
    {
        final List<Long> correlations = new CopyOnWriteArrayList<>();
        final List<ResultCode> codes = new CopyOnWriteArrayList<>();
        try (ClearingEngine engine = ClearingEngine.launch(context()))
        {
            engine.registerParticipantSync("A", "Alpha");
            engine.registerParticipantSync("B", "Beta");
            for (int i = 0; i < 5_000; i++)
            {
                engine.submitObligation("o" + (i % 4_000), "A", "B", 10, i, (id, code, value) ->
                {
                    correlations.add(id);
                    codes.add(code);
                });
            }
            engine.stateHash();
        }
        assertThat(correlations).hasSize(5_000).isSorted();
        assertThat(codes.subList(0, 4_000)).containsOnly(ResultCode.ACCEPTED);
        assertThat(codes.subList(4_000, 5_000)).containsOnly(ResultCode.DUPLICATE);
    }

    @Test
    void shouldCarryLongAndShortCommandsThroughTheSameRingEntries()
    {
        // Ids near the 255-byte limit in two- and three-byte characters, as text and as bytes, mixed with short ones
        // in every entry of the 1,024-entry ring: each command is read back whole, and again after a restart.
        final String wide = "\u00e9\u4e2d".repeat(50);
        final int rounds = 1_500;
        final long hash;
        try (ClearingEngine engine = ClearingEngine.launch(context()))
        {
            assertThat(engine.registerParticipantSync("A", "Alpha").code()).isEqualTo(ResultCode.ACCEPTED);
            assertThat(engine.registerParticipantSync("B" + wide, "Beta " + wide).code()).isEqualTo(ResultCode.ACCEPTED);
            final List<CompletableFuture<CommandReply>> replies = new ArrayList<>();
            final UnsafeBuffer ids = new UnsafeBuffer(new byte[1024]);
            for (int i = 0; i < rounds; i++)
            {
                replies.add(engine.submitObligation("s" + i, "A", "B" + wide, 1 + i));
                replies.add(engine.submitObligation("L" + i + wide, "B" + wide, "A", 2 + i));
                final byte[] id = ("b" + i + wide).getBytes(StandardCharsets.UTF_8);
                final byte[] debtor = ("B" + wide).getBytes(StandardCharsets.UTF_8);
                ids.putBytes(0, id);
                ids.putBytes(id.length, debtor);
                ids.putBytes(id.length + debtor.length, "A".getBytes(StandardCharsets.UTF_8));
                final CompletableFuture<CommandReply> bytesReply = new CompletableFuture<>();
                final long correlation = i;
                while (!engine.trySubmitObligation(ids, 0, id.length, id.length, debtor.length,
                    id.length + debtor.length, 1, 3 + i, correlation, (correlationId, code, value) ->
                        bytesReply.complete(new CommandReply(code, value))))
                {
                    Thread.onSpinWait(); // the ring is full: this form publishes nothing then
                }
                replies.add(bytesReply);
                replies.add(engine.recordPayment("p" + i + wide, "s" + i, 1));
            }
            assertThat(replies).allSatisfy(reply -> assertThat(reply.join().code()).isEqualTo(ResultCode.ACCEPTED));
            final int last = rounds - 1;
            assertThat(engine.<Long>querySync(v -> v.obligation("L" + last + wide).amountMinor())).isEqualTo(2L + last);
            assertThat(engine.<Long>querySync(v -> v.obligation("b" + last + wide).amountMinor())).isEqualTo(3L + last);
            assertThat(engine.<Long>querySync(v -> v.obligation("s" + last).paidMinor())).isEqualTo(1L);
            assertThat(engine.<String>querySync(v -> v.participant("B" + wide).displayName())).isEqualTo("Beta " + wide);
            hash = engine.stateHash();
        }
        try (ClearingEngine engine = ClearingEngine.launch(context()))
        {
            assertThat(engine.stateHash()).isEqualTo(hash);
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldRecoverSameStateHashWhenRelaunched()
    {
        final long hash;
        try (ClearingEngine engine = ClearingEngine.launch(context().continuousPolicy(ContinuousPolicy.DEFAULT_ENABLED)))
        {
            publishRandomWorkload(engine, 3, 4_000);
            assertThat(engine.runClearingSync(1).code()).isEqualTo(ResultCode.ACCEPTED);
            hash = engine.stateHash();
        }
        try (ClearingEngine engine = ClearingEngine.launch(context()))
        {
            assertThat(engine.recoveryReport().replay().records()).isGreaterThan(4_000);
            assertThat(engine.stateHash()).isEqualTo(hash);
            assertThat(engine.querySync(ClearingStateView::continuousPolicy)).isEqualTo(ContinuousPolicy.DEFAULT_ENABLED);
        }
    }

    @Test
    void shouldRestartFromPeriodicSnapshotWithSameHashAsFullReplay()
    {
        final long hash;
        try (ClearingEngine engine = ClearingEngine.launch(context().snapshotIntervalCommands(1_000)))
        {
            publishRandomWorkload(engine, 4, 5_000);
            engine.takeSnapshot().join();
            publishRandomWorkload(engine, 5, 500);
            hash = engine.stateHash();
        }
        assertThat(new SnapshotStore(directory.resolve("journal")).list()).hasSizeGreaterThanOrEqualTo(5);
        try (ClearingEngine engine = ClearingEngine.launch(context()))
        {
            assertThat(engine.recoveryReport().snapshotFile()).isNotNull();
            assertThat(engine.recoveryReport().replay().records()).isLessThan(1_000);
            assertThat(engine.stateHash()).isEqualTo(hash);
        }
        try (ClearingEngine engine = ClearingEngine.launch(context().recoverFromSnapshots(false)))
        {
            assertThat(engine.recoveryReport().snapshotFile()).isNull();
            assertThat(engine.stateHash()).isEqualTo(hash);
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldWorkWithEveryWaitStrategy()
    {
        for (final WaitStrategyType type : WaitStrategyType.values())
        {
            try (ClearingEngine engine = ClearingEngine.launch(context().waitStrategy(type)
                .journalDirectory(directory.resolve(type.name()))))
            {
                engine.registerParticipantSync("A", "a");
                engine.registerParticipantSync("B", "b");
                assertThat(engine.submitObligationSync("o", "A", "B", 5).code()).as(type.name())
                    .isEqualTo(ResultCode.ACCEPTED);
            }
        }
    }

    @Test
    void shouldRunTheJournalAndTheLogicOnOneThreadWhenAsked()
    {
        final long hash;
        try (ClearingEngine engine = ClearingEngine.launch(context().snapshotIntervalCommands(700)))
        {
            publishRandomWorkload(engine, 6, 3_000);
            assertThat(engine.runClearingSync(1).code()).isEqualTo(ResultCode.ACCEPTED);
            hash = engine.stateHash();
            assertThat(threadNames()).contains("engine-journal", "engine-logic", "journal-touch");
        }
        fakeTime.set(1_000); // the same timestamps again
        try (ClearingEngine engine = ClearingEngine.launch(context().snapshotIntervalCommands(700)
            .journalThread(false).journalDirectory(directory.resolve("one-thread"))))
        {
            publishRandomWorkload(engine, 6, 3_000);
            assertThat(engine.runClearingSync(1).code()).isEqualTo(ResultCode.ACCEPTED);
            assertThat(engine.stateHash()).as("same commands, same state").isEqualTo(hash);
            assertThat(threadNames()).contains("engine-stages");
        }
        try (ClearingEngine engine = ClearingEngine.launch(context().journalDirectory(directory.resolve("one-thread"))))
        {
            assertThat(engine.recoveryReport().snapshotFile()).isNotNull();
            assertThat(engine.stateHash()).as("recovered from its journal and snapshots").isEqualTo(hash);
        }
        assertThat(errors).isEmpty();
    }

    private static List<String> threadNames()
    {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).toList();
    }

    @Test
    void shouldReplyEngineClosedWhenPublishingAfterClose()
    {
        final ClearingEngine engine = ClearingEngine.launch(context());
        engine.close();
        assertThat(engine.registerParticipantSync("A", "a").code()).isEqualTo(ResultCode.ENGINE_CLOSED);
        final List<ResultCode> codes = new ArrayList<>();
        engine.submitObligation("o", "A", "B", 1, 7, (id, code, value) -> codes.add(code));
        assertThat(codes).containsExactly(ResultCode.ENGINE_CLOSED);
    }

    @Test
    void shouldNameTheBadSettingWhenContextIsInvalid() throws Exception
    {
        assertThatThrownBy(() -> context().ringSize(1000).conclude())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ringSize").hasMessageContaining("1000");
        assertThatThrownBy(() -> context().snapshotIntervalCommands(-1).conclude())
            .hasMessageContaining("snapshotIntervalCommands");
        assertThatThrownBy(() -> context().continuousPolicy(new ContinuousPolicy(true, 1, 10, 10)).conclude())
            .hasMessageContaining("continuousPolicy").hasMessageContaining("maxCycleLength");
        assertThatThrownBy(() -> context().waitStrategy(null).conclude()).hasMessageContaining("waitStrategy");
        final Path file = Files.createFile(directory.resolve("plain-file"));
        assertThatThrownBy(() -> context().journalDirectory(file).conclude())
            .hasMessageContaining("journalDirectory").hasMessageContaining(file.toString());
    }

    static void publishRandomWorkload(final ClearingEngine engine, final long seed, final int obligations)
    {
        final Random random = new Random(seed);
        for (int p = 0; p < 40; p++)
        {
            engine.registerParticipant("P" + p, "Firm " + p);
        }
        CompletableFuture<CommandReply> last = null;
        for (int i = 0; i < obligations; i++)
        {
            final int d = random.nextInt(40);
            final int c = random.nextInt(40);
            last = engine.submitObligation("S" + seed + "-" + i, "P" + d, "P" + c, 1 + random.nextInt(1_000));
            if (i % 97 == 0)
            {
                engine.recordPayment("Y" + seed + "-" + i, "S" + seed + "-" + random.nextInt(i + 1), 1 + random.nextInt(50));
            }
        }
        last.join();
    }
}
