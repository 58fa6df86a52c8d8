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
     */
    void clear(
        final PolicySolver solver, final long[] remainder, final long[] capLeft, final long[] liquidityLeft,
        final long[] levelSetOff, final long[] levelCleared, final long[] crossUnit)
    {
        final ObligationNetwork network = policy.network();
        final int obligations = network.obligationCount();
        final ObligationNetwork.Builder builder = ObligationNetwork.builder(obligations);
        for (int p = 0; p < network.participantCount(); p++)
        {
            builder.participant(network.participantId(p));
        }
        final int[] original = new int[obligations];
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
            return;
        }
        final ObligationNetwork sub = builder.build();
        final int[] subCommitment = new int[policy.liquidityCommitments()];
        final PolicyResult result = solver.solve(subPolicy(sub, original, capLeft, liquidityLeft, subCommitment));

        final int units = policy.unitCount();
        for (int k = 0; k < count; k++)
        {
            final int i = original[k];
            final long discharged = result.setOffMinor(k);
            final int unit = policy.unit(i);
            levelSetOff[i] = discharged;
            remainder[i] -= discharged;
            crossUnit[i] += result.crossUnitMinor(k);
            levelCleared[unit] = Math.addExact(levelCleared[unit], discharged);
            final int capKey = network.creditor(i) * units + unit;
            if (capLeft[capKey] >= 0)
            {
                capLeft[capKey] -= discharged;
            }
        }
        for (int c = 0; c < subCommitment.length; c++)
        {
            if (subCommitment[c] >= 0)
            {
                liquidityLeft[c] -= result.liquidityUsedMinor(subCommitment[c]);
            }
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
