package io.clearing.core.engine.state;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Looks up, on a thread ahead of the logic thread, which participant indices a submission's debtor and creditor ids
 * have, so that the logic thread only confirms two indices ({@link Ledger#findParticipant}: the participant's record,
 * which the submission reads anyway, keeps the first 8 bytes and the length of its id) instead of probing its
 * participant table twice. With 100,000 participants those two probes are about a third of a submission's cost on
 * the logic thread, and the thread before it (the journal stage, or the journal reader during replay) has time to
 * spare.
 * <p>
 * The hints never change an outcome: a missing or wrong hint only costs the logic thread its own lookup. So this map
 * need not be exact; it learns ids from the logic thread ({@link #learn}, called when the state accepts a
 * participant) through a queue, and a submission naming a participant registered moments earlier may still go
 * without a hint.
 * <p>
 * Threading: {@link #learn} on the logic thread; {@link #hintsFor} and {@link #seed} on one other thread (or before
 * that thread starts).
 */
public final class ParticipantHints
{
    /**
     * No hint for either side.
     */
    public static final long NONE = -1L;

    private final ByteKeyIndex ids;
    private final UnsafeBuffer learned = new UnsafeBuffer(0, 0);
    private int[] engineIndex;
    private final ConcurrentLinkedQueue<Learned> queue = new ConcurrentLinkedQueue<>();

    /**
     * @param expectedParticipants initial capacity (grows as needed).
     */
    public ParticipantHints(final int expectedParticipants)
    {
        ids = new ByteKeyIndex(expectedParticipants, true);
        engineIndex = new int[Math.max(16, expectedParticipants)];
    }

    /**
     * @return hints seeded with the participants {@code machine} holds and taught every one it accepts from now on
     * (until {@code machine.teach(null)}).
     */
    public static ParticipantHints following(final ClearingStateMachine machine)
    {
        final ParticipantHints hints = new ParticipantHints(Math.max(1024, machine.participantCount()));
        hints.seed(machine);
        machine.teach(hints);
        return hints;
    }

    /**
     * Packs two hints; a negative index means none for that side.
     */
    public static long pack(final int debtorHint, final int creditorHint)
    {
        return ((long)debtorHint << 32) | (creditorHint & 0xFFFF_FFFFL);
    }

    static int debtor(final long hints)
    {
        return (int)(hints >> 32);
    }

    static int creditor(final long hints)
    {
        return (int)hints;
    }

    /**
     * Called on the logic thread when the state holds a new participant.
     */
    public void learn(final int index, final String id)
    {
        queue.offer(new Learned(index, id));
    }

    /**
     * Takes every participant the state holds now (before the hinting thread starts, or on it).
     */
    public void seed(final ClearingStateMachine machine)
    {
        for (int p = 0, count = machine.participantCount(); p < count; p++)
        {
            put(p, machine.participantIdText(p));
        }
    }

    /**
     * @return the packed hints for a submission's debtor and creditor, or {@link #NONE} for any other command or
     * participants not yet learned.
     */
    public long hintsFor(final DirectBuffer buffer, final int offset, final int length)
    {
        drain();
        if (length < CommandCodec.BODY_OFFSET)
        {
            return NONE;
        }
        final int type = buffer.getInt(offset + CommandCodec.TYPE_OFFSET);
        final int idLength;
        final int debtorLength;
        final int creditorLength;
        final int keys;
        if (type == CommandCodec.TYPE_SUBMIT_OBLIGATION && length >= CommandCodec.SUBMIT_KEYS_OFFSET)
        {
            idLength = buffer.getShort(offset + CommandCodec.SUBMIT_ID_LENGTH_OFFSET);
            debtorLength = buffer.getShort(offset + CommandCodec.SUBMIT_DEBTOR_LENGTH_OFFSET);
            creditorLength = buffer.getShort(offset + CommandCodec.SUBMIT_CREDITOR_LENGTH_OFFSET);
            keys = CommandCodec.SUBMIT_KEYS_OFFSET;
        }
        else if (type == CommandCodec.TYPE_SUBMIT_IN_UNIT && length >= CommandCodec.UNIT_SUBMIT_KEYS_OFFSET)
        {
            final int lengths = offset + CommandCodec.UNIT_SUBMIT_LENGTHS_OFFSET;
            idLength = buffer.getShort(lengths);
            debtorLength = buffer.getShort(lengths + 2);
            creditorLength = buffer.getShort(lengths + 4);
            keys = CommandCodec.UNIT_SUBMIT_KEYS_OFFSET;
        }
        else
        {
            return NONE;
        }
        if (idLength < 0 || debtorLength <= 0 || creditorLength <= 0 ||
            keys + idLength + debtorLength + creditorLength > length)
        {
            return NONE;
        }
        final int debtorAt = offset + keys + idLength;
        return pack(lookup(buffer, debtorAt, debtorLength), lookup(buffer, debtorAt + debtorLength, creditorLength));
    }

    private int lookup(final DirectBuffer buffer, final int offset, final int length)
    {
        final int local = ids.find(buffer, offset, length);
        return local == ByteKeyIndex.MISSING ? -1 : engineIndex[local];
    }

    private void drain()
    {
        Learned next;
        while ((next = queue.poll()) != null)
        {
            put(next.index, next.id);
        }
    }

    private void put(final int index, final String id)
    {
        final byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        learned.wrap(bytes);
        final int local = ids.find(learned, 0, bytes.length);
        if (local != ByteKeyIndex.MISSING)
        {
            engineIndex[local] = index;
            return;
        }
        final int added = ids.add(learned, 0, bytes.length);
        if (added == engineIndex.length)
        {
            engineIndex = java.util.Arrays.copyOf(engineIndex, engineIndex.length * 2);
        }
        engineIndex[added] = index;
    }

    private record Learned(int index, String id)
    {
    }
}
