package io.clearing.core.engine.state;

import io.clearing.core.api.ClearingResult;
import io.clearing.core.api.ClearingSolver;
import io.clearing.core.api.ObligationNetwork;

/**
 * Runs the optimal batch clearing over every open obligation and keeps one run's summary, notices (one per
 * obligation considered: which, open before, set off) and certificate (one potential per participant registered at
 * the cut-off). The network is built in obligation order with every participant registered first, so network
 * indices equal ledger indices and the deterministic solver gives the same result on every replay.
 */
final class ClearingRunRecord
{
    long runId;
    long timestampMs;
    int obligations;
    long totalDebtBeforeMinor;
    long netInternalDebtMinor;
    long clearedMinor;
    int[] noticeObligation = new int[0];
    long[] noticeOpenMinor = new long[0];
    long[] noticeSetOffMinor = new long[0];
    int participants;
    long[] potentials = new long[0];

    /**
     * Solves and applies the run to the ledger.
     *
     * @return total set off.
     */
    long run(final Ledger ledger, final ClearingSolver solver, final long newRunId, final long cutOffMs)
    {
        final int open = ledger.openObligations;
        final ObligationNetwork.Builder builder = ObligationNetwork.builder(Math.max(16, open));
        for (int p = 0; p < ledger.participantCount; p++)
        {
            builder.participant(ledger.participantIdText[p]);
        }
        final int[] which = new int[open];
        final long[] openBefore = new long[open];
        int k = 0;
        for (int o = 0; o < ledger.obligationCount; o++)
        {
            final long amount = ledger.openMinor[o];
            if (amount > 0)
            {
                builder.add(ledger.participantIdText[ledger.debtor[o]], ledger.participantIdText[ledger.creditor[o]],
                    amount);
                which[k] = o;
                openBefore[k] = amount;
                k++;
            }
        }
        if (k != open)
        {
            throw new IllegalStateException("open obligation count " + open + " but " + k + " found open");
        }
        final ClearingResult result = solver.solve(builder.build());
        final long[] setOff = new long[open];
        for (int i = 0; i < open; i++)
        {
            final long amount = result.setOffMinor(i);
            setOff[i] = amount;
            if (amount > 0)
            {
                ledger.setOff(which[i], amount, cutOffMs, false);
            }
        }
        runId = newRunId;
        timestampMs = cutOffMs;
        obligations = open;
        totalDebtBeforeMinor = result.totalDebtMinor();
        netInternalDebtMinor = result.netInternalDebtMinor();
        clearedMinor = result.clearedMinor();
        noticeObligation = which;
        noticeOpenMinor = openBefore;
        noticeSetOffMinor = setOff;
        participants = ledger.participantCount;
        potentials = result.potentials();
        return clearedMinor;
    }

    long hash(final long seed)
    {
        long h = HashMix.mix(seed, runId);
        h = HashMix.mix(h, timestampMs);
        h = HashMix.mix(h, obligations);
        h = HashMix.mix(h, totalDebtBeforeMinor);
        h = HashMix.mix(h, netInternalDebtMinor);
        h = HashMix.mix(h, clearedMinor);
        for (int i = 0; i < obligations; i++)
        {
            h = HashMix.mix(h, noticeObligation[i]);
            h = HashMix.mix(h, noticeOpenMinor[i]);
            h = HashMix.mix(h, noticeSetOffMinor[i]);
        }
        h = HashMix.mix(h, participants);
        for (int p = 0; p < participants; p++)
        {
            h = HashMix.mix(h, potentials[p]);
        }
        return h;
    }

    void writeTo(final SnapshotOutput out)
    {
        out.putLong(runId);
        out.putLong(timestampMs);
        out.putInt(obligations);
        out.putLong(totalDebtBeforeMinor);
        out.putLong(netInternalDebtMinor);
        out.putLong(clearedMinor);
        out.putInts(noticeObligation, obligations);
        out.putLongs(noticeOpenMinor, obligations);
        out.putLongs(noticeSetOffMinor, obligations);
        out.putInt(participants);
        out.putLongs(potentials, participants);
    }

    /**
     * @param withCertificate false for snapshots of version 1, which kept no potentials.
     */
    void readFrom(final SnapshotInput in, final boolean withCertificate)
    {
        runId = in.getLong();
        timestampMs = in.getLong();
        obligations = in.getCount(Integer.MAX_VALUE - 16);
        totalDebtBeforeMinor = in.getLong();
        netInternalDebtMinor = in.getLong();
        clearedMinor = in.getLong();
        noticeObligation = new int[obligations];
        noticeOpenMinor = new long[obligations];
        noticeSetOffMinor = new long[obligations];
        in.getInts(noticeObligation, obligations);
        in.getLongs(noticeOpenMinor, obligations);
        in.getLongs(noticeSetOffMinor, obligations);
        if (withCertificate)
        {
            participants = in.getCount(Integer.MAX_VALUE - 16);
            potentials = new long[participants];
            in.getLongs(potentials, participants);
        }
    }
}
