package io.clearing.core.policy;

import io.clearing.core.api.ObligationNetwork;
import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * The flow network a policy run solves, built the same way by {@link PolicySolver} and {@link PolicyVerifier}.
 * <p>
 * One node per participant and unit; a participant with a receivable cap in a unit gets two (receivables enter the
 * first, a cap arc leads to the second, payables leave the second). Within units (stage 1) a liquidity node per unit
 * with commitments: an arc from it to each committing participant (capacity the commitment) and an arc back from
 * every participant that has receivables in the unit (money received at the end of a chain). Across units (stage 2)
 * flows count whole lots and each participant has a conversion arc between each pair of its rated units. See
 * docs/policies.md for the model and why it is right.
 * <p>
 * Not thread-safe; internal.
 */
final class ExtendedGraph
{
    static final int OBLIGATION = 0;
    static final int CAP = 1;
    static final int LIQUIDITY = 2;
    static final int CASH_RECEIVED = 3;
    static final int CONVERSION = 4;

    /**
     * Node roles, as {@link #describeNodes} reports them: a participant's one node in a unit, the receivables and
     * payables nodes of a participant with a receivable cap in the unit, and a unit's liquidity node.
     */
    static final int NODE_PARTICIPANT = 0;
    static final int NODE_RECEIVABLES = 1;
    static final int NODE_PAYABLES = 2;
    static final int NODE_LIQUIDITY = 3;

    private static final long MISSING = -1;

    final ObligationNetwork network;
    final ClearingPolicy policy;
    final long[] lotMinor;
    int nodeCount;
    int arcCount;
    int[] tail = new int[16];
    int[] head = new int[16];
    long[] capacity = new long[16];
    long[] cost = new long[16];
    int[] kind = new int[16];
    /**
     * Obligation index, commitment index, or participant, depending on the kind.
     */
    int[] ref = new int[16];
    int[] unitA = new int[16];
    int[] unitB = new int[16];
    final int[] obligationArc;
    /**
     * Lexicographic weight: every unit of set-off is worth this much more than any priority can add (0 when there is
     * no priority and obligation arcs cost -1).
     */
    long setOffWeight = 1;

    private final Long2LongHashMap inNode = new Long2LongHashMap(MISSING);
    private final Long2LongHashMap outNode = new Long2LongHashMap(MISSING);
    private final int[] liquidityNode;

    private ExtendedGraph(final ClearingPolicy policy, final long[] lotMinor)
    {
        this.policy = policy;
        this.network = policy.network();
        this.lotMinor = lotMinor;
        obligationArc = new int[network.obligationCount()];
        Arrays.fill(obligationArc, -1);
        liquidityNode = new int[policy.unitCount()];
        Arrays.fill(liquidityNode, -1);
    }

    /**
     * Stage 1: set-off and liquidity within each unit, in minor units.
     *
     * @param withLiquidity whether commitments take part (false gives the baseline without liquidity).
     */
    static ExtendedGraph withinUnits(final ClearingPolicy policy, final boolean withLiquidity)
    {
        final ExtendedGraph graph = new ExtendedGraph(policy, null);
        final ObligationNetwork network = policy.network();
        final int obligations = network.obligationCount();
        final long[] amount = new long[obligations];
        for (int i = 0; i < obligations; i++)
        {
            amount[i] = policy.exclusion(i) == ExclusionReason.NONE ? network.amountMinor(i) : 0;
        }
        graph.addObligationArcs(amount, null);
        if (withLiquidity)
        {
            graph.addLiquidity(amount);
        }
        graph.applyPriority();
        return graph;
    }

    /**
     * Stage 2: whole lots across rated units through the treasury, over what stage 1 left.
     *
     * @param remainderMinor per obligation, what remains after stage 1.
     * @param capLeftMinor   per participant and unit key, what remains of each receivable cap after stage 1.
     * @return the graph, or null when there is no treasury or fewer than two rated units.
     */
    static ExtendedGraph acrossUnits(
        final ClearingPolicy policy, final long[] remainderMinor, final Long2LongHashMap capLeftMinor)
    {
        final long[] lot = lotSizes(policy);
        if (lot == null)
        {
            return null;
        }
        final ExtendedGraph graph = new ExtendedGraph(policy, lot);
        final ObligationNetwork network = policy.network();
        final long[] lots = new long[network.obligationCount()];
        for (int i = 0; i < lots.length; i++)
        {
            final int unit = policy.unit(i);
            lots[i] = policy.exclusion(i) == ExclusionReason.NONE && lot[unit] > 0 ? remainderMinor[i] / lot[unit] : 0;
        }
        graph.addObligationArcs(lots, capLeftMinor);
        graph.addConversions(lots);
        return graph;
    }

    /**
     * Lot sizes: the least value {@code L} that is a whole number of minor units of every rated unit. With rates
     * {@code n_u / d_u} (reduced) it is {@code lcm(n_u) / gcd(d_u)}, and a lot is {@code L * d_u / n_u} minor units.
     *
     * @return minor units per lot indexed by unit (0 for unrated units), or null when no conversion is possible.
     */
    static long[] lotSizes(final ClearingPolicy policy)
    {
        if (policy.treasury() < 0)
        {
            return null;
        }
        long lcmNumerator = 1;
        long gcdDenominator = 0;
        int rated = 0;
        for (int u = 0; u < policy.unitCount(); u++)
        {
            if (policy.hasRate(u))
            {
                final long n = policy.rateNumerator(u);
                lcmNumerator = Math.multiplyExact(lcmNumerator / ClearingPolicy.gcd(lcmNumerator, n), n);
                gcdDenominator = ClearingPolicy.gcd(gcdDenominator, policy.rateDenominator(u));
                rated++;
            }
        }
        if (rated < 2)
        {
            return null;
        }
        final long[] lot = new long[policy.unitCount()];
        for (int u = 0; u < lot.length; u++)
        {
            if (policy.hasRate(u))
            {
                lot[u] = Math.multiplyExact(
                    lcmNumerator / policy.rateNumerator(u), policy.rateDenominator(u) / gcdDenominator);
            }
        }
        return lot;
    }

    private void addObligationArcs(final long[] capacityOf, final Long2LongHashMap capLeftMinor)
    {
        for (int i = 0; i < capacityOf.length; i++)
        {
            if (capacityOf[i] > 0)
            {
                final int unit = policy.unit(i);
                final int from = outNode(network.debtor(i), unit, capLeftMinor);
                final int to = inNode(network.creditor(i), unit, capLeftMinor);
                obligationArc[i] = addArc(from, to, capacityOf[i], OBLIGATION, i, unit, unit);
            }
        }
    }

    private void addLiquidity(final long[] amount)
    {
        final int commitments = policy.liquidityCommitments();
        for (int c = 0; c < commitments; c++)
        {
            final int unit = policy.liquidityUnit(c);
            final int payer = (int)outNode.get(ClearingPolicy.key(policy.liquidityParticipant(c), unit));
            if (payer >= 0)
            {
                addArc(liquidityNode(unit), payer, policy.liquidityAmountMinor(c), LIQUIDITY, c, unit, unit);
            }
        }
        // Money ends with a participant that received it: at most its eligible receivables in the unit.
        final long[] receivable = new long[nodeCount];
        for (int i = 0; i < amount.length; i++)
        {
            if (amount[i] > 0)
            {
                final int to = head[obligationArc[i]];
                receivable[to] = Math.addExact(receivable[to], amount[i]);
            }
        }
        for (int i = 0; i < amount.length; i++)
        {
            final int creditorIn = amount[i] > 0 ? head[obligationArc[i]] : -1;
            if (creditorIn >= 0 && receivable[creditorIn] > 0 && liquidityNode[policy.unit(i)] >= 0)
            {
                final int unit = policy.unit(i);
                final int creditor = network.creditor(i);
                final int creditorOut = (int)outNode.get(ClearingPolicy.key(creditor, unit));
                addArc(creditorOut, liquidityNode[unit], receivable[creditorIn], CASH_RECEIVED, creditor, unit, unit);
                receivable[creditorIn] = 0;
            }
        }
    }

    private void addConversions(final long[] lots)
    {
        final int participants = network.participantCount();
        final int units = policy.unitCount();
        final long[] payableLots = new long[participants * units];
        final boolean[] present = new boolean[participants * units];
        for (int i = 0; i < lots.length; i++)
        {
            if (lots[i] > 0)
            {
                final int unit = policy.unit(i);
                final int d = network.debtor(i) * units + unit;
                payableLots[d] = Math.addExact(payableLots[d], lots[i]);
                present[d] = true;
                present[network.creditor(i) * units + unit] = true;
            }
        }
        for (int p = 0; p < participants; p++)
        {
            for (int a = 0; a < units; a++)
            {
                for (int b = 0; b < units; b++)
                {
                    if (a != b && present[p * units + a] && payableLots[p * units + b] > 0)
                    {
                        final int from = (int)outNode.get(ClearingPolicy.key(p, a));
                        final int to = (int)outNode.get(ClearingPolicy.key(p, b));
                        addArc(from, to, payableLots[p * units + b], CONVERSION, p, a, b);
                    }
                }
            }
        }
    }

    /**
     * Obligation arcs cost {@code -(B + w)} with priority weight {@code 0 <= w <= P} and {@code B = P * N + 1}
     * ({@code N} nodes): a residual cycle that adds set-off gains at least {@code B} and loses at most {@code P} on
     * each of its at most {@code N} backward arcs, so it always pays, and the total set-off stays the plain optimum.
     */
    private void applyPriority()
    {
        final long[] weight = priorityWeights();
        long maxWeight = 0;
        for (final long w : weight)
        {
            maxWeight = Math.max(maxWeight, w);
        }
        setOffWeight = Math.addExact(Math.multiplyExact(maxWeight, (long)nodeCount), 1);
        // Cost scaling multiplies costs by N + 1 and its prices can grow about N times the largest scaled cost.
        final long nodesPlusOne = nodeCount + 1L;
        final long priceBound = Math.multiplyExact(Math.multiplyExact(
            Math.addExact(setOffWeight, maxWeight), nodesPlusOne), nodesPlusOne);
        if (priceBound > Long.MAX_VALUE / 4)
        {
            throw new ArithmeticException("priority weights up to " + maxWeight + " over " + nodeCount +
                " nodes would overflow the solver's prices");
        }
        for (int a = 0; a < arcCount; a++)
        {
            if (kind[a] == OBLIGATION)
            {
                cost[a] = -Math.addExact(setOffWeight, weight[ref[a]]);
            }
        }
    }

    private long[] priorityWeights()
    {
        final int obligations = network.obligationCount();
        final long[] weight = new long[obligations];
        if (policy.priority() == PriorityRule.URGENT_FIRST)
        {
            for (int i = 0; i < obligations; i++)
            {
                weight[i] = obligationArc[i] >= 0 && policy.urgent(i) ? 1 : 0;
            }
        }
        else if (policy.priority() == PriorityRule.OLDER_FIRST)
        {
            // Dense rank of due days, the earliest highest: weights stay as small as the number of distinct days.
            int eligible = 0;
            final long[] days = new long[obligations];
            for (int i = 0; i < obligations; i++)
            {
                if (obligationArc[i] >= 0)
                {
                    days[eligible++] = policy.dueDay(i);
                }
            }
            final long[] distinct = Arrays.stream(days, 0, eligible).sorted().distinct().toArray();
            for (int i = 0; i < obligations; i++)
            {
                if (obligationArc[i] >= 0)
                {
                    weight[i] = distinct.length - 1 - Arrays.binarySearch(distinct, policy.dueDay(i));
                }
            }
        }
        return weight;
    }

    private int liquidityNode(final int unit)
    {
        if (liquidityNode[unit] < 0)
        {
            liquidityNode[unit] = nodeCount++;
        }
        return liquidityNode[unit];
    }

    private int inNode(final int participant, final int unit, final Long2LongHashMap capLeftMinor)
    {
        ensureNodes(participant, unit, capLeftMinor);
        return (int)inNode.get(ClearingPolicy.key(participant, unit));
    }

    private int outNode(final int participant, final int unit, final Long2LongHashMap capLeftMinor)
    {
        ensureNodes(participant, unit, capLeftMinor);
        return (int)outNode.get(ClearingPolicy.key(participant, unit));
    }

    /**
     * Says what every node stands for, so that potentials can be named in a file and matched to the nodes of a graph
     * rebuilt elsewhere. O(participants x units + nodes).
     *
     * @param role        filled per node with one of the {@code NODE_} roles.
     * @param participant filled per node with its participant, -1 for a liquidity node.
     * @param unit        filled per node with its unit.
     */
    void describeNodes(final int[] role, final int[] participant, final int[] unit)
    {
        final int participants = network.participantCount();
        final int units = policy.unitCount();
        for (int p = 0; p < participants; p++)
        {
            for (int u = 0; u < units; u++)
            {
                final long key = ClearingPolicy.key(p, u);
                final int in = (int)inNode.get(key);
                if (in >= 0)
                {
                    final int out = (int)outNode.get(key);
                    role[in] = in == out ? NODE_PARTICIPANT : NODE_RECEIVABLES;
                    participant[in] = p;
                    unit[in] = u;
                    if (out != in)
                    {
                        role[out] = NODE_PAYABLES;
                        participant[out] = p;
                        unit[out] = u;
                    }
                }
            }
        }
        for (int u = 0; u < units; u++)
        {
            if (liquidityNode[u] >= 0)
            {
                role[liquidityNode[u]] = NODE_LIQUIDITY;
                participant[liquidityNode[u]] = -1;
                unit[liquidityNode[u]] = u;
            }
        }
    }

    /**
     * @return per conversion arc, keyed by its tail and head nodes ({@link ClearingPolicy#key}), the arc index.
     */
    Long2LongHashMap conversionArcs()
    {
        final Long2LongHashMap arcs = new Long2LongHashMap(MISSING);
        for (int a = 0; a < arcCount; a++)
        {
            if (kind[a] == CONVERSION)
            {
                arcs.put(ClearingPolicy.key(tail[a], head[a]), a);
            }
        }
        return arcs;
    }

    /**
     * @return the conversion arc of the participant from one unit to another, or -1 if it has none.
     */
    int conversionArc(final Long2LongHashMap conversionArcs, final int participant, final int from, final int to)
    {
        final long fromNode = outNode.get(ClearingPolicy.key(participant, from));
        final long toNode = outNode.get(ClearingPolicy.key(participant, to));
        if (fromNode == MISSING || toNode == MISSING)
        {
            return -1;
        }
        return (int)conversionArcs.get(ClearingPolicy.key((int)fromNode, (int)toNode));
    }

    private void ensureNodes(final int participant, final int unit, final Long2LongHashMap capLeftMinor)
    {
        final long key = ClearingPolicy.key(participant, unit);
        if (inNode.get(key) != MISSING)
        {
            return;
        }
        final long cap = capLeftMinor != null ? capLeftMinor.get(key) : policy.receivableCapMinor(participant, unit);
        final int in = nodeCount++;
        inNode.put(key, in);
        if (cap < 0)
        {
            outNode.put(key, in);
        }
        else
        {
            final int out = nodeCount++;
            outNode.put(key, out);
            final long capacityOfCap = lotMinor == null ? cap : cap / lotMinor[unit];
            addArc(in, out, capacityOfCap, CAP, participant, unit, unit);
        }
    }

    private int addArc(
        final int from, final int to, final long arcCapacity, final int arcKind, final int arcRef, final int a,
        final int b)
    {
        if (arcCount == tail.length)
        {
            final int length = arcCount * 2;
            tail = Arrays.copyOf(tail, length);
            head = Arrays.copyOf(head, length);
            capacity = Arrays.copyOf(capacity, length);
            cost = Arrays.copyOf(cost, length);
            kind = Arrays.copyOf(kind, length);
            ref = Arrays.copyOf(ref, length);
            unitA = Arrays.copyOf(unitA, length);
            unitB = Arrays.copyOf(unitB, length);
        }
        tail[arcCount] = from;
        head[arcCount] = to;
        capacity[arcCount] = arcCapacity;
        cost[arcCount] = arcKind == OBLIGATION ? -1 : 0;
        kind[arcCount] = arcKind;
        ref[arcCount] = arcRef;
        unitA[arcCount] = a;
        unitB[arcCount] = b;
        return arcCount++;
    }
}
