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
 * The hints never change an outcome: a missing or wrong hint only costs the logic thread its own lookup. The copy
 * learns ids from the logic thread ({@link #learn}, called when the state accepts a participant) through a queue, so
 * a submission naming a participant registered moments earlier may go without a hint.
 * <p>
 * Threading: made by {@link #following} before the hinting thread starts; {@link #learn} on the logic thread;
 * {@link #hintsFor} on the hinting thread.
 */
public final class ParticipantHints
{
    /**
     * No hint for either side.
     */
    public static final long NONE = -1L;

    /**
     * The ids in the order learned, which is the state's order (seeded by index, then every new participant as it is
     * added): an id's index here is its index in the state, the hint itself.
     */
    private final ByteKeyIndex ids;
    private final UnsafeBuffer learned = new UnsafeBuffer(0, 0);
    private final ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();

    private ParticipantHints(final int expectedParticipants)
    {
        ids = new ByteKeyIndex(expectedParticipants, true);
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
     * Called on the logic thread when the state holds a new participant, in the order of their indices.
     */
    public void learn(final String id)
    {
        queue.offer(id);
    }

    private void seed(final ClearingStateMachine machine)
    {
        for (int p = 0, count = machine.participantCount(); p < count; p++)
        {
            put(machine.participantIdText(p));
        }
    }

    /**
     * @return the packed hints for a submission's debtor and creditor, or {@link #NONE} for any other command or
     * participants not yet learned.
     */
    public long hintsFor(final DirectBuffer buffer, final int offset, final int length)
    {
        drain();
        final int layout = CommandCodec.submissionLayout(buffer, offset, length);
        final int debtorLength = CommandCodec.debtorLengthOf(layout);
        final int creditorLength = CommandCodec.creditorLengthOf(layout);
        if (layout == CommandCodec.NO_SUBMISSION || debtorLength == 0 || creditorLength == 0)
        {
            return NONE;
        }
        final int debtorAt = offset + CommandCodec.keysAt(layout) + CommandCodec.idLengthOf(layout);
        return pack(lookup(buffer, debtorAt, debtorLength), lookup(buffer, debtorAt + debtorLength, creditorLength));
    }

    /**
     * @return the id's index ({@link ByteKeyIndex#MISSING}, negative, when not learned yet).
     */
    private int lookup(final DirectBuffer buffer, final int offset, final int length)
    {
        return ids.find(buffer, offset, length);
    }

    private void drain()
    {
        String next;
        while ((next = queue.poll()) != null)
        {
            put(next);
        }
    }

    private void put(final String id)
    {
        final byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        learned.wrap(bytes);
        ids.add(learned, 0, bytes.length);
    }
}
