package io.clearing.core.engine.journal;

import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.engine.state.ClearingStateMachine;
import io.clearing.core.engine.state.CommandCodec;
import io.clearing.core.engine.state.CommandStateMachine;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Recovery#openAndRecover}: the journal opens on a thread of its own while the state is made and the snapshot
 * loads, and the result is what opening first and then recovering gives.
 */
class RecoveryTest
{
    @TempDir
    Path directory;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandCodec.MAX_COMMAND_BYTES]);

    @Test
    void shouldMakeTheStateAndLoadTheSnapshotWhileTheJournalIsStillOpening() throws Exception
    {
        final long liveHash = writeJournalWithSnapshot();
        final CountDownLatch stateMade = new CountDownLatch(1);
        final AtomicReference<String> openedOn = new AtomicReference<>();
        final CommandStateMachine[] recovered = new CommandStateMachine[1];

        // The journal does not open until the state to load the snapshot into has been made: opening first and
        // recovering after would wait here for ten seconds and fail.
        final Recovery.Recovered result = Recovery.openAndRecover(directory, dir ->
        {
            openedOn.set(Thread.currentThread().getName());
            awaitOrFail(stateMade, "the state was not made while the journal was opening");
            return Journal.open(dir);
        }, () ->
        {
            stateMade.countDown();
            return new ClearingStateMachine();
        }, true, m -> recovered[0] = m, false);

        try (Journal journal = result.journal())
        {
            assertThat(openedOn.get()).isEqualTo("journal-open");
            assertThat(result.report().snapshotFile()).isNotNull();
            assertThat(result.report().replay().records()).as("the two after the snapshot").isEqualTo(2);
            assertThat(recovered[0].stateHash()).isEqualTo(liveHash);
            assertThat(journal.replay(Journal.START, 0, (index, ordinal, b, offset, length) -> { }).records())
                .as("the journal handed back is open").isEqualTo(7);
        }
    }

    @Test
    void shouldGiveTheSameStateAsOpeningFirstWhetherFromTheSnapshotOrInFull()
    {
        final long liveHash = writeJournalWithSnapshot();
        for (final boolean useSnapshots : new boolean[] {true, false})
        {
            final CommandStateMachine[] recovered = new CommandStateMachine[1];
            final Recovery.Recovered result = Recovery.openAndRecover(directory, ClearingStateMachine::new,
                useSnapshots, m -> recovered[0] = m, false);
            result.journal().close();

            assertThat(recovered[0].stateHash()).isEqualTo(liveHash);
            assertThat(result.report().replay().records()).isEqualTo(useSnapshots ? 2 : 7);
        }
    }

    @Test
    void shouldRefuseADirectoryThatHoldsNoClearingJournalWithTheJournalsOwnMessage()
    {
        try (ChronicleQueue queue = Journal.openQueue(directory); ExcerptAppender appender = queue.createAppender())
        {
            try (DocumentContext dc = appender.writingDocument())
            {
                dc.wire().bytes().writeLong(42L);
            }
        }

        assertThatThrownBy(() -> Recovery.openAndRecover(directory, ClearingStateMachine::new, true, m -> { }, false))
            .isInstanceOf(JournalFormatException.class)
            .hasMessageContaining("not a clearing journal");
    }

    @Test
    void shouldCloseTheJournalItOpenedWhenRecoveryFails()
    {
        writeJournalWithSnapshot();
        final AtomicReference<Journal> opened = new AtomicReference<>();

        assertThatThrownBy(() -> Recovery.openAndRecover(directory, dir ->
        {
            final Journal journal = Journal.open(dir);
            opened.set(journal);
            return journal;
        }, () ->
        {
            throw new IllegalStateException("no memory for the state");
        }, true, m -> { }, false))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("no memory for the state");

        assertThat(opened.get()).isNotNull();
        assertThatThrownBy(() -> opened.get().replay(Journal.START, 0, (index, ordinal, b, offset, length) -> { }))
            .as("closed").isInstanceOf(IllegalStateException.class);
    }

    /**
     * Two registrations and two submissions, a snapshot, then two more submissions.
     *
     * @return the state hash after all of them.
     */
    private long writeJournalWithSnapshot()
    {
        final ClearingStateMachine live = new ClearingStateMachine();
        final SnapshotStore snapshots = new SnapshotStore(directory);
        try (Journal journal = Journal.open(directory); Journal.Writer writer = journal.newWriter())
        {
            append(writer, live, CommandCodec.encodeRegisterParticipant(buffer, 0, 1, "A", "a"));
            append(writer, live, CommandCodec.encodeRegisterParticipant(buffer, 0, 1, "B", "b"));
            append(writer, live, CommandCodec.encodeSubmitObligation(buffer, 0, 2, "O1", "A", "B", 10));
            append(writer, live, CommandCodec.encodeSubmitObligation(buffer, 0, 2, "O2", "B", "A", 4));
            final long index = append(writer, live, CommandCodec.encodeTakeSnapshot(buffer, 0, 3, 1));
            snapshots.write(live, index, 0);
            append(writer, live, CommandCodec.encodeSubmitObligation(buffer, 0, 4, "O3", "A", "B", 7));
            append(writer, live, CommandCodec.encodeSubmitObligation(buffer, 0, 4, "O4", "B", "A", 1));
        }
        return live.stateHash();
    }

    private long append(final Journal.Writer writer, final ClearingStateMachine live, final int length)
    {
        final long index = writer.append(buffer, 0, length);
        assertThat(live.apply(buffer, 0, length)).isEqualTo(ResultCode.ACCEPTED.code());
        return index;
    }

    private static void awaitOrFail(final CountDownLatch latch, final String failure)
    {
        try
        {
            if (!latch.await(10, TimeUnit.SECONDS))
            {
                throw new IllegalStateException(failure);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(failure, ex);
        }
    }
}
