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

    /**
     * Bytes an entry keeps for a command of its own: a submission, registration or payment whose ids are of
     * ordinary length. A larger command goes to {@link #large}, made on first need. The stages read the entries one
     * after another, and the logic stage reads each long after the producer wrote it (a full ring is tens of
     * megabytes): with {@link CommandCodec#MAX_COMMAND_BYTES} per entry that read was a cache miss the hardware did not
     * see coming, with {@value} the entries lie close enough together for it to fetch them ahead.
     */
    static final int SMALL_COMMAND_BYTES = 192;

    private final byte[] small = new byte[SMALL_COMMAND_BYTES];
    private byte[] large;
    /**
     * The command, from offset 0; wraps {@link #small} or {@link #large}, as the producer chose with
     * {@link #bufferFor} before encoding.
     */
    final UnsafeBuffer buffer = new UnsafeBuffer(small);
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

    /**
     * @param maxLength an upper bound of the length of the command about to be encoded.
     * @return {@link #buffer}, wrapping an array of at least {@code min(maxLength, MAX_COMMAND_BYTES)} bytes
     * (encoders refuse longer commands themselves).
     */
    UnsafeBuffer bufferFor(final int maxLength)
    {
        final byte[] array = maxLength <= SMALL_COMMAND_BYTES ? small : largeArray();
        // Re-wrapping stores a reference (a G1 barrier, see listener): only when the array changes.
        if (buffer.byteArray() != array)
        {
            buffer.wrap(array);
        }
        return buffer;
    }

    private byte[] largeArray()
    {
        if (large == null)
        {
            large = new byte[CommandCodec.MAX_COMMAND_BYTES];
        }
        return large;
    }

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
