package io.clearing.core.engine;

import com.lmax.disruptor.RingBuffer;
import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.engine.journal.Journal;
import io.clearing.core.engine.journal.SnapshotStore;
import io.clearing.core.engine.state.ClearingStateMachine;
import io.clearing.core.engine.state.CommandCodec;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journal stage driven by hand, as the Disruptor drives it, with the logic stage either after it (two threads) or
 * inline ({@link Context#journalThread} false): one batch longer than three journal documents, a query in the
 * middle, and a periodic snapshot whose record does not fit in the document its command filled.
 */
class JournalStageTest
{
    private static final int REGISTRATIONS = 2;
    private static final int SUBMISSIONS = 3_300;
    private static final int QUERY_AFTER = 1_500;

    @TempDir
    Path directory;

    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    @ParameterizedTest(name = "logic inline: {0}")
    @ValueSource(booleans = {false, true})
    void shouldApplyEveryCommandOnceInOrderOnlyAfterItIsJournaled(final boolean inline)
    {
        final Path journalDirectory = directory.resolve("journal");
        final RingBuffer<CommandEvent> ring = RingBuffer.createSingleProducer(CommandEvent::new, 8192);
        final ClearingStateMachine machine = new ClearingStateMachine(16, 16);
        final List<Long> replied = new ArrayList<>();
        final List<Long> journaledWhenReplied = new ArrayList<>();
        final CompletableFuture<Object> seenByQuery = new CompletableFuture<>();
        final long hash;
        try (Journal journal = Journal.open(journalDirectory))
        {
            final LogicStage logic = new LogicStage(machine, new SnapshotStore(journalDirectory), errors::add);
            // A snapshot after every 1,024th command: the 1,024th fills a document, so its snapshot record is the
            // first of the next one.
            final JournalStage stage = new JournalStage(ring, journal, null, errors::add, Journal.MAX_RECORDS_PER_DOCUMENT,
                inline ? logic : null, false);
            stage.onStart();
            final int commands = REGISTRATIONS + SUBMISSIONS;
            final long first = ring.getCursor() + 1;
            long querySequence = -1;
            for (int i = 0; i < commands; i++)
            {
                publishCommand(ring, i, (correlationId, code, value) ->
                {
                    assertThat(code).as("command " + correlationId).isEqualTo(ResultCode.ACCEPTED);
                    replied.add(correlationId);
                    if (correlationId % 500 == 0)
                    {
                        journaledWhenReplied.add(journaledRecords(journal));
                    }
                });
                if (i == REGISTRATIONS + QUERY_AFTER - 1)
                {
                    querySequence = ring.next();
                    final CommandEvent query = ring.get(querySequence);
                    query.kind = CommandEvent.QUERY;
                    query.query = view -> view.totals().openObligations();
                    query.queryFuture = seenByQuery;
                    ring.publish(querySequence);
                }
            }
            final long last = ring.getCursor();
            for (long sequence = first; sequence <= last; sequence++)
            {
                stage.onEvent(ring.get(sequence), sequence, sequence == last);
            }
            if (!inline)
            {
                for (long sequence = first; sequence <= last; sequence++)
                {
                    logic.onEvent(ring.get(sequence), sequence, sequence == last);
                }
            }
            stage.onShutdown();
            hash = machine.stateHash();

            assertThat(replied).hasSize(commands);
            for (int i = 0; i < commands; i++)
            {
                assertThat(replied.get(i)).isEqualTo(i);
            }
            for (int k = 0; k < journaledWhenReplied.size(); k++)
            {
                final long correlationId = 500L * k;
                assertThat(journaledWhenReplied.get(k)).as("records journaled when command %d was acknowledged",
                    correlationId).isGreaterThan(correlationId);
            }
            assertThat(seenByQuery.join()).as("open obligations the query saw").isEqualTo(QUERY_AFTER);
            assertThat(querySequence).isPositive();
        }
        assertThat(errors).isEmpty();
        assertThat(new SnapshotStore(journalDirectory).list()).hasSize(3);
        final ClearingStateMachine replayed = new ClearingStateMachine(16, 16);
        try (Journal journal = Journal.open(journalDirectory))
        {
            journal.replay(Journal.START, 0, (index, ordinal, buffer, offset, length) ->
                replayed.apply(buffer, offset, length));
        }
        assertThat(replayed.stateHash()).as("hash of a full replay").isEqualTo(hash);
        assertThat(replayed.totals().openObligations()).isEqualTo(SUBMISSIONS);
    }

    @ParameterizedTest(name = "logic inline: {0}")
    @ValueSource(booleans = {false, true})
    void shouldAnswerEveryCommandOnceJournalFailedWhenAWriteFails(final boolean inline)
    {
        final Path journalDirectory = directory.resolve("journal");
        final RingBuffer<CommandEvent> ring = RingBuffer.createSingleProducer(CommandEvent::new, 4096);
        final ClearingStateMachine machine = new ClearingStateMachine(16, 16);
        final long emptyHash = machine.stateHash();
        final int commands = Journal.MAX_RECORDS_PER_DOCUMENT + 50;
        final ResultCode[] replies = new ResultCode[commands];
        final int[] replyCount = new int[commands];
        final Journal journal = Journal.open(journalDirectory);
        final LogicStage logic = new LogicStage(machine, new SnapshotStore(journalDirectory), errors::add);
        // The last command that fits the first document is followed by a snapshot record, which does not: the write
        // of that document, forced by the snapshot record, is the one that fails.
        final JournalStage stage = new JournalStage(ring, journal, null, errors::add, Journal.MAX_RECORDS_PER_DOCUMENT,
            inline ? logic : null, false);
        stage.onStart();
        final long first = ring.getCursor() + 1;
        for (int i = 0; i < commands; i++)
        {
            publishCommand(ring, i, (correlationId, code, value) ->
            {
                replies[(int)correlationId] = code;
                replyCount[(int)correlationId]++;
            });
        }
        final long last = ring.getCursor();
        for (long sequence = first; sequence <= last; sequence++)
        {
            if (sequence - first == Journal.MAX_RECORDS_PER_DOCUMENT - 1)
            {
                journal.close();
            }
            stage.onEvent(ring.get(sequence), sequence, sequence == last);
        }
        if (!inline)
        {
            for (long sequence = first; sequence <= last; sequence++)
            {
                logic.onEvent(ring.get(sequence), sequence, sequence == last);
            }
        }
        stage.onShutdown();

        for (int i = 0; i < commands; i++)
        {
            assertThat(replyCount[i]).as("replies to command %d", i).isEqualTo(1);
            assertThat(replies[i]).as("command %d", i).isEqualTo(ResultCode.JOURNAL_FAILED);
        }
        assertThat(errors).as("the failed write reported").isNotEmpty();
        assertThat(machine.stateHash()).as("nothing applied").isEqualTo(emptyHash);
    }

    private static void publishCommand(final RingBuffer<CommandEvent> ring, final int i,
        final io.clearing.core.engine.api.ResultListener listener)
    {
        final long sequence = ring.next();
        final CommandEvent event = ring.get(sequence);
        event.kind = CommandEvent.COMMAND;
        event.correlationId = i;
        event.listener = listener;
        event.length = i < REGISTRATIONS ?
            CommandCodec.encodeRegisterParticipant(event.buffer, 0, 1_000 + i, "P" + i, "Firm " + i) :
            CommandCodec.encodeSubmitObligation(event.buffer, 0, 1_000 + i, "O" + i, "P" + (i % 2),
                "P" + ((i + 1) % 2), 1 + i);
        ring.publish(sequence);
    }

    /**
     * Commands (snapshot records included) in the journal now, read by a tailer of its own.
     */
    private static long journaledRecords(final Journal journal)
    {
        final long[] records = new long[1];
        journal.replay(Journal.START, 0, (index, ordinal, buffer, offset, length) -> records[0]++);
        return records[0];
    }
}
