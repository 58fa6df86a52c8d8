package io.clearing.core.support;

import io.clearing.core.api.ObligationNetwork;
import org.jgrapht.Graph;
import org.jgrapht.alg.flow.mincost.CapacityScalingMinimumCostFlow;
import org.jgrapht.alg.flow.mincost.MinimumCostFlowProblem;
import org.jgrapht.alg.interfaces.MinimumCostFlowAlgorithm;
import org.jgrapht.graph.DirectedWeightedMultigraph;

/**
 * A second, independent oracle: the remainder formulation solved by JGraphT's capacity-scaling minimum-cost flow.
 * The debt that remains, {@code r}, is a flow with capacity {@code amount} on every obligation, supply
 * {@code -net position} at every participant (debtors send) and cost 1 per unit; the least cost is the least
 * remainder, so {@code cleared = total debt - min cost}. JGraphT takes {@code int} capacities and supplies.
 */
public final class JGraphTClearingOracle
{
    /**
     * Networks are compared only when every sum stays well inside JGraphT's int range and its "infinite" capacity.
     */
    public static final long MAX_TOTAL_DEBT = CapacityScalingMinimumCostFlow.CAP_INF / 2;

    private JGraphTClearingOracle()
    {
    }

    public static boolean fits(final ObligationNetwork network)
    {
        return network.totalDebtMinor() <= MAX_TOTAL_DEBT;
    }

    public static long maxSetOff(final ObligationNetwork network)
    {
        if (!fits(network))
        {
            throw new IllegalArgumentException("total debt " + network.totalDebtMinor() + " is too large for JGraphT");
        }
        final Graph<Integer, Integer> graph = new DirectedWeightedMultigraph<>(null, null);
        for (int p = 0; p < network.participantCount(); p++)
        {
            graph.addVertex(p);
        }
        for (int i = 0; i < network.obligationCount(); i++)
        {
            graph.addEdge(network.debtor(i), network.creditor(i), i);
            graph.setEdgeWeight(i, 1.0);
        }
        final long[] net = network.netPositions();
        final MinimumCostFlowProblem<Integer, Integer> problem = new MinimumCostFlowProblem.MinimumCostFlowProblemImpl<>(
            graph, participant -> Math.toIntExact(-net[participant]),
            obligation -> Math.toIntExact(network.amountMinor(obligation)));
        final MinimumCostFlowAlgorithm.MinimumCostFlow<Integer> flow =
            new CapacityScalingMinimumCostFlow<Integer, Integer>().getMinimumCostFlow(problem);
        return network.totalDebtMinor() - Math.round(flow.getCost());
    }
}
