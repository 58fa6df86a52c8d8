package io.clearing.core.engine;

import com.lmax.disruptor.EventHandler;
import io.clearing.core.engine.journal.Journal;
import io.clearing.core.engine.state.CommandCodec;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * First stage: appends every command to the journal before the logic stage may see it. A failed append marks the
 * event so that the command is neither applied nor acknowledged as accepted, and stops the stage journaling
 * (fail-stop: every later command is answered {@code JOURNAL_FAILED}; a restart recovers what the journal holds).
 * <p>
 * Periodic snapshots: every {@code snapshotInterval} commands this stage journals a take-snapshot command right
 * after the current one (stamped with its timestamp) and marks the event, so the logic stage applies it next and
 * writes the snapshot. Journaling it here rather than publishing it into the ring means a saturated ring can never
 * starve snapshots. Owns its Chronicle appender (created and closed on this stage's thread).
 */
final class JournalStage implements EventHandler<CommandEvent>
{
    private final Journal journal;
    private final ErrorHandler errorHandler;
    private final long snapshotInterval;
    private final UnsafeBuffer snapshotCommand = new UnsafeBuffer(new byte[CommandCodec.MAX_COMMAND_BYTES]);
    private Journal.Writer writer;
    private long commandsSinceSnapshot;
    private boolean failed;

    JournalStage(final Journal journal, final ErrorHandler errorHandler, final long snapshotInterval)
    {
        this.journal = journal;
        this.errorHandler = errorHandler;
        this.snapshotInterval = snapshotInterval;
    }

    @Override
    public void onStart()
    {
        writer = journal.newWriter();
    }

    @Override
    public void onEvent(final CommandEvent event, final long sequence, final boolean endOfBatch)
    {
        if (event.kind != CommandEvent.COMMAND)
        {
            return;
        }
        if (failed)
        {
            event.journalFailed = true;
            return;
        }
        try
        {
            event.journalIndex = writer.append(event.buffer, 0, event.length);
        }
        catch (final Throwable ex)
        {
            failed = true;
            event.journalFailed = true;
            errorHandler.onError(ex);
            return;
        }
        if (CommandCodec.type(event.buffer, 0) == CommandCodec.TYPE_TAKE_SNAPSHOT)
        {
            commandsSinceSnapshot = 0;
        }
        else if (snapshotInterval > 0 && ++commandsSinceSnapshot >= snapshotInterval)
        {
            journalSnapshotAfter(event);
        }
    }

    private void journalSnapshotAfter(final CommandEvent event)
    {
        commandsSinceSnapshot = 0;
        final long timestampMs = CommandCodec.timestampMs(event.buffer, 0);
        final int length = CommandCodec.encodeTakeSnapshot(snapshotCommand, 0, timestampMs, event.journalIndex);
        try
        {
            event.snapshotAfterIndex = writer.append(snapshotCommand, 0, length);
            event.snapshotTimestampMs = timestampMs;
        }
        catch (final Throwable ex)
        {
            failed = true;
            errorHandler.onError(ex);
        }
    }

    @Override
    public void onShutdown()
    {
        if (writer != null)
        {
            writer.close();
        }
    }
}
