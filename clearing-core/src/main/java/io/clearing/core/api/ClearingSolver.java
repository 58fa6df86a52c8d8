package io.clearing.core.api;

import io.clearing.core.flow.CostScalingCirculation;
import io.clearing.core.flow.StronglyConnectedComponents;

import java.util.function.LongSupplier;

/**
 * Optimal multilateral trade-credit set-off (MTCS): the largest total set-off {@code x} with
 * {@code 0 <= x_e <= amount_e} for every obligation and every participant's net position unchanged
 * (Fleischman, Dini &amp; Littera 2020). Solved exactly as a minimum-cost circulation with cost -1 per unit
 * of set-off.
 * <p>
 * Pipeline: strongly connected components (only obligations inside one can be set off); parallel obligations
 * between the same pair merged; {@link CostScalingCirculation} on the merged on-cycle network; the merged set-off
 * split back onto obligations in input order; exact integer potentials extended to the whole network along the
 * topological order of the components; finally {@link CertificateVerifier#verifyOptimal} checks the result
 * independently of the solver before it is returned.
 * <p>
 * Stateless and thread-safe: one instance may solve many networks, concurrently if wanted. Deterministic: the same
 * network always gives the same set-offs and potentials.
 */
public final class ClearingSolver
{
    private final LongSupplier nanoClock;

    /**
     * A solver that reports phase timings from {@link System#nanoTime()}.
     */
    public ClearingSolver()
    {
        this(System::nanoTime);
    }

    /**
     * @param nanoClock clock for {@link PhaseTimings} only; results never depend on it.
     */
    public ClearingSolver(final LongSupplier nanoClock)
    {
        this.nanoClock = nanoClock;
    }

    /**
     * Computes the optimal set-off of every obligation with its certificate.
     *
     * @return the verified result.
     * @throws IllegalStateException if the result fails its own verification: a broken invariant, never an
     *                               input problem (the network's construction already refused bad input).
     */
    public ClearingResult solve(final ObligationNetwork network)
    {
        final int participants = network.participantCount();
        final int obligations = network.obligationCount();
        final int[] debtor = network.debtorArray();
        final int[] creditor = network.creditorArray();
        final long[] amount = network.amountArray();

        long t0 = nanoClock.getAsLong();
        final StronglyConnectedComponents scc =
            StronglyConnectedComponents.compute(participants, debtor, creditor, obligations);
        final OnCycleNetwork onCycle = OnCycleNetwork.extract(network, scc);
        long t1 = nanoClock.getAsLong();
        final long sccNs = t1 - t0;

        final MergedArcs merged = MergedArcs.merge(onCycle, debtor, creditor, amount, obligations);
        t0 = nanoClock.getAsLong();
        final long mergeNs = t0 - t1;

        final long[] unitCost = new long[merged.arcCount];
        java.util.Arrays.fill(unitCost, -1L);
        final CostScalingCirculation circulation = new CostScalingCirculation(
            onCycle.localNodeCount, merged.tail, merged.head, merged.capacity, unitCost, merged.arcCount);
        circulation.solve();
        t1 = nanoClock.getAsLong();
        final long solveNs = t1 - t0;

        final long[] potentials = Potentials.extend(network, scc, onCycle, circulation.exactPotentials());
        t0 = nanoClock.getAsLong();
        final long certifyNs = t0 - t1;

        final long[] setOff = new long[obligations];
        final long[] mergedLeft = new long[merged.arcCount];
        for (int a = 0; a < merged.arcCount; a++)
        {
            mergedLeft[a] = circulation.flow(a);
        }
        for (int i = 0; i < obligations; i++)
        {
            final int arc = merged.arcOfObligation[i];
            if (arc >= 0)
            {
                final long take = Math.min(mergedLeft[arc], amount[i]);
                setOff[i] = take;
                mergedLeft[arc] -= take;
            }
        }
        t1 = nanoClock.getAsLong();
        final long splitNs = t1 - t0;

        final Verification verification = CertificateVerifier.verifyOptimal(network, setOff, potentials);
        if (!verification.ok())
        {
            throw new IllegalStateException("clearing result failed its own verification: " + verification.message());
        }
        final long verifyNs = nanoClock.getAsLong() - t1;

        return new ClearingResult(
            network,
            setOff,
            potentials,
            network.netInternalDebtMinor(),
            verification.clearedMinor(),
            onCycle.obligationCount,
            onCycle.debtMinor,
            onCycle.cyclicComponents,
            onCycle.largestComponentParticipants,
            circulation.phases(),
            new PhaseTimings(sccNs, mergeNs, solveNs, certifyNs, splitNs, verifyNs));
    }
}
