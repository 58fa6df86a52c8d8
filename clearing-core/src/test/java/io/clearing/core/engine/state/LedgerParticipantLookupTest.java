package io.clearing.core.engine.state;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Ledger#findParticipant} takes a hint only when that participant's id is the one looked up: with the right
 * index, a random one (other ids, ids equal in their first 8 bytes, ids zero-padded alike such as "A" and "A\0",
 * indices past the end) or none it answers what the id index answers, also after a snapshot round trip, which must
 * rebuild the key words and lengths the participant records keep.
 */
class LedgerParticipantLookupTest
{
    private static final long SEED = 20261123L;

    @Test
    void shouldAnswerAsTheIdIndexWhateverTheHint()
    {
        final Random random = new Random(SEED);
        final Ledger ledger = new Ledger(4, 16);
        final Map<String, Integer> expected = new HashMap<>();
        for (int i = 0; i < 20_000; i++)
        {
            final String key = ByteKeyIndexTest.randomKey(random);
            final int known = expected.getOrDefault(key, ByteKeyIndex.MISSING);
            final byte[] bytes = key.getBytes(StandardCharsets.ISO_8859_1);
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[3 + bytes.length]);
            buffer.putBytes(3, bytes);
            final int hint = randomHint(random, known, ledger.participantCount);
            assertThat(ledger.findParticipant(buffer, 3, bytes.length, hint))
                .as("seed %d, step %d, key %s, hint %d", SEED, i, ByteKeyIndexTest.printable(key), hint)
                .isEqualTo(known);
            if (known == ByteKeyIndex.MISSING && !key.isEmpty())
            {
                expected.put(key, ledger.addParticipant(buffer, 3, bytes.length, "name", i));
            }
        }

        final ByteArrayOutputStream bytesOut = new ByteArrayOutputStream();
        final SnapshotOutput out = new SnapshotOutput(Channels.newChannel(bytesOut));
        ledger.writeTo(out);
        out.finish();
        final Ledger loaded = new Ledger(4, 16);
        loaded.readFrom(new SnapshotInput(Channels.newChannel(new ByteArrayInputStream(bytesOut.toByteArray()))), 16, 16);
        assertThat(loaded.hash(1)).isEqualTo(ledger.hash(1));
        for (int i = 0; i < 5_000; i++)
        {
            final String key = ByteKeyIndexTest.randomKey(random);
            final int known = expected.getOrDefault(key, ByteKeyIndex.MISSING);
            final byte[] bytes = key.getBytes(StandardCharsets.ISO_8859_1);
            assertThat(loaded.findParticipant(new UnsafeBuffer(bytes), 0, bytes.length,
                randomHint(random, known, loaded.participantCount)))
                .as("after a snapshot, key %s", ByteKeyIndexTest.printable(key)).isEqualTo(known);
        }
        for (final Map.Entry<String, Integer> entry : expected.entrySet())
        {
            final int p = entry.getValue();
            final byte[] key = entry.getKey().getBytes(StandardCharsets.ISO_8859_1);
            assertThat(loaded.registeredAtMs(p)).isEqualTo(ledger.registeredAtMs(p));
            // What a hint is confirmed against: a wrong word would only cost speed, so check it directly.
            assertThat(loaded.participantRecords[Ledger.record(p) + Ledger.KEY_WORD])
                .isEqualTo(ledger.participantRecords[Ledger.record(p) + Ledger.KEY_WORD])
                .isEqualTo(ByteKeyIndex.firstWord(new UnsafeBuffer(key), 0, key.length));
            assertThat(loaded.intOf(p, Ledger.KEY_LENGTH)).isEqualTo(key.length);
        }
    }

    /**
     * The right index half the time when there is one, else a random index (possibly past the end) or none.
     */
    private static int randomHint(final Random random, final int known, final int size)
    {
        final int pick = random.nextInt(4);
        if (known >= 0 && pick < 2)
        {
            return known;
        }
        return pick == 3 ? -1 : random.nextInt(size + 3);
    }
}
