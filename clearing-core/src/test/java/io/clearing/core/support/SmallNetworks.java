package io.clearing.core.support;

import io.clearing.core.api.AddResult;
import io.clearing.core.api.ObligationNetwork;

import java.util.SplittableRandom;

/**
 * Random obligation networks for oracle comparisons. Small: 2-8 participants, 1-15 obligations, with parallel
 * obligations, 2-cycles, participants without obligations and amounts from 1 up to near {@code Long.MAX_VALUE / 16}.
 * Each network is a function of its seed.
 */
public final class SmallNetworks
{
    public static final long HUGE = Long.MAX_VALUE / 16;

    /**
     * How amounts are drawn; the mode is itself drawn from the seed.
     */
    enum AmountMode
    {
        TINY, SMALL, MEDIUM, HUGE, MIXED
    }

    private SmallNetworks()
    {
    }

    public static ObligationNetwork random(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final int participants = 2 + random.nextInt(7);
        final int obligations = 1 + random.nextInt(15);
        final AmountMode mode = AmountMode.values()[random.nextInt(AmountMode.values().length)];
        return build(seed, random, participants, obligations, mode);
    }

    /**
     * Medium networks, 20-120 participants and up to 1,500 obligations with amounts below 100,000: enough work
     * for the solver's heuristics (global price updates) to run, small enough for JGraphT.
     */
    public static ObligationNetwork medium(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final int participants = 20 + random.nextInt(101);
        final int obligations = participants + random.nextInt(1_400);
        final AmountMode mode = random.nextBoolean() ? AmountMode.SMALL : AmountMode.MEDIUM;
        return build(seed, random, participants, obligations, mode);
    }

    private static ObligationNetwork build(
        final long seed, final SplittableRandom random, final int participants, final int obligations,
        final AmountMode mode)
    {
        final boolean withIds = random.nextBoolean();
        final ObligationNetwork.Builder builder = ObligationNetwork.builder(obligations);
        if (random.nextInt(4) == 0)
        {
            // A participant without obligations, registered between the others.
            builder.participant(name(participants));
        }
        final int[] debtors = new int[obligations];
        final int[] creditors = new int[obligations];
        for (int i = 0; i < obligations; i++)
        {
            final int shape = random.nextInt(10);
            if (i > 0 && shape < 2)
            {
                final int earlier = random.nextInt(i);
                debtors[i] = debtors[earlier];
                creditors[i] = creditors[earlier];
            }
            else if (i > 0 && shape < 4)
            {
                final int earlier = random.nextInt(i);
                debtors[i] = creditors[earlier];
                creditors[i] = debtors[earlier];
            }
            else
            {
                debtors[i] = random.nextInt(participants);
                creditors[i] = (debtors[i] + 1 + random.nextInt(participants - 1)) % participants;
            }
            final long amount = amount(random, mode);
            final AddResult result = withIds ?
                builder.add("o" + (i + 1), name(debtors[i]), name(creditors[i]), amount) :
                builder.add(name(debtors[i]), name(creditors[i]), amount);
            if (result != AddResult.ACCEPTED)
            {
                throw new IllegalStateException("seed " + seed + ": " + result.reason());
            }
        }
        return builder.build();
    }

    private static long amount(final SplittableRandom random, final AmountMode mode)
    {
        return switch (mode)
        {
            case TINY -> 1 + random.nextInt(3);
            case SMALL -> 1 + random.nextInt(20);
            case MEDIUM -> 1 + random.nextLong(100_000);
            case HUGE -> HUGE - random.nextLong(1_000);
            case MIXED -> switch (random.nextInt(3))
            {
                case 0 -> 1 + random.nextInt(10);
                case 1 -> 1 + random.nextLong(1_000_000_000_000L);
                default -> HUGE - random.nextLong(HUGE / 2);
            };
        };
    }

    private static String name(final int participant)
    {
        return "P" + participant;
    }
}
