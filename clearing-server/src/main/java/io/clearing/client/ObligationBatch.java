package io.clearing.client;

import io.clearing.client.codec.IngressMessages;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Obligations gathered into one SUBMIT_BATCH message, so that one Aeron message carries many commands. Reusable:
 * {@link ClearingClient#offerBatch} clears it once sent. Each obligation keeps its own correlation id and gets its
 * own acknowledgement. Not thread-safe.
 */
public final class ObligationBatch
{
    private final UnsafeBuffer buffer;
    private int count;
    private int limit = IngressMessages.BATCH_ENTRIES_OFFSET;

    /**
     * @param maxBytes largest message; at most the ingress's {@code maxMessageBytes}, and best at most the
     *                 publication's {@code maxPayloadLength} (then a batch is one fragment).
     */
    public ObligationBatch(final int maxBytes)
    {
        if (maxBytes < IngressMessages.BATCH_ENTRIES_OFFSET + IngressMessages.OBLIGATION_ENTRY_FIXED_BYTES)
        {
            throw new IllegalArgumentException("maxBytes too small for one obligation: " + maxBytes);
        }
        buffer = new UnsafeBuffer(new byte[maxBytes]);
    }

    /**
     * Adds an obligation when it fits.
     *
     * @return false when the batch is full (nothing was added): send it, then add again.
     * @throws IllegalArgumentException when an id is longer than 255 UTF-8 bytes.
     */
    public boolean add(
        final long correlationId,
        final CharSequence obligationId,
        final CharSequence debtorId,
        final CharSequence creditorId,
        final long amountMinor)
    {
        final int needed = IngressMessages.OBLIGATION_ENTRY_FIXED_BYTES + encodedBound(obligationId) +
            encodedBound(debtorId) + encodedBound(creditorId);
        if (limit + needed > buffer.capacity())
        {
            if (count == 0)
            {
                throw new IllegalArgumentException("one obligation of up to " + needed +
                    " bytes does not fit a batch of " + buffer.capacity() + " bytes");
            }
            return false;
        }
        limit = IngressMessages.encodeObligationEntry(buffer, limit, correlationId, obligationId, debtorId,
            creditorId, amountMinor);
        count++;
        return true;
    }

    public int size()
    {
        return count;
    }

    public boolean isEmpty()
    {
        return count == 0;
    }

    public void clear()
    {
        count = 0;
        limit = IngressMessages.BATCH_ENTRIES_OFFSET;
    }

    /**
     * Completes the message header in place.
     *
     * @return the message length.
     */
    int complete()
    {
        return IngressMessages.completeBatch(buffer, 0, count, limit);
    }

    DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Exact for ASCII text, an upper bound otherwise.
     */
    private static int encodedBound(final CharSequence text)
    {
        final int length = text.length();
        for (int i = 0; i < length; i++)
        {
            if (text.charAt(i) >= 0x80)
            {
                return 3 * length;
            }
        }
        return length;
    }
}
