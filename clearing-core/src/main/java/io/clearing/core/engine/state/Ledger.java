package io.clearing.core.engine.state;

import org.agrona.DirectBuffer;

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

    final ByteKeyIndex participantIds;
    String[] participantIdText;
    String[] displayName;
    long[] registeredAtMs;
    long[] netMinor;
    long[] owesMinor;
    long[] owedMinor;
    int[] openAsDebtor;
    int[] openAsCreditor;
    int[] outHead;
    int[] outTail;
    int[] inHead;
    int[] inTail;
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
        participantIds = new ByteKeyIndex(expectedParticipants);
        obligationIds = new ByteKeyIndex(expectedObligations);
        allocateParticipants(Math.max(16, expectedParticipants));
        allocateObligations(Math.max(16, expectedObligations));
    }

    int addParticipant(
        final DirectBuffer buffer, final int idOffset, final int idLength, final String name, final long timestampMs)
    {
        if (participantCount == netMinor.length)
        {
            growParticipants(participantCount * 2);
        }
        final int p = participantIds.add(buffer, idOffset, idLength);
        participantIdText[p] = participantIds.keyString(p);
        displayName[p] = name;
        registeredAtMs[p] = timestampMs;
        outHead[p] = NONE;
        outTail[p] = NONE;
        inHead[p] = NONE;
        inTail[p] = NONE;
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
        owesMinor[d] += amount;
        owedMinor[c] += amount;
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
        owesMinor[d] -= amount;
        owedMinor[c] -= amount;
        totalDebtMinor -= amount;
        if (open == 0)
        {
            closedAtMs[o] = timestampMs;
            unlink(o, d, c);
        }
    }

    private void changeNet(final int p, final long delta)
    {
        final long before = netMinor[p];
        final long after = before + delta;
        netMinor[p] = after;
        netInternalDebtMinor += Math.max(after, 0) - Math.max(before, 0);
    }

    private void link(final int o, final int d, final int c)
    {
        outNext[o] = NONE;
        outPrev[o] = outTail[d];
        if (outTail[d] == NONE)
        {
            outHead[d] = o;
        }
        else
        {
            outNext[outTail[d]] = o;
        }
        outTail[d] = o;

        inNext[o] = NONE;
        inPrev[o] = inTail[c];
        if (inTail[c] == NONE)
        {
            inHead[c] = o;
        }
        else
        {
            inNext[inTail[c]] = o;
        }
        inTail[c] = o;

        openAsDebtor[d]++;
        openAsCreditor[c]++;
        openObligations++;
    }

    private void unlink(final int o, final int d, final int c)
    {
        if (outPrev[o] == NONE)
        {
            outHead[d] = outNext[o];
        }
        else
        {
            outNext[outPrev[o]] = outNext[o];
        }
        if (outNext[o] == NONE)
        {
            outTail[d] = outPrev[o];
        }
        else
        {
            outPrev[outNext[o]] = outPrev[o];
        }
        outNext[o] = NONE;
        outPrev[o] = NONE;

        if (inPrev[o] == NONE)
        {
            inHead[c] = inNext[o];
        }
        else
        {
            inNext[inPrev[o]] = inNext[o];
        }
        if (inNext[o] == NONE)
        {
            inTail[c] = inPrev[o];
        }
        else
        {
            inPrev[inNext[o]] = inPrev[o];
        }
        inNext[o] = NONE;
        inPrev[o] = NONE;

        openAsDebtor[d]--;
        openAsCreditor[c]--;
        openObligations--;
    }

    long hash(final long seed)
    {
        long h = HashMix.mix(seed, participantCount);
        for (int p = 0; p < participantCount; p++)
        {
            h = HashMix.mix(h, participantIds.keyHash(p));
            h = HashMix.mix(h, displayName[p]);
            h = HashMix.mix(h, registeredAtMs[p]);
            h = HashMix.mix(h, netMinor[p]);
            h = HashMix.mix(h, owesMinor[p]);
            h = HashMix.mix(h, owedMinor[p]);
            h = HashMix.mix(h, ((long)openAsDebtor[p] << 32) | openAsCreditor[p]);
            h = HashMix.mix(h, ((long)outHead[p] << 32) ^ inHead[p]);
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
        out.putLongs(registeredAtMs, participantCount);
        out.putLongs(netMinor, participantCount);
        out.putLongs(owesMinor, participantCount);
        out.putLongs(owedMinor, participantCount);
        out.putInts(openAsDebtor, participantCount);
        out.putInts(openAsCreditor, participantCount);
        out.putInts(outHead, participantCount);
        out.putInts(outTail, participantCount);
        out.putInts(inHead, participantCount);
        out.putInts(inTail, participantCount);

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
        allocateParticipants(Math.max(16, participants));
        in.getKeys(participantIds, participants);
        participantCount = participants;
        for (int p = 0; p < participants; p++)
        {
            displayName[p] = in.getString();
            participantIdText[p] = participantIds.keyString(p);
        }
        in.getLongs(registeredAtMs, participants);
        in.getLongs(netMinor, participants);
        in.getLongs(owesMinor, participants);
        in.getLongs(owedMinor, participants);
        in.getInts(openAsDebtor, participants);
        in.getInts(openAsCreditor, participants);
        in.getInts(outHead, participants);
        in.getInts(outTail, participants);
        in.getInts(inHead, participants);
        in.getInts(inTail, participants);

        final int obligations = in.getCount(Integer.MAX_VALUE - 16);
        allocateObligations(Math.max(16, obligations));
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
        registeredAtMs = new long[capacity];
        netMinor = new long[capacity];
        owesMinor = new long[capacity];
        owedMinor = new long[capacity];
        openAsDebtor = new int[capacity];
        openAsCreditor = new int[capacity];
        outHead = new int[capacity];
        outTail = new int[capacity];
        inHead = new int[capacity];
        inTail = new int[capacity];
    }

    private void growParticipants(final int capacity)
    {
        participantIdText = Arrays.copyOf(participantIdText, capacity);
        displayName = Arrays.copyOf(displayName, capacity);
        registeredAtMs = Arrays.copyOf(registeredAtMs, capacity);
        netMinor = Arrays.copyOf(netMinor, capacity);
        owesMinor = Arrays.copyOf(owesMinor, capacity);
        owedMinor = Arrays.copyOf(owedMinor, capacity);
        openAsDebtor = Arrays.copyOf(openAsDebtor, capacity);
        openAsCreditor = Arrays.copyOf(openAsCreditor, capacity);
        outHead = Arrays.copyOf(outHead, capacity);
        outTail = Arrays.copyOf(outTail, capacity);
        inHead = Arrays.copyOf(inHead, capacity);
        inTail = Arrays.copyOf(inTail, capacity);
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
