package io.clearing.core.engine.state;

import org.agrona.DirectBuffer;

import java.util.Arrays;

/**
 * Accepted payments by client-supplied id, so that a retried payment is recognised instead of applied twice.
 * Single-threaded.
 */
final class Payments
{
    final ByteKeyIndex ids;
    int[] obligation;
    long[] amountMinor;
    long[] atMs;
    int count;

    Payments(final int expected)
    {
        ids = new ByteKeyIndex(expected);
        allocate(Math.max(16, expected));
    }

    int add(final DirectBuffer buffer, final int idOffset, final int idLength, final int o, final long amount,
        final long timestampMs)
    {
        if (count == obligation.length)
        {
            obligation = Arrays.copyOf(obligation, count * 2);
            amountMinor = Arrays.copyOf(amountMinor, count * 2);
            atMs = Arrays.copyOf(atMs, count * 2);
        }
        final int p = ids.add(buffer, idOffset, idLength);
        obligation[p] = o;
        amountMinor[p] = amount;
        atMs[p] = timestampMs;
        count++;
        return p;
    }

    long hash(final long seed)
    {
        long h = HashMix.mix(seed, count);
        for (int p = 0; p < count; p++)
        {
            h = HashMix.mix(h, ids.keyHash(p));
            h = HashMix.mix(h, obligation[p]);
            h = HashMix.mix(h, amountMinor[p]);
            h = HashMix.mix(h, atMs[p]);
        }
        return h;
    }

    void writeTo(final SnapshotOutput out)
    {
        out.putInt(count);
        out.putKeys(ids);
        out.putInts(obligation, count);
        out.putLongs(amountMinor, count);
        out.putLongs(atMs, count);
    }

    void readFrom(final SnapshotInput in)
    {
        final int payments = in.getCount(Integer.MAX_VALUE - 16);
        allocate(Math.max(16, payments + payments / 2));
        in.getKeys(ids, payments);
        count = payments;
        in.getInts(obligation, payments);
        in.getLongs(amountMinor, payments);
        in.getLongs(atMs, payments);
    }

    private void allocate(final int capacity)
    {
        obligation = new int[capacity];
        amountMinor = new long[capacity];
        atMs = new long[capacity];
    }
}
