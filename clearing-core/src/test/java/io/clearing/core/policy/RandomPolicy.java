package io.clearing.core.policy;

import io.clearing.core.api.ObligationNetwork;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A random policy for a network, drawn from a seed, with every rule also kept here in plain form so that the oracle
 * can rebuild eligibility and the extended graph on its own.
 */
final class RandomPolicy
{
    static final String[] UNITS = {"EUR", "SRD", "VCH"};
    /**
     * Value of one minor unit of each unit: EUR cents 1, SRD cents 1 (pegged), VCH whole vouchers of 3/2 EUR.
     */
    static final long[][] RATES = {{1, 1}, {1, 1}, {150, 1}};

    final ObligationNetwork network;
    final int unitCount;
    final int[] unitOf;
    final long[] dueDay;
    final boolean[] urgent;
    final boolean[] disputed;
    final boolean[] optedOut;
    final List<int[]> related = new ArrayList<>();
    final long[] minimum;
    final long[] windowFrom;
    final long[] windowTo;
    final long[][] cap;
    final long[][] commitment;
    final PriorityRule priority;
    final int treasury;
    final ClearingPolicy policy;

    RandomPolicy(final ObligationNetwork network, final long seed, final boolean withConversion)
    {
        this.network = network;
        final SplittableRandom random = new SplittableRandom(seed * 31 + 7);
        final int participants = network.participantCount();
        final int obligations = network.obligationCount();
        unitCount = 1 + random.nextInt(UNITS.length);
        unitOf = new int[obligations];
        dueDay = new long[obligations];
        urgent = new boolean[obligations];
        disputed = new boolean[obligations];
        optedOut = new boolean[participants];
        minimum = new long[participants];
        windowFrom = new long[participants];
        windowTo = new long[participants];
        cap = new long[participants][unitCount];
        commitment = new long[participants][unitCount];
        long largest = 1;
        for (int i = 0; i < obligations; i++)
        {
            largest = Math.max(largest, network.amountMinor(i));
        }
        final ClearingPolicy.Builder builder = ClearingPolicy.builder(network);
        for (int i = 0; i < obligations; i++)
        {
            unitOf[i] = random.nextInt(unitCount);
            builder.unit(i, UNITS[unitOf[i]]);
            dueDay[i] = random.nextInt(6);
            builder.dueDay(i, dueDay[i]);
            if (random.nextInt(4) == 0)
            {
                urgent[i] = true;
                builder.urgent(i);
            }
            if (random.nextInt(12) == 0)
            {
                disputed[i] = true;
                builder.dispute(i);
            }
        }
        for (int p = 0; p < participants; p++)
        {
            windowFrom[p] = Long.MIN_VALUE;
            windowTo[p] = Long.MAX_VALUE;
            if (random.nextInt(15) == 0)
            {
                optedOut[p] = true;
                builder.optOut(p);
            }
            if (random.nextInt(10) == 0)
            {
                minimum[p] = random.nextLong(largest + 1);
                builder.minimumAmount(p, minimum[p]);
            }
            if (random.nextInt(10) == 0)
            {
                windowFrom[p] = random.nextInt(3);
                windowTo[p] = windowFrom[p] + random.nextInt(4);
                builder.dueWindow(p, windowFrom[p], windowTo[p]);
            }
            for (int u = 0; u < unitCount; u++)
            {
                cap[p][u] = -1;
                if (random.nextInt(4) == 0)
                {
                    cap[p][u] = random.nextLong(largest + 1);
                    builder.receivableCap(p, UNITS[u], cap[p][u]);
                }
                if (random.nextInt(5) == 0)
                {
                    commitment[p][u] = 1 + random.nextLong(largest);
                    builder.liquidity(p, UNITS[u], commitment[p][u]);
                }
            }
        }
        if (participants > 2 && random.nextInt(5) == 0)
        {
            final int a = random.nextInt(participants);
            final int b = (a + 1 + random.nextInt(participants - 1)) % participants;
            related.add(new int[]{a, b});
            builder.related(a, b);
        }
        priority = PriorityRule.values()[random.nextInt(PriorityRule.values().length)];
        builder.priority(priority);
        treasury = withConversion ? random.nextInt(participants) : -1;
        if (withConversion)
        {
            builder.treasury(treasury);
            for (int u = 0; u < unitCount; u++)
            {
                builder.rate(UNITS[u], RATES[u][0], RATES[u][1]);
            }
        }
        policy = builder.build();
    }

    boolean eligible(final int obligation)
    {
        final int d = network.debtor(obligation);
        final int c = network.creditor(obligation);
        final long amount = network.amountMinor(obligation);
        final long day = dueDay[obligation];
        for (final int[] pair : related)
        {
            if ((pair[0] == d && pair[1] == c) || (pair[0] == c && pair[1] == d))
            {
                return false;
            }
        }
        return !optedOut[d] && !optedOut[c] && !disputed[obligation] && amount >= minimum[d] && amount >= minimum[c] &&
            day >= windowFrom[d] && day <= windowTo[d] && day >= windowFrom[c] && day <= windowTo[c];
    }

    /**
     * Priority weight as the rule describes it: urgent 1 else 0, or the dense rank of due days among eligible
     * obligations with the earliest highest.
     */
    long weight(final int obligation)
    {
        if (priority == PriorityRule.URGENT_FIRST)
        {
            return urgent[obligation] ? 1 : 0;
        }
        if (priority == PriorityRule.OLDER_FIRST)
        {
            final java.util.TreeSet<Long> later = new java.util.TreeSet<>();
            for (int i = 0; i < network.obligationCount(); i++)
            {
                if (eligible(i) && dueDay[i] > dueDay[obligation])
                {
                    later.add(dueDay[i]);
                }
            }
            return later.size();
        }
        return 0;
    }
}
