package io.clearing.server.ingress;

import io.clearing.client.AckCode;
import io.clearing.client.AckHandler;
import io.clearing.client.ClearingClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Records every acknowledgement a client receives, by correlation id, and fails a test that receives one twice.
 */
final class AckCollector implements AckHandler
{
    final Map<Long, AckCode> codes = new HashMap<>();
    final Map<Long, String> reasons = new HashMap<>();
    final List<Long> duplicates = new ArrayList<>();

    @Override
    public void onAck(final long correlationId, final AckCode code, final long value)
    {
        if (codes.put(correlationId, code) != null)
        {
            duplicates.add(correlationId);
        }
    }

    @Override
    public void onRefused(final long correlationId, final AckCode code, final String reason)
    {
        onAck(correlationId, code, 0);
        reasons.put(correlationId, reason);
    }

    AckCode code(final long correlationId)
    {
        return codes.get(correlationId);
    }

    /**
     * Polls until {@code count} acknowledgements have arrived in all.
     *
     * @throws AssertionError after 20 s.
     */
    void awaitCount(final ClearingClient client, final int count)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (codes.size() < count)
        {
            if (client.pollAcks() == 0)
            {
                if (System.nanoTime() > deadline)
                {
                    throw new AssertionError("received " + codes.size() + " of " + count + " acknowledgements");
                }
                Thread.onSpinWait();
            }
        }
    }

    /**
     * Polls for a while to let late acknowledgements (that should not come) arrive.
     */
    void pollFor(final ClearingClient client, final long millis)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline)
        {
            client.pollAcks();
            Thread.yield();
        }
    }
}
