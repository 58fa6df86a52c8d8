package io.clearing.core.engine;

import com.lmax.disruptor.EventHandler;
import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.engine.journal.SnapshotStore;
import io.clearing.core.engine.state.ClearingStateMachine;
import io.clearing.core.engine.state.CommandCodec;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Second stage, the one business-logic thread: applies journaled commands to the state machine and replies; runs
 * queries; writes a snapshot file when a take-snapshot command is applied (published, or journaled by the
 * {@link JournalStage} after an event).
 */
final class LogicStage implements EventHandler<CommandEvent>
{
    private final ClearingStateMachine machine;
    private final SnapshotStore snapshots;
    private final ErrorHandler errorHandler;
    private final UnsafeBuffer snapshotCommand = new UnsafeBuffer(new byte[CommandCodec.MAX_COMMAND_BYTES]);

    LogicStage(final ClearingStateMachine machine, final SnapshotStore snapshots, final ErrorHandler errorHandler)
    {
        this.machine = machine;
        this.snapshots = snapshots;
        this.errorHandler = errorHandler;
    }

    @Override
    public void onEvent(final CommandEvent event, final long sequence, final boolean endOfBatch)
    {
        try
        {
            switch (event.kind)
            {
                case CommandEvent.COMMAND:
                    onCommand(event);
                    break;
                case CommandEvent.QUERY:
                    onQuery(event);
                    break;
                default:
                    event.reply(ResultCode.of(event.edgeRejection), 0);
                    break;
            }
        }
        finally
        {
            event.clear();
        }
    }

    private void onCommand(final CommandEvent event)
    {
        if (event.journalFailed)
        {
            event.reply(ResultCode.JOURNAL_FAILED, 0);
            return;
        }
        final int code;
        try
        {
            code = machine.apply(event.buffer, 0, event.length, event.participantHints);
        }
        catch (final RuntimeException ex)
        {
            errorHandler.onError(ex);
            event.reply(ResultCode.INTERNAL_ERROR, 0);
            return;
        }
        if (code == ResultCode.ACCEPTED.code() &&
            CommandCodec.type(event.buffer, 0) == CommandCodec.TYPE_TAKE_SNAPSHOT)
        {
            writeSnapshot(event.journalIndex, event.journalOrdinal);
        }
        event.reply(ResultCode.of(code), machine.lastResultValue());
        if (event.snapshotAfterIndex != CommandEvent.NO_SNAPSHOT)
        {
            final int length = CommandCodec.encodeTakeSnapshot(snapshotCommand, 0, event.snapshotTimestampMs,
                event.snapshotTimestampMs);
            machine.apply(snapshotCommand, 0, length);
            writeSnapshot(event.snapshotAfterIndex, event.snapshotAfterOrdinal);
        }
    }

    private void writeSnapshot(final long journalIndex, final int journalOrdinal)
    {
        try
        {
            snapshots.write(machine, journalIndex, journalOrdinal);
        }
        catch (final RuntimeException ex)
        {
            errorHandler.onError(ex);
        }
    }

    private void onQuery(final CommandEvent event)
    {
        try
        {
            event.queryFuture.complete(event.query.apply(machine));
        }
        catch (final RuntimeException ex)
        {
            event.queryFuture.completeExceptionally(ex);
        }
    }
}
