package io.clearing.core.policy;

import io.clearing.core.api.ObligationNetwork;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;
import org.agrona.collections.Object2IntHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rules of one policy run over an {@link ObligationNetwork}: per-obligation attributes (unit, due day, urgent,
 * disputed), participants' standing rules (opt-out, related firms, minimum amount, due-day window), receivable caps,
 * a priority rule, liquidity commitments, and a treasury with conversion rates between units.
 * <p>
 * Participants and obligations are the network's indices. Amounts are minor units of the unit they name. Units are
 * interned names; an obligation without a unit is in {@link #DEFAULT_UNIT}. Immutable once built; a policy belongs
 * to the network it was built for.
 */
public final class ClearingPolicy
{
    /**
     * Unit of obligations given no unit of their own.
     */
    public static final String DEFAULT_UNIT = "";

    private static final long NONE = Long.MIN_VALUE;

    private final ObligationNetwork network;
    private final String[] unitNames;
    private final int[] unitOfObligation;
    private final long[] dueDay;
    private final boolean[] urgent;
    private final ExclusionReason[] exclusion;
    private final Long2LongHashMap receivableCap;
    private final long[] capKeys;
    private final int[] liquidityParticipants;
    private final int[] liquidityUnits;
    private final long[] liquidityAmounts;
    private final PriorityRule priority;
    private final int treasury;
    private final long[] rateNumerator;
    private final long[] rateDenominator;

    private ClearingPolicy(final Builder builder)
    {
        network = builder.network;
        unitNames = builder.unitNames.toArray(new String[0]);
        unitOfObligation = builder.unitOfObligation.clone();
        dueDay = builder.dueDay.clone();
        urgent = builder.urgent.clone();
        priority = builder.priority;
        treasury = builder.treasury;
        rateNumerator = Arrays.copyOf(builder.rateNumerator, unitNames.length);
        rateDenominator = Arrays.copyOf(builder.rateDenominator, unitNames.length);
        receivableCap = new Long2LongHashMap(NONE);
        for (int i = 0; i < builder.capKeys.size(); i++)
        {
            receivableCap.put(builder.capKeys.get(i), builder.capValues.get(i));
        }
        capKeys = builder.capKeys.stream().mapToLong(Long::longValue).toArray();
        exclusion = new ExclusionReason[network.obligationCount()];
        for (int i = 0; i < exclusion.length; i++)
        {
            exclusion[i] = builder.reasonFor(i);
        }
        liquidityParticipants = builder.liquidityParticipant.stream().mapToInt(Integer::intValue).toArray();
        liquidityUnits = builder.liquidityUnit.stream().mapToInt(Integer::intValue).toArray();
        liquidityAmounts = builder.liquidityAmount.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * @return a builder for rules over this network.
     */
    public static Builder builder(final ObligationNetwork network)
    {
        return new Builder(network);
    }

    /**
     * @return a policy with no rules: every obligation eligible, one unit, no caps, no priority, no liquidity.
     */
    public static ClearingPolicy none(final ObligationNetwork network)
    {
        return builder(network).build();
    }

    static long key(final int participant, final int unit)
    {
        return ((long)participant << 32) | (unit & 0xFFFF_FFFFL);
    }

    /**
     * @return the network the policy was built for.
     */
    public ObligationNetwork network()
    {
        return network;
    }

    /**
     * @return number of units, {@link #DEFAULT_UNIT} (index 0) included.
     */
    public int unitCount()
    {
        return unitNames.length;
    }

    /**
     * @return the unit's name as given ({@link #DEFAULT_UNIT} for index 0).
     */
    public String unitName(final int unit)
    {
        return unitNames[unit];
    }

    /**
     * @return the unit index of the name, or -1 if no obligation or rule names it.
     */
    public int unitIndex(final String unitName)
    {
        for (int u = 0; u < unitNames.length; u++)
        {
            if (unitNames[u].equals(unitName))
            {
                return u;
            }
        }
        return -1;
    }

    /**
     * @return the unit index of the obligation.
     */
    public int unit(final int obligation)
    {
        return unitOfObligation[obligation];
    }

    /**
     * @return the obligation's due day (0 unless given).
     */
    public long dueDay(final int obligation)
    {
        return dueDay[obligation];
    }

    /**
     * @return whether the obligation is marked urgent.
     */
    public boolean urgent(final int obligation)
    {
        return urgent[obligation];
    }

    /**
     * @return why the obligation is left out of the run, or {@link ExclusionReason#NONE} when it is eligible.
     */
    public ExclusionReason exclusion(final int obligation)
    {
        return exclusion[obligation];
    }

    /**
     * @return the most of the participant's receivables in the unit that the run may discharge, or -1 for no cap.
     */
    public long receivableCapMinor(final int participant, final int unit)
    {
        final long cap = receivableCap.get(key(participant, unit));
        return cap == NONE ? -1 : cap;
    }

    /**
     * @return participant-and-unit keys ({@link #key}) of every receivable cap, in the order given.
     */
    long[] capKeys()
    {
        return capKeys;
    }

    static int keyParticipant(final long key)
    {
        return (int)(key >>> 32);
    }

    static int keyUnit(final long key)
    {
        return (int)key;
    }

    /**
     * @return the secondary objective of the run.
     */
    public PriorityRule priority()
    {
        return priority;
    }

    /**
     * @return number of liquidity commitments, at most one per participant and unit, in the order first given.
     */
    public int liquidityCommitments()
    {
        return liquidityParticipants.length;
    }

    /**
     * @return the participant that made the commitment.
     */
    public int liquidityParticipant(final int commitment)
    {
        return liquidityParticipants[commitment];
    }

    /**
     * @return the unit of the committed money.
     */
    public int liquidityUnit(final int commitment)
    {
        return liquidityUnits[commitment];
    }

    /**
     * @return money (in the unit's minor units) the participant commits to paying its own obligations in the run.
     */
    public long liquidityAmountMinor(final int commitment)
    {
        return liquidityAmounts[commitment];
    }

    /**
     * @return the participant that publishes rates and converts between units, or -1 when there is none.
     */
    public int treasury()
    {
        return treasury;
    }

    /**
     * @return whether the treasury publishes a rate for the unit (then it can be converted).
     */
    public boolean hasRate(final int unit)
    {
        return treasury >= 0 && rateNumerator[unit] > 0;
    }

    /**
     * Value of one minor unit of the unit in the treasury's reference value: {@code numerator / denominator}.
     */
    public long rateNumerator(final int unit)
    {
        return rateNumerator[unit];
    }

    /**
     * @see #rateNumerator(int)
     */
    public long rateDenominator(final int unit)
    {
        return rateDenominator[unit];
    }

    /**
     * Collects rules. Indices out of range are programming errors ({@link IllegalArgumentException}); refused rules
     * are {@link PolicyRuleResult} codes and leave the builder unchanged. Not thread-safe.
     */
    public static final class Builder
    {
        private final ObligationNetwork network;
        private final List<String> unitNames = new ArrayList<>();
        private final Object2IntHashMap<String> unitIndex = new Object2IntHashMap<>(-1);
        private final int[] unitOfObligation;
        private final long[] dueDay;
        private final boolean[] urgent;
        private final boolean[] disputed;
        private final boolean[] optedOut;
        private final LongHashSet relatedPairs = new LongHashSet();
        private final long[] minimumAmount;
        private final long[] windowFrom;
        private final long[] windowTo;
        private final List<Long> capKeys = new ArrayList<>();
        private final List<Long> capValues = new ArrayList<>();
        private final List<Integer> liquidityParticipant = new ArrayList<>();
        private final List<Integer> liquidityUnit = new ArrayList<>();
        private final List<Long> liquidityAmount = new ArrayList<>();
        private final LongHashSet liquidityKeys = new LongHashSet();
        private final LongHashSet capKeySet = new LongHashSet();
        private final Long2LongHashMap committedPerUnit = new Long2LongHashMap(0);
        private long[] rateNumerator = new long[4];
        private long[] rateDenominator = new long[4];
        private PriorityRule priority = PriorityRule.NONE;
        private int treasury = -1;

        private Builder(final ObligationNetwork network)
        {
            this.network = network;
            final int obligations = network.obligationCount();
            final int participants = network.participantCount();
            unitOfObligation = new int[obligations];
            dueDay = new long[obligations];
            urgent = new boolean[obligations];
            disputed = new boolean[obligations];
            optedOut = new boolean[participants];
            minimumAmount = new long[participants];
            windowFrom = new long[participants];
            windowTo = new long[participants];
            Arrays.fill(windowFrom, Long.MIN_VALUE);
            Arrays.fill(windowTo, Long.MAX_VALUE);
            internUnit(DEFAULT_UNIT);
        }

        private int internUnit(final String name)
        {
            final int existing = unitIndex.getValue(name);
            if (existing != -1)
            {
                return existing;
            }
            final int index = unitNames.size();
            unitNames.add(name);
            unitIndex.put(name, index);
            if (index == rateNumerator.length)
            {
                rateNumerator = Arrays.copyOf(rateNumerator, index * 2);
                rateDenominator = Arrays.copyOf(rateDenominator, index * 2);
            }
            return index;
        }

        /**
         * Puts the obligation in a unit (default {@link ClearingPolicy#DEFAULT_UNIT}).
         */
        public PolicyRuleResult unit(final int obligation, final String unitName)
        {
            checkObligation(obligation);
            if (unitName.isEmpty())
            {
                return PolicyRuleResult.EMPTY_UNIT;
            }
            unitOfObligation[obligation] = internUnit(unitName);
            return PolicyRuleResult.ACCEPTED;
        }

        /**
         * Sets the obligation's due day (any day count, e.g. days since 1970-01-01; default 0).
         */
        public Builder dueDay(final int obligation, final long day)
        {
            checkObligation(obligation);
            dueDay[obligation] = day;
            return this;
        }

        /**
         * Marks the obligation urgent (used by {@link PriorityRule#URGENT_FIRST}).
         */
        public Builder urgent(final int obligation)
        {
            checkObligation(obligation);
            urgent[obligation] = true;
            return this;
        }

        /**
         * Marks the obligation disputed: it is left untouched.
         */
        public Builder dispute(final int obligation)
        {
            checkObligation(obligation);
            disputed[obligation] = true;
            return this;
        }

        /**
         * Takes the participant out of the run: none of its obligations is touched.
         */
        public Builder optOut(final int participant)
        {
            checkParticipant(participant);
            optedOut[participant] = true;
            return this;
        }

        /**
         * Standing rule: obligations between the two participants (either direction) are never set off.
         */
        public PolicyRuleResult related(final int participant, final int relatedParticipant)
        {
            checkParticipant(participant);
            checkParticipant(relatedParticipant);
            if (participant == relatedParticipant)
            {
                return PolicyRuleResult.SAME_PARTICIPANT;
            }
            relatedPairs.add(pairKey(participant, relatedParticipant));
            return PolicyRuleResult.ACCEPTED;
        }

        /**
         * Standing rule: obligations of the participant (either side) below the amount are not set off.
         */
        public PolicyRuleResult minimumAmount(final int participant, final long minimumMinor)
        {
            checkParticipant(participant);
            if (minimumMinor < 0)
            {
                return PolicyRuleResult.AMOUNT_NEGATIVE;
            }
            minimumAmount[participant] = minimumMinor;
            return PolicyRuleResult.ACCEPTED;
        }

        /**
         * Standing rule: obligations of the participant (either side) due before {@code fromDay} or after
         * {@code toDay} are not set off.
         */
        public PolicyRuleResult dueWindow(final int participant, final long fromDay, final long toDay)
        {
            checkParticipant(participant);
            if (toDay < fromDay)
            {
                return PolicyRuleResult.EMPTY_WINDOW;
            }
            windowFrom[participant] = fromDay;
            windowTo[participant] = toDay;
            return PolicyRuleResult.ACCEPTED;
        }

        /**
         * At most {@code capMinor} of the participant's receivables in the unit may be discharged by the run.
         */
        public PolicyRuleResult receivableCap(final int participant, final String unitName, final long capMinor)
        {
            checkParticipant(participant);
            if (capMinor < 0)
            {
                return PolicyRuleResult.AMOUNT_NEGATIVE;
            }
            final long key = key(participant, internUnit(unitName));
            if (!capKeySet.add(key))
            {
                return PolicyRuleResult.ALREADY_SET;
            }
            capKeys.add(key);
            capValues.add(capMinor);
            return PolicyRuleResult.ACCEPTED;
        }

        /**
         * Sets the secondary objective (default {@link PriorityRule#NONE}).
         */
        public Builder priority(final PriorityRule rule)
        {
            priority = rule;
            return this;
        }

        /**
         * The participant commits money in the unit to the run: it may pay its own eligible obligations with it, and
         * the money passes along open chains of eligible obligations to whoever is at the end (Fleischman &amp; Dini
         * 2021). At most one commitment per participant and unit.
         */
        public PolicyRuleResult liquidity(final int participant, final String unitName, final long amountMinor)
        {
            checkParticipant(participant);
            if (amountMinor <= 0)
            {
                return PolicyRuleResult.AMOUNT_NOT_POSITIVE;
            }
            final int unit = internUnit(unitName);
            final long key = key(participant, unit);
            if (liquidityKeys.contains(key))
            {
                return PolicyRuleResult.ALREADY_SET;
            }
            final long unitTotal = committedPerUnit.get(unit) + amountMinor;
            if (unitTotal < 0)
            {
                return PolicyRuleResult.COMMITMENT_OVERFLOW;
            }
            committedPerUnit.put(unit, unitTotal);
            liquidityKeys.add(key);
            liquidityParticipant.add(participant);
            liquidityUnit.add(unit);
            liquidityAmount.add(amountMinor);
            return PolicyRuleResult.ACCEPTED;
        }

        /**
         * Designates the treasury that converts between units at the rates it publishes.
         */
        public PolicyRuleResult treasury(final int participant)
        {
            checkParticipant(participant);
            if (treasury >= 0)
            {
                return PolicyRuleResult.TREASURY_ALREADY_SET;
            }
            treasury = participant;
            return PolicyRuleResult.ACCEPTED;
        }

        /**
         * Publishes the value of one minor unit of the unit as the exact fraction {@code numerator / denominator}
         * of the treasury's reference value.
         */
        public PolicyRuleResult rate(final String unitName, final long numerator, final long denominator)
        {
            if (numerator <= 0 || denominator <= 0)
            {
                return PolicyRuleResult.RATE_NOT_POSITIVE;
            }
            final int unit = internUnit(unitName);
            if (rateNumerator[unit] != 0)
            {
                return PolicyRuleResult.RATE_ALREADY_SET;
            }
            final long gcd = gcd(numerator, denominator);
            rateNumerator[unit] = numerator / gcd;
            rateDenominator[unit] = denominator / gcd;
            return PolicyRuleResult.ACCEPTED;
        }

        /**
         * @return the policy; exclusion reasons are resolved here, once.
         */
        public ClearingPolicy build()
        {
            return new ClearingPolicy(this);
        }

        private ExclusionReason reasonFor(final int obligation)
        {
            final int debtor = network.debtor(obligation);
            final int creditor = network.creditor(obligation);
            final long amount = network.amountMinor(obligation);
            final long day = dueDay[obligation];
            if (disputed[obligation])
            {
                return ExclusionReason.DISPUTED;
            }
            if (optedOut[debtor] || optedOut[creditor])
            {
                return ExclusionReason.OPTED_OUT;
            }
            if (relatedPairs.contains(pairKey(debtor, creditor)))
            {
                return ExclusionReason.RELATED_PARTY;
            }
            if (amount < minimumAmount[debtor] || amount < minimumAmount[creditor])
            {
                return ExclusionReason.BELOW_MINIMUM;
            }
            if (day < windowFrom[debtor] || day > windowTo[debtor] || day < windowFrom[creditor] ||
                day > windowTo[creditor])
            {
                return ExclusionReason.OUTSIDE_DUE_WINDOW;
            }
            return ExclusionReason.NONE;
        }

        private static long pairKey(final int a, final int b)
        {
            return key(Math.min(a, b), Math.max(a, b));
        }

        private void checkObligation(final int obligation)
        {
            if (obligation < 0 || obligation >= unitOfObligation.length)
            {
                throw new IllegalArgumentException("obligation index outside 0.." + (unitOfObligation.length - 1));
            }
        }

        private void checkParticipant(final int participant)
        {
            if (participant < 0 || participant >= optedOut.length)
            {
                throw new IllegalArgumentException("participant index outside 0.." + (optedOut.length - 1));
            }
        }
    }

    /**
     * Greatest common divisor of two non-negative numbers (rates are kept reduced).
     */
    public static long gcd(final long a, final long b)
    {
        long x = a;
        long y = b;
        while (y != 0)
        {
            final long t = x % y;
            x = y;
            y = t;
        }
        return x;
    }
}
