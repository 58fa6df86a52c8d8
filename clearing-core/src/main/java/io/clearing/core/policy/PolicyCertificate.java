package io.clearing.core.policy;

import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.api.Verification;
import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * The certificate of a {@link PolicyResult} in a form that can leave the process: the potential of every node of
 * both stages' extended graphs, each named by what it stands for (participant and unit, receivables or payables
 * side of a capped participant, a unit's liquidity node) rather than by an index, and the conversions through the
 * treasury, which the notices alone do not determine when a participant holds three or more rated units.
 * <p>
 * {@link #verify} lets a third party check a run from its files: it rebuilds both graphs from the policy, derives
 * the money paid and received from the discharges (positions including money must not change), takes the
 * conversions and potentials from the certificate and runs {@link PolicyVerifier}. Money needs no rows of its own:
 * the solver cancels money a participant would pay and get back in the same unit, so what it pays or receives is
 * the difference of its discharged payables and receivables in that unit. Immutable.
 */
public final class PolicyCertificate
{
    /**
     * The stage an entry belongs to.
     */
    public enum Stage
    {
        /**
         * Set-off and liquidity within each unit, in minor units.
         */
        WITHIN_UNITS("within"),
        /**
         * Whole lots across units through the treasury.
         */
        ACROSS_UNITS("across");

        private final String label;

        Stage(final String label)
        {
            this.label = label;
        }

        /**
         * @return the name used in files.
         */
        public String label()
        {
            return label;
        }

        /**
         * @return the stage with this label, or null.
         */
        public static Stage ofLabel(final String label)
        {
            for (final Stage stage : values())
            {
                if (stage.label.equals(label))
                {
                    return stage;
                }
            }
            return null;
        }
    }

    /**
     * What an entry names: a node whose potential it gives, or a conversion whose lots it gives.
     */
    public enum Kind
    {
        /**
         * The one node of a participant without a receivable cap in the unit.
         */
        PARTICIPANT("participant"),
        /**
         * The node a capped participant's receivables enter.
         */
        RECEIVABLES("receivables"),
        /**
         * The node a capped participant's payables leave.
         */
        PAYABLES("payables"),
        /**
         * The unit's liquidity node (no participant).
         */
        LIQUIDITY("liquidity"),
        /**
         * Lots a participant converted from one unit to another (across-units stage only).
         */
        CONVERSION("conversion");

        private final String label;

        Kind(final String label)
        {
            this.label = label;
        }

        /**
         * @return the name used in files.
         */
        public String label()
        {
            return label;
        }

        /**
         * @return the kind with this label, or null.
         */
        public static Kind ofLabel(final String label)
        {
            for (final Kind kind : values())
            {
                if (kind.label.equals(label))
                {
                    return kind;
                }
            }
            return null;
        }
    }

    private static final Kind[] NODE_KINDS = {Kind.PARTICIPANT, Kind.RECEIVABLES, Kind.PAYABLES, Kind.LIQUIDITY};
    private static final int MISSING = -1;

    private final ClearingPolicy policy;
    private final Stage[] stage;
    private final Kind[] kind;
    private final int[] participant;
    private final int[] unit;
    private final int[] toUnit;
    private final long[] value;

    private PolicyCertificate(final Builder builder)
    {
        policy = builder.policy;
        stage = Arrays.copyOf(builder.stage, builder.count);
        kind = Arrays.copyOf(builder.kind, builder.count);
        participant = Arrays.copyOf(builder.participant, builder.count);
        unit = Arrays.copyOf(builder.unit, builder.count);
        toUnit = Arrays.copyOf(builder.toUnit, builder.count);
        value = Arrays.copyOf(builder.value, builder.count);
    }

    /**
     * @param policy the policy whose participants and units the entries refer to.
     * @return an empty builder (a reader of certificate files fills it).
     */
    public static Builder builder(final ClearingPolicy policy)
    {
        return new Builder(policy);
    }

    /**
     * Names the potentials of a solved run: within-units nodes first, then across-units nodes, each in the order of
     * the solver's graph (deterministic), then the conversions.
     */
    public static PolicyCertificate of(final PolicyResult result)
    {
        final ClearingPolicy policy = result.policy();
        final Builder builder = new Builder(policy);
        final ExtendedGraph within = ExtendedGraph.withinUnits(policy, true);
        addNodes(builder, within, Stage.WITHIN_UNITS, result.withinPotentials());
        final long[] acrossPotentials = result.acrossPotentials();
        if (acrossPotentials != null)
        {
            final long[] withinSetOff = withinSetOffs(result.setOffs(), result.crossUnitSetOffs());
            final ExtendedGraph across = ExtendedGraph.acrossUnits(policy,
                PolicySolver.remainders(policy, withinSetOff), PolicySolver.capsLeft(policy, withinSetOff));
            addNodes(builder, across, Stage.ACROSS_UNITS, acrossPotentials);
        }
        for (int c = 0; c < result.conversions(); c++)
        {
            builder.conversion(result.conversionParticipant(c), result.conversionFromUnit(c),
                result.conversionToUnit(c), result.conversionLots(c));
        }
        return builder.build();
    }

    private static void addNodes(
        final Builder builder, final ExtendedGraph graph, final Stage stage, final long[] potentials)
    {
        final int[] role = new int[graph.nodeCount];
        final int[] participant = new int[graph.nodeCount];
        final int[] unit = new int[graph.nodeCount];
        graph.describeNodes(role, participant, unit);
        for (int v = 0; v < graph.nodeCount; v++)
        {
            builder.potential(stage, NODE_KINDS[role[v]], participant[v], unit[v], potentials[v]);
        }
    }

    /**
     * Checks a policy run given as files: the discharges of every obligation, their across-units parts and this
     * certificate, against the policy alone. Feasibility (exclusions untouched, bounds, whole lots, caps,
     * commitments, positions including money and conversions, the treasury flat in every unit) and optimality of
     * both stages by complementary slackness; see {@link PolicyVerifier}. O(participants x units + arcs).
     *
     * @param policy         the policy the run claims to follow (its network holds the obligations).
     * @param setOffMinor    per obligation, the whole discharge.
     * @param crossUnitMinor per obligation, the part discharged across units.
     * @param certificate    potentials and conversions, for the same policy.
     * @return passed with the total discharge, or the first violation found.
     */
    public static Verification verify(
        final ClearingPolicy policy, final long[] setOffMinor, final long[] crossUnitMinor,
        final PolicyCertificate certificate)
    {
        final ObligationNetwork network = policy.network();
        final int obligations = network.obligationCount();
        if (setOffMinor.length != obligations || crossUnitMinor.length != obligations ||
            certificate.policy != policy)
        {
            throw new IllegalArgumentException("discharges and certificate must be for the policy's obligations");
        }
        for (int i = 0; i < obligations; i++)
        {
            if (crossUnitMinor[i] < 0 || crossUnitMinor[i] > setOffMinor[i] ||
                setOffMinor[i] > network.amountMinor(i))
            {
                return fail("obligation " + network.obligationId(i) + ": discharge " + setOffMinor[i] +
                    " (across units " + crossUnitMinor[i] + ") outside [0, " + network.amountMinor(i) + "]");
            }
        }
        try
        {
            return certificate.check(setOffMinor, crossUnitMinor);
        }
        catch (final ArithmeticException ex)
        {
            return fail("amounts overflow a long: " + ex.getMessage());
        }
    }

    private Verification check(final long[] setOffMinor, final long[] crossUnitMinor)
    {
        final long[] withinSetOff = withinSetOffs(setOffMinor, crossUnitMinor);
        final boolean[] used = new boolean[value.length];
        final Long2LongHashMap index = nodeIndex();
        final ExtendedGraph within = ExtendedGraph.withinUnits(policy, true);
        final long[] withinPotentials = new long[within.nodeCount];
        String problem = placePotentials(within, Stage.WITHIN_UNITS, index, withinPotentials, used);
        if (problem != null)
        {
            return fail(problem);
        }
        final ExtendedGraph across = ExtendedGraph.acrossUnits(policy,
            PolicySolver.remainders(policy, withinSetOff), PolicySolver.capsLeft(policy, withinSetOff));
        long[] acrossPotentials = null;
        if (across != null)
        {
            acrossPotentials = new long[across.nodeCount];
            problem = placePotentials(across, Stage.ACROSS_UNITS, index, acrossPotentials, used);
            if (problem != null)
            {
                return fail(problem);
            }
        }
        for (int e = 0; e < value.length; e++)
        {
            if (!used[e] && kind[e] != Kind.CONVERSION)
            {
                return fail("certificate gives a potential for " + describe(e) +
                    ", a node the policy's graph does not have");
            }
        }
        final int conversions = count(Kind.CONVERSION);
        if (across == null && conversions > 0)
        {
            return fail("certificate lists conversions, but the policy has no treasury with two rated units");
        }
        return PolicyVerifier.verify(result(setOffMinor, crossUnitMinor, across, withinPotentials, acrossPotentials));
    }

    private PolicyResult result(
        final long[] setOffMinor, final long[] crossUnitMinor, final ExtendedGraph across,
        final long[] withinPotentials, final long[] acrossPotentials)
    {
        final int units = policy.unitCount();
        final long[] clearedByUnit = new long[units];
        for (int i = 0; i < setOffMinor.length; i++)
        {
            clearedByUnit[policy.unit(i)] = Math.addExact(clearedByUnit[policy.unit(i)], setOffMinor[i]);
        }
        final long[] liquidityUsed = new long[policy.liquidityCommitments()];
        final long[] net = moneyNet(policy, setOffMinor, crossUnitMinor, liquidityUsed);
        int receipts = 0;
        for (final long n : net)
        {
            receipts += n > 0 ? 1 : 0;
        }
        final int[] receiptParticipant = new int[receipts];
        final int[] receiptUnit = new int[receipts];
        final long[] receiptMinor = new long[receipts];
        for (int k = 0, r = 0; k < net.length; k++)
        {
            if (net[k] > 0)
            {
                receiptParticipant[r] = k / units;
                receiptUnit[r] = k % units;
                receiptMinor[r++] = net[k];
            }
        }

        final int conversions = count(Kind.CONVERSION);
        final int[] conversionParticipant = new int[conversions];
        final int[] conversionFrom = new int[conversions];
        final int[] conversionTo = new int[conversions];
        final long[] conversionLots = new long[conversions];
        final long[] exposure = new long[units];
        for (int e = 0, c = 0; e < value.length; e++)
        {
            if (kind[e] == Kind.CONVERSION)
            {
                conversionParticipant[c] = participant[e];
                conversionFrom[c] = unit[e];
                conversionTo[c] = toUnit[e];
                conversionLots[c++] = value[e];
                if (across != null && across.lotMinor[unit[e]] > 0)
                {
                    exposure[unit[e]] = Math.addExact(exposure[unit[e]],
                        Math.multiplyExact(value[e], across.lotMinor[unit[e]]));
                }
            }
        }
        return new PolicyResult(policy, setOffMinor.clone(), crossUnitMinor.clone(), clearedByUnit, new long[units],
            liquidityUsed, receiptParticipant, receiptUnit, receiptMinor, conversionParticipant, conversionFrom,
            conversionTo, conversionLots, across == null ? null : across.lotMinor, exposure, withinPotentials,
            acrossPotentials);
    }

    /**
     * @param liquidityUsed filled per commitment with the money its participant pays in its unit.
     * @return per participant and unit ({@code p * units + u}) the money it receives: its discharged receivables
     * minus payables within units, less what a commitment pays; negative where it pays without a commitment.
     */
    static long[] moneyNet(
        final ClearingPolicy policy, final long[] setOffMinor, final long[] crossUnitMinor, final long[] liquidityUsed)
    {
        final ObligationNetwork network = policy.network();
        final int units = policy.unitCount();
        // Per participant and unit: discharged receivables minus discharged payables within units, which the money
        // it received minus the money it paid must equal.
        final long[] net = new long[network.participantCount() * units];
        for (int i = 0; i < setOffMinor.length; i++)
        {
            final int u = policy.unit(i);
            final long within = setOffMinor[i] - crossUnitMinor[i];
            net[network.creditor(i) * units + u] = Math.addExact(net[network.creditor(i) * units + u], within);
            net[network.debtor(i) * units + u] = Math.subtractExact(net[network.debtor(i) * units + u], within);
        }
        for (int c = 0; c < liquidityUsed.length; c++)
        {
            final int key = policy.liquidityParticipant(c) * units + policy.liquidityUnit(c);
            if (net[key] < 0)
            {
                liquidityUsed[c] = -net[key];
                net[key] = 0;
            }
        }
        return net;
    }

    private String placePotentials(
        final ExtendedGraph graph, final Stage graphStage, final Long2LongHashMap index, final long[] potentials,
        final boolean[] used)
    {
        final int[] role = new int[graph.nodeCount];
        final int[] nodeParticipant = new int[graph.nodeCount];
        final int[] nodeUnit = new int[graph.nodeCount];
        graph.describeNodes(role, nodeParticipant, nodeUnit);
        for (int v = 0; v < graph.nodeCount; v++)
        {
            final Kind nodeKind = NODE_KINDS[role[v]];
            final int e = (int)index.get(nodeKey(graphStage, nodeKind, nodeParticipant[v], nodeUnit[v]));
            if (e == MISSING)
            {
                return "certificate has no potential for " +
                    describe(graphStage, nodeKind, nodeParticipant[v], nodeUnit[v], MISSING);
            }
            potentials[v] = value[e];
            used[e] = true;
        }
        return null;
    }

    private Long2LongHashMap nodeIndex()
    {
        final Long2LongHashMap index = new Long2LongHashMap(MISSING);
        for (int e = 0; e < value.length; e++)
        {
            if (kind[e] != Kind.CONVERSION)
            {
                index.put(nodeKey(stage[e], kind[e], participant[e], unit[e]), e);
            }
        }
        return index;
    }

    private int count(final Kind wanted)
    {
        int count = 0;
        for (final Kind k : kind)
        {
            count += k == wanted ? 1 : 0;
        }
        return count;
    }

    private static long[] withinSetOffs(final long[] setOffMinor, final long[] crossUnitMinor)
    {
        final long[] within = new long[setOffMinor.length];
        for (int i = 0; i < within.length; i++)
        {
            within[i] = setOffMinor[i] - crossUnitMinor[i];
        }
        return within;
    }

    /**
     * Packs stage, kind, participant (-1 for liquidity) and unit into one key; units stay far below 2^27.
     */
    private static long nodeKey(final Stage stage, final Kind kind, final int participant, final int unit)
    {
        return ((long)(participant + 1) << 32) | ((long)unit << 5) | ((long)stage.ordinal() << 3) | kind.ordinal();
    }

    private String describe(final int entry)
    {
        return describe(stage[entry], kind[entry], participant[entry], unit[entry], toUnit[entry]);
    }

    private String describe(
        final Stage entryStage, final Kind entryKind, final int entryParticipant, final int entryUnit,
        final int entryToUnit)
    {
        final StringBuilder text = new StringBuilder(64).append(entryStage.label()).append(' ')
            .append(entryKind.label());
        if (entryParticipant >= 0)
        {
            text.append(" '").append(policy.network().participantId(entryParticipant)).append('\'');
        }
        text.append(" in '").append(policy.unitName(entryUnit)).append('\'');
        if (entryToUnit >= 0)
        {
            text.append(" to '").append(policy.unitName(entryToUnit)).append('\'');
        }
        return text.toString();
    }

    private static Verification fail(final String message)
    {
        return new Verification(false, message, -1);
    }

    /**
     * The same entries for an equal policy built elsewhere (the auditor's copy of a run's policy): participants by
     * index, which must name the same participant in both, units by name.
     *
     * @throws IllegalArgumentException when a participant or unit of an entry is not in {@code other}.
     */
    public PolicyCertificate forPolicy(final ClearingPolicy other)
    {
        if (other == policy)
        {
            return this;
        }
        final ObligationNetwork from = policy.network();
        final ObligationNetwork to = other.network();
        final Builder builder = new Builder(other);
        for (int e = 0; e < value.length; e++)
        {
            final int p = participant[e];
            if (p >= 0 && (p >= to.participantCount() || !from.participantId(p).equals(to.participantId(p))))
            {
                throw new IllegalArgumentException("certificate names participant '" + from.participantId(p) +
                    "', which the policy does not have at index " + p);
            }
            final int u = unitIn(other, unit[e]);
            if (kind[e] == Kind.CONVERSION)
            {
                builder.conversion(p, u, unitIn(other, toUnit[e]), value[e]);
            }
            else
            {
                builder.potential(stage[e], kind[e], p, u, value[e]);
            }
        }
        return builder.build();
    }

    private int unitIn(final ClearingPolicy other, final int entryUnit)
    {
        final int u = other.unitIndex(policy.unitName(entryUnit));
        if (u < 0)
        {
            throw new IllegalArgumentException("certificate names unit '" + policy.unitName(entryUnit) +
                "', which the policy does not have");
        }
        return u;
    }

    /**
     * @return the policy the entries refer to.
     */
    public ClearingPolicy policy()
    {
        return policy;
    }

    /**
     * @return how many entries (node potentials and conversions) there are.
     */
    public int entries()
    {
        return value.length;
    }

    /**
     * @return the entry's stage ({@link Stage#ACROSS_UNITS} for conversions).
     */
    public Stage stage(final int entry)
    {
        return stage[entry];
    }

    /**
     * @return what the entry names.
     */
    public Kind kind(final int entry)
    {
        return kind[entry];
    }

    /**
     * @return the participant, or -1 for a liquidity node.
     */
    public int participant(final int entry)
    {
        return participant[entry];
    }

    /**
     * @return the node's unit, or the unit a conversion converts from.
     */
    public int unit(final int entry)
    {
        return unit[entry];
    }

    /**
     * @return the unit a conversion converts to, or -1 for a node.
     */
    public int toUnit(final int entry)
    {
        return toUnit[entry];
    }

    /**
     * @return the node's potential, or the conversion's lots.
     */
    public long value(final int entry)
    {
        return value[entry];
    }

    /**
     * Collects entries; refuses a second entry for the same node or conversion. Not thread-safe.
     */
    public static final class Builder
    {
        private final ClearingPolicy policy;
        private final Long2LongHashMap seen = new Long2LongHashMap(MISSING);
        private final Long2LongHashMap seenConversion = new Long2LongHashMap(MISSING);
        private Stage[] stage = new Stage[16];
        private Kind[] kind = new Kind[16];
        private int[] participant = new int[16];
        private int[] unit = new int[16];
        private int[] toUnit = new int[16];
        private long[] value = new long[16];
        private int count;

        private Builder(final ClearingPolicy policy)
        {
            this.policy = policy;
        }

        /**
         * Adds a node's potential.
         *
         * @param nodeParticipant the participant, -1 exactly when {@code nodeKind} is {@link Kind#LIQUIDITY}.
         * @return the index of an earlier entry for the same node (nothing added then), or -1 when added.
         */
        public int potential(
            final Stage nodeStage, final Kind nodeKind, final int nodeParticipant, final int nodeUnit,
            final long potential)
        {
            if (nodeKind == Kind.CONVERSION || (nodeParticipant < 0) != (nodeKind == Kind.LIQUIDITY))
            {
                throw new IllegalArgumentException(nodeKind + " with participant " + nodeParticipant);
            }
            checkUnit(nodeUnit);
            final long key = nodeKey(nodeStage, nodeKind, nodeParticipant, nodeUnit);
            final int earlier = (int)seen.get(key);
            if (earlier != MISSING)
            {
                return earlier;
            }
            seen.put(key, count);
            add(nodeStage, nodeKind, nodeParticipant, nodeUnit, -1, potential);
            return MISSING;
        }

        /**
         * Adds lots the participant converted from one unit to another through the treasury.
         *
         * @return the index of an earlier entry for the same conversion (nothing added then), or -1 when added.
         * @throws IllegalArgumentException when lots are negative or the units are the same.
         */
        public int conversion(final int convertingParticipant, final int fromUnit, final int toUnitIndex,
            final long lots)
        {
            checkUnit(fromUnit);
            checkUnit(toUnitIndex);
            if (lots < 0 || fromUnit == toUnitIndex || convertingParticipant < 0 ||
                convertingParticipant >= policy.network().participantCount())
            {
                throw new IllegalArgumentException("conversion of " + lots + " lots from unit " + fromUnit +
                    " to unit " + toUnitIndex + " by participant " + convertingParticipant);
            }
            final long key = ClearingPolicy.key(convertingParticipant, fromUnit * policy.unitCount() + toUnitIndex);
            final int earlier = (int)seenConversion.get(key);
            if (earlier != MISSING)
            {
                return earlier;
            }
            seenConversion.put(key, count);
            add(Stage.ACROSS_UNITS, Kind.CONVERSION, convertingParticipant, fromUnit, toUnitIndex, lots);
            return MISSING;
        }

        /**
         * @return the certificate; the builder may be used on.
         */
        public PolicyCertificate build()
        {
            return new PolicyCertificate(this);
        }

        private void checkUnit(final int unitIndex)
        {
            if (unitIndex < 0 || unitIndex >= policy.unitCount())
            {
                throw new IllegalArgumentException("unit " + unitIndex + " of " + policy.unitCount());
            }
        }

        private void add(
            final Stage entryStage, final Kind entryKind, final int entryParticipant, final int entryUnit,
            final int entryToUnit, final long entryValue)
        {
            if (count == value.length)
            {
                final int length = count * 2;
                stage = Arrays.copyOf(stage, length);
                kind = Arrays.copyOf(kind, length);
                participant = Arrays.copyOf(participant, length);
                unit = Arrays.copyOf(unit, length);
                toUnit = Arrays.copyOf(toUnit, length);
                value = Arrays.copyOf(value, length);
            }
            stage[count] = entryStage;
            kind[count] = entryKind;
            participant[count] = entryParticipant;
            unit[count] = entryUnit;
            toUnit[count] = entryToUnit;
            value[count++] = entryValue;
        }
    }
}
