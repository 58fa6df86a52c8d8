package io.clearing.core.csv;

import java.util.Arrays;

/**
 * Maps participant ids, given as byte ranges of the read buffer, to dense indices in order of first appearance,
 * without making a String for ids already seen. Open addressing with linear probing over a power-of-two table; the
 * bytes of every id seen are kept in one arena for comparison.
 * <p>
 * The engine's {@code ByteKeyIndex} does the same over Agrona {@code DirectBuffer}s (its commands may live off heap);
 * this one works on a plain {@code byte[]} so that reading a file needs no Agrona unsafe access and so no JVM flags
 * for applications that only embed the solver.
 * <p>
 * Owned by one read; not thread-safe.
 */
final class ParticipantInterner
{
    static final int NOT_FOUND = -1;

    private int[] slots = new int[1 << 12];
    private int[] hashOf = new int[1 << 10];
    private int[] startOf = new int[1 << 10];
    private int[] lengthOf = new int[1 << 10];
    private byte[] arena = new byte[1 << 16];
    private int arenaUsed;
    private int count;

    /**
     * @return the index of the id in {@code bytes[from, to)}, or {@link #NOT_FOUND}.
     */
    int find(final byte[] bytes, final int from, final int to)
    {
        final int hash = hash(bytes, from, to);
        final int mask = slots.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            final int entry = slots[slot] - 1;
            if (entry < 0)
            {
                return NOT_FOUND;
            }
            if (hashOf[entry] == hash && lengthOf[entry] == to - from &&
                Arrays.equals(arena, startOf[entry], startOf[entry] + lengthOf[entry], bytes, from, to))
            {
                return entry;
            }
        }
    }

    /**
     * Adds an id not present yet.
     *
     * @return its index: the number of ids added before it.
     */
    int add(final byte[] bytes, final int from, final int to)
    {
        final int length = to - from;
        if (count == hashOf.length)
        {
            final int capacity = count * 2;
            hashOf = Arrays.copyOf(hashOf, capacity);
            startOf = Arrays.copyOf(startOf, capacity);
            lengthOf = Arrays.copyOf(lengthOf, capacity);
        }
        if (arenaUsed + length > arena.length)
        {
            arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaUsed + length));
        }
        System.arraycopy(bytes, from, arena, arenaUsed, length);
        final int entry = count++;
        hashOf[entry] = hash(bytes, from, to);
        startOf[entry] = arenaUsed;
        lengthOf[entry] = length;
        arenaUsed += length;
        if (count * 2 > slots.length)
        {
            rehash(slots.length * 2);
        }
        else
        {
            place(entry);
        }
        return entry;
    }

    private void rehash(final int tableSize)
    {
        slots = new int[tableSize];
        for (int entry = 0; entry < count; entry++)
        {
            place(entry);
        }
    }

    private void place(final int entry)
    {
        final int mask = slots.length - 1;
        int slot = hashOf[entry] & mask;
        while (slots[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }
        slots[slot] = entry + 1;
    }

    private static int hash(final byte[] bytes, final int from, final int to)
    {
        int h = 0;
        for (int i = from; i < to; i++)
        {
            h = 31 * h + bytes[i];
        }
        // Spread the bits: ids often differ only in their last characters.
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
