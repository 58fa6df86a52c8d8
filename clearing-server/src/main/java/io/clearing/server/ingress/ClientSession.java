package io.clearing.server.ingress;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.ImageControlledFragmentAssembler;
import io.aeron.Publication;
import io.aeron.logbuffer.ControlledFragmentHandler;
import io.clearing.client.codec.AckMessages;
import org.agrona.CloseHelper;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * One connected client: the image of its ingress publication, its authentication, its response publication and the
 * acknowledgements not yet sent. Every command it sends counts as unacknowledged from submission until its
 * acknowledgement has been offered successfully; at {@code maxPendingAcks} the ingress stops reading it, which
 * bounds the queue below and back-pressures the client. Owned by the ingress thread.
 */
final class ClientSession
{
    enum State
    {
        /**
         * No hello yet: there is nowhere to answer, so messages other than a hello are dropped and counted.
         */
        AWAITING_HELLO,
        AUTHENTICATED,
        /**
         * Hello refused: every later message is answered NOT_AUTHENTICATED and nothing reaches the engine.
         */
        REJECTED
    }

    private static final int ENTRY_BYTES = 20;

    final int slot;
    final Image image;
    final ImageControlledFragmentAssembler assembler;
    State state = State.AWAITING_HELLO;
    IngressPrincipal principal;
    byte[] participantIdUtf8;
    String scopeRefusal;
    ExclusivePublication responsePublication;
    boolean helloErrorReported;

    /**
     * Commands submitted to the engine whose result has not been taken from the completion table.
     */
    int inFlight;
    /**
     * Where a batch stopped on back-pressure: the next entry to submit when the message is delivered again.
     */
    int batchResumeIndex;

    private static final int INITIAL_QUEUE_CAPACITY = 256;

    private final int maxPendingAcks;
    private UnsafeBuffer queue;
    private String[] reasons;
    private int capacity;
    private int queueHead;
    private int queueSize;

    ClientSession(final int slot, final Image image, final int maxPendingAcks,
        final ControlledFragmentHandler handler, final int maxMessageBytes)
    {
        this.slot = slot;
        this.image = image;
        this.maxPendingAcks = maxPendingAcks;
        this.capacity = Math.min(INITIAL_QUEUE_CAPACITY, maxPendingAcks);
        this.queue = new UnsafeBuffer(new byte[capacity * ENTRY_BYTES]);
        this.reasons = new String[capacity];
        this.assembler = new ImageControlledFragmentAssembler(handler, Math.min(maxMessageBytes, 64 * 1024), true);
    }

    int sessionId()
    {
        return image.sessionId();
    }

    void authenticated(final IngressPrincipal principal)
    {
        this.principal = principal;
        this.state = State.AUTHENTICATED;
        if (principal.role() == IngressRole.PARTICIPANT)
        {
            participantIdUtf8 = principal.participantId().getBytes(StandardCharsets.UTF_8);
            scopeRefusal = "participant " + principal.participantId() +
                " may only submit obligations in which it is the debtor or the creditor";
        }
    }

    /**
     * @return commands of this session not yet acknowledged to the client: in the engine or queued here.
     */
    int unacknowledged()
    {
        return inFlight + queueSize;
    }

    /**
     * @return how many more commands may be taken from this session now.
     */
    int room()
    {
        return maxPendingAcks - unacknowledged();
    }

    boolean hasQueuedAcks()
    {
        return queueSize > 0;
    }

    int queuedAcks()
    {
        return queueSize;
    }

    /**
     * Queues an acknowledgement; the caller has checked {@link #room()} (an engine result moves from in flight to
     * here, so it needs none).
     */
    void queueAck(final long correlationId, final int code, final long value, final String reason)
    {
        if (queueSize == capacity)
        {
            grow();
        }
        final int index = (queueHead + queueSize) % capacity;
        final int at = index * ENTRY_BYTES;
        queue.putLong(at, correlationId);
        queue.putLong(at + 8, value);
        queue.putInt(at + 16, code);
        reasons[index] = reason;
        queueSize++;
    }

    /**
     * Offers queued acknowledgements in order: runs without a reason as ACK_BATCH messages, each refusal with its
     * reason as an ACK. Stops at the first offer that fails and keeps what was not sent.
     *
     * @param sendBuffer scratch buffer at least {@code publication.maxPayloadLength()} long.
     * @return acknowledgements sent, or -1 when the publication is closed for good.
     */
    int flush(final MutableDirectBuffer sendBuffer)
    {
        final ExclusivePublication publication = responsePublication;
        if (publication == null || queueSize == 0)
        {
            return 0;
        }
        final int maxBatch = Math.min(1024,
            (publication.maxPayloadLength() - AckMessages.BATCH_ENTRIES_OFFSET) / AckMessages.BATCH_ENTRY_BYTES);
        int sent = 0;
        while (queueSize > 0)
        {
            final int length;
            final int taken;
            final String headReason = reasons[queueHead];
            if (headReason != null)
            {
                final int at = queueHead * ENTRY_BYTES;
                length = AckMessages.encodeAck(sendBuffer, 0, queue.getLong(at), queue.getInt(at + 16),
                    queue.getLong(at + 8), headReason);
                taken = 1;
            }
            else
            {
                int count = 0;
                int index = queueHead;
                while (count < queueSize && count < maxBatch && reasons[index] == null)
                {
                    final int at = index * ENTRY_BYTES;
                    AckMessages.putBatchEntry(sendBuffer, 0, count, queue.getLong(at), queue.getInt(at + 16),
                        queue.getLong(at + 8));
                    count++;
                    index = index + 1 == capacity ? 0 : index + 1;
                }
                length = AckMessages.completeBatch(sendBuffer, 0, count);
                taken = count;
            }
            final long result = publication.offer(sendBuffer, 0, length);
            if (result < 0)
            {
                if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
                {
                    return -1;
                }
                break;
            }
            for (int i = 0; i < taken; i++)
            {
                reasons[queueHead] = null;
                queueHead = queueHead + 1 == capacity ? 0 : queueHead + 1;
            }
            queueSize -= taken;
            sent += taken;
        }
        return sent;
    }

    /**
     * Doubles the queue up to {@code maxPendingAcks}, so that idle or slow-starting sessions stay small (a full queue
     * of 16,384 is about 450 KB). Allocates; only while a session's backlog grows to a size it has not had before.
     */
    private void grow()
    {
        if (capacity == maxPendingAcks)
        {
            throw new IllegalStateException("acknowledgement queue of session " + sessionId() + " overflowed");
        }
        final int newCapacity = Math.min(capacity * 2, maxPendingAcks);
        final UnsafeBuffer newQueue = new UnsafeBuffer(new byte[newCapacity * ENTRY_BYTES]);
        final String[] newReasons = new String[newCapacity];
        for (int i = 0; i < queueSize; i++)
        {
            final int from = (queueHead + i) % capacity;
            newQueue.putBytes(i * ENTRY_BYTES, queue, from * ENTRY_BYTES, ENTRY_BYTES);
            newReasons[i] = reasons[from];
        }
        queue = newQueue;
        reasons = newReasons;
        capacity = newCapacity;
        queueHead = 0;
    }

    /**
     * @return acknowledgements dropped because the client is gone.
     */
    int discardQueue()
    {
        final int dropped = queueSize;
        for (int i = 0; i < reasons.length; i++)
        {
            reasons[i] = null;
        }
        queueSize = 0;
        queueHead = 0;
        return dropped;
    }

    void close()
    {
        CloseHelper.quietClose(responsePublication);
        responsePublication = null;
    }
}
