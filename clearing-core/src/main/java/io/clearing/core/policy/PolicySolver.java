package io.clearing.core.policy;

import io.clearing.core.api.Verification;
import io.clearing.core.flow.CostScalingCirculation;
import org.agrona.collections.Long2LongHashMap;

/**
 * Optimal clearing under a {@link ClearingPolicy}: eligibility, receivable caps, priorities, liquidity sources
 * (Fleischman &amp; Dini 2021), units and conversion through a treasury. Each stage is one exact minimum-cost
 * circulation on an extended graph (solved by {@link CostScalingCirculation}) with its own certificate, checked by
 * {@link PolicyVerifier} before the result is returned.
 * <ol>
 * <li>Within units: the largest total discharge in every unit, money from liquidity commitments passing along open
 * chains; with a priority rule, among the largest totals the one favouring preferred obligations.</li>
 * <li>Across units (only with a treasury and at least two rated units): on what stage 1 left, the largest value of
 * whole lots that cycles through the treasury's conversions can discharge.</li>
 * </ol>
 * The plain {@link io.clearing.core.api.ClearingSolver} remains the fast path for runs without a policy. Stateless
 * and thread-safe; deterministic. Model and limits: docs/policies.md.
 */
public final class PolicySolver
{
    /**
     * Solves and verifies.
     *
     * @return the verified result.
     * @throws ArithmeticException   if a cost or capacity of the extended graph would overflow a long (priorities
     *                               over very many distinct due days on a huge network).
     * @throws IllegalStateException if the result fails its own verification: a broken invariant.
     */
    public PolicyResult solve(final ClearingPolicy policy)
    {
        final PolicyResult result = solveUnverified(policy);
        final Verification verification = PolicyVerifier.verify(result);
        if (!verification.ok())
        {
            throw new IllegalStateException("policy result failed its own verification: " + verification.message());
        }
        return result;
    }

    PolicyResult solveUnverified(final ClearingPolicy policy)
    {
        final int obligations = policy.network().obligationCount();
        final int units = policy.unitCount();

        final ExtendedGraph within = ExtendedGraph.withinUnits(policy, true);
        final CostScalingCirculation first = circulate(within);
        final long[] withinFlow = flows(within, first);
        cancelMoneyLoops(within, withinFlow);

        final long[] setOff = new long[obligations];
        final long[] cleared = new long[units];
        for (int i = 0; i < obligations; i++)
        {
            final int arc = within.obligationArc[i];
            if (arc >= 0)
            {
                setOff[i] = withinFlow[arc];
                cleared[policy.unit(i)] += withinFlow[arc];
            }
        }
        final long[] baseline = policy.liquidityCommitments() == 0 ? cleared.clone() : clearedWithoutLiquidity(policy);

        final long[] liquidityUsed = new long[policy.liquidityCommitments()];
        int receiptCount = 0;
        for (int a = 0; a < within.arcCount; a++)
        {
            if (within.kind[a] == ExtendedGraph.LIQUIDITY)
            {
                liquidityUsed[within.ref[a]] = withinFlow[a];
            }
            else if (within.kind[a] == ExtendedGraph.CASH_RECEIVED && withinFlow[a] > 0)
            {
                receiptCount++;
            }
        }
        final int[] receiptParticipant = new int[receiptCount];
        final int[] receiptUnit = new int[receiptCount];
        final long[] receiptMinor = new long[receiptCount];
        for (int a = 0, r = 0; a < within.arcCount; a++)
        {
            if (within.kind[a] == ExtendedGraph.CASH_RECEIVED && withinFlow[a] > 0)
            {
                receiptParticipant[r] = within.ref[a];
                receiptUnit[r] = within.unitA[a];
                receiptMinor[r++] = withinFlow[a];
            }
        }

        final long[] crossUnit = new long[obligations];
        final long[] exposure = new long[units];
        final ExtendedGraph across = ExtendedGraph.acrossUnits(policy, remainders(policy, setOff), capsLeft(policy, setOff));
        long[] acrossPotentials = null;
        int[] conversionParticipant = new int[0];
        int[] conversionFrom = new int[0];
        int[] conversionTo = new int[0];
        long[] conversionLots = new long[0];
        if (across != null)
        {
            final CostScalingCirculation second = circulate(across);
            final long[] acrossFlow = flows(across, second);
            cancelOpposedConversions(across, acrossFlow);
            acrossPotentials = second.exactPotentials();
            for (int i = 0; i < obligations; i++)
            {
                final int arc = across.obligationArc[i];
                if (arc >= 0)
                {
                    final int unit = policy.unit(i);
                    crossUnit[i] = Math.multiplyExact(acrossFlow[arc], across.lotMinor[unit]);
                    setOff[i] += crossUnit[i];
                    cleared[unit] += crossUnit[i];
                }
            }
            int conversions = 0;
            for (int a = 0; a < across.arcCount; a++)
            {
                if (across.kind[a] == ExtendedGraph.CONVERSION && acrossFlow[a] > 0)
                {
                    conversions++;
                }
            }
            conversionParticipant = new int[conversions];
            conversionFrom = new int[conversions];
            conversionTo = new int[conversions];
            conversionLots = new long[conversions];
            for (int a = 0, c = 0; a < across.arcCount; a++)
            {
                if (across.kind[a] == ExtendedGraph.CONVERSION && acrossFlow[a] > 0)
                {
                    conversionParticipant[c] = across.ref[a];
                    conversionFrom[c] = across.unitA[a];
                    conversionTo[c] = across.unitB[a];
                    conversionLots[c++] = acrossFlow[a];
                    // The participant hands the treasury claims in the from unit and is paid in the to unit.
                    exposure[across.unitA[a]] = Math.addExact(exposure[across.unitA[a]],
                        Math.multiplyExact(acrossFlow[a], across.lotMinor[across.unitA[a]]));
                }
            }
        }
        return new PolicyResult(
            policy, setOff, crossUnit, cleared, baseline, liquidityUsed, receiptParticipant, receiptUnit,
            receiptMinor, conversionParticipant, conversionFrom, conversionTo, conversionLots,
            across == null ? null : across.lotMinor, exposure, first.exactPotentials(), acrossPotentials);
    }

    private static long[] clearedWithoutLiquidity(final ClearingPolicy policy)
    {
        final ExtendedGraph plain = ExtendedGraph.withinUnits(policy, false);
        final long[] flow = flows(plain, circulate(plain));
        final long[] cleared = new long[policy.unitCount()];
        for (int i = 0; i < plain.obligationArc.length; i++)
        {
            if (plain.obligationArc[i] >= 0)
            {
                cleared[policy.unit(i)] += flow[plain.obligationArc[i]];
            }
        }
        return cleared;
    }

    private static CostScalingCirculation circulate(final ExtendedGraph graph)
    {
        final CostScalingCirculation circulation = new CostScalingCirculation(
            graph.nodeCount, graph.tail, graph.head, graph.capacity, graph.cost, graph.arcCount);
        circulation.solve();
        return circulation;
    }

    private static long[] flows(final ExtendedGraph graph, final CostScalingCirculation circulation)
    {
        final long[] flow = new long[graph.arcCount];
        for (int a = 0; a < graph.arcCount; a++)
        {
            flow[a] = circulation.flow(a);
        }
        return flow;
    }

    /**
     * Money a source pays out and receives back in the same unit went nowhere: both arcs cost 0, so the certificate
     * holds for any flow on them (both reduced costs are 0 when both carry flow) and the loop is cancelled.
     */
    private static void cancelMoneyLoops(final ExtendedGraph graph, final long[] flow)
    {
        final Long2LongHashMap receivedArc = new Long2LongHashMap(-1);
        for (int a = 0; a < graph.arcCount; a++)
        {
            if (graph.kind[a] == ExtendedGraph.CASH_RECEIVED)
            {
                receivedArc.put(ClearingPolicy.key(graph.ref[a], graph.unitA[a]), a);
            }
        }
        final ClearingPolicy policy = graph.policy;
        for (int a = 0; a < graph.arcCount; a++)
        {
            if (graph.kind[a] == ExtendedGraph.LIQUIDITY)
            {
                final int c = graph.ref[a];
                final int back = (int)receivedArc.get(
                    ClearingPolicy.key(policy.liquidityParticipant(c), policy.liquidityUnit(c)));
                if (back >= 0)
                {
                    final long loop = Math.min(flow[a], flow[back]);
                    flow[a] -= loop;
                    flow[back] -= loop;
                }
            }
        }
    }

    /**
     * A participant converting a to b and b to a in the same run holds nothing: cancel the smaller against the larger
     * (both arcs cost 0, so the certificate is unaffected, as for money loops).
     */
    private static void cancelOpposedConversions(final ExtendedGraph graph, final long[] flow)
    {
        final Long2LongHashMap arcs = graph.conversionArcs();
        for (int a = 0; a < graph.arcCount; a++)
        {
            if (graph.kind[a] == ExtendedGraph.CONVERSION && flow[a] > 0)
            {
                final int back = (int)arcs.get(ClearingPolicy.key(graph.head[a], graph.tail[a]));
                if (back >= 0)
                {
                    final long loop = Math.min(flow[a], flow[back]);
                    flow[a] -= loop;
                    flow[back] -= loop;
                }
            }
        }
    }

    static long[] remainders(final ClearingPolicy policy, final long[] setOff)
    {
        final long[] remainder = new long[setOff.length];
        for (int i = 0; i < setOff.length; i++)
        {
            remainder[i] = policy.network().amountMinor(i) - setOff[i];
        }
        return remainder;
    }

    /**
     * @return per capped participant and unit, what remains of the cap after the within-units discharges.
     */
    static Long2LongHashMap capsLeft(final ClearingPolicy policy, final long[] withinSetOff)
    {
        final Long2LongHashMap left = new Long2LongHashMap(-1);
        for (final long key : policy.capKeys())
        {
            left.put(key, policy.receivableCapMinor(ClearingPolicy.keyParticipant(key), ClearingPolicy.keyUnit(key)));
        }
        for (int i = 0; i < withinSetOff.length; i++)
        {
            if (withinSetOff[i] > 0)
            {
                final long key = ClearingPolicy.key(policy.network().creditor(i), policy.unit(i));
                final long cap = left.get(key);
                if (cap >= 0)
                {
                    left.put(key, cap - withinSetOff[i]);
                }
            }
        }
        return left;
    }
}
