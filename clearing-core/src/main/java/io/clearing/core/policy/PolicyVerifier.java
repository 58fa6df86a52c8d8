package io.clearing.core.policy;

import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.api.Verification;
import org.agrona.collections.Long2LongHashMap;

/**
 * Checks a {@link PolicyResult} against its policy, independently of the solver: it rebuilds each stage's extended
 * graph from the policy, puts the result's discharges, money and conversions on its arcs, and checks
 * <ul>
 * <li>feasibility: excluded obligations untouched; {@code 0 <= setOff <= amount}; across-unit discharges whole lots;
 * every arc within its capacity (receivable caps, liquidity commitments); flow conserved at every node, so every
 * participant's position in every unit changes only by the money it paid or received and the conversions it made,
 * and units never mix except through the treasury's conversions;</li>
 * <li>the treasury's reported exposure per unit, and that it pays out in every unit what it takes over;</li>
 * <li>optimality of each stage by complementary slackness with the result's potentials: every arc with flow below
 * capacity has reduced cost {@code cost + p[tail] - p[head] >= 0}, every arc with flow has it {@code <= 0}
 * (Ahuja, Magnanti &amp; Orlin 1993, theorem 9.4). With priorities, obligation arcs cost {@code -(B + w)} where
 * {@code B} exceeds the largest weight times the node count, so the same check also proves the total maximal.</li>
 * </ul>
 * O(arcs + nodes) per stage.
 */
public final class PolicyVerifier
{
    private PolicyVerifier()
    {
    }

    /**
     * @return passed with the total discharge over all units, or the first violation found.
     */
    public static Verification verify(final PolicyResult result)
    {
        final ClearingPolicy policy = result.policy();
        final ObligationNetwork network = policy.network();
        final int obligations = network.obligationCount();
        long total = 0;
        final long[] clearedByUnit = new long[policy.unitCount()];
        final long[] lot = ExtendedGraph.lotSizes(policy);
        for (int i = 0; i < obligations; i++)
        {
            final long setOff = result.setOffMinor(i);
            final long cross = result.crossUnitMinor(i);
            if (policy.exclusion(i) != ExclusionReason.NONE && setOff != 0)
            {
                return failed(network, i, "excluded (" + policy.exclusion(i).reason() + ") but discharged " + setOff);
            }
            if (cross < 0 || cross > setOff || setOff > network.amountMinor(i))
            {
                return failed(network, i, "discharge " + setOff + " (across units " + cross + ") outside [0, " +
                    network.amountMinor(i) + "]");
            }
            if (cross > 0 && (lot == null || lot[policy.unit(i)] == 0 || cross % lot[policy.unit(i)] != 0))
            {
                return failed(network, i, "across-unit discharge " + cross + " is not a whole number of lots");
            }
            total = Math.addExact(total, setOff);
            clearedByUnit[policy.unit(i)] += setOff;
        }
        for (int u = 0; u < clearedByUnit.length; u++)
        {
            if (clearedByUnit[u] != result.clearedMinor(u))
            {
                return fail("unit '" + policy.unitName(u) + "': reported cleared " +
                    result.clearedMinor(u) + " but obligations sum to " + clearedByUnit[u]);
            }
        }

        final long[] crossUnit = result.crossUnitSetOffs();
        final long[] withinSetOff = result.setOffs();
        for (int i = 0; i < obligations; i++)
        {
            withinSetOff[i] -= crossUnit[i];
        }
        final ExtendedGraph within = ExtendedGraph.withinUnits(policy, true);
        final String withinProblem = checkWithinUnits(within, result, withinSetOff);
        if (withinProblem != null)
        {
            return fail("within units: " + withinProblem);
        }
        final ExtendedGraph across = ExtendedGraph.acrossUnits(
            policy, PolicySolver.remainders(policy, withinSetOff), PolicySolver.capsLeft(policy, withinSetOff));
        final String acrossProblem = checkAcrossUnits(across, result, crossUnit);
        if (acrossProblem != null)
        {
            return fail("across units: " + acrossProblem);
        }
        return new Verification(true, "", total);
    }

    private static String checkWithinUnits(final ExtendedGraph graph, final PolicyResult result, final long[] setOff)
    {
        final long[] flow = new long[graph.arcCount];
        final Long2LongHashMap receiptOf = new Long2LongHashMap(-1);
        final int[] receiptParticipant = result.receiptParticipants();
        for (int r = 0; r < receiptParticipant.length; r++)
        {
            receiptOf.put(ClearingPolicy.key(receiptParticipant[r], result.receiptUnits()[r]), r);
        }
        final boolean[] receiptPlaced = new boolean[receiptParticipant.length];
        final boolean[] commitmentPlaced = new boolean[result.liquidityUsed().length];
        for (int a = 0; a < graph.arcCount; a++)
        {
            switch (graph.kind[a])
            {
                case ExtendedGraph.OBLIGATION -> flow[a] = setOff[graph.ref[a]];
                case ExtendedGraph.LIQUIDITY ->
                {
                    flow[a] = result.liquidityUsedMinor(graph.ref[a]);
                    commitmentPlaced[graph.ref[a]] = true;
                }
                case ExtendedGraph.CASH_RECEIVED ->
                {
                    final int r = (int)receiptOf.get(ClearingPolicy.key(graph.ref[a], graph.unitA[a]));
                    if (r >= 0)
                    {
                        flow[a] = result.receiptMinor(r);
                        receiptPlaced[r] = true;
                    }
                }
                default ->
                {
                }
            }
        }
        for (int r = 0; r < receiptPlaced.length; r++)
        {
            if (!receiptPlaced[r] && result.receiptMinor(r) != 0)
            {
                return "participant " + graph.network.participantId(receiptParticipant[r]) +
                    " received money in a unit without liquidity or receivables";
            }
        }
        for (int c = 0; c < commitmentPlaced.length; c++)
        {
            if (!commitmentPlaced[c] && result.liquidityUsedMinor(c) != 0)
            {
                return "commitment of " + graph.network.participantId(graph.policy.liquidityParticipant(c)) +
                    " spent on no eligible obligation";
            }
        }
        return checkGraph(graph, flow, result.withinPotentials());
    }

    private static String checkAcrossUnits(final ExtendedGraph graph, final PolicyResult result, final long[] crossUnit)
    {
        final long[] reportedExposure = result.treasuryExposures();
        if (graph == null)
        {
            for (int i = 0; i < crossUnit.length; i++)
            {
                if (crossUnit[i] != 0)
                {
                    return "obligation " + result.network().obligationId(i) + " discharged across units without a treasury";
                }
            }
            for (final long exposure : reportedExposure)
            {
                if (exposure != 0)
                {
                    return "treasury exposure reported without conversions";
                }
            }
            return result.conversions() == 0 ? null : "conversions reported without a treasury";
        }
        final long[] flow = new long[graph.arcCount];
        final long[] takenOver = new long[reportedExposure.length];
        final long[] paidOut = new long[reportedExposure.length];
        for (int a = 0; a < graph.arcCount; a++)
        {
            if (graph.kind[a] == ExtendedGraph.OBLIGATION)
            {
                flow[a] = crossUnit[graph.ref[a]] / graph.lotMinor[graph.unitA[a]];
            }
        }
        for (int i = 0; i < crossUnit.length; i++)
        {
            if (crossUnit[i] != 0 && graph.obligationArc[i] < 0)
            {
                return "obligation " + result.network().obligationId(i) + " has no lot left to discharge across units";
            }
        }
        final Long2LongHashMap conversionArcs = graph.conversionArcs();
        for (int c = 0; c < result.conversions(); c++)
        {
            final int arc = graph.conversionArc(conversionArcs, result.conversionParticipant(c),
                result.conversionFromUnit(c), result.conversionToUnit(c));
            if (arc < 0)
            {
                return "participant " + result.network().participantId(result.conversionParticipant(c)) +
                    " cannot convert " + result.policy().unitName(result.conversionFromUnit(c)) + " to " +
                    result.policy().unitName(result.conversionToUnit(c));
            }
            final long lots = result.conversionLots(c);
            flow[arc] = Math.addExact(flow[arc], lots);
            final int from = result.conversionFromUnit(c);
            final int to = result.conversionToUnit(c);
            takenOver[from] = Math.addExact(takenOver[from], Math.multiplyExact(lots, graph.lotMinor[from]));
            paidOut[to] = Math.addExact(paidOut[to], Math.multiplyExact(lots, graph.lotMinor[to]));
        }
        for (int u = 0; u < takenOver.length; u++)
        {
            if (takenOver[u] != reportedExposure[u])
            {
                return "unit '" + result.policy().unitName(u) + "': treasury exposure reported " + reportedExposure[u] +
                    " but conversions give " + takenOver[u];
            }
            if (takenOver[u] != paidOut[u])
            {
                return "unit '" + result.policy().unitName(u) + "': the treasury takes over " + takenOver[u] +
                    " but pays out " + paidOut[u];
            }
        }
        final long[] potentials = result.acrossPotentials();
        return potentials == null ? "no certificate for the across-units stage" : checkGraph(graph, flow, potentials);
    }

    /**
     * Cap arcs carry whatever enters their node; then bounds, conservation and complementary slackness.
     */
    private static String checkGraph(final ExtendedGraph graph, final long[] flow, final long[] potentials)
    {
        final long[] balance = new long[graph.nodeCount];
        for (int a = 0; a < graph.arcCount; a++)
        {
            if (graph.kind[a] != ExtendedGraph.CAP)
            {
                balance[graph.tail[a]] = Math.subtractExact(balance[graph.tail[a]], flow[a]);
                balance[graph.head[a]] = Math.addExact(balance[graph.head[a]], flow[a]);
            }
        }
        for (int a = 0; a < graph.arcCount; a++)
        {
            if (graph.kind[a] == ExtendedGraph.CAP)
            {
                flow[a] = balance[graph.tail[a]];
                balance[graph.tail[a]] = 0;
                balance[graph.head[a]] = Math.addExact(balance[graph.head[a]], flow[a]);
            }
        }
        for (int a = 0; a < graph.arcCount; a++)
        {
            if (flow[a] < 0 || flow[a] > graph.capacity[a])
            {
                return describe(graph, a) + ": flow " + flow[a] + " outside [0, " + graph.capacity[a] + "]";
            }
        }
        for (int v = 0; v < graph.nodeCount; v++)
        {
            if (balance[v] != 0)
            {
                return describeNode(graph, v) + " is not balanced (" + balance[v] + "): a position would change";
            }
        }
        if (potentials.length != graph.nodeCount)
        {
            return potentials.length + " potentials for " + graph.nodeCount + " nodes";
        }
        for (int a = 0; a < graph.arcCount; a++)
        {
            final long reduced = Math.addExact(graph.cost[a],
                Math.subtractExact(potentials[graph.tail[a]], potentials[graph.head[a]]));
            if (flow[a] < graph.capacity[a] && reduced < 0)
            {
                return describe(graph, a) + ": reduced cost " + reduced + " < 0 with room left: more could be discharged";
            }
            if (flow[a] > 0 && reduced > 0)
            {
                return describe(graph, a) + ": reduced cost " + reduced + " > 0 with flow " + flow[a];
            }
        }
        return null;
    }

    private static String describeNode(final ExtendedGraph graph, final int node)
    {
        final int[] role = new int[graph.nodeCount];
        final int[] participant = new int[graph.nodeCount];
        final int[] unit = new int[graph.nodeCount];
        graph.describeNodes(role, participant, unit);
        final String unitName = "'" + graph.policy.unitName(unit[node]) + "'";
        return switch (role[node])
        {
            case ExtendedGraph.NODE_LIQUIDITY -> "liquidity node of " + unitName;
            case ExtendedGraph.NODE_RECEIVABLES -> "receivables of " + graph.network.participantId(participant[node]) +
                " in " + unitName;
            case ExtendedGraph.NODE_PAYABLES -> "payables of " + graph.network.participantId(participant[node]) +
                " in " + unitName;
            default -> "participant " + graph.network.participantId(participant[node]) + " in " + unitName;
        };
    }

    private static String describe(final ExtendedGraph graph, final int a)
    {
        final ObligationNetwork network = graph.network;
        return switch (graph.kind[a])
        {
            case ExtendedGraph.OBLIGATION -> "obligation " + network.obligationId(graph.ref[a]);
            case ExtendedGraph.CAP -> "receivable cap of " + network.participantId(graph.ref[a]) + " in '" +
                graph.policy.unitName(graph.unitA[a]) + "'";
            case ExtendedGraph.LIQUIDITY -> "liquidity commitment of " +
                network.participantId(graph.policy.liquidityParticipant(graph.ref[a]));
            case ExtendedGraph.CASH_RECEIVED -> "money received by " + network.participantId(graph.ref[a]);
            default -> "conversion of " + network.participantId(graph.ref[a]) + " from '" +
                graph.policy.unitName(graph.unitA[a]) + "' to '" + graph.policy.unitName(graph.unitB[a]) + "'";
        };
    }

    private static Verification failed(final ObligationNetwork network, final int obligation, final String what)
    {
        return fail("obligation " + network.obligationId(obligation) + ": " + what);
    }

    private static Verification fail(final String message)
    {
        return new Verification(false, message, -1);
    }
}
