package io.clearing.core.policy;

import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.api.Verification;

/**
 * A clearing run with everything a third party needs to check it later: the policy it followed (its network holds
 * the obligations the run could touch, with their open amounts), the discharge of every obligation, and the
 * certificate. A flat run has one {@link PolicyCertificate}. A hierarchical run ({@link HierarchicalClearing#solve(
 * ClearingPolicy, int[][])}) has the group of every participant per level, the discharge of every obligation at
 * every level, and one certificate per level for that level's sub-policy, which {@link #verify} rebuilds from the
 * policy, the groups and the lower levels' discharges, exactly as the solver built it. Immutable; arrays are
 * copied in.
 */
public final class CertifiedRun
{
    private final ClearingPolicy policy;
    private final long[] setOffMinor;
    private final long[] crossUnitMinor;
    private final int[][] groupsPerLevel;
    private final long[][] levelSetOffMinor;
    private final PolicyCertificate[] certificates;

    private CertifiedRun(
        final ClearingPolicy policy, final long[] setOffMinor, final long[] crossUnitMinor,
        final int[][] groupsPerLevel, final long[][] levelSetOffMinor, final PolicyCertificate[] certificates)
    {
        this.policy = policy;
        this.setOffMinor = setOffMinor;
        this.crossUnitMinor = crossUnitMinor;
        this.groupsPerLevel = groupsPerLevel;
        this.levelSetOffMinor = levelSetOffMinor;
        this.certificates = certificates;
    }

    /**
     * A run solved in one piece by {@link PolicySolver} (or unit by unit by the plain solver, whose potentials are
     * those of the within-units stage).
     *
     * @param setOffMinor    per obligation of the policy's network, its discharge.
     * @param crossUnitMinor per obligation, the part of it discharged across units.
     */
    public static CertifiedRun flat(
        final ClearingPolicy policy, final long[] setOffMinor, final long[] crossUnitMinor,
        final PolicyCertificate certificate)
    {
        final int obligations = policy.network().obligationCount();
        if (setOffMinor.length != obligations || crossUnitMinor.length != obligations)
        {
            throw new IllegalArgumentException(setOffMinor.length + " discharges for " + obligations + " obligations");
        }
        return new CertifiedRun(policy, setOffMinor.clone(), crossUnitMinor.clone(), null, null,
            new PolicyCertificate[] {certificate});
    }

    /**
     * A run cleared level by level.
     *
     * @param groupsPerLevel   per level below the top, the group of every participant.
     * @param levelSetOffMinor per level (the given ones, then the top), the discharge of every obligation.
     * @param crossUnitMinor   per obligation, the part of its discharge across units (top level only).
     * @param certificates     per level, the certificate of its run, null where nothing remained to clear.
     */
    public static CertifiedRun hierarchical(
        final ClearingPolicy policy, final int[][] groupsPerLevel, final long[][] levelSetOffMinor,
        final long[] crossUnitMinor, final PolicyCertificate[] certificates)
    {
        final ObligationNetwork network = policy.network();
        final int obligations = network.obligationCount();
        final int levels = groupsPerLevel.length + 1;
        if (levelSetOffMinor.length != levels || certificates.length != levels ||
            crossUnitMinor.length != obligations)
        {
            throw new IllegalArgumentException("a hierarchical run needs discharges and a certificate slot for " +
                levels + " levels and across-units parts for " + obligations + " obligations");
        }
        final int[][] groups = new int[groupsPerLevel.length][];
        for (int level = 0; level < groups.length; level++)
        {
            if (groupsPerLevel[level].length != network.participantCount())
            {
                throw new IllegalArgumentException("level " + level + " places " + groupsPerLevel[level].length +
                    " of " + network.participantCount() + " participants");
            }
            groups[level] = groupsPerLevel[level].clone();
        }
        final long[][] perLevel = new long[levels][];
        final long[] total = new long[obligations];
        for (int level = 0; level < levels; level++)
        {
            if (levelSetOffMinor[level].length != obligations)
            {
                throw new IllegalArgumentException("level " + level + " has " + levelSetOffMinor[level].length +
                    " discharges for " + obligations + " obligations");
            }
            perLevel[level] = levelSetOffMinor[level].clone();
            for (int i = 0; i < obligations; i++)
            {
                // a sum that overflows is reported by verify as out of bounds
                total[i] = saturatingAdd(total[i], perLevel[level][i]);
            }
        }
        return new CertifiedRun(policy, total, crossUnitMinor.clone(), groups, perLevel, certificates.clone());
    }

    /**
     * Checks the run: for a flat run {@link PolicyCertificate#verify}; for a hierarchical run, level by level from
     * the lowest, that every discharge lies within what remains of its obligation, that an obligation outside every
     * group of a level (or excluded by the policy) is not discharged there, that only the top level converts across
     * units, and that each level's discharges and certificate pass {@link PolicyCertificate#verify} against the
     * level's sub-policy (what remains inside each group, what is left of caps and commitments). O(levels x (arcs +
     * nodes)).
     *
     * @return passed with the total discharge, or the first violation found.
     */
    public Verification verify()
    {
        if (groupsPerLevel == null)
        {
            return PolicyCertificate.verify(policy, setOffMinor, crossUnitMinor, certificates[0]);
        }
        try
        {
            return verifyLevels();
        }
        catch (final ArithmeticException ex)
        {
            return fail("amounts overflow a long: " + ex.getMessage());
        }
        catch (final IllegalArgumentException ex)
        {
            return fail(ex.getMessage());
        }
    }

    private Verification verifyLevels()
    {
        final ObligationNetwork network = policy.network();
        final int obligations = network.obligationCount();
        final int units = policy.unitCount();
        final long[] remainder = new long[obligations];
        for (int i = 0; i < obligations; i++)
        {
            remainder[i] = policy.exclusion(i) == ExclusionReason.NONE ? network.amountMinor(i) : 0;
        }
        final long[] capLeft = new long[network.participantCount() * units];
        for (int p = 0; p < network.participantCount(); p++)
        {
            for (int u = 0; u < units; u++)
            {
                capLeft[p * units + u] = policy.receivableCapMinor(p, u);
            }
        }
        final long[] liquidityLeft = new long[policy.liquidityCommitments()];
        for (int c = 0; c < liquidityLeft.length; c++)
        {
            liquidityLeft[c] = policy.liquidityAmountMinor(c);
        }
        long total = 0;
        final int top = groupsPerLevel.length;
        for (int level = 0; level <= top; level++)
        {
            final PolicyLevel run = new PolicyLevel(policy, level < top ? groupsPerLevel[level] : null, level == top);
            final int[] original = new int[obligations];
            final int[] subCommitment = new int[liquidityLeft.length];
            final long[] before = remainder.clone();
            final ClearingPolicy sub = run.subPolicy(remainder, capLeft, liquidityLeft, original, subCommitment);
            final int count = sub == null ? 0 : sub.network().obligationCount();
            final boolean[] inLevel = new boolean[obligations];
            for (int k = 0; k < count; k++)
            {
                inLevel[original[k]] = true;
            }
            final long[] levelSetOff = levelSetOffMinor[level];
            for (int i = 0; i < obligations; i++)
            {
                final long cross = level == top ? crossUnitMinor[i] : 0;
                if (!inLevel[i] && levelSetOff[i] != 0)
                {
                    return fail("level " + level + ": obligation " + network.obligationId(i) + " discharged " +
                        levelSetOff[i] + " but it is not inside one group there or nothing of it remains");
                }
                if (levelSetOff[i] < 0 || levelSetOff[i] > before[i] || cross < 0 || cross > levelSetOff[i])
                {
                    return fail("level " + level + ": obligation " + network.obligationId(i) + ": discharge " +
                        levelSetOff[i] + " (across units " + cross + ") outside [0, " + before[i] + "]");
                }
            }
            if (sub == null)
            {
                continue;
            }
            if (certificates[level] == null)
            {
                return fail("level " + level + " cleared " + count + " obligations but has no certificate");
            }
            final long[] subSetOff = new long[count];
            final long[] subCrossUnit = new long[count];
            for (int k = 0; k < count; k++)
            {
                subSetOff[k] = levelSetOff[original[k]];
                subCrossUnit[k] = level == top ? crossUnitMinor[original[k]] : 0;
            }
            final Verification checked = PolicyCertificate.verify(sub, subSetOff, subCrossUnit,
                certificates[level].forPolicy(sub));
            if (!checked.ok())
            {
                return fail("level " + level + ": " + checked.message());
            }
            total = Math.addExact(total, checked.clearedMinor());
            run.advance(original, count, subSetOff, liquidityUsed(sub, subSetOff, subCrossUnit, subCommitment),
                remainder, capLeft, liquidityLeft);
        }
        return new Verification(true, "", total);
    }

    /**
     * The money each commitment paid at a level: what its participant's discharged payables exceed its receivables
     * by within its unit (the solver cancels money a participant would pay and get back, see
     * {@link PolicyCertificate}).
     */
    private static long[] liquidityUsed(
        final ClearingPolicy sub, final long[] subSetOff, final long[] subCrossUnit, final int[] subCommitment)
    {
        final long[] subUsed = new long[sub.liquidityCommitments()];
        PolicyCertificate.moneyNet(sub, subSetOff, subCrossUnit, subUsed);
        final long[] used = new long[subCommitment.length];
        for (int c = 0; c < used.length; c++)
        {
            used[c] = subCommitment[c] >= 0 ? subUsed[subCommitment[c]] : 0;
        }
        return used;
    }

    private static long saturatingAdd(final long a, final long b)
    {
        final long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private static Verification fail(final String message)
    {
        return new Verification(false, message, -1);
    }

    /**
     * @return the policy of the whole run.
     */
    public ClearingPolicy policy()
    {
        return policy;
    }

    /**
     * @return whether the run cleared level by level.
     */
    public boolean hierarchical()
    {
        return groupsPerLevel != null;
    }

    /**
     * @return levels with a certificate slot: 1 for a flat run, the given levels plus the top for a hierarchical one.
     */
    public int levels()
    {
        return certificates.length;
    }

    /**
     * @return the group of the participant at a level below the top (hierarchical runs only).
     */
    public int group(final int level, final int participant)
    {
        return groupsPerLevel[level][participant];
    }

    /**
     * @return the obligation's whole discharge.
     */
    public long setOffMinor(final int obligation)
    {
        return setOffMinor[obligation];
    }

    /**
     * @return the part of the obligation's discharge across units.
     */
    public long crossUnitMinor(final int obligation)
    {
        return crossUnitMinor[obligation];
    }

    /**
     * @return the obligation's discharge at the level; for a flat run level 0 is the whole discharge.
     */
    public long levelSetOffMinor(final int level, final int obligation)
    {
        return levelSetOffMinor == null ? setOffMinor[obligation] : levelSetOffMinor[level][obligation];
    }

    /**
     * @return the certificate of the level (0 for a flat run), or null where a level had nothing to clear.
     */
    public PolicyCertificate certificate(final int level)
    {
        return certificates[level];
    }
}
