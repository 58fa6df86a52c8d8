package io.clearing.core.engine;

import io.clearing.core.engine.api.ClearingStateView;
import io.clearing.core.engine.api.CommandReply;
import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.engine.api.ResultListener;
import io.clearing.core.engine.state.CommandCodec;
import io.clearing.core.engine.state.ParticipantHints;
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
    /**
     * Set by the journal stage ({@link io.clearing.core.engine.state.ParticipantHints}).
     */
    long participantHints = ParticipantHints.NONE;
    /**
     * {@link ResultCode#code()} of the refusal when {@link #kind} is {@link #REJECTED_AT_EDGE}. An int, like the
     * other per-command fields, so that filling an entry stores no reference (see {@link #listener}).
     */
    int edgeRejection;
    long journalIndex;
    int journalOrdinal;
    boolean journalFailed;
    long snapshotAfterIndex = NO_SNAPSHOT;
    int snapshotAfterOrdinal;
    long snapshotTimestampMs;

    long correlationId;
    /**
     * Set on every claim, but only written when it differs and never cleared: storing a reference into a ring entry
     * (old) that points elsewhere costs a G1 card-table barrier and later refinement work, about 7 % of the CPU of a
     * saturated pipeline when done per command. A slot therefore keeps its last listener reachable until it is reused.
     */
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
        future = null;
        query = null;
        queryFuture = null;
        journalFailed = false;
        snapshotAfterIndex = NO_SNAPSHOT;
        participantHints = ParticipantHints.NONE;
    }
}
