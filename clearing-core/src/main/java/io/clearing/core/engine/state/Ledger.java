package io.clearing.core.engine.state;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
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
     * One participant's record, a cache line: {@value #P_LONGS} longs (net, owes, owed, registered at), then
     * {@value #P_INTS} ints (open as debtor, open as creditor, heads and tails of its two lists, two unused). The
     * state hash and the snapshot take the longs and the ints in this order, as when they were two arrays.
     */
    static final int RECORD_BYTES = 64;
    static final int P_LONGS = 4;
    static final int P_INTS = 8;
    private static final int INTS_AT = P_LONGS * Long.BYTES;
    private static final int NET = 0;
    private static final int OWES = 8;
    private static final int OWED = 16;
    private static final int REGISTERED_AT = 24;
    private static final int OPEN_AS_DEBTOR = INTS_AT;
    private static final int OPEN_AS_CREDITOR = INTS_AT + 4;
    private static final int OUT_HEAD = INTS_AT + 8;
    private static final int OUT_TAIL = INTS_AT + 12;
    private static final int IN_HEAD = INTS_AT + 16;
    private static final int IN_TAIL = INTS_AT + 20;

    final ByteKeyIndex participantIds;
    String[] participantIdText;
    String[] displayName;
    /**
     * Per participant one {@value #RECORD_BYTES}-byte record (see {@link #RECORD_BYTES}) in memory aligned to cache
     * lines (native byte order): a submission touches one line per participant, where a record split over two Java
     * arrays (whose data starts 16 bytes into the object) touched two to four.
     */
    private UnsafeBuffer participantRecords;
    int participantCount;

    final ByteKeyIndex obligationIds;
    int[] debtor;
    int[] creditor;
    long[] amountMinor;
    long[] openMinor;
    long[] paidMinor;
    long[] setOffMinor;
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
        final UnsafeBuffer records = participantRecords;
        final int at = p * RECORD_BYTES;
        records.putLong(at + REGISTERED_AT, timestampMs);
        records.putInt(at + OUT_HEAD, NONE);
        records.putInt(at + OUT_TAIL, NONE);
        records.putInt(at + IN_HEAD, NONE);
        records.putInt(at + IN_TAIL, NONE);
        participantCount++;
        return p;
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
        amountMinor[o] = amount;
        openMinor[o] = amount;
        paidMinor[o] = 0;
        setOffMinor[o] = 0;
        submittedAtMs[o] = timestampMs;
        closedAtMs[o] = 0;
        obligationCount++;

        link(o, d, c);
        final UnsafeBuffer records = participantRecords;
        final int da = d * RECORD_BYTES;
        final int ca = c * RECORD_BYTES;
        records.putLong(da + OWES, records.getLong(da + OWES) + amount);
        records.putLong(ca + OWED, records.getLong(ca + OWED) + amount);
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

    void setOff(final int o, final long amount, final long timestampMs, final boolean continuous)
    {
        setOffMinor[o] += amount;
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
     * caller adds them): counted in {@code setOffMinor} (discharged by the run), not in {@code batchSetOffMinor},
     * and the net positions change as the legs will change them back, so that with the legs added every participant
     * keeps its net position.
     */
    void novate(final int o, final long timestampMs)
    {
        final long open = openMinor[o];
        changeNet(debtor[o], open);
        changeNet(creditor[o], -open);
        setOffMinor[o] += open;
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
        final UnsafeBuffer records = participantRecords;
        final int da = d * RECORD_BYTES;
        final int ca = c * RECORD_BYTES;
        records.putLong(da + OWES, records.getLong(da + OWES) - amount);
        records.putLong(ca + OWED, records.getLong(ca + OWED) - amount);
        totalDebtMinor -= amount;
        if (open == 0)
        {
            closedAtMs[o] = timestampMs;
            unlink(o, d, c);
        }
    }

    private void changeNet(final int p, final long delta)
    {
        final int at = p * RECORD_BYTES + NET;
        final long before = participantRecords.getLong(at);
        final long after = before + delta;
        participantRecords.putLong(at, after);
        netInternalDebtMinor += Math.max(after, 0) - Math.max(before, 0);
    }

    private void link(final int o, final int d, final int c)
    {
        final UnsafeBuffer records = participantRecords;
        final int da = d * RECORD_BYTES;
        final int outTail = records.getInt(da + OUT_TAIL);
        outNext[o] = NONE;
        outPrev[o] = outTail;
        if (outTail == NONE)
        {
            records.putInt(da + OUT_HEAD, o);
        }
        else
        {
            outNext[outTail] = o;
        }
        records.putInt(da + OUT_TAIL, o);
        records.putInt(da + OPEN_AS_DEBTOR, records.getInt(da + OPEN_AS_DEBTOR) + 1);

        final int ca = c * RECORD_BYTES;
        final int inTail = records.getInt(ca + IN_TAIL);
        inNext[o] = NONE;
        inPrev[o] = inTail;
        if (inTail == NONE)
        {
            records.putInt(ca + IN_HEAD, o);
        }
        else
        {
            inNext[inTail] = o;
        }
        records.putInt(ca + IN_TAIL, o);
        records.putInt(ca + OPEN_AS_CREDITOR, records.getInt(ca + OPEN_AS_CREDITOR) + 1);
        openObligations++;
    }

    private void unlink(final int o, final int d, final int c)
    {
        final UnsafeBuffer records = participantRecords;
        final int da = d * RECORD_BYTES;
        if (outPrev[o] == NONE)
        {
            records.putInt(da + OUT_HEAD, outNext[o]);
        }
        else
        {
            outNext[outPrev[o]] = outNext[o];
        }
        if (outNext[o] == NONE)
        {
            records.putInt(da + OUT_TAIL, outPrev[o]);
        }
        else
        {
            outPrev[outNext[o]] = outPrev[o];
        }
        outNext[o] = NONE;
        outPrev[o] = NONE;
        records.putInt(da + OPEN_AS_DEBTOR, records.getInt(da + OPEN_AS_DEBTOR) - 1);

        final int ca = c * RECORD_BYTES;
        if (inPrev[o] == NONE)
        {
            records.putInt(ca + IN_HEAD, inNext[o]);
        }
        else
        {
            inNext[inPrev[o]] = inNext[o];
        }
        if (inNext[o] == NONE)
        {
            records.putInt(ca + IN_TAIL, inPrev[o]);
        }
        else
        {
            inPrev[inNext[o]] = inPrev[o];
        }
        inNext[o] = NONE;
        inPrev[o] = NONE;
        records.putInt(ca + OPEN_AS_CREDITOR, records.getInt(ca + OPEN_AS_CREDITOR) - 1);
        openObligations--;
    }

    long net(final int p)
    {
        return participantRecords.getLong(p * RECORD_BYTES + NET);
    }

    long owes(final int p)
    {
        return participantRecords.getLong(p * RECORD_BYTES + OWES);
    }

    long owed(final int p)
    {
        return participantRecords.getLong(p * RECORD_BYTES + OWED);
    }

    long registeredAtMs(final int p)
    {
        return participantRecords.getLong(p * RECORD_BYTES + REGISTERED_AT);
    }

    int openAsDebtor(final int p)
    {
        return participantRecords.getInt(p * RECORD_BYTES + OPEN_AS_DEBTOR);
    }

    int openAsCreditor(final int p)
    {
        return participantRecords.getInt(p * RECORD_BYTES + OPEN_AS_CREDITOR);
    }

    int outHead(final int p)
    {
        return participantRecords.getInt(p * RECORD_BYTES + OUT_HEAD);
    }

    int inHead(final int p)
    {
        return participantRecords.getInt(p * RECORD_BYTES + IN_HEAD);
    }

    long hash(final long seed)
    {
        long h = HashMix.mix(seed, participantCount);
        for (int p = 0; p < participantCount; p++)
        {
            h = HashMix.mix(h, participantIds.keyHash(p));
            h = HashMix.mix(h, displayName[p]);
            final int at = p * RECORD_BYTES;
            for (int i = 0; i < P_LONGS; i++)
            {
                h = HashMix.mix(h, participantRecords.getLong(at + i * Long.BYTES));
            }
            for (int i = 0; i < P_INTS; i++)
            {
                h = HashMix.mix(h, participantRecords.getInt(at + INTS_AT + i * Integer.BYTES));
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
            h = HashMix.mix(h, setOffMinor[o]);
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
            for (int i = 0; i < P_LONGS; i++)
            {
                out.putLong(participantRecords.getLong(p * RECORD_BYTES + i * Long.BYTES));
            }
        }
        for (int p = 0; p < participantCount; p++)
        {
            for (int i = 0; i < P_INTS; i++)
            {
                out.putInt(participantRecords.getInt(p * RECORD_BYTES + INTS_AT + i * Integer.BYTES));
            }
        }

        out.putInt(obligationCount);
        out.putKeys(obligationIds);
        out.putInts(debtor, obligationCount);
        out.putInts(creditor, obligationCount);
        out.putLongs(amountMinor, obligationCount);
        out.putLongs(openMinor, obligationCount);
        out.putLongs(paidMinor, obligationCount);
        out.putLongs(setOffMinor, obligationCount);
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

    void readFrom(final SnapshotInput in)
    {
        final int participants = in.getCount(Integer.MAX_VALUE - 16);
        allocateParticipants(Math.max(16, participants + participants / 4));
        in.getKeys(participantIds, participants);
        participantCount = participants;
        for (int p = 0; p < participants; p++)
        {
            displayName[p] = in.getString();
            participantIdText[p] = participantIds.keyString(p);
        }
        for (int p = 0; p < participants; p++)
        {
            for (int i = 0; i < P_LONGS; i++)
            {
                participantRecords.putLong(p * RECORD_BYTES + i * Long.BYTES, in.getLong());
            }
        }
        for (int p = 0; p < participants; p++)
        {
            for (int i = 0; i < P_INTS; i++)
            {
                participantRecords.putInt(p * RECORD_BYTES + INTS_AT + i * Integer.BYTES, in.getInt());
            }
        }

        final int obligations = in.getCount(Integer.MAX_VALUE - 16);
        allocateObligations(Math.max(16, obligations + obligations / 4));
        in.getKeys(obligationIds, obligations);
        obligationCount = obligations;
        in.getInts(debtor, obligations);
        in.getInts(creditor, obligations);
        in.getLongs(amountMinor, obligations);
        in.getLongs(openMinor, obligations);
        in.getLongs(paidMinor, obligations);
        in.getLongs(setOffMinor, obligations);
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

    private void allocateParticipants(final int capacity)
    {
        participantIdText = new String[capacity];
        displayName = new String[capacity];
        participantRecords = newRecords(capacity);
    }

    private void growParticipants(final int capacity)
    {
        participantIdText = Arrays.copyOf(participantIdText, capacity);
        displayName = Arrays.copyOf(displayName, capacity);
        final UnsafeBuffer records = newRecords(capacity);
        records.putBytes(0, participantRecords, 0, participantCount * RECORD_BYTES);
        participantRecords = records;
    }

    /**
     * Zeroed records for {@code capacity} participants, the first at a cache line boundary.
     */
    private static UnsafeBuffer newRecords(final int capacity)
    {
        final long bytes = (long)capacity * RECORD_BYTES;
        if (bytes > Integer.MAX_VALUE - RECORD_BYTES)
        {
            throw new IllegalStateException("participant records are full: " + capacity + " participants");
        }
        return new UnsafeBuffer(BufferUtil.allocateDirectAligned((int)bytes, RECORD_BYTES));
    }

    private void allocateObligations(final int capacity)
    {
        debtor = new int[capacity];
        creditor = new int[capacity];
        amountMinor = new long[capacity];
        openMinor = new long[capacity];
        paidMinor = new long[capacity];
        setOffMinor = new long[capacity];
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
        setOffMinor = Arrays.copyOf(setOffMinor, capacity);
        submittedAtMs = Arrays.copyOf(submittedAtMs, capacity);
        closedAtMs = Arrays.copyOf(closedAtMs, capacity);
        outNext = Arrays.copyOf(outNext, capacity);
        outPrev = Arrays.copyOf(outPrev, capacity);
        inNext = Arrays.copyOf(inNext, capacity);
        inPrev = Arrays.copyOf(inPrev, capacity);
    }
}
