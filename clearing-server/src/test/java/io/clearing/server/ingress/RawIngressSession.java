package io.clearing.server.ingress;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.clearing.client.codec.AckMessages;
import io.clearing.client.codec.IngressMessages;
import io.clearing.client.codec.MessageHeader;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A session that writes bytes straight onto the ingress stream, so tests can send what the client library never
 * would: broken headers, truncated fields, unknown templates.
 */
final class RawIngressSession implements AutoCloseable
{
    record Ack(long correlationId, int code, long value, String reason)
    {
    }

    private static final int RESPONSE_STREAM_ID = 1002;

    private final ExclusivePublication publication;
    private final Subscription subscription;
    private final ArrayDeque<Ack> received = new ArrayDeque<>();
    private final FragmentAssembler assembler = new FragmentAssembler(this::onMessage);

    RawIngressSession(final Aeron aeron, final String apiKey)
    {
        publication = aeron.addExclusivePublication("aeron:ipc", IngressConfiguration.DEFAULT_STREAM_ID);
        subscription = aeron.addSubscription("aeron:ipc?session-id=" + publication.sessionId(), RESPONSE_STREAM_ID);
        final long deadline = deadline();
        while (!publication.isConnected())
        {
            check(deadline, "ingress not connected");
            Thread.yield();
        }
        if (apiKey != null)
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
            final int length = IngressMessages.encodeHello(buffer, 0, 0, RESPONSE_STREAM_ID, "aeron:ipc", apiKey);
            send(buffer, length);
        }
    }

    static UnsafeBuffer submit(final long correlationId, final String id, final String debtor, final String creditor,
        final long amount)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
        final int length = IngressMessages.encodeSubmitObligation(buffer, 0, correlationId, id, debtor, creditor,
            amount);
        return new UnsafeBuffer(buffer, 0, length);
    }

    void send(final UnsafeBuffer message)
    {
        send(message, message.capacity());
    }

    void send(final DirectBuffer buffer, final int length)
    {
        final long deadline = deadline();
        while (publication.offer(buffer, 0, length) < 0)
        {
            check(deadline, "offer failed");
            Thread.yield();
        }
    }

    Ack awaitAck()
    {
        final long deadline = deadline();
        while (received.isEmpty())
        {
            check(deadline, "no acknowledgement");
            if (subscription.poll(assembler, 10) == 0)
            {
                Thread.yield();
            }
        }
        return received.poll();
    }

    /**
     * Polls acknowledgements for a while and returns how many arrived.
     */
    int drainFor(final long millis)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline)
        {
            subscription.poll(assembler, 10);
            Thread.yield();
        }
        final int count = received.size();
        received.clear();
        return count;
    }

    void awaitCounter(final LongSupplier counter, final long atLeast)
    {
        final long deadline = deadline();
        while (counter.getAsLong() < atLeast)
        {
            check(deadline, "counter stayed at " + counter.getAsLong());
            Thread.yield();
        }
    }

    private void onMessage(final DirectBuffer buffer, final int offset, final int length,
        final io.aeron.logbuffer.Header header)
    {
        final int templateId = MessageHeader.templateId(buffer, offset);
        if (templateId == MessageHeader.TEMPLATE_ACK)
        {
            received.add(new Ack(AckMessages.ackCorrelationId(buffer, offset), AckMessages.ackCode(buffer, offset),
                AckMessages.ackValue(buffer, offset), AckMessages.ackReason(buffer, offset)));
        }
        else if (templateId == MessageHeader.TEMPLATE_ACK_BATCH)
        {
            for (int i = 0; i < AckMessages.batchCount(buffer, offset); i++)
            {
                received.add(new Ack(AckMessages.batchCorrelationId(buffer, offset, i),
                    AckMessages.batchCode(buffer, offset, i), AckMessages.batchValue(buffer, offset, i), ""));
            }
        }
    }

    private static long deadline()
    {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    }

    private static void check(final long deadline, final String what)
    {
        if (System.nanoTime() > deadline)
        {
            throw new AssertionError(what + " within 10 s");
        }
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(publication, subscription);
    }
}
