package io.clearing.server.ingress;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the ingress has done, for metrics and tests. Written by the ingress thread only; readable from any thread.
 */
public final class IngressCounters
{
    final AtomicLong messagesReceived = new AtomicLong();
    final AtomicLong commandsSubmitted = new AtomicLong();
    final AtomicLong acksSent = new AtomicLong();
    final AtomicLong refusals = new AtomicLong();
    final AtomicLong droppedBeforeHello = new AtomicLong();
    final AtomicLong acksDiscarded = new AtomicLong();
    final AtomicLong engineBackPressure = new AtomicLong();
    final AtomicLong responseBackPressure = new AtomicLong();
    final AtomicLong sessionsOpened = new AtomicLong();
    final AtomicLong sessionsClosed = new AtomicLong();

    static void increment(final AtomicLong counter)
    {
        counter.lazySet(counter.get() + 1);
    }

    static void add(final AtomicLong counter, final long delta)
    {
        counter.lazySet(counter.get() + delta);
    }

    /**
     * @return messages taken from client images (a batch counts once).
     */
    public long messagesReceived()
    {
        return messagesReceived.get();
    }

    /**
     * @return commands handed to the engine.
     */
    public long commandsSubmitted()
    {
        return commandsSubmitted.get();
    }

    /**
     * @return acknowledgements offered successfully to clients.
     */
    public long acksSent()
    {
        return acksSent.get();
    }

    /**
     * @return commands answered by the ingress itself (malformed, forbidden, not authenticated) without the engine.
     */
    public long refusals()
    {
        return refusals.get();
    }

    /**
     * @return messages dropped because their session had sent no valid hello (there is nowhere to answer).
     */
    public long droppedBeforeHello()
    {
        return droppedBeforeHello.get();
    }

    /**
     * @return acknowledgements that could not be delivered because the client had gone.
     */
    public long acksDiscarded()
    {
        return acksDiscarded.get();
    }

    /**
     * @return times a command waited because the engine's ring was full.
     */
    public long engineBackPressure()
    {
        return engineBackPressure.get();
    }

    /**
     * @return times an acknowledgement waited because a client's response stream was back-pressured.
     */
    public long responseBackPressure()
    {
        return responseBackPressure.get();
    }

    /**
     * @return client images seen (a session opens when its first message is read).
     */
    public long sessionsOpened()
    {
        return sessionsOpened.get();
    }

    /**
     * @return sessions retired after their client went away.
     */
    public long sessionsClosed()
    {
        return sessionsClosed.get();
    }
}
