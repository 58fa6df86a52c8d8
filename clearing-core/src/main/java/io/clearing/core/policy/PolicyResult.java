package io.clearing.core.policy;

import io.clearing.core.api.ObligationNetwork;

/**
 * The outcome of a {@link PolicySolver} run: per obligation how much was discharged (and how much of that across
 * units through the treasury) or why it was left out; per unit the cleared total with and without liquidity; per
 * liquidity commitment the money used; the money each participant received at the end of a chain; the conversions
 * and the treasury's exposure per unit; and the certificate (node potentials of both stages).
 * <p>
 * Amounts are minor units of the obligation's or the named unit. Immutable; arrays handed out are copies.
 */
public final class PolicyResult
{
    private final ClearingPolicy policy;
    private final long[] setOffMinor;
    private final long[] crossUnitMinor;
    private final long[] clearedMinorByUnit;
    private final long[] clearedWithoutLiquidityMinorByUnit;
    private final long[] liquidityUsedMinor;
    private final int[] receiptParticipant;
    private final int[] receiptUnit;
    private final long[] receiptMinor;
    private final int[] conversionParticipant;
    private final int[] conversionFrom;
    private final int[] conversionTo;
    private final long[] conversionLots;
    private final long[] lotMinor;
    private final long[] treasuryExposureMinor;
    private final long[] withinUnitPotentials;
    private final long[] acrossUnitPotentials;

    PolicyResult(
        final ClearingPolicy policy,
        final long[] setOffMinor,
        final long[] crossUnitMinor,
        final long[] clearedMinorByUnit,
        final long[] clearedWithoutLiquidityMinorByUnit,
        final long[] liquidityUsedMinor,
        final int[] receiptParticipant,
        final int[] receiptUnit,
        final long[] receiptMinor,
        final int[] conversionParticipant,
        final int[] conversionFrom,
        final int[] conversionTo,
        final long[] conversionLots,
        final long[] lotMinor,
        final long[] treasuryExposureMinor,
        final long[] withinUnitPotentials,
        final long[] acrossUnitPotentials)
    {
        this.policy = policy;
        this.setOffMinor = setOffMinor;
        this.crossUnitMinor = crossUnitMinor;
        this.clearedMinorByUnit = clearedMinorByUnit;
        this.clearedWithoutLiquidityMinorByUnit = clearedWithoutLiquidityMinorByUnit;
        this.liquidityUsedMinor = liquidityUsedMinor;
        this.receiptParticipant = receiptParticipant;
        this.receiptUnit = receiptUnit;
        this.receiptMinor = receiptMinor;
        this.conversionParticipant = conversionParticipant;
        this.conversionFrom = conversionFrom;
        this.conversionTo = conversionTo;
        this.conversionLots = conversionLots;
        this.lotMinor = lotMinor;
        this.treasuryExposureMinor = treasuryExposureMinor;
        this.withinUnitPotentials = withinUnitPotentials;
        this.acrossUnitPotentials = acrossUnitPotentials;
    }

    /**
     * @return the policy the run was solved under.
     */
    public ClearingPolicy policy()
    {
        return policy;
    }

    /**
     * @return the network of the policy.
     */
    public ObligationNetwork network()
    {
        return policy.network();
    }

    /**
     * @return how much of the obligation this run discharges (set-off, money passed along a chain, or conversion
     * through the treasury), {@code 0 <= setOff <= amount}, in the obligation's unit; 0 when excluded.
     */
    public long setOffMinor(final int obligation)
    {
        return setOffMinor[obligation];
    }

    /**
     * @return a copy of all discharges, indexed by obligation.
     */
    public long[] setOffs()
    {
        return setOffMinor.clone();
    }

    /**
     * @return the part of {@link #setOffMinor(int)} discharged in the across-units stage: a whole number of lots.
     */
    public long crossUnitMinor(final int obligation)
    {
        return crossUnitMinor[obligation];
    }

    /**
     * @return a copy of the across-units parts, indexed by obligation.
     */
    public long[] crossUnitSetOffs()
    {
        return crossUnitMinor.clone();
    }

    /**
     * @return what remains of the obligation after the run, in its unit.
     */
    public long remainderMinor(final int obligation)
    {
        return policy.network().amountMinor(obligation) - setOffMinor[obligation];
    }

    /**
     * @return why the obligation was left untouched, or {@link ExclusionReason#NONE}.
     */
    public ExclusionReason exclusion(final int obligation)
    {
        return policy.exclusion(obligation);
    }

    /**
     * @return total discharged in the unit, both stages.
     */
    public long clearedMinor(final int unit)
    {
        return clearedMinorByUnit[unit];
    }

    /**
     * @return what the within-unit stage would discharge in the unit with no liquidity commitment: the baseline for
     * {@link #extraClearedByLiquidityMinor(int)}.
     */
    public long clearedWithoutLiquidityMinor(final int unit)
    {
        return clearedWithoutLiquidityMinorByUnit[unit];
    }

    /**
     * @return debt the liquidity commitments removed beyond what set-off alone removes, in the unit, within-unit
     * stage.
     */
    public long extraClearedByLiquidityMinor(final int unit)
    {
        return clearedMinorByUnit[unit] - crossUnitTotal(unit) - clearedWithoutLiquidityMinorByUnit[unit];
    }

    private long crossUnitTotal(final int unit)
    {
        long total = 0;
        for (int i = 0; i < crossUnitMinor.length; i++)
        {
            if (policy.unit(i) == unit)
            {
                total += crossUnitMinor[i];
            }
        }
        return total;
    }

    /**
     * @return money of the commitment (see {@link ClearingPolicy#liquidityCommitments()}) spent in the run.
     */
    public long liquidityUsedMinor(final int commitment)
    {
        return liquidityUsedMinor[commitment];
    }

    /**
     * @return how many participant-and-unit pairs received money at the end of a chain.
     */
    public int receipts()
    {
        return receiptParticipant.length;
    }

    /**
     * @return the participant that received the money.
     */
    public int receiptParticipant(final int receipt)
    {
        return receiptParticipant[receipt];
    }

    /**
     * @return the unit of the money received.
     */
    public int receiptUnit(final int receipt)
    {
        return receiptUnit[receipt];
    }

    /**
     * @return money received in place of discharged receivables, in the unit's minor units.
     */
    public long receiptMinor(final int receipt)
    {
        return receiptMinor[receipt];
    }

    /**
     * @return how many (participant, from unit, to unit) conversions the treasury made.
     */
    public int conversions()
    {
        return conversionParticipant.length;
    }

    /**
     * @return the participant whose claims in one unit settled its debts in another.
     */
    public int conversionParticipant(final int conversion)
    {
        return conversionParticipant[conversion];
    }

    /**
     * @return the unit of the claims handed to the treasury.
     */
    public int conversionFromUnit(final int conversion)
    {
        return conversionFrom[conversion];
    }

    /**
     * @return the unit of the debts the treasury settled.
     */
    public int conversionToUnit(final int conversion)
    {
        return conversionTo[conversion];
    }

    /**
     * @return whole lots converted: the participant gave {@code lots * lotMinor(from)} of receivables in the from unit
     * and was relieved of {@code lots * lotMinor(to)} of payables in the to unit.
     */
    public long conversionLots(final int conversion)
    {
        return conversionLots[conversion];
    }

    /**
     * @return minor units of the unit in one lot (the least common value of all rated units), or 0 when the unit is
     * not converted.
     */
    public long lotMinor(final int unit)
    {
        return lotMinor == null ? 0 : lotMinor[unit];
    }

    /**
     * The treasury's exposure in the unit during the run: the claims in the unit it took over from participants
     * converting out of the unit. It pays the same amount out to participants converting into the unit (every
     * cross-unit cycle enters a unit as often as it leaves it), so it ends every run flat in every unit.
     */
    public long treasuryExposureMinor(final int unit)
    {
        return treasuryExposureMinor[unit];
    }

    /**
     * Certificate of the within-units stage: one potential per node of its extended graph (docs/policies.md).
     */
    public long[] withinUnitPotentials()
    {
        return withinUnitPotentials.clone();
    }

    /**
     * Certificate of the across-units stage, or null when there was no such stage.
     */
    public long[] acrossUnitPotentials()
    {
        return acrossUnitPotentials == null ? null : acrossUnitPotentials.clone();
    }

    int[] receiptParticipants()
    {
        return receiptParticipant;
    }

    int[] receiptUnits()
    {
        return receiptUnit;
    }

    long[] receiptAmounts()
    {
        return receiptMinor;
    }

    long[] liquidityUsed()
    {
        return liquidityUsedMinor;
    }

    int[] conversionParticipants()
    {
        return conversionParticipant;
    }

    int[] conversionFromUnits()
    {
        return conversionFrom;
    }

    int[] conversionToUnits()
    {
        return conversionTo;
    }

    long[] conversionLotArray()
    {
        return conversionLots;
    }

    long[] treasuryExposures()
    {
        return treasuryExposureMinor;
    }

    long[] clearedByUnit()
    {
        return clearedMinorByUnit;
    }

    long[] withinPotentials()
    {
        return withinUnitPotentials;
    }

    long[] acrossPotentials()
    {
        return acrossUnitPotentials;
    }
}
