package io.clearing.server.cli;

import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.csv.CommunityCsvReader;
import io.clearing.core.csv.CsvFormatException;
import io.clearing.core.csv.NovatedSetOffCsvWriter;
import io.clearing.core.csv.ObligationCsvReader;
import io.clearing.core.policy.HierarchicalClearing;
import io.clearing.core.policy.HierarchyResult;
import io.clearing.core.policy.NovatedHierarchyResult;
import io.clearing.core.spi.ProgressListener;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code clear --hierarchy --novated}: clears by novation through community and region accounts
 * ({@link HierarchicalClearing#solveNovated}), writes per obligation the discharge of the debtor's and of the
 * creditor's side and whom the rest is owed to / by, optionally the legs between accounts, and prints the
 * firm-facing figures beside clearing flat and level by level, and every account's exposure after the run.
 * Everything is read and checked before anything is written.
 */
final class NovatedHierarchyClearing
{
    private static final List<String> LEVEL_NAMES = List.of("community", "region");
    private static final String[] STAGE_NAMES = {"", "stage 1 (regions)", "stage 2 (top)"};
    private static final String[] STAGE_ACCOUNTS = {"", "community accounts", "region accounts"};

    private NovatedHierarchyClearing()
    {
    }

    static int run(
        final Path input, final Path communitiesFile, final Path out, final Path accounts, final Path summaryJson,
        final int scale, final PrintWriter stdout) throws IOException, CsvFormatException
    {
        final long startNs = System.nanoTime();
        final ObligationNetwork network = new ObligationCsvReader(scale, ProgressListener.NONE).read(input);
        final CommunityCsvReader.Communities communities = CommunityCsvReader.read(communitiesFile, network);
        final HierarchicalClearing hierarchy = new HierarchicalClearing();
        final NovatedHierarchyResult result;
        try
        {
            result = hierarchy.solveNovated(network, communities.groupsPerLevel());
        }
        catch (final ArithmeticException ex)
        {
            throw CliException.badInput(input + ": " + ex.getMessage());
        }
        final HierarchyResult levelByLevel = hierarchy.solve(network, communities.groupsPerLevel(),
            result.flatClearedMinor());
        final List<List<String>> names = List.of(communities.communityNames(), communities.regionNames());
        NovatedSetOffCsvWriter.writeNotices(out, result, names, LEVEL_NAMES, scale);
        if (accounts != null)
        {
            NovatedSetOffCsvWriter.writeAccounts(accounts, result, names, LEVEL_NAMES, scale);
        }
        final Figures figures = Figures.of(result, levelByLevel);
        print(stdout, input, communitiesFile, communities, result, figures, names, scale, System.nanoTime() - startNs);
        if (summaryJson != null)
        {
            writeJson(summaryJson, input, communitiesFile, result, figures, names, scale);
        }
        return ClearingCli.OK;
    }

    /**
     * The firm-facing figures of a run: per side what was discharged and to whom the rest is owed.
     */
    private record Figures(
        int inside, long debtsDischarged, long claimsDischarged, long debtsLeftToFirms, long debtsLeftToAccounts,
        long claimsLeftOnFirms, long claimsLeftOnAccounts, long levelByLevel)
    {
        static Figures of(final NovatedHierarchyResult result, final HierarchyResult levelByLevel)
        {
            final ObligationNetwork network = result.network();
            int inside = 0;
            long debtsLeftToFirms = 0;
            long debtsLeftToAccounts = 0;
            long claimsLeftOnFirms = 0;
            long claimsLeftOnAccounts = 0;
            for (int i = 0; i < network.obligationCount(); i++)
            {
                final long debtLeft = network.amountMinor(i) - result.debtorDischargedMinor(i);
                final long claimLeft = network.amountMinor(i) - result.creditorDischargedMinor(i);
                if (result.isInsideCommunity(i))
                {
                    inside++;
                    debtsLeftToFirms += debtLeft;
                    claimsLeftOnFirms += claimLeft;
                }
                else
                {
                    debtsLeftToAccounts += debtLeft;
                    claimsLeftOnAccounts += claimLeft;
                }
            }
            return new Figures(inside, result.firmDebtDischargedMinor(), result.firmClaimsDischargedMinor(),
                debtsLeftToFirms, debtsLeftToAccounts, claimsLeftOnFirms, claimsLeftOnAccounts,
                levelByLevel.clearedMinor());
        }
    }

    private static void print(
        final PrintWriter out, final Path input, final Path communitiesFile,
        final CommunityCsvReader.Communities communities, final NovatedHierarchyResult result, final Figures figures,
        final List<List<String>> names, final int scale, final long totalNs)
    {
        final ObligationNetwork network = result.network();
        final long debt = network.totalDebtMinor();
        final long sides = Math.multiplyExact(2, debt);
        SummaryText.line(out, "input", input.toString());
        SummaryText.line(out, "hierarchy", communitiesFile + ": " + communities.communityNames().size() + " communities in " +
            communities.regionNames().size() + " regions, novated through their accounts");
        SummaryText.line(out, "obligations", network.obligationCount() + " (" + figures.inside() + " inside one community, " +
            (network.obligationCount() - figures.inside()) + " between communities)");
        SummaryText.line(out, "participants", Integer.toString(network.participantCount()));
        SummaryText.line(out, "total debt", Formats.money(debt, scale));
        SummaryText.line(out, "firm debts", Formats.money(figures.debtsDischarged(), scale) + " discharged (" +
            Formats.percent(figures.debtsDischarged(), debt) + " %); left " +
            Formats.money(figures.debtsLeftToFirms(), scale) + " owed to firms, " +
            Formats.money(figures.debtsLeftToAccounts(), scale) + " to community accounts");
        SummaryText.line(out, "firm claims", Formats.money(figures.claimsDischarged(), scale) + " discharged (" +
            Formats.percent(figures.claimsDischarged(), debt) + " %); left " +
            Formats.money(figures.claimsLeftOnFirms(), scale) + " owed by firms, " +
            Formats.money(figures.claimsLeftOnAccounts(), scale) + " by community accounts");
        final long novatedSides = result.firmSidesDischargedMinor();
        SummaryText.line(out, "firm sides", Formats.money(novatedSides, scale) + " of " + Formats.money(sides, scale) + " (" +
            Formats.percent(novatedSides, sides) + " %)  (debts + claims discharged)");
        final long flatSides = Math.multiplyExact(2, result.flatClearedMinor());
        SummaryText.line(out, "flat", Formats.money(result.flatClearedMinor(), scale) + " set off = " +
            Formats.money(flatSides, scale) + " sides (" + Formats.percent(flatSides, sides) + " %)");
        final long levelSides = Math.multiplyExact(2, figures.levelByLevel());
        SummaryText.line(out, "level by level", Formats.money(figures.levelByLevel(), scale) + " set off = " +
            Formats.money(levelSides, scale) + " sides (" + Formats.percent(levelSides, sides) + " %)");
        SummaryText.line(out, "novated vs flat", (novatedSides >= flatSides ? "+" : "") +
            Formats.money(novatedSides - flatSides, scale) + " sides (" +
            Formats.percent(novatedSides - flatSides, flatSides) + " % of flat)");
        for (int stage = 1; stage <= result.levels(); stage++)
        {
            final long between = result.accountDebtMinor(stage);
            final long netted = result.accountNettedMinor(stage);
            final long cleared = result.accountClearedMinor(stage);
            SummaryText.line(out, STAGE_NAMES[stage], "between " + STAGE_ACCOUNTS[stage] + " " + Formats.money(between, scale) +
                ", netted per pair " + Formats.money(netted, scale) + ", cleared " + Formats.money(cleared, scale) +
                ", left " + Formats.money(between - netted - cleared, scale));
        }
        for (int level = 0; level < result.levels(); level++)
        {
            for (int g = 0; g < result.groupCount(level); g++)
            {
                final int node = result.accountNode(level, g);
                SummaryText.line(out, "account", NovatedSetOffCsvWriter.accountName(result, node, names, LEVEL_NAMES) +
                    ": receivable " + Formats.money(result.receivableAfterMinor(node), scale) + ", payable " +
                    Formats.money(result.payableAfterMinor(node), scale));
            }
        }
        SummaryText.line(out, "verified", "every stage's certificate, conservation at every firm and account, bounds on every leg");
        SummaryText.line(out, "time ms", Formats.millis(totalNs));
        out.flush();
    }

    private static void writeJson(
        final Path target, final Path input, final Path communitiesFile, final NovatedHierarchyResult result,
        final Figures figures, final List<List<String>> names, final int scale) throws IOException
    {
        final ObligationNetwork network = result.network();
        SummaryJson.writeAtomically(target, json ->
        {
            json.writeStartObject();
            json.writeStringField("input", input.toString());
            json.writeStringField("hierarchy", communitiesFile.toString());
            json.writeStringField("mode", "novated");
            json.writeNumberField("obligations", network.obligationCount());
            json.writeNumberField("obligations_inside_communities", figures.inside());
            json.writeNumberField("participants", network.participantCount());
            SummaryJson.money(json, "total_debt", network.totalDebtMinor(), scale);
            SummaryJson.money(json, "firm_debts_discharged", figures.debtsDischarged(), scale);
            SummaryJson.money(json, "firm_claims_discharged", figures.claimsDischarged(), scale);
            SummaryJson.money(json, "firm_sides_discharged", result.firmSidesDischargedMinor(), scale);
            SummaryJson.money(json, "debts_left_to_community_accounts", figures.debtsLeftToAccounts(), scale);
            SummaryJson.money(json, "claims_left_on_community_accounts", figures.claimsLeftOnAccounts(), scale);
            SummaryJson.money(json, "flat_optimum", result.flatClearedMinor(), scale);
            SummaryJson.money(json, "level_by_level", figures.levelByLevel(), scale);
            json.writeArrayFieldStart("stages");
            for (int stage = 1; stage <= result.levels(); stage++)
            {
                json.writeStartObject();
                json.writeNumberField("stage", stage);
                SummaryJson.money(json, "debt_between_accounts", result.accountDebtMinor(stage), scale);
                SummaryJson.money(json, "netted", result.accountNettedMinor(stage), scale);
                SummaryJson.money(json, "cleared", result.accountClearedMinor(stage), scale);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("accounts");
            for (int level = 0; level < result.levels(); level++)
            {
                for (int g = 0; g < result.groupCount(level); g++)
                {
                    final int node = result.accountNode(level, g);
                    json.writeStartObject();
                    json.writeStringField("account",
                        NovatedSetOffCsvWriter.accountName(result, node, names, LEVEL_NAMES));
                    SummaryJson.money(json, "receivable", result.receivableAfterMinor(node), scale);
                    SummaryJson.money(json, "payable", result.payableAfterMinor(node), scale);
                    json.writeEndObject();
                }
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }
}
