package io.clearing.benchmarks;

import com.google.ortools.Loader;
import com.google.ortools.graph.MinCostFlow;
import com.google.ortools.graph.MinCostFlowBase;
import io.clearing.core.api.ObligationNetwork;

/**
 * The MTCS problem solved the way the literature states it, with Google OR-Tools' {@code MinCostFlow} (the Java
 * binding of the C++ {@code SimpleMinCostFlow}): the benchmark peer for {@code ClearingSolver}.
 * <p>
 * Formulation (Fleischman, Dini &amp; Littera 2020): the remainder {@code r_e} of every obligation is a flow on an
 * arc debtor -&gt; creditor with capacity = amount and unit cost 1; every participant supplies what it owes minus
 * what it is owed (minus its net position), so any feasible {@code r} keeps every net position. The cheapest
 * {@code r} leaves the least debt: cleared = total debt - optimal cost, and set-off {@code c_e = amount_e - r_e}.
 * <p>
 * No strongly connected component pass or merging of parallel obligations: the whole network goes to the solver,
 * as a user of the library would write it. The native library holds the graph; the Java heap holds only the
 * network and the result.
 */
public final class OrToolsMtcs
{
    private static boolean nativeLoaded;

    private final ObligationNetwork network;
    private MinCostFlow flow;
    private int arcCount;

    /**
     * @param network the obligations; not copied, must not change.
     */
    public OrToolsMtcs(final ObligationNetwork network)
    {
        this.network = network;
    }

    /**
     * Loads OR-Tools' native libraries once per JVM (extracts them from the jar on first use).
     */
    public static synchronized void loadNativeLibraries()
    {
        if (!nativeLoaded)
        {
            Loader.loadNativeLibraries();
            nativeLoaded = true;
        }
    }

    /**
     * Builds the native graph: one arc per obligation, one supply per participant.
     */
    public void build()
    {
        loadNativeLibraries();
        final int participants = network.participantCount();
        final int obligations = network.obligationCount();
        flow = new MinCostFlow(participants, obligations);
        for (int i = 0; i < obligations; i++)
        {
            flow.addArcWithCapacityAndUnitCost(network.debtor(i), network.creditor(i), network.amountMinor(i), 1L);
        }
        final long[] netPositions = network.netPositions();
        for (int p = 0; p < participants; p++)
        {
            flow.setNodeSupply(p, -netPositions[p]);
        }
        arcCount = obligations;
    }

    /**
     * Solves the built problem.
     *
     * @return the set-off of every obligation, in input order.
     * @throws IllegalStateException when OR-Tools does not report an optimum (it always should: r = amount is
     *                               feasible).
     */
    public long[] solve()
    {
        if (flow == null)
        {
            throw new IllegalStateException("build() first");
        }
        final MinCostFlowBase.Status status = flow.solve();
        if (status != MinCostFlowBase.Status.OPTIMAL)
        {
            throw new IllegalStateException("OR-Tools MinCostFlow ended with status " + status);
        }
        final long[] setOff = new long[arcCount];
        for (int i = 0; i < arcCount; i++)
        {
            setOff[i] = network.amountMinor(i) - flow.getFlow(i);
        }
        return setOff;
    }

    /**
     * @return the optimal cost reported by OR-Tools: the total remainder after clearing.
     */
    public long optimalRemainderMinor()
    {
        return flow.getOptimalCost();
    }

    /**
     * Frees the native graph now rather than at finalisation.
     */
    public void release()
    {
        if (flow != null)
        {
            flow.delete();
            flow = null;
        }
    }
}
