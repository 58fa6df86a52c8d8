package io.clearing.core.policy;

import io.clearing.core.api.ObligationNetwork;

/**
 * Outcome of {@link HierarchicalClearing}: per obligation the total discharged over all levels, per level the
 * amount cleared there, and the flat optimum of the same network. Amounts in minor units; immutable.
 */
public final class HierarchyResult
{
    private final ObligationNetwork network;
    private final long[] setOffMinor;
    private final long[][] setOffPerLevel;
    private final long[] clearedPerLevel;
    private final long flatClearedMinor;

    HierarchyResult(
        final ObligationNetwork network, final long[] setOffMinor, final long[][] setOffPerLevel,
        final long[] clearedPerLevel, final long flatClearedMinor)
    {
        this.network = network;
        this.setOffMinor = setOffMinor;
        this.setOffPerLevel = setOffPerLevel;
        this.clearedPerLevel = clearedPerLevel;
        this.flatClearedMinor = flatClearedMinor;
    }

    /**
     * @return the network cleared.
     */
    public ObligationNetwork network()
    {
        return network;
    }

    /**
     * @return the obligation's discharge summed over all levels.
     */
    public long setOffMinor(final int obligation)
    {
        return setOffMinor[obligation];
    }

    /**
     * @return the part of the obligation's discharge made at the level (0 the lowest; {@code levels() - 1} the top
     * run); the parts of all levels add up to {@link #setOffMinor(int)}.
     */
    public long setOffMinor(final int level, final int obligation)
    {
        return setOffPerLevel[level][obligation];
    }

    /**
     * @return a copy of all discharges, indexed by obligation.
     */
    public long[] setOffs()
    {
        return setOffMinor.clone();
    }

    /**
     * @return levels given plus one: the last is the top run over everything that remained.
     */
    public int levels()
    {
        return clearedPerLevel.length;
    }

    /**
     * @return cleared at the level (0 the lowest; {@code levels() - 1} the top run).
     */
    public long clearedMinor(final int level)
    {
        return clearedPerLevel[level];
    }

    /**
     * @return total discharged over all levels.
     */
    public long clearedMinor()
    {
        long total = 0;
        for (final long cleared : clearedPerLevel)
        {
            total += cleared;
        }
        return total;
    }

    /**
     * @return the optimum of clearing the whole network in one run: never below {@link #clearedMinor()}.
     */
    public long flatClearedMinor()
    {
        return flatClearedMinor;
    }

    /**
     * @return what clearing level by level leaves uncleared compared with clearing flat.
     */
    public long shortfallMinor()
    {
        return flatClearedMinor - clearedMinor();
    }
}
