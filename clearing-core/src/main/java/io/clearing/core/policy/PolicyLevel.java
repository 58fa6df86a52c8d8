package io.clearing.core.policy;

import io.clearing.core.api.AddResult;
import io.clearing.core.api.ObligationNetwork;

/**
 * One level of {@link HierarchicalClearing#solve(ClearingPolicy, int[][])}: the remainders of eligible obligations
 * inside each group, under a policy carrying over the whole policy's units, due days, urgency, priority, what is left
 * of caps and commitments, and (at the top only) the treasury and its rates. The sub-network registers every
 * participant of the whole network first, in order, so participant indices are the same in both. Internal.
 */
final class PolicyLevel
{
    private final ClearingPolicy policy;
    private final int[] group;
    private final boolean withTreasury;

    PolicyLevel(final ClearingPolicy policy, final int[] group, final boolean withTreasury)
    {
        this.policy = policy;
        this.group = group;
        this.withTreasury = withTreasury;
    }

    /**
     * Clears the level and updates the running state: remainders, caps and commitments left, this level's
     * discharges and cleared amounts per unit, and the across-units parts.
     *
     * @return the certificate of the level's run on its sub-network, or null when the level had nothing to clear.
     */
    PolicyCertificate clear(
        final PolicySolver solver, final long[] remainder, final long[] capLeft, final long[] liquidityLeft,
        final long[] levelSetOff, final long[] levelCleared, final long[] crossUnit)
    {
        final int[] original = new int[policy.network().obligationCount()];
        final int[] subCommitment = new int[policy.liquidityCommitments()];
        final ClearingPolicy sub = subPolicy(remainder, capLeft, liquidityLeft, original, subCommitment);
        if (sub == null)
        {
            return null;
        }
        final PolicyResult result = solver.solve(sub);
        final int count = sub.network().obligationCount();
        final long[] subSetOff = new long[count];
        final long[] subCrossUnit = new long[count];
        for (int k = 0; k < count; k++)
        {
            subSetOff[k] = result.setOffMinor(k);
            subCrossUnit[k] = result.crossUnitMinor(k);
        }
        final long[] used = new long[subCommitment.length];
        for (int c = 0; c < subCommitment.length; c++)
        {
            used[c] = subCommitment[c] >= 0 ? result.liquidityUsedMinor(subCommitment[c]) : 0;
        }
        advance(original, count, subSetOff, used, remainder, capLeft, liquidityLeft);
        record(original, count, subSetOff, subCrossUnit, levelSetOff, levelCleared, crossUnit);
        return PolicyCertificate.of(result);
    }

    /**
     * The policy of this level's run over what remains inside each group, or null when nothing remains there.
     *
     * @param original      filled with the whole network's index of each sub-network obligation.
     * @param subCommitment filled per commitment of the whole policy with its index in the sub-policy, or -1.
     */
    ClearingPolicy subPolicy(
        final long[] remainder, final long[] capLeft, final long[] liquidityLeft, final int[] original,
        final int[] subCommitment)
    {
        final ObligationNetwork network = policy.network();
        final int obligations = network.obligationCount();
        final ObligationNetwork.Builder builder = ObligationNetwork.builder(obligations);
        for (int p = 0; p < network.participantCount(); p++)
        {
            builder.participant(network.participantId(p));
        }
        int count = 0;
        for (int i = 0; i < obligations; i++)
        {
            if (remainder[i] > 0 && (group == null || group[network.debtor(i)] == group[network.creditor(i)]))
            {
                final AddResult added = builder.add(
                    network.participantId(network.debtor(i)), network.participantId(network.creditor(i)), remainder[i]);
                if (added != AddResult.ACCEPTED)
                {
                    throw new IllegalStateException("remainder of obligation " + network.obligationId(i) + ": " + added);
                }
                original[count++] = i;
            }
        }
        if (count == 0)
        {
            return null;
        }
        return subPolicy(builder.build(), original, capLeft, liquidityLeft, subCommitment);
    }

    /**
     * Takes a level's discharges into the running state the next level starts from: what remains of each obligation,
     * of each receivable cap and of each liquidity commitment. A verifier replaying the levels needs only this.
     *
     * @param subSetOff     per sub-network obligation, its discharge at this level.
     * @param liquidityUsed per commitment of the whole policy, the money it paid at this level.
     */
    void advance(
        final int[] original, final int count, final long[] subSetOff, final long[] liquidityUsed,
        final long[] remainder, final long[] capLeft, final long[] liquidityLeft)
    {
        final ObligationNetwork network = policy.network();
        final int units = policy.unitCount();
        for (int k = 0; k < count; k++)
        {
            final int i = original[k];
            final long discharged = subSetOff[k];
            final int unit = policy.unit(i);
            remainder[i] -= discharged;
            final int capKey = network.creditor(i) * units + unit;
            if (capLeft[capKey] >= 0)
            {
                capLeft[capKey] -= discharged;
            }
        }
        for (int c = 0; c < liquidityUsed.length; c++)
        {
            liquidityLeft[c] -= liquidityUsed[c];
        }
    }

    /**
     * Reports a level's discharges: per obligation at this level, the total per unit and the running part across
     * units.
     *
     * @param subCrossUnit per sub-network obligation, the part of its discharge across units.
     */
    private void record(
        final int[] original, final int count, final long[] subSetOff, final long[] subCrossUnit,
        final long[] levelSetOff, final long[] levelCleared, final long[] crossUnit)
    {
        for (int k = 0; k < count; k++)
        {
            final int i = original[k];
            final int unit = policy.unit(i);
            levelSetOff[i] = subSetOff[k];
            crossUnit[i] += subCrossUnit[k];
            levelCleared[unit] = Math.addExact(levelCleared[unit], subSetOff[k]);
        }
    }

    /**
     * @param subCommitment filled per commitment of the whole policy with its index in the sub-policy, or -1.
     */
    private ClearingPolicy subPolicy(
        final ObligationNetwork sub, final int[] original, final long[] capLeft, final long[] liquidityLeft,
        final int[] subCommitment)
    {
        final ClearingPolicy.Builder rules = ClearingPolicy.builder(sub);
        for (int k = 0; k < sub.obligationCount(); k++)
        {
            final int i = original[k];
            final String unit = policy.unitName(policy.unit(i));
            if (!unit.isEmpty())
            {
                expectAccepted(rules.unit(k, unit), "unit");
            }
            rules.dueDay(k, policy.dueDay(i));
            if (policy.urgent(i))
            {
                rules.urgent(k);
            }
        }
        rules.priority(policy.priority());
        final int units = policy.unitCount();
        for (int key = 0; key < capLeft.length; key++)
        {
            if (capLeft[key] >= 0)
            {
                expectAccepted(rules.receivableCap(key / units, policy.unitName(key % units), capLeft[key]), "cap");
            }
        }
        int commitments = 0;
        for (int c = 0; c < liquidityLeft.length; c++)
        {
            subCommitment[c] = -1;
            if (liquidityLeft[c] > 0)
            {
                expectAccepted(rules.liquidity(policy.liquidityParticipant(c),
                    policy.unitName(policy.liquidityUnit(c)), liquidityLeft[c]), "liquidity");
                subCommitment[c] = commitments++;
            }
        }
        if (withTreasury && policy.treasury() >= 0)
        {
            expectAccepted(rules.treasury(policy.treasury()), "treasury");
            for (int u = 0; u < units; u++)
            {
                if (policy.hasRate(u))
                {
                    expectAccepted(rules.rate(policy.unitName(u), policy.rateNumerator(u), policy.rateDenominator(u)),
                        "rate");
                }
            }
        }
        return rules.build();
    }

    private static void expectAccepted(final PolicyRuleResult result, final String what)
    {
        if (result != PolicyRuleResult.ACCEPTED)
        {
            throw new IllegalStateException(what + " of the whole policy refused at a level: " + result);
        }
    }
}
