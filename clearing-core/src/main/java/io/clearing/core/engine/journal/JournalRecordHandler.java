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
     * @param index the record's position in the journal (Chronicle Queue index), increasing.
     */
    void onRecord(long index, DirectBuffer buffer, int offset, int length);
}
