package io.clearing.core.policy;

/**
 * Altered copies of a result, for checking that the verifier refuses them.
 */
final class Results
{
    private Results()
    {
    }

    /**
     * The result with other discharges; the per-unit totals follow them, everything else is kept.
     */
    static PolicyResult withSetOffs(final PolicyResult result, final long[] setOff, final long[] crossUnit)
    {
        final ClearingPolicy policy = result.policy();
        final long[] cleared = new long[policy.unitCount()];
        for (int i = 0; i < setOff.length; i++)
        {
            cleared[policy.unit(i)] += setOff[i];
        }
        return new PolicyResult(policy, setOff, crossUnit, cleared, cleared, result.liquidityUsed(),
            result.receiptParticipants(), result.receiptUnits(), result.receiptAmounts(),
            result.conversionParticipants(), result.conversionFromUnits(), result.conversionToUnits(),
            result.conversionLotArray(), lots(result), result.treasuryExposures(), result.withinPotentials(),
            result.acrossPotentials());
    }

    /**
     * A feasible result that discharges nothing, with the original certificate.
     */
    static PolicyResult nothingDischarged(final PolicyResult result)
    {
        final ClearingPolicy policy = result.policy();
        final int obligations = policy.network().obligationCount();
        return new PolicyResult(policy, new long[obligations], new long[obligations], new long[policy.unitCount()],
            new long[policy.unitCount()], new long[result.liquidityUsed().length], new int[0], new int[0], new long[0],
            new int[0], new int[0], new int[0], new long[0], lots(result), new long[policy.unitCount()],
            result.withinPotentials(), result.acrossPotentials());
    }

    private static long[] lots(final PolicyResult result)
    {
        final long[] lot = new long[result.policy().unitCount()];
        for (int u = 0; u < lot.length; u++)
        {
            lot[u] = result.lotMinor(u);
        }
        return lot;
    }
}
