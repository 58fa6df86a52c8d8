package io.clearing.core.api;

/**
 * The outcome of an optimal clearing run over an {@link ObligationNetwork}: the set-off of every obligation, the
 * totals, and the optimality certificate (one potential per participant).
 * <p>
 * Immutable once returned by {@link ClearingSolver#solve(ObligationNetwork)}. Amounts are minor units.
 */
public final class ClearingResult
{
    private final ObligationNetwork network;
    private final long[] setOffMinor;
    private final long[] potentials;
    private final long totalDebtMinor;
    private final long netInternalDebtMinor;
    private final long clearedMinor;
    private final int onCycleObligations;
    private final long onCycleDebtMinor;
    private final int cyclicComponents;
    private final int largestComponentParticipants;
    private final int scalingPhases;
    private final PhaseTimings timings;

    ClearingResult(
        final ObligationNetwork network,
        final long[] setOffMinor,
        final long[] potentials,
        final long netInternalDebtMinor,
        final long clearedMinor,
        final int onCycleObligations,
        final long onCycleDebtMinor,
        final int cyclicComponents,
        final int largestComponentParticipants,
        final int scalingPhases,
        final PhaseTimings timings)
    {
        this.network = network;
        this.setOffMinor = setOffMinor;
        this.potentials = potentials;
        this.totalDebtMinor = network.totalDebtMinor();
        this.netInternalDebtMinor = netInternalDebtMinor;
        this.clearedMinor = clearedMinor;
        this.onCycleObligations = onCycleObligations;
        this.onCycleDebtMinor = onCycleDebtMinor;
        this.cyclicComponents = cyclicComponents;
        this.largestComponentParticipants = largestComponentParticipants;
        this.scalingPhases = scalingPhases;
        this.timings = timings;
    }

    public ObligationNetwork network()
    {
        return network;
    }

    /**
     * @return how much of the obligation is discharged by this run, {@code 0 <= setOff <= amount}.
     */
    public long setOffMinor(final int obligation)
    {
        return setOffMinor[obligation];
    }

    /**
     * @return what remains of the obligation after this run.
     */
    public long remainderMinor(final int obligation)
    {
        return network.amountMinor(obligation) - setOffMinor[obligation];
    }

    /**
     * @return a copy of all set-offs, indexed by obligation.
     */
    public long[] setOffs()
    {
        return setOffMinor.clone();
    }

    /**
     * The optimality certificate: integer node potentials {@code p} such that for every obligation from debtor
     * {@code d} to creditor {@code c}: if set off at all then {@code p[c] - p[d] <= 1}, and if not wholly set off
     * then {@code p[c] - p[d] >= 1}. With the set-off being a circulation these complementary slackness
     * conditions prove by LP duality that no larger set-off exists. See {@link CertificateVerifier}.
     *
     * @return a copy of the potentials, indexed by participant.
     */
    public long[] potentials()
    {
        return potentials.clone();
    }

    public long potential(final int participant)
    {
        return potentials[participant];
    }

    public long totalDebtMinor()
    {
        return totalDebtMinor;
    }

    /**
     * @return sum of positive net positions: the least debt any clearing can leave.
     */
    public long netInternalDebtMinor()
    {
        return netInternalDebtMinor;
    }

    /**
     * @return total set off by this run, the optimum of the MTCS problem.
     */
    public long clearedMinor()
    {
        return clearedMinor;
    }

    public long remainderMinor()
    {
        return totalDebtMinor - clearedMinor;
    }

    /**
     * @return cleared as a percentage of total debt (for display only; money stays integer).
     */
    public double clearedPercent()
    {
        return totalDebtMinor == 0 ? 0.0 : 100.0 * clearedMinor / totalDebtMinor;
    }

    /**
     * @return number of obligations that lie on some cycle (inside a strongly connected component): only these
     * can be set off.
     */
    public int onCycleObligations()
    {
        return onCycleObligations;
    }

    public long onCycleDebtMinor()
    {
        return onCycleDebtMinor;
    }

    /**
     * @return number of strongly connected components with at least one obligation inside.
     */
    public int cyclicComponents()
    {
        return cyclicComponents;
    }

    public int largestComponentParticipants()
    {
        return largestComponentParticipants;
    }

    /**
     * @return refine phases the cost-scaling solver ran before its early optimality test proved the flow optimal
     * (see docs/algorithm.md); 0 when nothing lies on a cycle. For reporting: results never depend on it.
     */
    public int scalingPhases()
    {
        return scalingPhases;
    }

    public PhaseTimings timings()
    {
        return timings;
    }
}
