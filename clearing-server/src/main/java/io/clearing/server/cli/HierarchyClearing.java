package io.clearing.server.cli;

import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.csv.CommunityCsvReader;
import io.clearing.core.csv.CsvFormatException;
import io.clearing.core.csv.HierarchySetOffCsvWriter;
import io.clearing.core.csv.ObligationCsvReader;
import io.clearing.core.csv.PolicyCsvReader;
import io.clearing.core.policy.ClearingPolicy;
import io.clearing.core.policy.ExclusionReason;
import io.clearing.core.policy.HierarchicalClearing;
import io.clearing.core.policy.PolicyHierarchyResult;
import io.clearing.core.policy.HierarchyResult;
import io.clearing.core.spi.ProgressListener;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * {@code clear --hierarchy}: reads the obligations and where every participant sits (community, region), clears
 * level by level with {@link HierarchicalClearing} (every level's run certified on its sub-network, the sum checked
 * to be a clearing of the whole network), writes the notices with the part set off at each level, and prints the
 * cleared amount per level beside the flat optimum. Everything is read and checked before anything is written.
 */
final class HierarchyClearing
{
    private static final int COMMUNITY = 0;
    private static final int REGION = 1;
    private static final int TOP = 2;

    private HierarchyClearing()
    {
    }

    static int run(
        final Path input, final Path communitiesFile, final Path out, final Path summaryJson, final int scale,
        final PrintWriter stdout) throws IOException, CsvFormatException
    {
        final long startNs = System.nanoTime();
        final ObligationNetwork network = new ObligationCsvReader(scale, ProgressListener.NONE).read(input);
        final CommunityCsvReader.Communities communities = CommunityCsvReader.read(communitiesFile, network);
        final HierarchyResult result = new HierarchicalClearing().solve(network, communities.groupsPerLevel());
        HierarchySetOffCsvWriter.write(out, result, scale);
        final long totalNs = System.nanoTime() - startNs;
        print(stdout, input, communitiesFile, communities, result, scale, totalNs);
        if (summaryJson != null)
        {
            writeJson(summaryJson, input, communitiesFile, communities, result, scale);
        }
        return ClearingCli.OK;
    }

    /**
     * {@code clear --hierarchy --policy}: every level clears under the policy ({@link HierarchicalClearing#solve(
     * ClearingPolicy, int[][])}); the summary shows per unit the levels beside the flat policy run.
     */
    static int runWithPolicy(
        final Path input, final Path communitiesFile, final Path policyFile, final Path out, final Path summaryJson,
        final int scale, final PrintWriter stdout) throws IOException, CsvFormatException
    {
        final long startNs = System.nanoTime();
        final ObligationNetwork network = new ObligationCsvReader(scale, ProgressListener.NONE).read(input);
        final CommunityCsvReader.Communities communities = CommunityCsvReader.read(communitiesFile, network);
        final ClearingPolicy policy = new PolicyCsvReader(scale).read(policyFile, input, network);
        final PolicyHierarchyResult result;
        try
        {
            result = new HierarchicalClearing().solve(policy, communities.groupsPerLevel());
        }
        catch (final ArithmeticException ex)
        {
            throw CliException.badInput(policyFile + ": the policy's costs or capacities overflow a long: " +
                ex.getMessage());
        }
        HierarchySetOffCsvWriter.write(out, result, scale);
        printWithPolicy(stdout, input, communitiesFile, policyFile, communities, result, scale,
            System.nanoTime() - startNs);
        if (summaryJson != null)
        {
            writeJson(summaryJson, input, communitiesFile, policyFile, communities, result, scale);
        }
        return ClearingCli.OK;
    }

    private static void printWithPolicy(
        final PrintWriter stdout, final Path input, final Path communitiesFile, final Path policyFile,
        final CommunityCsvReader.Communities communities, final PolicyHierarchyResult result, final int scale,
        final long totalNs)
    {
        final ObligationNetwork network = result.network();
        final ClearingPolicy policy = result.policy();
        SummaryText.line(stdout, "input", input.toString());
        SummaryText.line(stdout, "policy", policyFile.toString());
        SummaryText.line(stdout, "hierarchy", communitiesFile + ": " + communities.communityNames().size() + " communities in " +
            communities.regionNames().size() + " regions");
        int eligible = 0;
        for (int i = 0; i < network.obligationCount(); i++)
        {
            eligible += result.exclusion(i) == ExclusionReason.NONE ? 1 : 0;
        }
        SummaryText.line(stdout, "obligations", network.obligationCount() + " (" + eligible + " eligible)");
        SummaryText.line(stdout, "participants", Integer.toString(network.participantCount()));
        for (int u = 0; u < policy.unitCount(); u++)
        {
            long debt = 0;
            for (int i = 0; i < network.obligationCount(); i++)
            {
                debt += policy.unit(i) == u ? network.amountMinor(i) : 0;
            }
            if (debt == 0)
            {
                continue;
            }
            SummaryText.line(stdout, "unit " + (policy.unitName(u).isEmpty() ? "(default)" : policy.unitName(u)),
                "debt " + Formats.money(debt, scale) +
                ", by community " + Formats.money(result.clearedMinor(COMMUNITY, u), scale) +
                ", by region " + Formats.money(result.clearedMinor(REGION, u), scale) +
                ", at the top " + Formats.money(result.clearedMinor(TOP, u), scale) +
                ", cleared " + Formats.money(result.clearedMinor(u), scale) +
                " (" + Formats.percent(result.clearedMinor(u), debt) + " %)" +
                ", flat " + Formats.money(result.flat().clearedMinor(u), scale) +
                ", cost of hierarchy " + Formats.money(result.shortfallMinor(u), scale));
        }
        for (int c = 0; c < policy.liquidityCommitments(); c++)
        {
            SummaryText.line(stdout, "liquidity", network.participantId(policy.liquidityParticipant(c)) + " used " +
                Formats.money(result.liquidityUsedMinor(c), scale) + " of " +
                Formats.money(policy.liquidityAmountMinor(c), scale) + " " + policy.unitName(policy.liquidityUnit(c)) +
                " (flat " + Formats.money(result.flat().liquidityUsedMinor(c), scale) + ")");
        }
        SummaryText.line(stdout, "verified", "every level's certificate checked (policy run per level), and the flat run's");
        SummaryText.line(stdout, "time ms", Formats.millis(totalNs));
        stdout.flush();
    }

    private static void writeJson(
        final Path target, final Path input, final Path communitiesFile, final Path policyFile,
        final CommunityCsvReader.Communities communities, final PolicyHierarchyResult result, final int scale)
        throws IOException
    {
        final ClearingPolicy policy = result.policy();
        final ObligationNetwork network = result.network();
        SummaryJson.writeAtomically(target, json ->
        {
            json.writeStartObject();
            json.writeStringField("input", input.toString());
            json.writeStringField("policy", policyFile.toString());
            json.writeStringField("hierarchy", communitiesFile.toString());
            json.writeNumberField("communities", communities.communityNames().size());
            json.writeNumberField("regions", communities.regionNames().size());
            json.writeNumberField("obligations", network.obligationCount());
            json.writeArrayFieldStart("units");
            for (int u = 0; u < policy.unitCount(); u++)
            {
                long debt = 0;
                for (int i = 0; i < network.obligationCount(); i++)
                {
                    debt += policy.unit(i) == u ? network.amountMinor(i) : 0;
                }
                if (debt > 0)
                {
                    json.writeStartObject();
                    json.writeStringField("unit", policy.unitName(u));
                    SummaryJson.money(json, "total_debt", debt, scale);
                    SummaryJson.money(json, "cleared_by_community", result.clearedMinor(COMMUNITY, u), scale);
                    SummaryJson.money(json, "cleared_by_region", result.clearedMinor(REGION, u), scale);
                    SummaryJson.money(json, "cleared_at_top", result.clearedMinor(TOP, u), scale);
                    SummaryJson.money(json, "cleared", result.clearedMinor(u), scale);
                    SummaryJson.money(json, "flat_optimum", result.flat().clearedMinor(u), scale);
                    SummaryJson.money(json, "cost_of_hierarchy", result.shortfallMinor(u), scale);
                    json.writeEndObject();
                }
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private static void print(
        final PrintWriter out, final Path input, final Path communitiesFile,
        final CommunityCsvReader.Communities communities, final HierarchyResult result, final int scale,
        final long totalNs)
    {
        final ObligationNetwork network = result.network();
        final long debt = network.totalDebtMinor();
        SummaryText.line(out, "input", input.toString());
        SummaryText.line(out, "hierarchy", communitiesFile + ": " + communities.communityNames().size() + " communities in " +
            communities.regionNames().size() + " regions");
        SummaryText.line(out, "obligations", Integer.toString(network.obligationCount()));
        SummaryText.line(out, "participants", Integer.toString(network.participantCount()));
        SummaryText.line(out, "total debt", Formats.money(debt, scale));
        SummaryText.line(out, "by community", Formats.money(result.clearedMinor(COMMUNITY), scale) +
            "  (cycles inside one community)");
        SummaryText.line(out, "by region", Formats.money(result.clearedMinor(REGION), scale) +
            "  (what remained, inside one region)");
        SummaryText.line(out, "at the top", Formats.money(result.clearedMinor(TOP), scale) + "  (what remained, all regions)");
        SummaryText.line(out, "cleared", Formats.money(result.clearedMinor(), scale) + "  (" +
            Formats.percent(result.clearedMinor(), debt) + " % of debt)");
        SummaryText.line(out, "flat optimum", Formats.money(result.flatClearedMinor(), scale) + "  (" +
            Formats.percent(result.flatClearedMinor(), debt) + " % of debt, everything cleared in one run)");
        SummaryText.line(out, "cost of hierarchy", Formats.money(result.shortfallMinor(), scale) + "  (" +
            Formats.percent(result.shortfallMinor(), result.flatClearedMinor()) + " % of the flat optimum)");
        SummaryText.line(out, "remainder", Formats.money(debt - result.clearedMinor(), scale));
        SummaryText.line(out, "verified", "every level's certificate checked; the sum is a clearing of the whole network");
        SummaryText.line(out, "time ms", Formats.millis(totalNs));
        out.flush();
    }

    private static void writeJson(
        final Path target, final Path input, final Path communitiesFile,
        final CommunityCsvReader.Communities communities, final HierarchyResult result, final int scale)
        throws IOException
    {
        SummaryJson.writeAtomically(target, json ->
        {
            json.writeStartObject();
            json.writeStringField("input", input.toString());
            json.writeStringField("hierarchy", communitiesFile.toString());
            json.writeNumberField("communities", communities.communityNames().size());
            json.writeNumberField("regions", communities.regionNames().size());
            json.writeNumberField("obligations", result.network().obligationCount());
            json.writeNumberField("participants", result.network().participantCount());
            SummaryJson.money(json, "total_debt", result.network().totalDebtMinor(), scale);
            SummaryJson.money(json, "cleared_by_community", result.clearedMinor(COMMUNITY), scale);
            SummaryJson.money(json, "cleared_by_region", result.clearedMinor(REGION), scale);
            SummaryJson.money(json, "cleared_at_top", result.clearedMinor(TOP), scale);
            SummaryJson.money(json, "cleared", result.clearedMinor(), scale);
            SummaryJson.money(json, "flat_optimum", result.flatClearedMinor(), scale);
            SummaryJson.money(json, "cost_of_hierarchy", result.shortfallMinor(), scale);
            json.writeEndObject();
        });
    }
}
