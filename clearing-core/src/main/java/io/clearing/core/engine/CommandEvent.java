package io.clearing.core.engine;

import io.clearing.core.engine.api.ClearingStateView;
import io.clearing.core.engine.api.CommandReply;
import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.engine.api.ResultListener;
import io.clearing.core.engine.state.CommandCodec;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One pre-allocated ring entry. A producer fills it (encoded command and where the reply goes), the journal stage
 * appends the command, the logic stage applies it and replies, then clears the reply references. Owned by the
 * Disruptor's sequencing: one stage at a time.
 */
final class CommandEvent
{
    static final int COMMAND = 1;
    static final int QUERY = 2;
    static final int REJECTED_AT_EDGE = 3;
    static final long NO_SNAPSHOT = -1;

    final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandCodec.MAX_COMMAND_BYTES]);
    int kind;
    int length;
    ResultCode edgeRejection;
    long journalIndex;
    int journalOrdinal;
    boolean journalFailed;
    long snapshotAfterIndex = NO_SNAPSHOT;
    int snapshotAfterOrdinal;
    long snapshotTimestampMs;

    long correlationId;
    ResultListener listener;
    CompletableFuture<CommandReply> future;
    Function<ClearingStateView, ?> query;
    CompletableFuture<Object> queryFuture;

    void reply(final ResultCode code, final long value)
    {
        if (listener != null)
        {
            listener.onResult(correlationId, code, value);
        }
        if (future != null)
        {
            future.complete(new CommandReply(code, value));
        }
    }

    void clear()
    {
        listener = null;
        future = null;
        query = null;
        queryFuture = null;
        edgeRejection = null;
        journalFailed = false;
        snapshotAfterIndex = NO_SNAPSHOT;
    }
}
