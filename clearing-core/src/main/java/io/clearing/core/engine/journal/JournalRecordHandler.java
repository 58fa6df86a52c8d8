package io.clearing.core.engine.journal;

import org.agrona.DirectBuffer;

/**
 * Receives journaled commands during replay, in journal order. The buffer is reused: copy what must outlive the
 * call.
 */
@FunctionalInterface
public interface JournalRecordHandler
{
    /**
     * @param index   index of the journal document holding the command (Chronicle Queue index), increasing.
     * @param ordinal the command's place in that document, from 0.
     */
    void onRecord(long index, int ordinal, DirectBuffer buffer, int offset, int length);

    /**
     * A record of a pipelined replay with what its reader thread's {@link Journal.RecordHinter} made of it.
     */
    default void onRecord(long index, int ordinal, DirectBuffer buffer, int offset, int length, long hints)
    {
        onRecord(index, ordinal, buffer, offset, length);
    }

    /**
     * In a pipelined replay, called before the next {@code count} records are handed out (a batch of one or more
     * documents), with what its reader thread's {@link Journal.RecordHinter} made of each, in the order they will
     * come: its hints and its placement ({@code [0, count)} of each array).
     */
    default void onHintsAhead(long[] hints, long[] placements, int count)
    {
    }
}
