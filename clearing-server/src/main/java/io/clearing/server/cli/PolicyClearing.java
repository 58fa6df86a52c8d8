package io.clearing.server.cli;

import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.csv.CsvFormatException;
import io.clearing.core.csv.ObligationCsvReader;
import io.clearing.core.csv.PolicyCertificateCsv;
import io.clearing.core.csv.PolicyCsvReader;
import io.clearing.core.csv.PolicySetOffCsvWriter;
import io.clearing.core.policy.ClearingPolicy;
import io.clearing.core.policy.ExclusionReason;
import io.clearing.core.policy.PolicyCertificate;
import io.clearing.core.policy.PolicyResult;
import io.clearing.core.policy.PolicySolver;
import io.clearing.core.spi.ProgressListener;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * {@code clear --policy}: reads the obligations and the policy, runs {@link PolicySolver} (which verifies its own
 * certificate), writes the notices with a note per obligation, prints the summary. Everything is read and checked
 * before anything is written. A separate path from the plain {@code clear}, which it leaves untouched.
 */
final class PolicyClearing
{
    private PolicyClearing()
    {
    }

    static int run(
        final Path input, final Path policyFile, final Path out, final Path summaryJson, final int scale,
        final PrintWriter stdout) throws IOException, CsvFormatException
    {
        return run(input, policyFile, out, null, summaryJson, scale, stdout);
    }

    /**
     * @param certificate where to write the certificate of both stages ({@link PolicyCertificateCsv}), or null.
     */
    static int run(
        final Path input, final Path policyFile, final Path out, final Path certificate, final Path summaryJson,
        final int scale, final PrintWriter stdout) throws IOException, CsvFormatException
    {
        final long startNs = System.nanoTime();
        final ObligationNetwork network = new ObligationCsvReader(scale, ProgressListener.NONE).read(input);
        final ClearingPolicy policy = new PolicyCsvReader(scale).read(policyFile, input, network);
        final PolicyResult result;
        try
        {
            result = new PolicySolver().solve(policy);
        }
        catch (final ArithmeticException ex)
        {
            throw CliException.badInput(policyFile + ": the policy's costs or capacities overflow a long: " +
                ex.getMessage());
        }
        PolicySetOffCsvWriter.write(out, result, scale);
        if (certificate != null)
        {
            PolicyCertificateCsv.write(certificate, PolicyCertificate.of(result));
        }
        final long totalNs = System.nanoTime() - startNs;
        print(stdout, input, policyFile, result, scale, totalNs);
        if (summaryJson != null)
        {
            writeJson(summaryJson, input, policyFile, result, scale);
        }
        return ClearingCli.OK;
    }

    private static void print(
        final PrintWriter out, final Path input, final Path policyFile, final PolicyResult result, final int scale,
        final long totalNs)
    {
        final ClearingPolicy policy = result.policy();
        final ObligationNetwork network = result.network();
        final int[] excluded = excludedByReason(result);
        SummaryText.line(out, "input", input.toString());
        SummaryText.line(out, "policy", policyFile.toString());
        SummaryText.line(out, "obligations", network.obligationCount() + " (" + excluded[0] + " eligible)");
        SummaryText.line(out, "participants", Integer.toString(network.participantCount()));
        final StringBuilder reasons = new StringBuilder();
        for (final ExclusionReason reason : ExclusionReason.values())
        {
            if (reason != ExclusionReason.NONE && excluded[reason.ordinal()] > 0)
            {
                reasons.append(reasons.length() == 0 ? "" : ", ").append(reason.reason()).append(' ')
                    .append(excluded[reason.ordinal()]);
            }
        }
        SummaryText.line(out, "excluded", reasons.length() == 0 ? "none" : reasons.toString());
        SummaryText.line(out, "priority", policy.priority().label());
        for (int u = 0; u < policy.unitCount(); u++)
        {
            final long debt = debtIn(result, u);
            if (debt == 0)
            {
                continue;
            }
            final String unit = "unit " + (policy.unitName(u).isEmpty() ? "(default)" : policy.unitName(u));
            SummaryText.line(out, unit, "debt " + Formats.money(debt, scale) + ", cleared " +
                Formats.money(result.clearedMinor(u), scale) + " (" + Formats.percent(result.clearedMinor(u), debt) +
                " %), without liquidity " + Formats.money(result.clearedWithoutLiquidityMinor(u), scale) +
                ", extra by liquidity " + Formats.money(result.extraClearedByLiquidityMinor(u), scale) +
                ", across units " + Formats.money(crossIn(result, u), scale) +
                ", treasury exposure " + Formats.money(result.treasuryExposureMinor(u), scale));
        }
        for (int c = 0; c < policy.liquidityCommitments(); c++)
        {
            SummaryText.line(out, "liquidity", network.participantId(policy.liquidityParticipant(c)) + " used " +
                Formats.money(result.liquidityUsedMinor(c), scale) + " of " +
                Formats.money(policy.liquidityAmountMinor(c), scale) + " " + policy.unitName(policy.liquidityUnit(c)));
        }
        for (int r = 0; r < result.receipts(); r++)
        {
            SummaryText.line(out, "money received", network.participantId(result.receiptParticipant(r)) + " " +
                Formats.money(result.receiptMinor(r), scale) + " " + policy.unitName(result.receiptUnit(r)));
        }
        if (policy.treasury() >= 0)
        {
            SummaryText.line(out, "treasury", network.participantId(policy.treasury()) + ", " + result.conversions() +
                " conversions in whole lots");
        }
        SummaryText.line(out, "verified", "certificate of every stage checked");
        SummaryText.line(out, "time ms", Formats.millis(totalNs));
        out.flush();
    }

    private static void writeJson(
        final Path target, final Path input, final Path policyFile, final PolicyResult result, final int scale)
        throws IOException
    {
        final ClearingPolicy policy = result.policy();
        SummaryJson.writeAtomically(target, json ->
        {
            json.writeStartObject();
            json.writeStringField("input", input.toString());
            json.writeStringField("policy", policyFile.toString());
            json.writeNumberField("obligations", result.network().obligationCount());
            json.writeNumberField("eligible", excludedByReason(result)[0]);
            json.writeArrayFieldStart("units");
            for (int u = 0; u < policy.unitCount(); u++)
            {
                final long debt = debtIn(result, u);
                if (debt > 0)
                {
                    json.writeStartObject();
                    json.writeStringField("unit", policy.unitName(u));
                    SummaryJson.money(json, "total_debt", debt, scale);
                    SummaryJson.money(json, "cleared", result.clearedMinor(u), scale);
                    SummaryJson.money(json, "cleared_without_liquidity", result.clearedWithoutLiquidityMinor(u), scale);
                    SummaryJson.money(json, "extra_cleared_by_liquidity", result.extraClearedByLiquidityMinor(u), scale);
                    SummaryJson.money(json, "cleared_across_units", crossIn(result, u), scale);
                    SummaryJson.money(json, "treasury_exposure", result.treasuryExposureMinor(u), scale);
                    json.writeEndObject();
                }
            }
            json.writeEndArray();
            json.writeArrayFieldStart("liquidity");
            for (int c = 0; c < policy.liquidityCommitments(); c++)
            {
                json.writeStartObject();
                json.writeStringField("participant",
                    result.network().participantId(policy.liquidityParticipant(c)));
                json.writeStringField("unit", policy.unitName(policy.liquidityUnit(c)));
                SummaryJson.money(json, "committed", policy.liquidityAmountMinor(c), scale);
                SummaryJson.money(json, "used", result.liquidityUsedMinor(c), scale);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /**
     * @return counts indexed by {@link ExclusionReason#ordinal()}; index 0 ({@code NONE}) counts eligible ones.
     */
    private static int[] excludedByReason(final PolicyResult result)
    {
        final int[] count = new int[ExclusionReason.values().length];
        for (int i = 0; i < result.network().obligationCount(); i++)
        {
            count[result.exclusion(i).ordinal()]++;
        }
        return count;
    }

    private static long debtIn(final PolicyResult result, final int unit)
    {
        long debt = 0;
        for (int i = 0; i < result.network().obligationCount(); i++)
        {
            if (result.policy().unit(i) == unit)
            {
                debt += result.network().amountMinor(i);
            }
        }
        return debt;
    }

    private static long crossIn(final PolicyResult result, final int unit)
    {
        long cross = 0;
        for (int i = 0; i < result.network().obligationCount(); i++)
        {
            if (result.policy().unit(i) == unit)
            {
                cross += result.crossUnitMinor(i);
            }
        }
        return cross;
    }
}
