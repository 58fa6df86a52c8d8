package io.clearing.core.generate;

import io.clearing.core.api.AddResult;
import io.clearing.core.api.ObligationNetwork;

import java.util.SplittableRandom;

/**
 * Seeded generator of realistic obligation networks with deep cycles, for scale tests, benchmarks and demos.
 * <p>
 * The economy: firms with heavy-tailed (Pareto) sizes spread over five sectors arranged as a supply chain that
 * loops back: raw materials, manufacturing, wholesale, retail and services, and the employers of the households
 * who buy from retail, from whom raw-material firms in turn buy services. Each invoice is owed by a buyer to its
 * supplier one stage upstream, so most cycles go around the whole ring (at least five firms deep); a share of
 * invoices stays within a sector or links two random firms, as in real trade. Big firms issue and receive more
 * invoices, and amounts are log-normal in cents, scaled by the sizes of both firms. Every firm has its own
 * propensities to buy and to sell on credit, so net positions are uneven and only part of the debt is clearable:
 * about 40 % of total debt at 100,000 firms and 1,000,000 obligations.
 * <p>
 * Firm ids are {@code F000123} (the firm's number), obligation ids {@code INV-0000001} (1-based). Amounts are
 * integer minor units; the total always fits in a {@code long}. Deterministic: the same (seed, firms, obligations)
 * always gives the same network, on any JVM. Participants appear in the network in order of first use, so a
 * network written with {@code ObligationCsvWriter} reads back identical.
 * <p>
 * Time O(obligations log firms), about 1.5 s for 1,000,000 obligations; besides the network itself it holds about
 * 100 bytes per firm.
 */
public final class DeepCycleNetworkGenerator
{
    /**
     * Sectors of the supply-chain ring: raw materials, manufacturing, wholesale, retail/services, employers.
     */
    static final int SECTORS = 5;
    /**
     * Share of invoices owed to a supplier one stage upstream on the ring.
     */
    static final double SUPPLY_CHAIN_SHARE = 0.80;
    /**
     * Share of invoices between two firms of the same sector; the rest link random firms.
     */
    static final double SAME_SECTOR_SHARE = 0.10;
    /**
     * Spread (log-normal sigma) of each firm's propensities to buy and to sell on credit: the knob that sets how
     * much debt is clearable (more spread, less clearable). 0.72 gives 41 % at 100,000 firms and 1,000,000
     * obligations and 39 % at 20,000 and 200,000 (seed 42).
     */
    static final double CREDIT_IMBALANCE = 0.72;
    /**
     * Log-normal invoice amounts: median in cents before size scaling, and sigma.
     */
    static final double MEDIAN_AMOUNT_CENTS = 25_000.0;
    static final double AMOUNT_SIGMA = 1.0;
    /**
     * How strongly amounts grow with the firms' sizes: amount ~ (size of debtor * size of creditor)^exponent.
     * Larger exponents concentrate debt between the few largest firms and leave much less of it clearable.
     */
    static final double SIZE_EXPONENT = 0.2;
    /**
     * Largest single amount in cents, unless the network is so big that the total could overflow.
     */
    static final long MAX_AMOUNT_CENTS = 10_000_000_000_000L;

    private final long seed;
    private final int firms;
    private final int obligations;

    /**
     * @param seed        seed of the random source; the network is a function of the three arguments.
     * @param firms       number of firms, at least 2 (some may end up with no obligation).
     * @param obligations number of obligations, at least 1.
     * @throws IllegalArgumentException when a count is out of range.
     */
    public DeepCycleNetworkGenerator(final long seed, final int firms, final int obligations)
    {
        if (firms < 2)
        {
            throw new IllegalArgumentException("firms must be at least 2: " + firms);
        }
        if (obligations < 1)
        {
            throw new IllegalArgumentException("obligations must be at least 1: " + obligations);
        }
        this.seed = seed;
        this.firms = firms;
        this.obligations = obligations;
    }

    /**
     * @return a new network; calling it again returns an equal network.
     */
    public ObligationNetwork generate()
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final int sectors = Math.min(SECTORS, firms);
        final FirmPopulation population = new FirmPopulation(random, firms, sectors, CREDIT_IMBALANCE);
        final String[] firmIds = new String[firms];
        final long maxAmount = Math.min(MAX_AMOUNT_CENTS, Long.MAX_VALUE / obligations);
        final ObligationNetwork.Builder builder = ObligationNetwork.builder(obligations);
        final double mu = Math.log(MEDIAN_AMOUNT_CENTS);
        for (int i = 0; i < obligations; i++)
        {
            // Sector first, uniformly, so that every stage of the ring carries the same expected debt.
            final int debtor = population.buyersBySector[random.nextInt(sectors)].draw(random);
            final int creditor = drawSupplier(random, population, debtor);
            final double scale = Math.pow(population.size[debtor] * population.size[creditor], SIZE_EXPONENT);
            final double cents = Math.exp(mu + AMOUNT_SIGMA * FirmPopulation.gaussian(random)) * scale;
            final long amount = Math.max(1L, Math.min(maxAmount, Math.round(cents)));
            final AddResult result = builder.add(
                obligationId(i + 1), firmId(firmIds, debtor), firmId(firmIds, creditor), amount);
            if (result != AddResult.ACCEPTED)
            {
                throw new IllegalStateException("generated obligation refused: " + result.reason());
            }
        }
        return builder.build();
    }

    private static int drawSupplier(final SplittableRandom random, final FirmPopulation population, final int buyer)
    {
        final int sector = population.sector[buyer];
        final double kind = random.nextDouble();
        if (kind >= SUPPLY_CHAIN_SHARE)
        {
            final int otherSector = kind < SUPPLY_CHAIN_SHARE + SAME_SECTOR_SHARE ?
                sector : random.nextInt(population.sectorCount);
            final int supplier = population.sellersBySector[otherSector].draw(random);
            if (supplier != buyer)
            {
                return supplier;
            }
        }
        // Upstream on the ring: always another sector, hence another firm (there are at least two sectors).
        final int upstream = sector == 0 ? population.sectorCount - 1 : sector - 1;
        return population.sellersBySector[upstream].draw(random);
    }

    private static String firmId(final String[] cache, final int firm)
    {
        String id = cache[firm];
        if (id == null)
        {
            id = padded("F", firm, 6);
            cache[firm] = id;
        }
        return id;
    }

    static String obligationId(final int number)
    {
        return padded("INV-", number, 7);
    }

    private static String padded(final String prefix, final int number, final int width)
    {
        final String digits = Integer.toString(number);
        final StringBuilder id = new StringBuilder(prefix.length() + Math.max(width, digits.length())).append(prefix);
        for (int i = digits.length(); i < width; i++)
        {
            id.append('0');
        }
        return id.append(digits).toString();
    }
}
