package io.clearing.core.engine.state;

import io.clearing.core.api.ClearingResult;
import io.clearing.core.api.ClearingSolver;
import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.policy.ClearingPolicy;
import io.clearing.core.policy.HierarchicalClearing;
import io.clearing.core.policy.PolicyCertificate;
import io.clearing.core.policy.PolicyHierarchyResult;
import io.clearing.core.policy.PolicyResult;
import io.clearing.core.policy.PolicySolver;
import io.clearing.core.policy.PriorityRule;

import java.util.Arrays;

/**
 * The set-offs of one batch run before they are applied: per open obligation (in obligation order) its open amount,
 * the set-off the optimal solver chose and, for an obligation the run may not touch, why. Clearing happens within a
 * unit: the eligible obligations of each unit are solved as a network of their own, units in ascending number. The
 * network of each unit registers every participant first, so network indices equal ledger indices and replay gives
 * the same result.
 * <p>
 * When caps or liquidity commitments are given for the run, a priority rule applies, or a treasury converts between
 * units at published rates ({@link RunRules}), the eligible obligations of every unit are solved together by the
 * {@link PolicySolver} instead: discharges then include debt paid with committed money passed along open chains and
 * debt discharged across units through the treasury; the plan records per participant and unit the money paid into
 * the run and received from it, per obligation the part discharged across units, and per unit the treasury's exposure.
 * A hierarchical plan is solved by {@link HierarchicalClearing} over the same policy (community, region, top level)
 * and records what each level cleared beside the flat optimum of the same policy.
 */
final class ClearingPlan
{
    int count;
    int[] obligation = new int[0];
    long[] openMinor = new long[0];
    long[] setOffMinor = new long[0];
    byte[] exclusion = new byte[0];
    long clearedMinor;
    /**
     * The solver's potentials for the default unit (one per participant), proving the plan optimal there; null when
     * the plan was not solved by the plain solver (caps or liquidity, or set-offs adopted from a held proposal).
     */
    long[] defaultUnitPotentials;
    int moneyCount;
    int[] moneyParticipant = new int[0];
    int[] moneyUnit = new int[0];
    long[] moneyPaidMinor = new long[0];
    long[] moneyReceivedMinor = new long[0];
    /**
     * Per listed obligation, the part of its set-off discharged across units through the treasury; all zero without
     * conversion.
     */
    long[] crossUnitMinor = new long[0];
    int exposureCount;
    int[] exposureUnit = new int[0];
    long[] exposureMinor = new long[0];
    boolean hierarchical;
    /**
     * A hierarchical plan: cleared at the community, region and top level (summed over units, like
     * {@link #clearedMinor}), and the flat policy run's total over the same obligations.
     */
    final long[] levelClearedMinor = new long[3];
    long flatClearedMinor;
    /**
     * The run's certificate and the rules it was solved under, for an auditor to check it later.
     */
    final RunProof proof = new RunProof();

    /**
     * Replaces this plan with the optimum over the open obligations of the ledger at {@code cutOffMs}.
     *
     * @param answers one of {@code Policies.ANSWERS_}: how a pending proposal's answers exclude obligations.
     */
    void solve(
        final Ledger ledger, final Policies policies, final ClearingSolver solver, final long cutOffMs, final int answers)
    {
        list(ledger, policies, cutOffMs, answers);
        solveUnits(ledger, policies, solver);
    }

    /**
     * Copies the eligible entries (exclusion 0) of a listing of obligations, in order: the network a run is solved and
     * certified over. Used for a plan, a held proposal and a journaled run's notices alike.
     *
     * @param members null, or filled with each eligible entry's place in the listing.
     * @return how many entries are eligible.
     */
    static int eligible(final int count, final int[] obligation, final long[] openMinor, final byte[] exclusion,
        final int[] eligibleObligation, final long[] eligibleOpenMinor, final int[] members)
    {
        int n = 0;
        for (int i = 0; i < count; i++)
        {
            if (exclusion[i] == 0)
            {
                eligibleObligation[n] = obligation[i];
                eligibleOpenMinor[n] = openMinor[i];
                if (members != null)
                {
                    members[n] = i;
                }
                n++;
            }
        }
        return n;
    }

    /**
     * Lists the open obligations with their exclusions at {@code cutOffMs}, every set-off 0.
     */
    void list(final Ledger ledger, final Policies policies, final long cutOffMs, final int answers)
    {
        final int open = ledger.openObligations;
        obligation = new int[open];
        openMinor = new long[open];
        setOffMinor = new long[open];
        exclusion = new byte[open];
        crossUnitMinor = new long[open];
        int k = 0;
        for (int o = 0; o < ledger.obligationCount; o++)
        {
            final long amount = ledger.openMinor[o];
            if (amount > 0)
            {
                obligation[k] = o;
                openMinor[k] = amount;
                final int reason = policies.exclusion(ledger, o, cutOffMs, answers);
                exclusion[k] = (byte)reason;
                k++;
            }
        }
        if (k != open)
        {
            throw new IllegalStateException("open obligation count " + open + " but " + k + " found open");
        }
        count = open;
        clearedMinor = 0;
        defaultUnitPotentials = null;
        proof.clear();
        clearMoney();
        clearConversion();
    }

    /**
     * Solves every unit's eligible obligations of a listed plan.
     */
    void solveUnits(final Ledger ledger, final Policies policies, final ClearingSolver solver)
    {
        final RunRules rules = policies.rules;
        if (policies.limitCount > 0 || rules.converts() || rules.priority() != PriorityRule.NONE)
        {
            solveWithPolicy(ledger, policies);
            return;
        }
        // A unit with nothing eligible has the all-zero certificate.
        defaultUnitPotentials = new long[ledger.participantCount];
        proof.captureRules(ledger, policies, obligation, 0, false);
        proof.startPlain();
        final boolean[] unitHasEligible = new boolean[policies.unitCount + 1];
        for (int i = 0; i < count; i++)
        {
            if (exclusion[i] == 0)
            {
                unitHasEligible[policies.unitOf(obligation[i])] = true;
            }
        }
        for (int unit = 0; unit < unitHasEligible.length; unit++)
        {
            if (unitHasEligible[unit])
            {
                solveUnit(ledger, policies, solver, unit);
            }
        }
    }

    private void solveUnit(final Ledger ledger, final Policies policies, final ClearingSolver solver, final int unit)
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder(Math.max(16, count));
        for (int p = 0; p < ledger.participantCount; p++)
        {
            builder.participant(ledger.participantIdText[p]);
        }
        final int[] members = new int[count];
        int n = 0;
        for (int i = 0; i < count; i++)
        {
            final int o = obligation[i];
            if (exclusion[i] == 0 && policies.unitOf(o) == unit)
            {
                builder.add(ledger.participantIdText[ledger.debtor[o]], ledger.participantIdText[ledger.creditor[o]],
                    openMinor[i]);
                members[n++] = i;
            }
        }
        final ClearingResult result = solver.solve(builder.build());
        if (unit == Policies.DEFAULT_UNIT)
        {
            defaultUnitPotentials = result.potentials();
        }
        final int[] unitObligations = new int[n];
        for (int j = 0; j < n; j++)
        {
            unitObligations[j] = obligation[members[j]];
        }
        proof.addUnitPotentials(ledger, unit, unitObligations, n, result.potentials());
        for (int j = 0; j < n; j++)
        {
            final long amount = result.setOffMinor(j);
            setOffMinor[members[j]] = amount;
            clearedMinor = Math.addExact(clearedMinor, amount);
        }
    }

    /**
     * Solves a listed plan level by level: communities, then regions, then the top level (see
     * {@link RunRules#groups}), through {@link HierarchicalClearing} over the policy a flat run would use. Callers
     * refuse liquidity commitments first: the hierarchy reports no money per participant.
     */
    void solveHierarchical(final Ledger ledger, final Policies policies)
    {
        final int[] members = new int[count];
        final ClearingPolicy policy = policy(ledger, policies, members);
        final int n = policy.network().obligationCount();
        final int[][] groups = policies.rules.groups(ledger.participantCount);
        final PolicyHierarchyResult result = new HierarchicalClearing().solve(policy, groups);
        for (int j = 0; j < n; j++)
        {
            final long amount = result.setOffMinor(j);
            setOffMinor[members[j]] = amount;
            crossUnitMinor[members[j]] = result.crossUnitMinor(j);
            clearedMinor = Math.addExact(clearedMinor, amount);
        }
        proof.startLevels(RunProof.HIERARCHICAL);
        proof.groups = groups;
        proof.levelSetOffMinor = new long[result.levels() * n];
        for (int level = 0; level < result.levels(); level++)
        {
            for (int j = 0; j < n; j++)
            {
                proof.levelSetOffMinor[level * n + j] = result.setOffMinor(level, j);
            }
            proof.addLevel(policies, result.levelCertificate(level));
        }
        proof.trim();
        hierarchical = true;
        flatClearedMinor = 0;
        for (int u = 0; u < policy.unitCount(); u++)
        {
            for (int level = 0; level < levelClearedMinor.length; level++)
            {
                levelClearedMinor[level] = Math.addExact(levelClearedMinor[level], result.clearedMinor(level, u));
            }
            flatClearedMinor = Math.addExact(flatClearedMinor, result.flat().clearedMinor(u));
        }
    }

    /**
     * The policy of a run over the plan's eligible obligations: every ledger participant (network indices equal
     * ledger indices), units, caps and commitments, the treasury and its rates, urgent marks, the older-first order
     * key and the priority rule.
     *
     * @param members filled with the plan index of each network obligation.
     */
    private ClearingPolicy policy(final Ledger ledger, final Policies policies, final int[] members)
    {
        final int[] networkObligation = new int[count];
        final long[] networkOpenMinor = new long[count];
        final int n = eligible(count, obligation, openMinor, exclusion, networkObligation, networkOpenMinor, members);
        proof.captureRules(ledger, policies, networkObligation, n, true);
        return proof.policy(ledger, policies, networkObligation, networkOpenMinor, n);
    }

    private void solveWithPolicy(final Ledger ledger, final Policies policies)
    {
        final int[] members = new int[count];
        final ClearingPolicy policy = policy(ledger, policies, members);
        final int n = policy.network().obligationCount();
        final PolicyResult result = new PolicySolver().solve(policy);
        proof.startLevels(RunProof.POLICY);
        proof.addLevel(policies, PolicyCertificate.of(result));
        proof.trim();
        for (int j = 0; j < n; j++)
        {
            final long amount = result.setOffMinor(j);
            setOffMinor[members[j]] = amount;
            crossUnitMinor[members[j]] = result.crossUnitMinor(j);
            clearedMinor = Math.addExact(clearedMinor, amount);
        }
        recordExposure(policies, policy, result);
        final int most = policy.liquidityCommitments() + result.receipts();
        final long[] paid = new long[most];
        final long[] received = new long[most];
        final long[] keys = new long[most];
        int entries = 0;
        for (int c = 0; c < policy.liquidityCommitments(); c++)
        {
            entries = addMoney(keys, paid, received, entries, policy.liquidityParticipant(c),
                engineUnit(policies, policy.unitName(policy.liquidityUnit(c))), result.liquidityUsedMinor(c), 0);
        }
        for (int r = 0; r < result.receipts(); r++)
        {
            entries = addMoney(keys, paid, received, entries, result.receiptParticipant(r),
                engineUnit(policies, policy.unitName(result.receiptUnit(r))), 0, result.receiptMinor(r));
        }
        moneyCount = 0;
        moneyParticipant = new int[entries];
        moneyUnit = new int[entries];
        moneyPaidMinor = new long[entries];
        moneyReceivedMinor = new long[entries];
        final Integer[] order = new Integer[entries];
        for (int e = 0; e < entries; e++)
        {
            order[e] = e;
        }
        Arrays.sort(order, (a, b) -> Long.compare(keys[a], keys[b]));
        for (final int e : order)
        {
            if (paid[e] != 0 || received[e] != 0)
            {
                moneyParticipant[moneyCount] = (int)(keys[e] >>> 32);
                moneyUnit[moneyCount] = (int)keys[e];
                moneyPaidMinor[moneyCount] = paid[e];
                moneyReceivedMinor[moneyCount] = received[e];
                moneyCount++;
            }
        }
    }

    /**
     * The treasury's exposure per engine unit, in ascending unit order, only where it is not zero.
     */
    private void recordExposure(final Policies policies, final ClearingPolicy policy, final PolicyResult result)
    {
        final long[] byEngineUnit = new long[policies.unitCount + 1];
        for (int u = 0; u < policy.unitCount(); u++)
        {
            final long exposure = result.treasuryExposureMinor(u);
            if (exposure != 0)
            {
                byEngineUnit[engineUnit(policies, policy.unitName(u))] = exposure;
            }
        }
        int entries = 0;
        for (final long exposure : byEngineUnit)
        {
            entries += exposure != 0 ? 1 : 0;
        }
        exposureCount = 0;
        exposureUnit = new int[entries];
        exposureMinor = new long[entries];
        for (int u = 0; u < byEngineUnit.length; u++)
        {
            if (byEngineUnit[u] != 0)
            {
                exposureUnit[exposureCount] = u;
                exposureMinor[exposureCount] = byEngineUnit[u];
                exposureCount++;
            }
        }
    }

    private void clearConversion()
    {
        exposureCount = 0;
        exposureUnit = new int[0];
        exposureMinor = new long[0];
        hierarchical = false;
        Arrays.fill(levelClearedMinor, 0);
        flatClearedMinor = 0;
    }

    /**
     * @return whether any set-off of the plan was discharged across units.
     */
    boolean hasCrossUnit()
    {
        for (int i = 0; i < count; i++)
        {
            if (crossUnitMinor[i] != 0)
            {
                return true;
            }
        }
        return false;
    }

    private static int addMoney(final long[] keys, final long[] paid, final long[] received, final int entries,
        final int participant, final int unit, final long paidMinor, final long receivedMinor)
    {
        final long key = ((long)participant << 32) | unit;
        for (int e = 0; e < entries; e++)
        {
            if (keys[e] == key)
            {
                paid[e] = Math.addExact(paid[e], paidMinor);
                received[e] = Math.addExact(received[e], receivedMinor);
                return entries;
            }
        }
        keys[entries] = key;
        paid[entries] = paidMinor;
        received[entries] = receivedMinor;
        return entries + 1;
    }

    static int engineUnit(final Policies policies, final String unitId)
    {
        final byte[] bytes = unitId.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        final int unit = policies.findUnit(new org.agrona.concurrent.UnsafeBuffer(bytes), 0, bytes.length);
        if (unit == Policies.NONE)
        {
            throw new IllegalStateException("policy solver named unknown unit '" + unitId + "'");
        }
        return unit;
    }

    private void clearMoney()
    {
        moneyCount = 0;
        moneyParticipant = new int[0];
        moneyUnit = new int[0];
        moneyPaidMinor = new long[0];
        moneyReceivedMinor = new long[0];
    }

    /**
     * Takes the set-offs of an earlier plan (a held proposal) into this listed plan, when each of them still fits:
     * on an obligation still open by at least that much and not excluded now.
     *
     * @return false, leaving every set-off 0, when one does not fit.
     */
    boolean adopt(final ClearingPlan held)
    {
        int i = 0;
        long cleared = 0;
        for (int j = 0; j < held.count; j++)
        {
            final long amount = held.setOffMinor[j];
            if (amount == 0)
            {
                continue;
            }
            final int o = held.obligation[j];
            while (i < count && obligation[i] < o)
            {
                i++;
            }
            if (i == count || obligation[i] != o || exclusion[i] != 0 || openMinor[i] < amount)
            {
                Arrays.fill(setOffMinor, 0, count, 0);
                Arrays.fill(crossUnitMinor, 0, count, 0);
                return false;
            }
            setOffMinor[i] = amount;
            crossUnitMinor[i] = held.crossUnitMinor[j];
            cleared = Math.addExact(cleared, amount);
        }
        clearedMinor = cleared;
        copyMoneyFrom(held);
        copyExposureFrom(held);
        // The held set-offs were proven optimal over the proposal's network: keep that network with its proof.
        proof.copyFrom(held.proof);
        proof.adopted = true;
        final int[] heldObligation = new int[held.count];
        final long[] heldOpenMinor = new long[held.count];
        final int n = eligible(held.count, held.obligation, held.openMinor, held.exclusion, heldObligation,
            heldOpenMinor, null);
        proof.setNetwork(heldObligation, heldOpenMinor, n);
        return true;
    }

    /**
     * Applies the set-offs to the ledger as a batch run.
     */
    void applyTo(final Ledger ledger, final Policies policies, final long timestampMs)
    {
        for (int i = 0; i < count; i++)
        {
            final long amount = setOffMinor[i];
            if (amount > 0)
            {
                if (amount > ledger.openMinor[obligation[i]])
                {
                    throw new IllegalStateException("planned set-off " + amount + " exceeds open on obligation " +
                        obligation[i]);
                }
                ledger.setOff(obligation[i], amount, timestampMs, false);
            }
        }
        for (int m = 0; m < moneyCount; m++)
        {
            ledger.moneyMoved(moneyParticipant[m], moneyPaidMinor[m], moneyReceivedMinor[m]);
            policies.onMoney(moneyParticipant[m], moneyUnit[m], moneyPaidMinor[m], moneyReceivedMinor[m]);
        }
    }

    /**
     * @return per participant, whether the plan sets something off on one of its obligations.
     */
    boolean[] affected(final Ledger ledger)
    {
        final boolean[] affected = new boolean[ledger.participantCount];
        for (int i = 0; i < count; i++)
        {
            if (setOffMinor[i] > 0)
            {
                affected[ledger.debtor[obligation[i]]] = true;
                affected[ledger.creditor[obligation[i]]] = true;
            }
        }
        return affected;
    }

    void clear()
    {
        defaultUnitPotentials = null;
        proof.clear();
        clearMoney();
        clearConversion();
        crossUnitMinor = new long[0];
        count = 0;
        clearedMinor = 0;
        obligation = new int[0];
        openMinor = new long[0];
        setOffMinor = new long[0];
        exclusion = new byte[0];
    }

    /**
     * Folds the plan into {@code seed}; exclusion reasons only where set, so a plan without exclusions hashes as
     * the notices always did.
     */
    long hash(final long seed)
    {
        long h = seed;
        for (int i = 0; i < count; i++)
        {
            h = HashMix.mix(h, obligation[i]);
            h = HashMix.mix(h, openMinor[i]);
            h = HashMix.mix(h, setOffMinor[i]);
            if (exclusion[i] != 0)
            {
                h = HashMix.mix(h, 0xE0L | exclusion[i]);
            }
        }
        if (moneyCount > 0)
        {
            h = HashMix.mix(h, moneyCount);
            for (int m = 0; m < moneyCount; m++)
            {
                h = HashMix.mix(h, ((long)moneyParticipant[m] << 32) | moneyUnit[m]);
                h = HashMix.mix(h, moneyPaidMinor[m]);
                h = HashMix.mix(h, moneyReceivedMinor[m]);
            }
        }
        return hashConversion(h);
    }

    /**
     * Folds the cross-unit parts, the treasury's exposure and the hierarchy's figures into {@code seed}, each only
     * when present, so a plan without them hashes as plans always did.
     */
    long hashConversion(final long seed)
    {
        long h = seed;
        if (hasCrossUnit())
        {
            h = HashMix.mix(h, 0xC0A7_E25EL);
            for (int i = 0; i < count; i++)
            {
                h = HashMix.mix(h, crossUnitMinor[i]);
            }
        }
        if (exposureCount > 0)
        {
            h = HashMix.mix(h, exposureCount);
            for (int e = 0; e < exposureCount; e++)
            {
                h = HashMix.mix(h, exposureUnit[e]);
                h = HashMix.mix(h, exposureMinor[e]);
            }
        }
        if (hierarchical)
        {
            h = HashMix.mix(h, 0x41E7_A2C1L);
            for (final long level : levelClearedMinor)
            {
                h = HashMix.mix(h, level);
            }
            h = HashMix.mix(h, flatClearedMinor);
        }
        return h;
    }

    /**
     * The cross-unit parts, the exposure and the hierarchy's figures (snapshot version 3 on).
     */
    void writeConversionTo(final SnapshotOutput out)
    {
        out.putLongs(crossUnitMinor, count);
        out.putInt(exposureCount);
        out.putInts(exposureUnit, exposureCount);
        out.putLongs(exposureMinor, exposureCount);
        out.putInt(hierarchical ? 1 : 0);
        out.putLongs(levelClearedMinor, levelClearedMinor.length);
        out.putLong(flatClearedMinor);
    }

    /**
     * Reads what {@link #writeConversionTo} wrote, for a plan whose {@link #count} is already read.
     */
    void readConversionFrom(final SnapshotInput in)
    {
        crossUnitMinor = new long[count];
        in.getLongs(crossUnitMinor, count);
        exposureCount = in.getCount(Integer.MAX_VALUE - 16);
        exposureUnit = new int[exposureCount];
        exposureMinor = new long[exposureCount];
        in.getInts(exposureUnit, exposureCount);
        in.getLongs(exposureMinor, exposureCount);
        hierarchical = in.getInt() != 0;
        in.getLongs(levelClearedMinor, levelClearedMinor.length);
        flatClearedMinor = in.getLong();
    }

    void writeTo(final SnapshotOutput out)
    {
        out.putInt(count);
        out.putLong(clearedMinor);
        out.putInts(obligation, count);
        out.putLongs(openMinor, count);
        out.putLongs(setOffMinor, count);
        out.putBytes(exclusion, count);
        writeMoneyTo(out);
    }

    void writeMoneyTo(final SnapshotOutput out)
    {
        out.putInt(moneyCount);
        out.putInts(moneyParticipant, moneyCount);
        out.putInts(moneyUnit, moneyCount);
        out.putLongs(moneyPaidMinor, moneyCount);
        out.putLongs(moneyReceivedMinor, moneyCount);
    }

    void readMoneyFrom(final SnapshotInput in)
    {
        moneyCount = in.getCount(Integer.MAX_VALUE - 16);
        moneyParticipant = new int[moneyCount];
        moneyUnit = new int[moneyCount];
        moneyPaidMinor = new long[moneyCount];
        moneyReceivedMinor = new long[moneyCount];
        in.getInts(moneyParticipant, moneyCount);
        in.getInts(moneyUnit, moneyCount);
        in.getLongs(moneyPaidMinor, moneyCount);
        in.getLongs(moneyReceivedMinor, moneyCount);
    }

    void readFrom(final SnapshotInput in)
    {
        count = in.getCount(Integer.MAX_VALUE - 16);
        clearedMinor = in.getLong();
        obligation = new int[count];
        openMinor = new long[count];
        setOffMinor = new long[count];
        exclusion = new byte[count];
        in.getInts(obligation, count);
        in.getLongs(openMinor, count);
        in.getLongs(setOffMinor, count);
        in.getBytes(exclusion, count);
        crossUnitMinor = new long[count];
        readMoneyFrom(in);
    }

    void copyFrom(final ClearingPlan other)
    {
        count = other.count;
        clearedMinor = other.clearedMinor;
        obligation = Arrays.copyOf(other.obligation, other.count);
        openMinor = Arrays.copyOf(other.openMinor, other.count);
        setOffMinor = Arrays.copyOf(other.setOffMinor, other.count);
        exclusion = Arrays.copyOf(other.exclusion, other.count);
        crossUnitMinor = Arrays.copyOf(other.crossUnitMinor, other.count);
        copyMoneyFrom(other);
        copyExposureFrom(other);
        hierarchical = other.hierarchical;
        System.arraycopy(other.levelClearedMinor, 0, levelClearedMinor, 0, levelClearedMinor.length);
        flatClearedMinor = other.flatClearedMinor;
        proof.copyFrom(other.proof);
    }

    /**
     * Copies only the treasury's exposure.
     */
    void copyExposureFrom(final ClearingPlan other)
    {
        exposureCount = other.exposureCount;
        exposureUnit = Arrays.copyOf(other.exposureUnit, other.exposureCount);
        exposureMinor = Arrays.copyOf(other.exposureMinor, other.exposureCount);
    }

    /**
     * Copies only the money paid into and received from the run.
     */
    void copyMoneyFrom(final ClearingPlan other)
    {
        moneyCount = other.moneyCount;
        moneyParticipant = Arrays.copyOf(other.moneyParticipant, other.moneyCount);
        moneyUnit = Arrays.copyOf(other.moneyUnit, other.moneyCount);
        moneyPaidMinor = Arrays.copyOf(other.moneyPaidMinor, other.moneyCount);
        moneyReceivedMinor = Arrays.copyOf(other.moneyReceivedMinor, other.moneyCount);
    }
}
