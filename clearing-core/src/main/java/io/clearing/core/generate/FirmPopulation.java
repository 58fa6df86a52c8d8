package io.clearing.core.generate;

import java.util.SplittableRandom;

/**
 * The firms of a generated economy: a heavy-tailed size (Pareto), a sector on the supply-chain ring, and separate
 * propensities to buy on credit and to sell on credit. The two propensities differ per firm (some firms are net
 * givers of trade credit, others net takers), which is what leaves debt that no cycle can clear.
 */
final class FirmPopulation
{
    /**
     * Pareto tail index of firm sizes: below 2 (infinite variance), so a few firms are very large, as in real
     * economies.
     */
    static final double SIZE_TAIL_INDEX = 1.6;
    /**
     * Largest firm is at most this many times the smallest, so one firm never dominates a small network. Together
     * with the tail index this keeps the clearable share nearly independent of the network's size.
     */
    static final double MAX_SIZE = 1_000.0;

    final int firmCount;
    final int sectorCount;
    final double[] size;
    final int[] sector;
    final WeightedSampler[] buyersBySector;
    final WeightedSampler[] sellersBySector;

    FirmPopulation(final SplittableRandom random, final int firmCount, final int sectorCount, final double imbalance)
    {
        this.firmCount = firmCount;
        this.sectorCount = sectorCount;
        size = new double[firmCount];
        sector = new int[firmCount];
        final double[] buyWeight = new double[firmCount];
        final double[] sellWeight = new double[firmCount];
        for (int f = 0; f < firmCount; f++)
        {
            // Round-robin sectors so that every sector has firms even in a tiny network.
            sector[f] = f % sectorCount;
            size[f] = Math.min(MAX_SIZE, Math.pow(1.0 - random.nextDouble(), -1.0 / SIZE_TAIL_INDEX));
            buyWeight[f] = size[f] * Math.exp(imbalance * gaussian(random));
            sellWeight[f] = size[f] * Math.exp(imbalance * gaussian(random));
        }
        buyersBySector = new WeightedSampler[sectorCount];
        sellersBySector = new WeightedSampler[sectorCount];
        final int[] members = new int[firmCount / sectorCount + 1];
        final double[] weights = new double[members.length];
        for (int s = 0; s < sectorCount; s++)
        {
            int count = 0;
            for (int f = s; f < firmCount; f += sectorCount)
            {
                members[count] = f;
                weights[count++] = buyWeight[f];
            }
            buyersBySector[s] = new WeightedSampler(members, weights, count);
            count = 0;
            for (int f = s; f < firmCount; f += sectorCount)
            {
                members[count] = f;
                weights[count++] = sellWeight[f];
            }
            sellersBySector[s] = new WeightedSampler(members, weights, count);
        }
    }

    /**
     * Standard normal by Box-Muller: SplittableRandom has no nextGaussian on Java 17.
     */
    static double gaussian(final SplittableRandom random)
    {
        final double u1 = 1.0 - random.nextDouble();
        final double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
