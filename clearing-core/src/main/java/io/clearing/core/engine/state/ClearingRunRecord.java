package io.clearing.core.engine.state;

import java.util.Arrays;

/**
 * One batch run applied to the ledger: its summary, notices (one per open obligation at the run: which, open before,
 * set off, and why it was left untouched when it was) and certificate. Runs are solved by {@link ClearingPlan}.
 * <p>
 * {@link #potentials} are the plain solver's potentials for the default unit, one per participant registered at the
 * cut-off (network indices equal ledger indices): with the notices of that unit's eligible obligations they prove a
 * plain run optimal there; other runs keep none. {@link #proof} keeps the certificate of every kind of run (every
 * unit, policy runs, every level of a hierarchical run, proposals committed as held) with the rules it was solved
 * under.
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
    byte[] noticeExclusion = new byte[0];
    /**
     * Money paid into and received from the run (liquidity commitments); empty for runs without them.
     */
    final ClearingPlan money = new ClearingPlan();
    /**
     * Participants the certificate covers; 0 when the run keeps none.
     */
    int participants;
    long[] potentials = new long[0];
    /**
     * The parts of the notices' set-offs discharged across units through the treasury, the treasury's exposure per
     * unit, and for a hierarchical run what each level cleared beside the flat optimum: held in a plan whose
     * {@code count} is the number of notices (snapshot version 3 on).
     */
    final ClearingPlan conversion = new ClearingPlan();
    /**
     * The certificate of every kind of run and the rules it was solved under (snapshot version 4 on; not hashed).
     */
    final RunProof proof = new RunProof();
    /**
     * Both sides of every obligation, the legs between accounts and the accounts of a novated run; null for every
     * other run (snapshot version 5 on).
     */
    NovationRecord novation;

    /**
     * Records a novated run already applied to the ledger: the plan's notices with each obligation's debtor side as
     * its set-off, the run's cleared figure the firms' debt discharged; its proof is kept in the novation record.
     */
    long recordNovated(final Ledger ledger, final ClearingPlan plan, final NovationRecord applied, final long newRunId,
        final long timestampMs, final long debtBeforeMinor)
    {
        for (int j = 0, i = 0; j < applied.count; j++)
        {
            while (plan.obligation[i] != applied.obligation[j])
            {
                i++;
            }
            plan.setOffMinor[i] = applied.debtorDischargedMinor[j];
        }
        recordNotices(ledger, plan, newRunId, timestampMs, debtBeforeMinor);
        clearedMinor = applied.firmDebtDischargedMinor;
        conversion.crossUnitMinor = new long[plan.count];
        novation = applied;
        return clearedMinor;
    }

    /**
     * Applies a solved plan to the ledger and records it as the last run.
     *
     * @param cutOffMs  the run's cut-off, reported as its time.
     * @param appliedMs the time of the command that applies it (when the obligations it closes are closed).
     * @return total set off.
     */
    long apply(final Ledger ledger, final Policies policies, final ClearingPlan plan, final long newRunId,
        final long cutOffMs, final long appliedMs)
    {
        final long debtBefore = ledger.totalDebtMinor;
        plan.applyTo(ledger, policies, appliedMs);
        recordNotices(ledger, plan, newRunId, cutOffMs, debtBefore);
        clearedMinor = plan.clearedMinor;
        money.copyMoneyFrom(plan);
        conversion.crossUnitMinor = Arrays.copyOf(plan.crossUnitMinor, plan.count);
        conversion.copyExposureFrom(plan);
        conversion.hierarchical = plan.hierarchical;
        System.arraycopy(plan.levelClearedMinor, 0, conversion.levelClearedMinor, 0, plan.levelClearedMinor.length);
        conversion.flatClearedMinor = plan.flatClearedMinor;
        potentials = plan.defaultUnitPotentials == null ? new long[0] : plan.defaultUnitPotentials.clone();
        participants = potentials.length;
        proof.copyFrom(plan.proof);
        return clearedMinor;
    }

    /**
     * What every kind of run records the same way: its id and time, the debt before it and the net internal debt
     * after, and one notice per obligation it considered.
     */
    private void recordNotices(
        final Ledger ledger, final ClearingPlan plan, final long newRunId, final long runTimestampMs,
        final long debtBeforeMinor)
    {
        runId = newRunId;
        timestampMs = runTimestampMs;
        obligations = plan.count;
        totalDebtBeforeMinor = debtBeforeMinor;
        netInternalDebtMinor = ledger.netInternalDebtMinor;
        noticeObligation = Arrays.copyOf(plan.obligation, plan.count);
        noticeOpenMinor = Arrays.copyOf(plan.openMinor, plan.count);
        noticeSetOffMinor = Arrays.copyOf(plan.setOffMinor, plan.count);
        noticeExclusion = Arrays.copyOf(plan.exclusion, plan.count);
        conversion.count = plan.count;
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
            if (noticeExclusion[i] != 0)
            {
                h = HashMix.mix(h, 0xE0L | noticeExclusion[i]);
            }
        }
        if (money.moneyCount > 0)
        {
            h = HashMix.mix(h, money.moneyCount);
            for (int m = 0; m < money.moneyCount; m++)
            {
                h = HashMix.mix(h, ((long)money.moneyParticipant[m] << 32) | money.moneyUnit[m]);
                h = HashMix.mix(h, money.moneyPaidMinor[m]);
                h = HashMix.mix(h, money.moneyReceivedMinor[m]);
            }
        }
        h = conversion.hashConversion(h);
        if (novation != null)
        {
            h = novation.hash(h);
        }
        // The certificate is left out: it is derived from the run by the deterministic solver, and a run loaded from
        // a version 1 snapshot (written before runs kept one) must hash as it did when that snapshot was written.
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
    }

    void readFrom(final SnapshotInput in)
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
        noticeExclusion = new byte[obligations];
        conversion.count = obligations;
        conversion.crossUnitMinor = new long[obligations];
    }

    /**
     * The cross-unit parts, exposure and hierarchy figures, written after the policies (snapshot version 3 on).
     */
    void writeConversionTo(final SnapshotOutput out)
    {
        conversion.writeConversionTo(out);
    }

    /**
     * Whether the run was novated and, if so, its record (snapshot version 5 on).
     */
    void writeNovationTo(final SnapshotOutput out)
    {
        out.putInt(novation != null ? 1 : 0);
        if (novation != null)
        {
            novation.writeTo(out);
        }
    }

    /**
     * A novated run's proof (snapshot version 6 on); nothing for other runs.
     */
    void writeNovationProofTo(final SnapshotOutput out)
    {
        if (novation != null)
        {
            novation.writeProofTo(out);
        }
    }

    void readNovationProofFrom(final SnapshotInput in, final int participants)
    {
        if (novation != null)
        {
            novation.readProofFrom(in, participants);
        }
    }

    void readNovationFrom(final SnapshotInput in, final int participants, final int ledgerObligations)
    {
        final int flag = in.getInt();
        if (flag != 0 && flag != 1)
        {
            throw new SnapshotDamagedException("run " + runId + ": novation flag " + flag);
        }
        novation = null;
        if (flag == 1)
        {
            novation = new NovationRecord();
            novation.readFrom(in, participants, ledgerObligations);
        }
    }

    void readConversionFrom(final SnapshotInput in)
    {
        conversion.count = obligations;
        conversion.readConversionFrom(in);
    }

    /**
     * The exclusion reasons, the money and the certificate, written after the rest of the snapshot (snapshot version
     * 2 on).
     */
    void writeExtrasTo(final SnapshotOutput out)
    {
        out.putBytes(noticeExclusion, obligations);
        money.writeMoneyTo(out);
        out.putInt(participants);
        out.putLongs(potentials, participants);
    }

    void readExtrasFrom(final SnapshotInput in)
    {
        in.getBytes(noticeExclusion, obligations);
        money.readMoneyFrom(in);
        participants = in.getCount(Integer.MAX_VALUE - 16);
        potentials = new long[participants];
        in.getLongs(potentials, participants);
    }
}
