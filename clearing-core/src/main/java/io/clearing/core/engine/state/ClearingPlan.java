package io.clearing.core.engine.state;

import io.clearing.core.api.ClearingResult;
import io.clearing.core.api.ClearingSolver;
import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.policy.ClearingPolicy;
import io.clearing.core.policy.PolicyResult;
import io.clearing.core.policy.PolicyRuleResult;
import io.clearing.core.policy.PolicySolver;

import java.util.Arrays;

/**
 * The set-offs of one batch run before they are applied: per open obligation (in obligation order) its open amount,
 * the set-off the optimal solver chose and, for an obligation the run may not touch, why. Clearing happens within a
 * unit: the eligible obligations of each unit are solved as a network of their own, units in ascending number. The
 * network of each unit registers every participant first, so network indices equal ledger indices and replay gives
 * the same result.
 * <p>
 * When caps or liquidity commitments are given for the run, the eligible obligations of every unit are solved
 * together by the {@link PolicySolver} instead (units still never mix): discharges then include debt paid with
 * committed money passed along open chains, and the plan records per participant and unit the money paid into
 * the run and received from it.
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
     * Lists the open obligations with their exclusions at {@code cutOffMs}, every set-off 0.
     */
    void list(final Ledger ledger, final Policies policies, final long cutOffMs, final int answers)
    {
        final int open = ledger.openObligations;
        obligation = new int[open];
        openMinor = new long[open];
        setOffMinor = new long[open];
        exclusion = new byte[open];
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
        clearMoney();
    }

    /**
     * Solves every unit's eligible obligations of a listed plan.
     */
    void solveUnits(final Ledger ledger, final Policies policies, final ClearingSolver solver)
    {
        if (policies.limitCount > 0)
        {
            solveWithLimits(ledger, policies);
            return;
        }
        // A unit with nothing eligible has the all-zero certificate.
        defaultUnitPotentials = new long[ledger.participantCount];
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
        for (int j = 0; j < n; j++)
        {
            final long amount = result.setOffMinor(j);
            setOffMinor[members[j]] = amount;
            clearedMinor = Math.addExact(clearedMinor, amount);
        }
    }

    private void solveWithLimits(final Ledger ledger, final Policies policies)
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
            if (exclusion[i] == 0)
            {
                final int o = obligation[i];
                builder.add(ledger.participantIdText[ledger.debtor[o]], ledger.participantIdText[ledger.creditor[o]],
                    openMinor[i]);
                members[n++] = i;
            }
        }
        final ObligationNetwork network = builder.build();
        final ClearingPolicy.Builder rules = ClearingPolicy.builder(network);
        for (int j = 0; j < n; j++)
        {
            final int unit = policies.unitOf(obligation[members[j]]);
            if (unit != Policies.DEFAULT_UNIT)
            {
                expect(rules.unit(j, policies.unitIdText(unit)));
            }
        }
        for (int i = 0; i < policies.limitCount; i++)
        {
            final long key = policies.limitKeys[i];
            final int p = Policies.limitParticipant(key);
            final String unitId = policies.unitIdText(Policies.limitUnit(key));
            expect(Policies.limitKind(key) == Policies.LIMIT_CAP ?
                rules.receivableCap(p, unitId, policies.limitValues[i]) :
                rules.liquidity(p, unitId, policies.limitValues[i]));
        }
        final ClearingPolicy policy = rules.build();
        final PolicyResult result = new PolicySolver().solve(policy);
        for (int j = 0; j < n; j++)
        {
            final long amount = result.setOffMinor(j);
            setOffMinor[members[j]] = amount;
            clearedMinor = Math.addExact(clearedMinor, amount);
        }
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

    private static int engineUnit(final Policies policies, final String unitId)
    {
        final byte[] bytes = unitId.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        final int unit = policies.findUnit(new org.agrona.concurrent.UnsafeBuffer(bytes), 0, bytes.length);
        if (unit == Policies.NONE)
        {
            throw new IllegalStateException("policy solver named unknown unit '" + unitId + "'");
        }
        return unit;
    }

    private static void expect(final PolicyRuleResult result)
    {
        if (result != PolicyRuleResult.ACCEPTED)
        {
            throw new IllegalStateException("policy rule refused: " + result);
        }
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
                return false;
            }
            setOffMinor[i] = amount;
            cleared = Math.addExact(cleared, amount);
        }
        clearedMinor = cleared;
        copyMoneyFrom(held);
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
        clearMoney();
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
        return h;
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
        copyMoneyFrom(other);
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
