package io.clearing.core.policy;

import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.support.NaiveMinCostCirculation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The policy problems built a second way, from a {@link RandomPolicy}'s plain rules, and solved by the naive
 * negative-cycle-cancelling oracle. Every participant is split (in, out) whatever its cap; every participant may
 * receive money; every participant may convert between every pair of units.
 */
final class PolicyOracle
{
    /**
     * Lexicographic weight of one unit of discharge against priority weights: above any weight sum a cycle can lose.
     */
    static final long SET_OFF_WEIGHT = 1_000_000;

    private final List<int[]> arcs = new ArrayList<>();
    private final List<long[]> values = new ArrayList<>();

    private void arc(final int from, final int to, final long capacity, final long cost)
    {
        arcs.add(new int[]{from, to});
        values.add(new long[]{capacity, cost});
    }

    private NaiveMinCostCirculation solve(final int nodes)
    {
        final int[] tail = new int[arcs.size()];
        final int[] head = new int[arcs.size()];
        final long[] capacity = new long[arcs.size()];
        final long[] cost = new long[arcs.size()];
        for (int a = 0; a < tail.length; a++)
        {
            tail[a] = arcs.get(a)[0];
            head[a] = arcs.get(a)[1];
            capacity[a] = values.get(a)[0];
            cost[a] = values.get(a)[1];
        }
        return NaiveMinCostCirculation.solve(nodes, tail, head, capacity, cost);
    }

    /**
     * @return {cleared, priority score} of the best discharge within the unit: cleared maximal first, then the
     * weighted sum of discharges.
     */
    static long[] withinUnit(final RandomPolicy rp, final int unit, final boolean withLiquidity)
    {
        final ObligationNetwork network = rp.network;
        final int participants = network.participantCount();
        final long big = Math.max(1, network.totalDebtMinor());
        final int money = 2 * participants;
        final PolicyOracle oracle = new PolicyOracle();
        for (int p = 0; p < participants; p++)
        {
            oracle.arc(2 * p, 2 * p + 1, rp.cap[p][unit] >= 0 ? rp.cap[p][unit] : big, 0);
            if (withLiquidity)
            {
                oracle.arc(2 * p + 1, money, big, 0);
                if (rp.commitment[p][unit] > 0)
                {
                    oracle.arc(money, 2 * p + 1, rp.commitment[p][unit], 0);
                }
            }
        }
        final int first = oracle.arcs.size();
        final boolean weighted = prioritiesFit(rp);
        for (int i = 0; i < network.obligationCount(); i++)
        {
            if (rp.unitOf[i] == unit && rp.eligible(i))
            {
                oracle.arc(2 * network.debtor(i) + 1, 2 * network.creditor(i), network.amountMinor(i),
                    weighted ? -(SET_OFF_WEIGHT + rp.weight(i)) : -1);
            }
        }
        final NaiveMinCostCirculation solved = oracle.solve(money + 1);
        long cleared = 0;
        long score = 0;
        for (int a = first; a < oracle.arcs.size(); a++)
        {
            cleared += solved.flow(a);
            score += weighted ? solved.flow(a) * (-oracle.values.get(a)[1] - SET_OFF_WEIGHT) : 0;
        }
        return new long[]{cleared, score};
    }

    /**
     * @return whether the oracle can weigh priorities without overflowing a long (small total debt).
     */
    static boolean prioritiesFit(final RandomPolicy rp)
    {
        return rp.priority != PriorityRule.NONE && rp.network.totalDebtMinor() < Long.MAX_VALUE / (4 * SET_OFF_WEIGHT);
    }

    /**
     * @return the most lots that conversions through the treasury can discharge on the given remainders.
     */
    static long acrossUnits(final RandomPolicy rp, final long[] remainder, final long[][] capLeft)
    {
        final ObligationNetwork network = rp.network;
        final int participants = network.participantCount();
        final int units = rp.unitCount;
        final long[] lot = lots(units);
        final long big = Math.max(1, network.totalDebtMinor());
        final PolicyOracle oracle = new PolicyOracle();
        for (int p = 0; p < participants; p++)
        {
            for (int u = 0; u < units; u++)
            {
                final int in = 2 * (p * units + u);
                oracle.arc(in, in + 1, capLeft[p][u] >= 0 ? capLeft[p][u] / lot[u] : big, 0);
                for (int v = 0; v < units; v++)
                {
                    if (v != u)
                    {
                        oracle.arc(in + 1, 2 * (p * units + v) + 1, big, 0);
                    }
                }
            }
        }
        final int first = oracle.arcs.size();
        for (int i = 0; i < network.obligationCount(); i++)
        {
            final int u = rp.unitOf[i];
            if (rp.eligible(i) && remainder[i] >= lot[u])
            {
                oracle.arc(2 * (network.debtor(i) * units + u) + 1, 2 * (network.creditor(i) * units + u),
                    remainder[i] / lot[u], -1);
            }
        }
        return -oracle.solve(2 * participants * units).totalCost();
    }

    /**
     * Lot sizes from the rates by brute force: the least common multiple of the units' values, as a fraction.
     */
    static long[] lots(final int units)
    {
        for (long valueTimesDenominators = 1; ; valueTimesDenominators++)
        {
            boolean whole = true;
            for (int u = 0; u < units && whole; u++)
            {
                final BigInteger numerator = BigInteger.valueOf(valueTimesDenominators)
                    .multiply(BigInteger.valueOf(RandomPolicy.RATES[u][1]));
                whole = numerator.mod(BigInteger.valueOf(RandomPolicy.RATES[u][0])).signum() == 0;
            }
            if (whole)
            {
                final long[] lot = new long[units];
                for (int u = 0; u < units; u++)
                {
                    lot[u] = valueTimesDenominators * RandomPolicy.RATES[u][1] / RandomPolicy.RATES[u][0];
                }
                return lot;
            }
        }
    }
}
