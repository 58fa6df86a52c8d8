package io.clearing.core.engine.state;

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Interns byte-string keys (participant, obligation and payment ids as UTF-8) into dense indices
 * {@code 0..size()-1} in order of insertion, without allocating per lookup.
 * <p>
 * Keys are appended to one byte arena ({@code key i} is {@code arena[offsets[i], offsets[i + 1])}); an open
 * addressing table finds them by a 64-bit hash: each slot holds the hash's upper 32 bits beside {@code index + 1},
 * so a probe rejects other keys without touching their memory, and bytes are compared only on a tag match. A key's
 * first slot comes from its prefix and last byte ({@link #homeSlot}), so that ids issued in sequence share lines.
 * <p>
 * With {@code inlineKeys} a slot is two longs (16 bytes, never across a cache line): the key's first 8 bytes, then
 * the hash's upper 24 bits, the key's length and {@code index + 1}. A key of up to 8 bytes is then found by reading
 * one slot, where the compact layout reads the slot, the offsets and the arena: three dependent cache misses when
 * the index is larger than the cache. It doubles the table, so it suits a hot index of few keys (participants), not
 * one of many keys that are mostly looked up once (obligations).
 * <p>
 * Each method that reads a key from a caller's buffer checks the key's range once ({@link DirectBuffer#boundsCheck})
 * and then reads its words without Agrona's check per read: with the checks on a command's fields, those checks were
 * about a sixth of applying a submission ({@code ApplyFromMemoryBenchmark} with and without
 * {@code -Dagrona.disable.bounds.checks=true}).
 * Owned by one thread; no removals (ids are never forgotten).
 */
final class ByteKeyIndex
{
    static final int MISSING = -1;
    private static final long TAG_MASK = 0xFFFF_FFFF_0000_0000L;
    private static final long INLINE_TAG_MASK = 0xFFFF_FF00_0000_0000L;
    private static final long INLINE_CHECK_MASK = 0xFFFF_FFFF_0000_0000L;
    private static final int INLINE_BYTES = 8;
    private static final int INLINE_MAX_LENGTH = 0xFF;
    private static final float LOAD_FACTOR = 0.5f;
    /**
     * An ordinary index of at least this many keys rebuilds its table {@linkplain #insertGrouped grouped}, when loaded
     * from a snapshot or grown; 8,192 slots of 8 bytes are a window that fits the core's own cache.
     */
    static final int GROUPED_LOAD_KEYS = 1 << 16;
    private static final int LOAD_GROUP_SLOTS = 8192;
    private static final long ARENA_BASE = UnsafeApi.arrayBaseOffset(byte[].class);
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private byte[] arena;
    private int arenaLength;
    private int[] offsets;
    private long[] hashes;
    private int size;
    private final boolean inlineKeys;
    /**
     * Compact: one long per slot; inline: two longs per slot (the key's first bytes, then tag, length and index).
     */
    private long[] table;
    private int mask;

    // Where the last find() missed, so that add() of the same key skips hashing and probing again. missBuffer is
    // kept after use and rewritten only when another buffer misses: storing a reference into this long-lived object
    // costs G1's write barrier a full fence (lock add), which drained the core's pending stores on every submission.
    private DirectBuffer missBuffer;
    private boolean missValid;
    private int missOffset;
    private int missLength;
    private long missHash;
    private int missSlot;

    ByteKeyIndex(final int expectedKeys)
    {
        this(expectedKeys, false);
    }

    /**
     * @param expectedKeys initial capacity (grows as needed).
     * @param inlineKeys   whether slots hold the key's first 8 bytes (see the class comment).
     */
    ByteKeyIndex(final int expectedKeys, final boolean inlineKeys)
    {
        this.inlineKeys = inlineKeys;
        final int keys = Math.max(16, expectedKeys);
        arena = new byte[keys * 16];
        offsets = new int[keys + 1];
        hashes = new long[keys];
        allocateTable(tableCapacityFor(keys));
    }

    int size()
    {
        return size;
    }

    /**
     * @return index of the key, or {@link #MISSING}.
     */
    int find(final DirectBuffer buffer, final int offset, final int length)
    {
        buffer.boundsCheck(offset, length);
        final byte[] base = buffer.byteArray();
        final long address = buffer.addressOffset() + offset;
        final long hash = hash(base, address, length);
        int slot = inlineKeys ? (int)hash & mask : homeSlot(base, address, length);
        if (inlineKeys)
        {
            final long[] table = this.table;
            final long check = inlineCheck(hash, length);
            final long first = firstWord(base, address, length);
            long entry;
            while ((entry = table[2 * slot + 1]) != 0)
            {
                if ((entry & INLINE_CHECK_MASK) == check && table[2 * slot] == first &&
                    (length <= INLINE_BYTES || keyEquals((int)entry - 1, base, address, length)))
                {
                    missValid = false;
                    return (int)entry - 1;
                }
                slot = (slot + 1) & mask;
            }
        }
        else
        {
            final long tag = hash & TAG_MASK;
            long entry;
            while ((entry = table[slot]) != 0)
            {
                if ((entry & TAG_MASK) == tag)
                {
                    final int index = (int)entry - 1;
                    if (keyEquals(index, base, address, length))
                    {
                        missValid = false;
                        return index;
                    }
                }
                slot = (slot + 1) & mask;
            }
        }
        if (missBuffer != buffer)
        {
            missBuffer = buffer;
        }
        missValid = true;
        missOffset = offset;
        missLength = length;
        missHash = hash;
        missSlot = slot;
        return MISSING;
    }

    /**
     * Reads the slot where a lookup of a key starts, given the key's {@link #placementHash} in an ordinary index or its
     * {@link #hash} in one with inline keys (any value is safe: it is masked).
     *
     * @return the slot's content (the second long of an inline slot).
     */
    long touchSlot(final long placement)
    {
        return inlineKeys ? table[2 * ((int)placement & mask) + 1] : table[(int)placement & mask];
    }

    /**
     * Adds a key known to be absent ({@link #find} returned {@link #MISSING}). Right after that find for the same
     * bytes, the hash and free slot it found are reused.
     *
     * @return its new index.
     */
    int add(final DirectBuffer buffer, final int offset, final int length)
    {
        final boolean afterMiss = missValid && buffer == missBuffer && offset == missOffset && length == missLength;
        missValid = false;
        buffer.boundsCheck(offset, length);
        final byte[] base = buffer.byteArray();
        final long address = buffer.addressOffset() + offset;
        final long hash = afterMiss ? missHash : hash(base, address, length);
        final boolean resized = ensureCapacity(length);
        copyToArena(base, address, length);
        final int index = size;
        hashes[index] = hash;
        arenaLength += length;
        offsets[index + 1] = arenaLength;
        size++;
        if (afterMiss && !resized)
        {
            fill(missSlot, index, hash);
        }
        else
        {
            insert(index);
        }
        return index;
    }

    int keyLength(final int index)
    {
        return offsets[index + 1] - offsets[index];
    }

    long keyHash(final int index)
    {
        return hashes[index];
    }

    /**
     * @return the key as a String (allocates: for queries and reports, not for the command path).
     */
    String keyString(final int index)
    {
        return new String(arena, offsets[index], keyLength(index), java.nio.charset.StandardCharsets.UTF_8);
    }

    byte[] arena()
    {
        return arena;
    }

    int arenaLength()
    {
        return arenaLength;
    }

    int[] offsets()
    {
        return offsets;
    }

    /**
     * Replaces the contents with keys read from a snapshot and rebuilds the table.
     */
    void load(final byte[] keyBytes, final int keyBytesLength, final int[] keyOffsets, final int keyCount)
    {
        missValid = false;
        arena = keyBytes;
        arenaLength = keyBytesLength;
        offsets = keyOffsets;
        size = keyCount;
        hashes = new long[Math.max(16, keyCount)];
        allocateTable(tableCapacityFor(Math.max(16, keyCount)));
        if (inlineKeys || keyCount < GROUPED_LOAD_KEYS)
        {
            for (int i = 0; i < keyCount; i++)
            {
                hashes[i] = hash(arena, ARENA_BASE + offsets[i], keyLength(i));
                insert(i);
            }
        }
        else
        {
            insertGrouped(keyCount, true);
        }
    }

    /**
     * Inserts keys {@code [0, count)} of an ordinary index into an empty table grouped by their home slot (a counting
     * sort by its high bits), so that the table is written one window of {@value #LOAD_GROUP_SLOTS} slots after
     * another instead of at random: inserted in index order, the 9 M ids of a 10 M-obligation snapshot missed the
     * cache once each. A key may land in another slot than in index order, which nothing observes: lookups,
     * snapshots and the state hash go by index.
     *
     * @param hashKeys whether {@link #hashes} are still to be worked out (loading), else they are known (growing).
     */
    private void insertGrouped(final int count, final boolean hashKeys)
    {
        final int groupShift = Integer.numberOfTrailingZeros(LOAD_GROUP_SLOTS);
        final int[] groupEnds = new int[Math.max(1, (mask + 1) >>> groupShift) + 2];
        final int[] homes = new int[count];
        for (int i = 0; i < count; i++)
        {
            final long address = ARENA_BASE + offsets[i];
            final int length = keyLength(i);
            if (hashKeys)
            {
                hashes[i] = hash(arena, address, length);
            }
            homes[i] = homeSlot(arena, address, length);
            groupEnds[(homes[i] >>> groupShift) + 2]++;
        }
        for (int g = 2; g < groupEnds.length; g++)
        {
            groupEnds[g] += groupEnds[g - 1];
        }
        // Each key's slot and table entry, placed by group: groupEnds[g + 1] is where group g's next key goes.
        final int[] groupedSlots = new int[count];
        final long[] groupedEntries = new long[count];
        for (int i = 0; i < count; i++)
        {
            final int at = groupEnds[(homes[i] >>> groupShift) + 1]++;
            groupedSlots[at] = homes[i];
            groupedEntries[at] = ordinaryEntry(hashes[i], i);
        }
        for (int k = 0; k < count; k++)
        {
            int slot = groupedSlots[k];
            while (table[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }
            table[slot] = groupedEntries[k];
        }
    }

    /**
     * FNV-1a style mixing of 8 bytes at a time, finished with a murmur3 avalanche: cheap and well spread for
     * short ids. Only equality of hashes matters to correctness; bytes are always compared in full.
     */
    static long hash(final DirectBuffer buffer, final int offset, final int length)
    {
        buffer.boundsCheck(offset, length);
        return hash(buffer.byteArray(), buffer.addressOffset() + offset, length);
    }

    /**
     * @see #hash(DirectBuffer, int, int); the key is the {@code length} bytes at {@code address} of {@code base}
     * (a {@link DirectBuffer#byteArray()} and {@link DirectBuffer#addressOffset()}, range checked by the caller).
     */
    private static long hash(final byte[] base, final long address, final int length)
    {
        long h = 0xCBF29CE484222325L ^ length;
        int i = 0;
        for (; i + 8 <= length; i += 8)
        {
            h = (h ^ longAt(base, address + i)) * 0x100000001B3L;
            h ^= h >>> 29;
        }
        if (i + 4 <= length)
        {
            h = (h ^ (intAt(base, address + i) & 0xFFFF_FFFFL)) * 0x100000001B3L;
            i += 4;
        }
        for (; i < length; i++)
        {
            h = (h ^ UnsafeApi.getByte(base, address + i)) * 0x100000001B3L;
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }

    /**
     * @return whether key {@code index} is the given bytes.
     */
    boolean keyEquals(final int index, final DirectBuffer buffer, final int offset, final int length)
    {
        buffer.boundsCheck(offset, length);
        return keyEquals(index, buffer.byteArray(), buffer.addressOffset() + offset, length);
    }

    private boolean keyEquals(final int index, final byte[] base, final long address, final int length)
    {
        final int from = offsets[index];
        if (offsets[index + 1] - from != length)
        {
            return false;
        }
        final byte[] arena = this.arena;
        final long at = ARENA_BASE + from;
        int i = 0;
        for (; i + 8 <= length; i += 8)
        {
            if (UnsafeApi.getLong(arena, at + i) != UnsafeApi.getLong(base, address + i))
            {
                return false;
            }
        }
        for (; i < length; i++)
        {
            if (UnsafeApi.getByte(arena, at + i) != UnsafeApi.getByte(base, address + i))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * A key's first slot in an ordinary index: a hash of all but its last byte, plus that byte. Ids issued in sequence
     * ({@code INV-1230}, {@code INV-1231}, ...) then take neighbouring slots, so a run of new ids reads one cache line
     * (and page) where a full hash sends each to a random one: with a table far larger than the cache that miss is
     * most of a submission's cost. At most 256 keys share a prefix, so such a run stays short; ids without common
     * prefixes spread as with a full hash. Only the placement changes: {@link #keyHash} and the tags use the full
     * hash. An index with inline keys (participants, looked up in no particular order) places by the full hash.
     */
    private int homeSlot(final byte[] base, final long address, final int length)
    {
        return (int)placementHash(base, address, length) & mask;
    }

    /**
     * The prefix's words (the last one read so that it ends where the prefix ends) multiplied in, then a murmur3
     * style finish; cheaper than {@link #hash}, whose values are fixed by the state hash.
     *
     * @see #homeSlot
     */
    static long placementHash(final DirectBuffer buffer, final int offset, final int length)
    {
        buffer.boundsCheck(offset, length);
        return placementHash(buffer.byteArray(), buffer.addressOffset() + offset, length);
    }

    private static long placementHash(final byte[] base, final long address, final int length)
    {
        if (length == 0)
        {
            return 0;
        }
        final int last = length - 1;
        long h = (last + 1L) * 0x9E3779B97F4A7C15L;
        if (last >= 8)
        {
            for (int i = 0; i + 8 < last; i += 8)
            {
                h = (h ^ longAt(base, address + i)) * 0xC2B2AE3D27D4EB4FL;
            }
            h = (h ^ longAt(base, address + last - 8)) * 0xC2B2AE3D27D4EB4FL;
        }
        else
        {
            h = (h ^ firstWord(base, address, last)) * 0xC2B2AE3D27D4EB4FL;
        }
        h ^= h >>> 29;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 32;
        return h + (UnsafeApi.getByte(base, address + last) & 0xFF);
    }

    private void insert(final int index)
    {
        final int entryAt = inlineKeys ? 1 : 0;
        final int slotLongs = inlineKeys ? 2 : 1;
        int slot = inlineKeys ? (int)hashes[index] & mask : homeSlot(arena, ARENA_BASE + offsets[index], keyLength(index));
        while (table[slot * slotLongs + entryAt] != 0)
        {
            slot = (slot + 1) & mask;
        }
        fill(slot, index, hashes[index]);
    }

    /**
     * Writes key {@code index}, already in the arena, into a free slot.
     */
    private void fill(final int slot, final int index, final long hash)
    {
        if (inlineKeys)
        {
            final int length = keyLength(index);
            table[2 * slot] = firstWord(arena, ARENA_BASE + offsets[index], length);
            table[2 * slot + 1] = inlineCheck(hash, length) | (index + 1L);
        }
        else
        {
            table[slot] = ordinaryEntry(hash, index);
        }
    }

    /**
     * An ordinary index's slot content: the hash's upper 32 bits as a tag, and the key's index + 1 (0 is a free slot).
     */
    private static long ordinaryEntry(final long hash, final int index)
    {
        return (hash & TAG_MASK) | (index + 1L);
    }

    /**
     * The upper half of an inline slot's second long: the hash's upper 24 bits and the key's length (capped; longer
     * keys are compared in full anyway).
     */
    private static long inlineCheck(final long hash, final int length)
    {
        return (hash & INLINE_TAG_MASK) | ((long)Math.min(length, INLINE_MAX_LENGTH) << 32);
    }

    /**
     * The key's first 8 bytes as a little-endian long, zero-padded when shorter; with the length it identifies a key
     * of up to 8 bytes.
     */
    static long firstWord(final DirectBuffer buffer, final int offset, final int length)
    {
        buffer.boundsCheck(offset, Math.min(length, INLINE_BYTES));
        return firstWord(buffer.byteArray(), buffer.addressOffset() + offset, length);
    }

    private static long firstWord(final byte[] base, final long address, final int length)
    {
        if (length >= INLINE_BYTES)
        {
            return longAt(base, address);
        }
        long word = 0;
        for (int i = length - 1; i >= 0; i--)
        {
            word = (word << 8) | (UnsafeApi.getByte(base, address + i) & 0xFF);
        }
        return word;
    }

    /**
     * The little-endian long at {@code address} of {@code base}, whose range the caller has checked.
     */
    private static long longAt(final byte[] base, final long address)
    {
        final long word = UnsafeApi.getLong(base, address);
        return LITTLE_ENDIAN ? word : Long.reverseBytes(word);
    }

    private static int intAt(final byte[] base, final long address)
    {
        final int word = UnsafeApi.getInt(base, address);
        return LITTLE_ENDIAN ? word : Integer.reverseBytes(word);
    }

    /**
     * Appends a key, whose range the caller has checked, to the arena (which {@link #ensureCapacity} made room in):
     * a word at a time, where a copy call would cost more than the id's few bytes.
     */
    private void copyToArena(final byte[] base, final long address, final int length)
    {
        final byte[] arena = this.arena;
        final long to = ARENA_BASE + arenaLength;
        int i = 0;
        for (; i + 8 <= length; i += 8)
        {
            UnsafeApi.putLong(arena, to + i, UnsafeApi.getLong(base, address + i));
        }
        for (; i < length; i++)
        {
            UnsafeApi.putByte(arena, to + i, UnsafeApi.getByte(base, address + i));
        }
    }

    private void allocateTable(final int slots)
    {
        table = new long[inlineKeys ? 2 * slots : slots];
        mask = slots - 1;
    }

    /**
     * @return whether the table was rebuilt (slots moved).
     */
    private boolean ensureCapacity(final int keyLength)
    {
        if (arenaLength + keyLength > arena.length)
        {
            final long wanted = Math.max((long)arena.length * 2, (long)arenaLength + keyLength);
            if (wanted > Integer.MAX_VALUE - 16)
            {
                throw new IllegalStateException("id arena is full: more than 2 GiB of ids");
            }
            arena = Arrays.copyOf(arena, (int)wanted);
        }
        if (size + 1 >= offsets.length)
        {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        if (size >= hashes.length)
        {
            hashes = Arrays.copyOf(hashes, Math.max(16, hashes.length * 2));
        }
        if (size + 1 > (mask + 1) * LOAD_FACTOR)
        {
            allocateTable((mask + 1) * 2);
            if (inlineKeys || size < GROUPED_LOAD_KEYS)
            {
                for (int i = 0; i < size; i++)
                {
                    insert(i);
                }
            }
            else
            {
                insertGrouped(size, false);
            }
            return true;
        }
        return false;
    }

    private static int tableCapacityFor(final int keys)
    {
        return BitUtil.findNextPositivePowerOfTwo((int)Math.min(1 << 30, (long)(keys / LOAD_FACTOR) + 1));
    }
}
