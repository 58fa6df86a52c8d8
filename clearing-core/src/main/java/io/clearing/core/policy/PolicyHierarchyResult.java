package io.clearing.core.policy;

import io.clearing.core.api.ObligationNetwork;

/**
 * Outcome of {@link HierarchicalClearing#solve(ClearingPolicy, int[][])}: clearing level by level under a policy.
 * Per obligation the part discharged at each level (and of it the part across units, which only the top level
 * makes), per level and unit the amount cleared, per liquidity commitment the money used over all levels, and the
 * flat policy run over the whole network for comparison. Amounts are minor units of the obligation's or the named
 * unit; immutable.
 */
public final class PolicyHierarchyResult
{
    private final ClearingPolicy policy;
    private final long[][] setOffPerLevel;
    private final long[] crossUnitMinor;
    private final long[][] clearedPerLevelAndUnit;
    private final long[] liquidityUsedMinor;
    private final PolicyCertificate[] levelCertificates;
    private final PolicyResult flat;

    PolicyHierarchyResult(
        final ClearingPolicy policy, final long[][] setOffPerLevel, final long[] crossUnitMinor,
        final long[][] clearedPerLevelAndUnit, final long[] liquidityUsedMinor,
        final PolicyCertificate[] levelCertificates, final PolicyResult flat)
    {
        this.levelCertificates = levelCertificates;
        this.policy = policy;
        this.setOffPerLevel = setOffPerLevel;
        this.crossUnitMinor = crossUnitMinor;
        this.clearedPerLevelAndUnit = clearedPerLevelAndUnit;
        this.liquidityUsedMinor = liquidityUsedMinor;
        this.flat = flat;
    }

    /**
     * @return the policy of the whole network.
     */
    public ClearingPolicy policy()
    {
        return policy;
    }

    /**
     * @return the network cleared.
     */
    public ObligationNetwork network()
    {
        return policy.network();
    }

    /**
     * @return levels given plus one: the last is the top run over everything that remained.
     */
    public int levels()
    {
        return setOffPerLevel.length;
    }

    /**
     * @return the obligation's discharge at the level (0 the lowest; {@code levels() - 1} the top run); 0 when the
     * policy excludes it.
     */
    public long setOffMinor(final int level, final int obligation)
    {
        return setOffPerLevel[level][obligation];
    }

    /**
     * @return the obligation's discharge summed over all levels, at most its amount.
     */
    public long setOffMinor(final int obligation)
    {
        long total = 0;
        for (final long[] level : setOffPerLevel)
        {
            total += level[obligation];
        }
        return total;
    }

    /**
     * @return the part of {@link #setOffMinor(int)} discharged across units through the treasury (top level only).
     */
    public long crossUnitMinor(final int obligation)
    {
        return crossUnitMinor[obligation];
    }

    /**
     * @return why the policy leaves the obligation untouched at every level, or {@link ExclusionReason#NONE}.
     */
    public ExclusionReason exclusion(final int obligation)
    {
        return policy.exclusion(obligation);
    }

    /**
     * @return cleared in the unit at the level.
     */
    public long clearedMinor(final int level, final int unit)
    {
        return clearedPerLevelAndUnit[level][unit];
    }

    /**
     * @return cleared in the unit over all levels.
     */
    public long clearedMinor(final int unit)
    {
        long total = 0;
        for (final long[] level : clearedPerLevelAndUnit)
        {
            total += level[unit];
        }
        return total;
    }

    /**
     * @return money of the commitment spent over all levels, at most the commitment.
     */
    public long liquidityUsedMinor(final int commitment)
    {
        return liquidityUsedMinor[commitment];
    }

    /**
     * @return the certificate of the level's run on its sub-network (its policy is the level's, see
     * {@link CertifiedRun}), or null when nothing remained inside any group at that level.
     */
    public PolicyCertificate levelCertificate(final int level)
    {
        return levelCertificates[level];
    }

    /**
     * @return the flat policy run over the whole network, certified.
     */
    public PolicyResult flat()
    {
        return flat;
    }

    /**
     * @return what the flat run clears in the unit beyond clearing level by level. Never negative without a
     * treasury (the levels' discharges together are a feasible within-units flow and the flat run's is optimal);
     * with one it can be, because neither run's across-units stage is the joint optimum (docs/policies.md).
     */
    public long shortfallMinor(final int unit)
    {
        return flat.clearedMinor(unit) - clearedMinor(unit);
    }
}
