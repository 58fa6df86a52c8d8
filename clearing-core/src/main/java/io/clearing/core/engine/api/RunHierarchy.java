package io.clearing.core.engine.api;

/**
 * What a hierarchical batch run cleared at each level, beside the flat optimum of the same obligations under the same
 * policy, computed in the same run. Amounts are summed over units, as {@link ClearingRunSummary#clearedMinor()} is.
 *
 * @param runId              the run.
 * @param byCommunityMinor   cleared inside communities.
 * @param byRegionMinor      cleared inside regions, of what the communities left.
 * @param atTopMinor         cleared over everything that remained.
 * @param clearedMinor       the three together: what the run applied.
 * @param flatOptimumMinor   what one flat run would have cleared.
 * @param shortfallMinor     {@code flatOptimumMinor - clearedMinor}: the cost of clearing level by level.
 */
public record RunHierarchy(long runId, long byCommunityMinor, long byRegionMinor, long atTopMinor, long clearedMinor,
    long flatOptimumMinor, long shortfallMinor)
{
}
