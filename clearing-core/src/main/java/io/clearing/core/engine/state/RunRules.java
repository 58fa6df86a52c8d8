package io.clearing.core.engine.state;

import io.clearing.core.policy.PriorityRule;

import java.util.Arrays;

/**
 * The rules that shape how a batch run solves, beside {@link Policies}: the treasury and the conversion rates it
 * publishes per unit, urgent marks on obligations, the priority rule (standing, and for the next run only), and the
 * hierarchy of communities and regions that a hierarchical run clears through.
 * <p>
 * Arrays are indexed like the ledger's and {@link Policies}' units and grown on demand; an index beyond an array reads
 * as the default (no rate, not urgent, no community, no region). {@link #used} turns true with the first accepted
 * command of this kind and stays true; while false, nothing here is hashed, so states built without these commands
 * keep the hash they always had. Single-threaded; callers validate, this class keeps invariants.
 */
final class RunRules
{
    static final int NONE = -1;
    static final int NO_NEXT_RUN_PRIORITY = -1;
    static final int MAX_COMMUNITIES = 1 << 20;
    static final long MS_PER_DAY = 86_400_000L;

    boolean used;
    int treasury = NONE;
    /**
     * Per engine unit (0 the default unit): the published rate in lowest terms, 0/0 when none.
     */
    long[] rateNumerator = new long[16];
    long[] rateDenominator = new long[16];
    byte[] urgent = new byte[16];
    int standingPriority = PriorityRule.NONE.ordinal();
    int nextRunPriority = NO_NEXT_RUN_PRIORITY;

    final ByteKeyIndex communityIds = new ByteKeyIndex(16);
    final ByteKeyIndex regionIds = new ByteKeyIndex(16);
    int[] communityOf = new int[16];
    int[] regionOf = new int[16];

    RunRules()
    {
        Arrays.fill(communityOf, NONE);
        Arrays.fill(regionOf, NONE);
    }

    /**
     * @return the rule the next batch run applies: the next-run rule when one is set, else the standing one.
     */
    PriorityRule priority()
    {
        return PriorityRule.values()[nextRunPriority == NO_NEXT_RUN_PRIORITY ? standingPriority : nextRunPriority];
    }

    boolean hasRate(final int unit)
    {
        return unit < rateNumerator.length && rateNumerator[unit] != 0;
    }

    /**
     * @return whether a run converts across units: a treasury is designated and at least one unit has a rate.
     */
    boolean converts()
    {
        if (treasury == NONE)
        {
            return false;
        }
        for (final long numerator : rateNumerator)
        {
            if (numerator != 0)
            {
                return true;
            }
        }
        return false;
    }

    void setRate(final int unit, final long numerator, final long denominator)
    {
        if (unit >= rateNumerator.length)
        {
            final int capacity = Math.max(unit + 1, rateNumerator.length * 2);
            rateNumerator = Arrays.copyOf(rateNumerator, capacity);
            rateDenominator = Arrays.copyOf(rateDenominator, capacity);
        }
        rateNumerator[unit] = numerator;
        rateDenominator[unit] = denominator;
    }

    boolean isUrgent(final int o)
    {
        return o < urgent.length && urgent[o] != 0;
    }

    void setUrgent(final int o, final boolean mark)
    {
        if (o >= urgent.length)
        {
            urgent = Arrays.copyOf(urgent, Math.max(o + 1, urgent.length * 2));
        }
        urgent[o] = (byte)(mark ? 1 : 0);
    }

    int communityOf(final int p)
    {
        return p < communityOf.length ? communityOf[p] : NONE;
    }

    int regionOf(final int community)
    {
        return community < regionOf.length ? regionOf[community] : NONE;
    }

    void setCommunity(final int p, final int community)
    {
        if (p >= communityOf.length)
        {
            communityOf = padded(communityOf, Math.max(p + 1, communityOf.length * 2));
        }
        communityOf[p] = community;
    }

    void setRegion(final int community, final int region)
    {
        if (community >= regionOf.length)
        {
            regionOf = padded(regionOf, Math.max(community + 1, regionOf.length * 2));
        }
        regionOf[community] = region;
    }

    /**
     * The groups of a hierarchical run, one int per participant for each level: community, then region. A
     * participant in no community is a community of its own; a community in no region is a region of its own (and
     * so is a participant in no community). Group numbers are only compared for equality.
     */
    int[][] groups(final int participants)
    {
        final int communities = communityIds.size();
        final int regions = regionIds.size();
        final int[] community = new int[participants];
        final int[] region = new int[participants];
        for (int p = 0; p < participants; p++)
        {
            final int c = communityOf(p);
            community[p] = c != NONE ? c : communities + p;
            final int r = c == NONE ? NONE : regionOf(c);
            region[p] = r != NONE ? r : c != NONE ? regions + c : regions + communities + p;
        }
        return new int[][] {community, region};
    }

    /**
     * The order key of {@link PriorityRule#OLDER_FIRST}: the UTC day (days since 1970-01-01) of the obligation's due
     * date when it has one, else of its submission; earlier days are set off first, obligations of the same day rank
     * equal.
     */
    static long olderFirstDay(final long dueAtMs, final long submittedAtMs)
    {
        return Math.floorDiv(dueAtMs != 0 ? dueAtMs : submittedAtMs, MS_PER_DAY);
    }

    /**
     * Folds these rules into {@code seed}; nothing while unused.
     */
    long hash(final long seed, final int participants, final int obligations, final int units)
    {
        if (!used)
        {
            return seed;
        }
        long h = HashMix.mix(seed, 0x7EA5_0A11L);
        h = HashMix.mix(h, treasury);
        for (int u = 0; u <= units; u++)
        {
            if (hasRate(u))
            {
                h = HashMix.mix(h, u);
                h = HashMix.mix(h, rateNumerator[u]);
                h = HashMix.mix(h, rateDenominator[u]);
            }
        }
        for (int o = 0; o < obligations; o++)
        {
            if (isUrgent(o))
            {
                h = HashMix.mix(h, 0x0B00_0000_0000L | o);
            }
        }
        h = HashMix.mix(h, standingPriority);
        h = HashMix.mix(h, nextRunPriority);
        h = HashMix.mix(h, communityIds.size());
        for (int c = 0; c < communityIds.size(); c++)
        {
            h = HashMix.mix(h, communityIds.keyHash(c));
            h = HashMix.mix(h, regionOf(c));
        }
        h = HashMix.mix(h, regionIds.size());
        for (int r = 0; r < regionIds.size(); r++)
        {
            h = HashMix.mix(h, regionIds.keyHash(r));
        }
        for (int p = 0; p < participants; p++)
        {
            h = HashMix.mix(h, communityOf(p));
        }
        return h;
    }

    /**
     * Writes only the flag while unused (snapshot version 3 on).
     */
    void writeTo(final SnapshotOutput out, final int participants, final int obligations, final int units)
    {
        out.putInt(used ? 1 : 0);
        if (!used)
        {
            return;
        }
        out.putInt(treasury);
        out.putLongs(Arrays.copyOf(rateNumerator, units + 1), units + 1);
        out.putLongs(Arrays.copyOf(rateDenominator, units + 1), units + 1);
        out.putBytes(Arrays.copyOf(urgent, obligations), obligations);
        out.putInt(standingPriority);
        out.putInt(nextRunPriority);
        out.putInt(communityIds.size());
        out.putKeys(communityIds);
        out.putInt(regionIds.size());
        out.putKeys(regionIds);
        final int communities = communityIds.size();
        out.putInts(padded(regionOf, communities), communities);
        out.putInts(padded(communityOf, participants), participants);
    }

    /**
     * @return the first {@code length} entries, {@link #NONE} beyond the array (allocates).
     */
    private static int[] padded(final int[] values, final int length)
    {
        final int[] copy = Arrays.copyOf(values, length);
        if (length > values.length)
        {
            Arrays.fill(copy, values.length, length, NONE);
        }
        return copy;
    }

    void readFrom(final SnapshotInput in, final int participants, final int obligations, final int units)
    {
        used = in.getInt() != 0;
        if (!used)
        {
            return;
        }
        treasury = in.getInt();
        if (treasury < NONE || treasury >= participants)
        {
            throw new SnapshotDamagedException("treasury " + treasury + " outside the participants");
        }
        rateNumerator = new long[Math.max(16, units + 2)];
        rateDenominator = new long[rateNumerator.length];
        in.getLongs(rateNumerator, units + 1);
        in.getLongs(rateDenominator, units + 1);
        urgent = new byte[Math.max(16, obligations + obligations / 4)];
        in.getBytes(urgent, obligations);
        standingPriority = in.getInt();
        nextRunPriority = in.getInt();
        final int rules = PriorityRule.values().length;
        if (standingPriority < 0 || standingPriority >= rules || nextRunPriority < NO_NEXT_RUN_PRIORITY ||
            nextRunPriority >= rules)
        {
            throw new SnapshotDamagedException("priority rule out of range: " + standingPriority + ", " +
                nextRunPriority);
        }
        final int communities = in.getCount(MAX_COMMUNITIES);
        in.getKeys(communityIds, communities);
        final int regions = in.getCount(MAX_COMMUNITIES);
        in.getKeys(regionIds, regions);
        regionOf = new int[Math.max(16, communities + communities / 4)];
        Arrays.fill(regionOf, NONE);
        in.getInts(regionOf, communities);
        communityOf = new int[Math.max(16, participants + participants / 4)];
        Arrays.fill(communityOf, NONE);
        in.getInts(communityOf, participants);
        for (int c = 0; c < communities; c++)
        {
            if (regionOf[c] < NONE || regionOf[c] >= regions)
            {
                throw new SnapshotDamagedException("community " + c + " in unknown region " + regionOf[c]);
            }
        }
        for (int p = 0; p < participants; p++)
        {
            if (communityOf[p] < NONE || communityOf[p] >= communities)
            {
                throw new SnapshotDamagedException("participant " + p + " in unknown community " + communityOf[p]);
            }
        }
    }
}
