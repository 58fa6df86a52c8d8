package io.clearing.core.engine.state;

import io.clearing.core.api.ClearingResult;
import io.clearing.core.api.ClearingSolver;
import io.clearing.core.api.ObligationNetwork;

import java.util.Arrays;

/**
 * The set-offs of one batch run before they are applied: per open obligation (in obligation order) its open amount,
 * the set-off the optimal solver chose and, for an obligation the run may not touch, why. Clearing happens within a
 * unit: the eligible obligations of each unit are solved as a network of their own, units in ascending number. The
 * network of each unit registers every participant first, so network indices equal ledger indices and replay gives
 * the same result.
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
    }

    /**
     * Solves every unit's eligible obligations of a listed plan.
     */
    void solveUnits(final Ledger ledger, final Policies policies, final ClearingSolver solver)
    {
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
        for (int j = 0; j < n; j++)
        {
            final long amount = result.setOffMinor(j);
            setOffMinor[members[j]] = amount;
            clearedMinor = Math.addExact(clearedMinor, amount);
        }
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
        return true;
    }

    /**
     * Applies the set-offs to the ledger as a batch run.
     */
    void applyTo(final Ledger ledger, final long timestampMs)
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
    }

    void copyFrom(final ClearingPlan other)
    {
        count = other.count;
        clearedMinor = other.clearedMinor;
        obligation = Arrays.copyOf(other.obligation, other.count);
        openMinor = Arrays.copyOf(other.openMinor, other.count);
        setOffMinor = Arrays.copyOf(other.setOffMinor, other.count);
        exclusion = Arrays.copyOf(other.exclusion, other.count);
    }
}
