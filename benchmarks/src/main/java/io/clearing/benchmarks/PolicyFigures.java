package io.clearing.benchmarks;

import io.clearing.core.api.AddResult;
import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.generate.DeepCycleNetworkGenerator;
import io.clearing.core.policy.ClearingPolicy;
import io.clearing.core.policy.HierarchicalClearing;
import io.clearing.core.policy.HierarchyResult;
import io.clearing.core.policy.NovatedHierarchyResult;
import io.clearing.core.policy.PolicyResult;
import io.clearing.core.policy.PolicySolver;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Prints the figures of docs/policies.md, computed on seeded deep-cycle networks (every figure is exact and
 * deterministic; no timing):
 * <ol>
 * <li>extra debt cleared by liquidity sources: every firm commits a share of what it owes as money; cleared with
 * and without the commitments, their ratio, and the money used;</li>
 * <li>the cost of clearing by community, region and top level against clearing flat, for several shares of
 * trade between communities, and beside it clearing by novation through community and region accounts: the
 * firm-facing sides it discharges against flat's, and what the accounts carry afterwards.</li>
 * </ol>
 * <pre>
 * PolicyFigures [SEEDS [FIRMS [OBLIGATIONS]]]     (defaults 5 2000 20000)
 * </pre>
 */
public final class PolicyFigures
{
    private static final double[] LIQUIDITY_SHARES = {0.01, 0.05, 0.10, 0.20};
    private static final double[] CROSS_SHARES = {0.05, 0.20, 0.50};
    private static final int COMMUNITIES = 8;

    private PolicyFigures()
    {
    }

    public static void main(final String[] args)
    {
        final int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        final int firms = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        final int obligations = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        System.out.printf(Locale.ROOT, "# deep-cycle networks: %d firms, %d obligations, seeds 1..%d%n",
            firms, obligations, seeds);
        liquidity(seeds, firms, obligations);
        hierarchy(seeds, firms, obligations);
    }

    private static void liquidity(final int seeds, final int firms, final int obligations)
    {
        System.out.println();
        System.out.println("## liquidity sources: every firm commits money = share x what it owes");
        System.out.println("share\tseed\tdebt\tcleared_without\tcleared_with\tratio\tmoney_used\tmoney_used_%_of_debt");
        final PolicySolver solver = new PolicySolver();
        for (final double share : LIQUIDITY_SHARES)
        {
            final double[] ratios = new double[seeds];
            for (int s = 1; s <= seeds; s++)
            {
                final ObligationNetwork network = new DeepCycleNetworkGenerator(s, firms, obligations).generate();
                final long[] owes = new long[network.participantCount()];
                for (int i = 0; i < network.obligationCount(); i++)
                {
                    owes[network.debtor(i)] += network.amountMinor(i);
                }
                final ClearingPolicy.Builder builder = ClearingPolicy.builder(network);
                for (int p = 0; p < owes.length; p++)
                {
                    final long money = (long)(owes[p] * share);
                    if (money > 0)
                    {
                        builder.liquidity(p, ClearingPolicy.DEFAULT_UNIT, money);
                    }
                }
                final ClearingPolicy policy = builder.build();
                final PolicyResult result = solver.solve(policy);
                long used = 0;
                for (int c = 0; c < policy.liquidityCommitments(); c++)
                {
                    used += result.liquidityUsedMinor(c);
                }
                final long without = result.clearedWithoutLiquidityMinor(0);
                final long with = result.clearedMinor(0);
                ratios[s - 1] = (double)with / without;
                System.out.printf(Locale.ROOT, "%.2f\t%d\t%d\t%d\t%d\t%.3f\t%d\t%.2f%n", share, s,
                    network.totalDebtMinor(), without, with, ratios[s - 1], used,
                    100.0 * used / network.totalDebtMinor());
            }
            System.out.printf(Locale.ROOT, "%.2f\tmedian\t\t\t\t%.3f%n", share, median(ratios));
        }
    }

    private static void hierarchy(final int seeds, final int firms, final int obligations)
    {
        System.out.println();
        System.out.printf(Locale.ROOT, "## hierarchy: %d communities of %d firms, regions of 2 communities; a share of " +
            "each community's invoices goes to a firm of another community%n", COMMUNITIES, firms / COMMUNITIES);
        System.out.println("# level by level: set-off of each level; novated: firm sides discharged (debts + claims; " +
            "flat discharges 2 x its set-off), legs between accounts netted per pair / cleared after netting, and " +
            "what the accounts carry afterwards (sum of their receivables = sum of their payables)");
        System.out.println("cross_share\tseed\tdebt\tflat\tcommunity\tregion\ttop\thierarchical\tshortfall_%_of_flat" +
            "\tnovated_sides\tnovated_gain_%_of_flat_sides\tinside_communities\tbetween_accounts\tnetted\t" +
            "cleared_after_netting\tnetted_%_of_between\tcommunity_accounts_carry\tregion_accounts_carry\tcarried_%_of_debt" +
            "\tcarried_per_unit_gained");
        final HierarchicalClearing hierarchy = new HierarchicalClearing();
        for (final double crossShare : CROSS_SHARES)
        {
            final double[] shortfalls = new double[seeds];
            final double[] gains = new double[seeds];
            final double[] carried = new double[seeds];
            final double[] nettedShares = new double[seeds];
            final double[] carriedPerGain = new double[seeds];
            for (int s = 1; s <= seeds; s++)
            {
                final int[][] groups = new int[2][];
                final ObligationNetwork network = communities(s, firms / COMMUNITIES, obligations / COMMUNITIES,
                    crossShare, groups);
                final HierarchyResult result = hierarchy.solve(network, groups);
                final NovatedHierarchyResult novated = hierarchy.solveNovated(network, groups);
                shortfalls[s - 1] = 100.0 * result.shortfallMinor() / result.flatClearedMinor();
                final long flatSides = 2 * result.flatClearedMinor();
                gains[s - 1] = 100.0 * (novated.firmSidesDischargedMinor() - flatSides) / flatSides;
                final long[] carry = new long[2];
                for (int level = 0; level < 2; level++)
                {
                    for (int g = 0; g < novated.groupCount(level); g++)
                    {
                        carry[level] += novated.receivableAfterMinor(novated.accountNode(level, g));
                    }
                }
                carried[s - 1] = 100.0 * (carry[0] + carry[1]) / network.totalDebtMinor();
                final long between = novated.accountDebtMinor(1) + novated.accountDebtMinor(2);
                final long netted = novated.accountNettedMinor(1) + novated.accountNettedMinor(2);
                final long cleared = novated.accountClearedMinor(1) + novated.accountClearedMinor(2);
                nettedShares[s - 1] = 100.0 * netted / between;
                final long gainedDebt = novated.firmDebtDischargedMinor() - result.flatClearedMinor();
                carriedPerGain[s - 1] = (double)(carry[0] + carry[1]) / gainedDebt;
                System.out.printf(Locale.ROOT, "%.2f\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%.3f\t%d\t%.3f\t%d\t%d\t%d\t%d\t%.3f" +
                    "\t%d\t%d\t%.3f\t%.3f%n",
                    crossShare, s, network.totalDebtMinor(), result.flatClearedMinor(), result.clearedMinor(0),
                    result.clearedMinor(1), result.clearedMinor(2), result.clearedMinor(), shortfalls[s - 1],
                    novated.firmSidesDischargedMinor(), gains[s - 1], novated.insideCommunitiesClearedMinor(), between,
                    netted, cleared, nettedShares[s - 1], carry[0], carry[1], carried[s - 1], carriedPerGain[s - 1]);
            }
            System.out.printf(Locale.ROOT, "%.2f\tmedian\t\t\t\t\t\t\t%.3f\t\t%.3f\t\t\t\t\t%.3f\t\t\t%.3f\t%.3f%n",
                crossShare, median(shortfalls), median(gains), median(nettedShares), median(carried),
                median(carriedPerGain));
        }
    }

    /**
     * One deep-cycle network per community (firm ids prefixed with the community); each invoice goes with the given
     * probability to the same-numbered firm of another community instead (same place in the supply chain).
     */
    private static ObligationNetwork communities(
        final long seed, final int firms, final int obligations, final double crossShare, final int[][] groups)
    {
        final SplittableRandom random = new SplittableRandom(seed * 1_000_003L);
        final ObligationNetwork.Builder builder = ObligationNetwork.builder(obligations * COMMUNITIES);
        final int[] community = new int[firms * COMMUNITIES];
        for (int c = 0; c < COMMUNITIES; c++)
        {
            for (int f = 0; f < firms; f++)
            {
                community[builder.participant("C" + c + "-F" + f)] = c;
            }
        }
        for (int c = 0; c < COMMUNITIES; c++)
        {
            final ObligationNetwork local = new DeepCycleNetworkGenerator(seed * 100 + c, firms, obligations).generate();
            for (int i = 0; i < local.obligationCount(); i++)
            {
                final int creditorCommunity = random.nextDouble() < crossShare ?
                    (c + 1 + random.nextInt(COMMUNITIES - 1)) % COMMUNITIES : c;
                final String debtor = "C" + c + "-F" + firmNumber(local.participantId(local.debtor(i)));
                final String creditor = "C" + creditorCommunity + "-F" + firmNumber(local.participantId(local.creditor(i)));
                final AddResult added = builder.add(debtor, creditor, local.amountMinor(i));
                if (added != AddResult.ACCEPTED)
                {
                    throw new IllegalStateException("generated obligation refused: " + added);
                }
            }
        }
        groups[0] = community;
        groups[1] = Arrays.stream(community).map(c -> c / 2).toArray();
        return builder.build();
    }

    private static int firmNumber(final String firmId)
    {
        return Integer.parseInt(firmId.substring(1));
    }

    private static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
