package io.clearing.core.engine.state;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The index against a {@link HashMap} on seeded random keys chosen to be hard for the inline layout: lengths 0 to
 * 20, few distinct bytes (zero included, so "A" and "A\0" both occur), many keys sharing their first 8 bytes, and a
 * table that starts small and is rebuilt as it grows. Each key is looked up where it lies in a command, at varied
 * offsets and at the very end of the buffer, in heap and off-heap buffers (the index reads keys through their address
 * after one range check).
 */
class ByteKeyIndexTest
{
    private static final long SEED = 20261122L;

    @ParameterizedTest(name = "inlineKeys={0}")
    @ValueSource(booleans = {false, true})
    void shouldFindEveryAddedKeyAndNoOtherWhenKeysShareTheirFirstBytes(final boolean inlineKeys)
    {
        final Random random = new Random(SEED);
        final ByteKeyIndex index = new ByteKeyIndex(4, inlineKeys);
        final Map<String, Integer> expected = new HashMap<>();
        final List<String> added = new ArrayList<>();
        for (int i = 0; i < 20_000; i++)
        {
            final String key = randomKey(random);
            final int found = find(index, key, random);
            final Integer known = expected.get(key);
            assertThat(found).as("seed %d, step %d, key %s", SEED, i, printable(key))
                .isEqualTo(known == null ? ByteKeyIndex.MISSING : known);
            if (known == null)
            {
                final byte[] bytes = key.getBytes(StandardCharsets.ISO_8859_1);
                final int at = random.nextInt(8);
                final UnsafeBuffer buffer = buffer(new byte[at + bytes.length], random);
                buffer.putBytes(at, bytes);
                final int addedAt = random.nextBoolean() ? index.add(buffer, at, bytes.length) :
                    addAfterMiss(index, buffer, at, bytes.length);
                assertThat(addedAt).isEqualTo(expected.size());
                expected.put(key, addedAt);
                added.add(key);
            }
        }
        assertThat(index.size()).isEqualTo(expected.size());
        for (int i = 0; i < added.size(); i++)
        {
            assertThat(Arrays.copyOfRange(index.arena(), index.offsets()[i], index.offsets()[i + 1]))
                .isEqualTo(added.get(i).getBytes(StandardCharsets.ISO_8859_1));
        }

        final ByteKeyIndex loaded = new ByteKeyIndex(4, inlineKeys);
        loaded.load(index.arena().clone(), index.arenaLength(), index.offsets().clone(), index.size());
        for (final Map.Entry<String, Integer> entry : expected.entrySet())
        {
            assertThat(find(loaded, entry.getKey(), random)).isEqualTo(entry.getValue());
            assertThat(loaded.keyHash(entry.getValue())).isEqualTo(index.keyHash(entry.getValue()));
        }
        for (int i = 0; i < 2_000; i++)
        {
            final String key = randomKey(random);
            assertThat(find(loaded, key, random)).isEqualTo(expected.getOrDefault(key, ByteKeyIndex.MISSING));
        }
    }

    /**
     * Pairs of keys whose hashes agree in the bits a slot keeps (the upper 24) and whose first slots in a small table
     * are the same (by full hash for inline keys, by prefix otherwise), found by search: only the key bytes can tell them apart, inline (up to 8 bytes) or in the
     * arena (longer keys with the same first 8 bytes).
     */
    @ParameterizedTest(name = "keyLength={0}")
    @ValueSource(ints = {3, 8, 12})
    void shouldTellApartKeysWhoseHashesCollideInSlotAndTag(final int keyLength)
    {
        final Random random = new Random(SEED + keyLength);
        final Map<Long, byte[]> seen = new HashMap<>();
        int pairs = 0;
        while (pairs < 3)
        {
            final byte[] key = new byte[keyLength];
            random.nextBytes(key);
            if (keyLength > 8)
            {
                System.arraycopy("ABCDEFGH".getBytes(StandardCharsets.US_ASCII), 0, key, 0, 8);
            }
            final long hash = ByteKeyIndex.hash(new UnsafeBuffer(key), 0, keyLength);
            final long slots = (ByteKeyIndex.placementHash(new UnsafeBuffer(key), 0, keyLength) & 0x3F) << 6 |
                (hash & 0x3F);
            final byte[] other = seen.putIfAbsent((hash >>> 40) << 12 | slots, key);
            if (other != null && !Arrays.equals(other, key))
            {
                for (final boolean inlineKeys : new boolean[]{false, true})
                {
                    final ByteKeyIndex index = new ByteKeyIndex(4, inlineKeys);
                    assertThat(index.add(new UnsafeBuffer(other), 0, keyLength)).isEqualTo(0);
                    assertThat(index.find(new UnsafeBuffer(key), 0, keyLength)).isEqualTo(ByteKeyIndex.MISSING);
                    assertThat(index.add(new UnsafeBuffer(key), 0, keyLength)).isEqualTo(1);
                    assertThat(index.find(new UnsafeBuffer(other), 0, keyLength)).isEqualTo(0);
                    assertThat(index.find(new UnsafeBuffer(key), 0, keyLength)).isEqualTo(1);
                }
                pairs++;
            }
        }
    }

    @ParameterizedTest(name = "inlineKeys={0}")
    @ValueSource(booleans = {false, true})
    void shouldRefuseAKeyReachingPastItsBufferAndChangeNothing(final boolean inlineKeys)
    {
        final ByteKeyIndex index = new ByteKeyIndex(4, inlineKeys);
        for (int i = 0; i < 100; i++)
        {
            index.add(new UnsafeBuffer(("INV-" + i).getBytes(StandardCharsets.US_ASCII)), 0, ("INV-" + i).length());
        }
        final long[] hashes = new long[index.size()];
        Arrays.setAll(hashes, index::keyHash);
        final UnsafeBuffer heap = new UnsafeBuffer("INV-7".getBytes(StandardCharsets.US_ASCII));
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(5));
        direct.putBytes(0, heap, 0, 5);
        for (final UnsafeBuffer buffer : new UnsafeBuffer[]{heap, direct})
        {
            for (final int[] range : new int[][]{{0, 6}, {1, 5}, {4, 2}, {-1, 3}, {0, -1}, {5, 1}})
            {
                final int offset = range[0];
                final int length = range[1];
                assertThatThrownBy(() -> index.find(buffer, offset, length)).isInstanceOf(IndexOutOfBoundsException.class);
                assertThatThrownBy(() -> index.add(buffer, offset, length)).isInstanceOf(IndexOutOfBoundsException.class);
                assertThatThrownBy(() -> index.keyEquals(7, buffer, offset, length))
                    .isInstanceOf(IndexOutOfBoundsException.class);
                assertThatThrownBy(() -> ByteKeyIndex.hash(buffer, offset, length))
                    .isInstanceOf(IndexOutOfBoundsException.class);
            }
            assertThat(index.find(buffer, 0, 5)).isEqualTo(7);
        }
        assertThat(index.size()).isEqualTo(100);
        for (int i = 0; i < 100; i++)
        {
            final byte[] key = ("INV-" + i).getBytes(StandardCharsets.US_ASCII);
            assertThat(index.find(new UnsafeBuffer(key), 0, key.length)).isEqualTo(i);
            assertThat(index.keyHash(i)).isEqualTo(hashes[i]);
        }
        assertThat(index.add(new UnsafeBuffer("INV-100".getBytes(StandardCharsets.US_ASCII)), 0, 7)).isEqualTo(100);
    }

    /**
     * A miss is remembered so that adding the same key skips the probe; adding another key in between (which may take
     * the remembered slot, or rebuild the table) must make the next add probe again.
     */
    @Test
    void shouldProbeAgainWhenAnotherKeyWasAddedSinceTheMiss()
    {
        final ByteKeyIndex index = new ByteKeyIndex(4);
        final UnsafeBuffer missed = new UnsafeBuffer(new byte[16]);
        final UnsafeBuffer other = new UnsafeBuffer(new byte[16]);
        final List<String> added = new ArrayList<>();
        for (int i = 0; i < 2_000; i++)
        {
            final String first = "K" + i + "a";
            final String second = "K" + i + "b";
            missed.putStringWithoutLengthAscii(0, first);
            other.putStringWithoutLengthAscii(0, second);
            assertThat(index.find(missed, 0, first.length())).isEqualTo(ByteKeyIndex.MISSING);
            assertThat(index.add(other, 0, second.length())).isEqualTo(added.size());
            added.add(second);
            assertThat(index.add(missed, 0, first.length())).isEqualTo(added.size());
            added.add(first);
        }
        for (int i = 0; i < added.size(); i++)
        {
            final byte[] key = added.get(i).getBytes(StandardCharsets.US_ASCII);
            assertThat(index.find(new UnsafeBuffer(key), 0, key.length)).as(added.get(i)).isEqualTo(i);
        }
    }

    /**
     * An index large enough to be grown and loaded {@linkplain ByteKeyIndex#GROUPED_LOAD_KEYS grouped by slot}:
     * invoice-like ids and random ones (prefix-sharing, some colliding in their first slot), every one found at its
     * index after growing past the threshold and after loading, none that was not added, and adding goes on where
     * the snapshot ended.
     */
    @Test
    void shouldFindEveryKeyAtItsIndexWhenALargeIndexIsGrownOrLoadedGroupedBySlot()
    {
        final Random random = new Random(SEED);
        final ByteKeyIndex index = new ByteKeyIndex(16, false);
        final Map<String, Integer> expected = new HashMap<>();
        while (expected.size() < ByteKeyIndex.GROUPED_LOAD_KEYS + 20_000)
        {
            final String key = expected.size() % 3 == 0 ? randomKey(random) : "INV-" + random.nextInt(1_000_000);
            if (!expected.containsKey(key))
            {
                final byte[] bytes = key.getBytes(StandardCharsets.ISO_8859_1);
                expected.put(key, index.add(new UnsafeBuffer(bytes), 0, bytes.length));
            }
        }

        for (final Map.Entry<String, Integer> entry : expected.entrySet())
        {
            assertThat(find(index, entry.getKey(), random)).as("grown: %s", printable(entry.getKey()))
                .isEqualTo(entry.getValue());
        }

        final ByteKeyIndex loaded = new ByteKeyIndex(16, false);
        loaded.load(index.arena().clone(), index.arenaLength(), index.offsets().clone(), index.size());

        assertThat(loaded.size()).isEqualTo(expected.size());
        for (final Map.Entry<String, Integer> entry : expected.entrySet())
        {
            assertThat(find(loaded, entry.getKey(), random)).as(printable(entry.getKey())).isEqualTo(entry.getValue());
            assertThat(loaded.keyHash(entry.getValue())).isEqualTo(index.keyHash(entry.getValue()));
        }
        int absent = 0;
        while (absent < 5_000)
        {
            final String key = random.nextBoolean() ? randomKey(random) : "INV-" + random.nextInt(2_000_000);
            if (!expected.containsKey(key))
            {
                assertThat(find(loaded, key, random)).as(printable(key)).isEqualTo(ByteKeyIndex.MISSING);
                absent++;
            }
        }
        final byte[] next = "INV-next".getBytes(StandardCharsets.US_ASCII);
        assertThat(addAfterMiss(loaded, new UnsafeBuffer(next), 0, next.length)).isEqualTo(expected.size());
        assertThat(loaded.find(new UnsafeBuffer(next), 0, next.length)).isEqualTo(expected.size());
    }

    private static int addAfterMiss(final ByteKeyIndex index, final UnsafeBuffer buffer, final int at, final int length)
    {
        assertThat(index.find(buffer, at, length)).isEqualTo(ByteKeyIndex.MISSING);
        return index.add(buffer, at, length);
    }

    /**
     * Looks the key up with bytes before it and, half the time, after it (else it ends the buffer).
     */
    private static int find(final ByteKeyIndex index, final String key, final Random random)
    {
        final byte[] bytes = key.getBytes(StandardCharsets.ISO_8859_1);
        final int before = random.nextInt(8);
        final int after = random.nextBoolean() ? 0 : 1 + random.nextInt(8);
        final byte[] command = new byte[before + bytes.length + after];
        random.nextBytes(command);
        System.arraycopy(bytes, 0, command, before, bytes.length);
        return index.find(buffer(command, random), before, bytes.length);
    }

    /**
     * The bytes on the heap or, half the time, in a direct buffer of their own size (so a key can end the memory).
     */
    private static UnsafeBuffer buffer(final byte[] bytes, final Random random)
    {
        if (random.nextBoolean())
        {
            return new UnsafeBuffer(bytes);
        }
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(bytes.length));
        direct.putBytes(0, bytes);
        return direct;
    }

    static String randomKey(final Random random)
    {
        final String alphabet = "\0AB\u00ff";
        final StringBuilder key = new StringBuilder();
        final int shape = random.nextInt(3);
        if (shape == 0)
        {
            key.append("ABCDEFGH");
        }
        final int length = shape == 0 ? random.nextInt(13) : random.nextInt(10);
        for (int i = 0; i < length; i++)
        {
            key.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return key.toString();
    }

    static String printable(final String key)
    {
        return key.replace("\0", "\\0");
    }
}
