package io.clearing.server.ingress;

import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.engine.api.ResultListener;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Hands engine results from the engine's logic thread to the ingress thread without locks or allocation. The
 * ingress numbers the commands it submits 1, 2, 3, ... (the engine correlation id) and, before submitting, writes
 * into slot {@code sequence & mask} which session and client correlation id the command belongs to; the logic thread
 * writes the result and then, with release semantics, the sequence into the slot's marker; the ingress takes slots
 * in sequence order while the marker shows its sequence. The ingress never has more than {@code capacity} commands
 * outstanding, so a slot is never reused before it was taken.
 * <p>
 * Slot layout (32 bytes): long marker, long value, int code, int sessionSlot, long clientCorrelationId.
 */
final class CompletionTable implements ResultListener
{
    private static final int SLOT_BYTES = 32;
    private static final int MARKER_OFFSET = 0;
    private static final int VALUE_OFFSET = 8;
    private static final int CODE_OFFSET = 16;
    private static final int SESSION_OFFSET = 20;
    private static final int CORRELATION_OFFSET = 24;

    private final UnsafeBuffer slots;
    private final int mask;
    private final int capacity;

    CompletionTable(final int capacity)
    {
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.slots = new UnsafeBuffer(BufferUtil.allocateDirectAligned(capacity * SLOT_BYTES, 64));
    }

    int capacity()
    {
        return capacity;
    }

    /**
     * Ingress thread, before submitting command {@code sequence}.
     */
    void prepare(final long sequence, final int sessionSlot, final long clientCorrelationId)
    {
        final int at = offset(sequence);
        slots.putInt(at + SESSION_OFFSET, sessionSlot);
        slots.putLong(at + CORRELATION_OFFSET, clientCorrelationId);
    }

    /**
     * Logic thread (or the ingress thread itself for a command refused as the engine closed).
     */
    @Override
    public void onResult(final long sequence, final ResultCode code, final long value)
    {
        final int at = offset(sequence);
        slots.putLong(at + VALUE_OFFSET, value);
        slots.putInt(at + CODE_OFFSET, code.code());
        slots.putLongRelease(at + MARKER_OFFSET, sequence);
    }

    /**
     * Ingress thread.
     *
     * @return true when the result of {@code sequence} is there; the getters below then read it.
     */
    boolean isComplete(final long sequence)
    {
        return slots.getLongAcquire(offset(sequence) + MARKER_OFFSET) == sequence;
    }

    int sessionSlot(final long sequence)
    {
        return slots.getInt(offset(sequence) + SESSION_OFFSET);
    }

    long clientCorrelationId(final long sequence)
    {
        return slots.getLong(offset(sequence) + CORRELATION_OFFSET);
    }

    int code(final long sequence)
    {
        return slots.getInt(offset(sequence) + CODE_OFFSET);
    }

    long value(final long sequence)
    {
        return slots.getLong(offset(sequence) + VALUE_OFFSET);
    }

    private int offset(final long sequence)
    {
        return ((int)sequence & mask) * SLOT_BYTES;
    }
}
