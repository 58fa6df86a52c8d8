package io.clearing.core.engine.state;

import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

/**
 * Participants, obligations and the money between them, in parallel primitive arrays indexed by dense participant
 * and obligation numbers (order of acceptance). Each participant heads two doubly linked lists of its open
 * obligations (as debtor, as creditor), appended at the tail so that iteration is in submission order; a wholly
 * discharged obligation is unlinked in O(1) but never deleted.
 * <p>
 * Callers validate; the ledger only keeps invariants: {@code amount = open + paid + setOff} per obligation;
 * {@code totalDebt = sum(open)}, net positions and NID consistent. Single-threaded; allocates only to grow.
 */
final class Ledger
{
    static final int NONE = -1;
    /**
     * A participant's record: {@value #P_LONGS} longs (net, owes, owed, first 8 bytes of the id), then {@value #P_INTS}
     * ints (open as debtor, open as creditor, heads and tails of its two lists, id length, one spare), 64 bytes in
     * one cache line of {@link #participantRecords}. A submission reads and writes both participants' records, and
     * confirming its participant hints ({@link #findParticipant}) reads no other line.
     */
    static final int P_LONGS = 4;
    static final int P_INTS = 8;
    static final int RECORD_LONGS = P_LONGS + P_INTS * Integer.BYTES / Long.BYTES;
    /**
     * Where participant 0's record starts in {@link #participantRecords}: 48 bytes in, so that in an array of more
     * than half a G1 region (placed at a region's start, its elements 16 bytes further) every record is one cache
     * line. From index 0 every record would span two.
     */
    static final int RECORDS_BASE = 6;
    private static final long LONG_ARRAY_BASE = UnsafeApi.arrayBaseOffset(long[].class);
    private static final int INTS_AT = P_LONGS * Long.BYTES;
    private static final int NET = 0;
    private static final int OWES = 1;
    private static final int OWED = 2;
    /**
     * The participant's id, first 8 bytes as a little-endian long (zero-padded), beside its money so that confirming
     * a participant hint reads no other line. Snapshots and the state hash keep the registration time in this place.
     */
    static final int KEY_WORD = 3;
    private static final int OPEN_AS_DEBTOR = 0;
    private static final int OPEN_AS_CREDITOR = 1;
    private static final int OUT_HEAD = 2;
    private static final int OUT_TAIL = 3;
    private static final int IN_HEAD = 4;
    private static final int IN_TAIL = 5;
    /**
     * The id's length in bytes; snapshots and the state hash keep 0 in this place, as before it was used.
     */
    static final int KEY_LENGTH = 6;

    final ByteKeyIndex participantIds;
    /**
     * Told of every participant added (see {@link ClearingStateMachine#teach}); null when no one listens.
     */
    ParticipantHints hintsToTeach;
    String[] participantIdText;
    String[] displayName;
    /**
     * Participant records ({@link #record}): the longs read as elements, the ints through {@link #intOf} and
     * {@link #putInt}, which read and write the record's second half directly.
     */
    long[] participantRecords;
    long[] registeredAtMs;
    int participantCount;

    final ByteKeyIndex obligationIds;
    int[] debtor;
    int[] creditor;
    long[] amountMinor;
    long[] openMinor;
    long[] paidMinor;
    long[] submittedAtMs;
    long[] closedAtMs;
    int[] outNext;
    int[] outPrev;
    int[] inNext;
    int[] inPrev;
    int obligationCount;

    int openObligations;
    long totalDebtMinor;
    long netInternalDebtMinor;
    long submittedMinor;
    long paidTotalMinor;
    long continuousSetOffMinor;
    long batchSetOffMinor;
    long continuousCycles;

    Ledger(final int expectedParticipants, final int expectedObligations)
    {
        participantIds = new ByteKeyIndex(expectedParticipants, true);
        obligationIds = new ByteKeyIndex(expectedObligations);
        allocateParticipants(Math.max(16, expectedParticipants));
        allocateObligations(Math.max(16, expectedObligations));
    }

    int addParticipant(
        final DirectBuffer buffer, final int idOffset, final int idLength, final String name, final long timestampMs)
    {
        if (participantCount == displayName.length)
        {
            growParticipants(participantCount * 2);
        }
        final int p = participantIds.add(buffer, idOffset, idLength);
        participantIdText[p] = participantIds.keyString(p);
        displayName[p] = name;
        registeredAtMs[p] = timestampMs;
        participantRecords[record(p) + KEY_WORD] = ByteKeyIndex.firstWord(buffer, idOffset, idLength);
        putInt(p, KEY_LENGTH, idLength);
        putInt(p, OUT_HEAD, NONE);
        putInt(p, OUT_TAIL, NONE);
        putInt(p, IN_HEAD, NONE);
        putInt(p, IN_TAIL, NONE);
        participantCount++;
        if (hintsToTeach != null)
        {
            hintsToTeach.learn(participantIdText[p]);
        }
        return p;
    }

    /**
     * The participant whose id is the given bytes, or {@link ByteKeyIndex#MISSING}: {@code hint} when that
     * participant's id is these bytes (one read of its record, which the submission reads anyway), else the index's
     * own lookup. The answer never depends on the hint.
     *
     * @param hint the index the caller expects, or any negative number for none.
     */
    int findParticipant(final DirectBuffer buffer, final int offset, final int length, final int hint)
    {
        if (hint >= 0 && hint < participantCount && intOf(hint, KEY_LENGTH) == length &&
            participantRecords[record(hint) + KEY_WORD] == ByteKeyIndex.firstWord(buffer, offset, length) &&
            (length <= Long.BYTES || participantIds.keyEquals(hint, buffer, offset, length)))
        {
            return hint;
        }
        return participantIds.find(buffer, offset, length);
    }

    /**
     * Where participant {@code p}'s record starts in {@link #participantRecords}.
     */
    static int record(final int p)
    {
        return RECORDS_BASE + p * RECORD_LONGS;
    }

    /**
     * Int field {@code f} of participant {@code p}'s record. Read through its address, which is safe because
     * {@code p} is always below the participant count (callers validate ids, or the ledger itself wrote them) and
     * {@code f} below {@value #P_INTS}.
     */
    int intOf(final int p, final int f)
    {
        return UnsafeApi.getInt(participantRecords, intAddress(p, f));
    }

    private void putInt(final int p, final int f, final int value)
    {
        UnsafeApi.putInt(participantRecords, intAddress(p, f), value);
    }

    private static long intAddress(final int p, final int f)
    {
        return LONG_ARRAY_BASE + ((long)record(p) << 3) + INTS_AT + ((long)f << 2);
    }

    /**
     * Reads participant {@code p}'s record (for {@link ClearingStateMachine#prepare}).
     *
     * @return a word of it (0 for no such participant).
     */
    long touchParticipant(final int p)
    {
        return p >= 0 && p < participantCount ?
            participantRecords[record(p) + KEY_WORD] : 0;
    }

    /**
     * Adds an open obligation; the caller has checked that {@code submittedMinor + amount} cannot overflow, which
     * bounds every other sum.
     */
    int addObligation(
        final DirectBuffer buffer,
        final int idOffset,
        final int idLength,
        final int d,
        final int c,
        final long amount,
        final long timestampMs)
    {
        if (obligationCount == debtor.length)
        {
            growObligations(obligationCount * 2);
        }
        final int o = obligationIds.add(buffer, idOffset, idLength);
        debtor[o] = d;
        creditor[o] = c;
        // Past the count the arrays hold zeros (new or grown), so paid and closed-at need no write.
        amountMinor[o] = amount;
        openMinor[o] = amount;
        submittedAtMs[o] = timestampMs;
        obligationCount++;

        link(o, d, c);
        participantRecords[record(d) + OWES] += amount;
        participantRecords[record(c) + OWED] += amount;
        changeNet(d, -amount);
        changeNet(c, amount);
        totalDebtMinor += amount;
        submittedMinor += amount;
        return o;
    }

    void pay(final int o, final long amount, final long timestampMs)
    {
        changeNet(debtor[o], amount);
        changeNet(creditor[o], -amount);
        paidMinor[o] += amount;
        paidTotalMinor += amount;
        discharge(o, amount, timestampMs);
    }

    /**
     * What is set off is what is discharged otherwise than by payment ({@link #setOffMinor}), so only the open amount
     * changes on the obligation.
     */
    void setOff(final int o, final long amount, final long timestampMs, final boolean continuous)
    {
        if (continuous)
        {
            continuousSetOffMinor += amount;
        }
        else
        {
            batchSetOffMinor += amount;
        }
        discharge(o, amount, timestampMs);
    }

    /**
     * A set-off of a novated run, where set-offs alone are no circulation (legs to the accounts carry the rest): the
     * debtor's net position rises and the creditor's falls by the amount, and the legs move them back.
     */
    void dischargeBothSides(final int o, final long amount, final long timestampMs)
    {
        changeNet(debtor[o], amount);
        changeNet(creditor[o], -amount);
        setOff(o, amount, timestampMs, false);
    }

    /**
     * Closes what is open on the obligation because a novated run replaced it by legs through clearing accounts (the
     * caller adds them): counted in {@link #setOffMinor} (discharged by the run), not in {@code batchSetOffMinor},
     * and the net positions change as the legs will change them back, so that with the legs added every participant
     * keeps its net position.
     */
    void novate(final int o, final long timestampMs)
    {
        final long open = openMinor[o];
        changeNet(debtor[o], open);
        changeNet(creditor[o], -open);
        discharge(o, open, timestampMs);
    }

    /**
     * Money a batch run moved for participant {@code p} (liquidity commitments): what it paid into the run discharged
     * its debts beyond what it was owed and set off, what it received discharged claims beyond its debts, so its net
     * position (claims minus debts) changes by {@code paid - received}.
     */
    void moneyMoved(final int p, final long paidMinor, final long receivedMinor)
    {
        changeNet(p, Math.subtractExact(paidMinor, receivedMinor));
    }

    private void discharge(final int o, final long amount, final long timestampMs)
    {
        final int d = debtor[o];
        final int c = creditor[o];
        final long open = openMinor[o] - amount;
        if (amount <= 0 || open < 0)
        {
            throw new IllegalStateException("discharge of " + amount + " outside (0, open] on obligation " + o);
        }
        openMinor[o] = open;
        participantRecords[record(d) + OWES] -= amount;
        participantRecords[record(c) + OWED] -= amount;
        totalDebtMinor -= amount;
        if (open == 0)
        {
            closedAtMs[o] = timestampMs;
            unlink(o, d, c);
        }
    }

    private void changeNet(final int p, final long delta)
    {
        final int at = record(p) + NET;
        final long before = participantRecords[at];
        final long after = before + delta;
        participantRecords[at] = after;
        netInternalDebtMinor += Math.max(after, 0) - Math.max(before, 0);
    }

    private void link(final int o, final int d, final int c)
    {
        final int outTail = intOf(d, OUT_TAIL);
        outNext[o] = NONE;
        outPrev[o] = outTail;
        if (outTail == NONE)
        {
            putInt(d, OUT_HEAD, o);
        }
        else
        {
            outNext[outTail] = o;
        }
        putInt(d, OUT_TAIL, o);
        putInt(d, OPEN_AS_DEBTOR, intOf(d, OPEN_AS_DEBTOR) + 1);

        final int inTail = intOf(c, IN_TAIL);
        inNext[o] = NONE;
        inPrev[o] = inTail;
        if (inTail == NONE)
        {
            putInt(c, IN_HEAD, o);
        }
        else
        {
            inNext[inTail] = o;
        }
        putInt(c, IN_TAIL, o);
        putInt(c, OPEN_AS_CREDITOR, intOf(c, OPEN_AS_CREDITOR) + 1);
        openObligations++;
    }

    private void unlink(final int o, final int d, final int c)
    {
        if (outPrev[o] == NONE)
        {
            putInt(d, OUT_HEAD, outNext[o]);
        }
        else
        {
            outNext[outPrev[o]] = outNext[o];
        }
        if (outNext[o] == NONE)
        {
            putInt(d, OUT_TAIL, outPrev[o]);
        }
        else
        {
            outPrev[outNext[o]] = outPrev[o];
        }
        outNext[o] = NONE;
        outPrev[o] = NONE;
        putInt(d, OPEN_AS_DEBTOR, intOf(d, OPEN_AS_DEBTOR) - 1);

        if (inPrev[o] == NONE)
        {
            putInt(c, IN_HEAD, inNext[o]);
        }
        else
        {
            inNext[inPrev[o]] = inNext[o];
        }
        if (inNext[o] == NONE)
        {
            putInt(c, IN_TAIL, inPrev[o]);
        }
        else
        {
            inPrev[inNext[o]] = inPrev[o];
        }
        inNext[o] = NONE;
        inPrev[o] = NONE;
        putInt(c, OPEN_AS_CREDITOR, intOf(c, OPEN_AS_CREDITOR) - 1);
        openObligations--;
    }

    long net(final int p)
    {
        return participantRecords[record(p) + NET];
    }

    long owes(final int p)
    {
        return participantRecords[record(p) + OWES];
    }

    long owed(final int p)
    {
        return participantRecords[record(p) + OWED];
    }

    /**
     * What of the obligation was discharged otherwise than by payment (batch, continuous or novated set-off): kept as
     * {@code amount - open - paid}, the ledger's invariant, instead of in an array of its own.
     */
    long setOffMinor(final int o)
    {
        return amountMinor[o] - openMinor[o] - paidMinor[o];
    }

    long registeredAtMs(final int p)
    {
        return registeredAtMs[p];
    }

    int openAsDebtor(final int p)
    {
        return intOf(p, OPEN_AS_DEBTOR);
    }

    int openAsCreditor(final int p)
    {
        return intOf(p, OPEN_AS_CREDITOR);
    }

    int outHead(final int p)
    {
        return intOf(p, OUT_HEAD);
    }

    int inHead(final int p)
    {
        return intOf(p, IN_HEAD);
    }

    long hash(final long seed)
    {
        long h = HashMix.mix(seed, participantCount);
        for (int p = 0; p < participantCount; p++)
        {
            h = HashMix.mix(h, participantIds.keyHash(p));
            h = HashMix.mix(h, displayName[p]);
            for (int f = 0; f < P_LONGS; f++)
            {
                h = HashMix.mix(h, savedLong(p, f));
            }
            for (int f = 0; f < P_INTS; f++)
            {
                h = HashMix.mix(h, savedInt(p, f));
            }
        }
        h = HashMix.mix(h, obligationCount);
        for (int o = 0; o < obligationCount; o++)
        {
            h = HashMix.mix(h, obligationIds.keyHash(o));
            h = HashMix.mix(h, ((long)debtor[o] << 32) | creditor[o]);
            h = HashMix.mix(h, amountMinor[o]);
            h = HashMix.mix(h, openMinor[o]);
            h = HashMix.mix(h, paidMinor[o]);
            h = HashMix.mix(h, setOffMinor(o));
            h = HashMix.mix(h, submittedAtMs[o]);
            h = HashMix.mix(h, closedAtMs[o]);
            h = HashMix.mix(h, ((long)outNext[o] << 32) ^ inNext[o]);
        }
        h = HashMix.mix(h, openObligations);
        h = HashMix.mix(h, totalDebtMinor);
        h = HashMix.mix(h, netInternalDebtMinor);
        h = HashMix.mix(h, submittedMinor);
        h = HashMix.mix(h, paidTotalMinor);
        h = HashMix.mix(h, continuousSetOffMinor);
        h = HashMix.mix(h, batchSetOffMinor);
        return HashMix.mix(h, continuousCycles);
    }

    void writeTo(final SnapshotOutput out)
    {
        out.putInt(participantCount);
        out.putKeys(participantIds);
        for (int p = 0; p < participantCount; p++)
        {
            out.putString(displayName[p]);
        }
        for (int p = 0; p < participantCount; p++)
        {
            for (int f = 0; f < P_LONGS; f++)
            {
                out.putLong(savedLong(p, f));
            }
        }
        for (int p = 0; p < participantCount; p++)
        {
            for (int f = 0; f < P_INTS; f++)
            {
                out.putInt(savedInt(p, f));
            }
        }

        out.putInt(obligationCount);
        out.putKeys(obligationIds);
        out.putInts(debtor, obligationCount);
        out.putInts(creditor, obligationCount);
        out.putLongs(amountMinor, obligationCount);
        out.putLongs(openMinor, obligationCount);
        out.putLongs(paidMinor, obligationCount);
        for (int o = 0; o < obligationCount; o++)
        {
            out.putLong(setOffMinor(o));
        }
        out.putLongs(submittedAtMs, obligationCount);
        out.putLongs(closedAtMs, obligationCount);
        out.putInts(outNext, obligationCount);
        out.putInts(outPrev, obligationCount);
        out.putInts(inNext, obligationCount);
        out.putInts(inPrev, obligationCount);

        out.putInt(openObligations);
        out.putLong(totalDebtMinor);
        out.putLong(netInternalDebtMinor);
        out.putLong(submittedMinor);
        out.putLong(paidTotalMinor);
        out.putLong(continuousSetOffMinor);
        out.putLong(batchSetOffMinor);
        out.putLong(continuousCycles);
    }

    /**
     * @param expectedParticipants the participant arrays are made for at least this many.
     * @param expectedObligations  the obligation arrays are made for at least this many.
     */
    void readFrom(final SnapshotInput in, final int expectedParticipants, final int expectedObligations)
    {
        final int participants = in.getCount(Integer.MAX_VALUE - 16);
        allocateParticipants(Math.max(Math.max(16, expectedParticipants), participants + participants / 4));
        in.getKeys(participantIds, participants);
        participantCount = participants;
        for (int p = 0; p < participants; p++)
        {
            displayName[p] = in.getString();
            participantIdText[p] = participantIds.keyString(p);
        }
        for (int p = 0; p < participants; p++)
        {
            for (int f = 0; f < P_LONGS; f++)
            {
                participantRecords[record(p) + f] = in.getLong();
            }
        }
        for (int p = 0; p < participants; p++)
        {
            for (int f = 0; f < P_INTS; f++)
            {
                putInt(p, f, in.getInt());
            }
        }
        final UnsafeBuffer key = new UnsafeBuffer(participantIds.arena());
        final int[] keyOffsets = participantIds.offsets();
        for (int p = 0; p < participants; p++)
        {
            registeredAtMs[p] = participantRecords[record(p) + KEY_WORD];
            final int length = keyOffsets[p + 1] - keyOffsets[p];
            participantRecords[record(p) + KEY_WORD] = ByteKeyIndex.firstWord(key, keyOffsets[p], length);
            putInt(p, KEY_LENGTH, length);
        }

        final int obligations = in.getCount(Integer.MAX_VALUE - 16);
        allocateObligations(Math.max(Math.max(16, expectedObligations), obligations + obligations / 4));
        in.getKeys(obligationIds, obligations);
        obligationCount = obligations;
        in.getInts(debtor, obligations);
        in.getInts(creditor, obligations);
        in.getLongs(amountMinor, obligations);
        in.getLongs(openMinor, obligations);
        in.getLongs(paidMinor, obligations);
        for (int o = 0; o < obligations; o++)
        {
            if (in.getLong() != setOffMinor(o))
            {
                throw new SnapshotDamagedException("obligation " + o + ": set off is not amount - open - paid");
            }
        }
        in.getLongs(submittedAtMs, obligations);
        in.getLongs(closedAtMs, obligations);
        in.getInts(outNext, obligations);
        in.getInts(outPrev, obligations);
        in.getInts(inNext, obligations);
        in.getInts(inPrev, obligations);

        openObligations = in.getInt();
        totalDebtMinor = in.getLong();
        netInternalDebtMinor = in.getLong();
        submittedMinor = in.getLong();
        paidTotalMinor = in.getLong();
        continuousSetOffMinor = in.getLong();
        batchSetOffMinor = in.getLong();
        continuousCycles = in.getLong();
    }

    /**
     * Field {@code f} of participant {@code p}'s longs as snapshots and the state hash have always had them: the
     * registration time where the record now keeps the id's first word.
     */
    private long savedLong(final int p, final int f)
    {
        return f == KEY_WORD ? registeredAtMs[p] : participantRecords[record(p) + f];
    }

    /**
     * Field {@code f} of participant {@code p}'s ints as snapshots and the state hash have always had them: 0 where
     * the record now keeps the id's length.
     */
    private int savedInt(final int p, final int f)
    {
        return f == KEY_LENGTH ? 0 : intOf(p, f);
    }

    private void allocateParticipants(final int capacity)
    {
        participantIdText = new String[capacity];
        displayName = new String[capacity];
        participantRecords = new long[RECORDS_BASE + capacity * RECORD_LONGS];
        registeredAtMs = new long[capacity];
    }

    private void growParticipants(final int capacity)
    {
        participantIdText = Arrays.copyOf(participantIdText, capacity);
        displayName = Arrays.copyOf(displayName, capacity);
        participantRecords = Arrays.copyOf(participantRecords, RECORDS_BASE + capacity * RECORD_LONGS);
        registeredAtMs = Arrays.copyOf(registeredAtMs, capacity);
    }

    private void allocateObligations(final int capacity)
    {
        debtor = new int[capacity];
        creditor = new int[capacity];
        amountMinor = new long[capacity];
        openMinor = new long[capacity];
        paidMinor = new long[capacity];
        submittedAtMs = new long[capacity];
        closedAtMs = new long[capacity];
        outNext = new int[capacity];
        outPrev = new int[capacity];
        inNext = new int[capacity];
        inPrev = new int[capacity];
    }

    private void growObligations(final int capacity)
    {
        debtor = Arrays.copyOf(debtor, capacity);
        creditor = Arrays.copyOf(creditor, capacity);
        amountMinor = Arrays.copyOf(amountMinor, capacity);
        openMinor = Arrays.copyOf(openMinor, capacity);
        paidMinor = Arrays.copyOf(paidMinor, capacity);
        submittedAtMs = Arrays.copyOf(submittedAtMs, capacity);
        closedAtMs = Arrays.copyOf(closedAtMs, capacity);
        outNext = Arrays.copyOf(outNext, capacity);
        outPrev = Arrays.copyOf(outPrev, capacity);
        inNext = Arrays.copyOf(inNext, capacity);
        inPrev = Arrays.copyOf(inPrev, capacity);
    }
}
