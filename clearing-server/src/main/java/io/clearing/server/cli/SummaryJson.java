package io.clearing.server.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clearing.core.csv.SetOffCsvWriter;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;

/**
 * Writes the {@code clear} summary as JSON, the same figures as {@link SummaryText}. Money is an exact JSON number
 * in major units with {@code scale} decimals (never a binary floating point value on the way); percentages are
 * rounded to two decimals for display; times are milliseconds.
 * <p>
 * The only class of the command line that touches Jackson, so a run without {@code --summary-json} loads none of it.
 */
final class SummaryJson
{
    private SummaryJson()
    {
    }

    static void write(final Path target, final ClearingSummary s) throws IOException
    {
        final ObjectMapper mapper = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        final String json = mapper.writeValueAsString(toTree(mapper, s));
        SetOffCsvWriter.writeAtomically(target, out ->
        {
            out.write(json);
            out.write('\n');
        });
    }

    static ObjectNode toTree(final ObjectMapper mapper, final ClearingSummary s)
    {
        final int scale = s.scale();
        final ObjectNode root = mapper.createObjectNode();
        root.put("input", s.input());
        root.put("scale", scale);
        root.put("obligations", s.obligations());
        root.put("participants", s.participants());
        root.put("totalDebt", money(s.totalDebtMinor(), scale));
        root.put("netInternalDebt", money(s.netInternalDebtMinor(), scale));
        root.put("cleared", money(s.clearedMinor(), scale));
        root.put("remainder", money(s.remainderMinor(), scale));
        root.put("clearedPercentOfDebt", percent(s.clearedMinor(), s.totalDebtMinor()));
        root.put("clearedPercentOfClearableBound", percent(s.clearedMinor(), s.clearableBoundMinor()));
        root.put("onCycleObligations", s.onCycleObligations());
        root.put("onCycleObligationsPercent", percent(s.onCycleObligations(), s.obligations()));
        root.put("onCycleDebt", money(s.onCycleDebtMinor(), scale));
        root.put("onCycleDebtPercent", percent(s.onCycleDebtMinor(), s.totalDebtMinor()));
        root.put("cyclicComponents", s.cyclicComponents());
        root.put("largestComponentParticipants", s.largestComponentParticipants());
        final ClearingSummary.Timings t = s.timings();
        final ObjectNode ms = root.putObject("timingsMs");
        ms.put("read", millis(t.readNs()));
        ms.put("scc", millis(t.sccNs()));
        ms.put("merge", millis(t.mergeNs()));
        ms.put("solve", millis(t.solveNs()));
        ms.put("certify", millis(t.certifyNs()));
        ms.put("split", millis(t.splitNs()));
        ms.put("verify", millis(t.verifyNs()));
        ms.put("write", millis(t.writeNs()));
        ms.put("total", millis(t.totalNs()));
        return root;
    }

    private static BigDecimal money(final long minor, final int scale)
    {
        return BigDecimal.valueOf(minor, scale);
    }

    private static BigDecimal percent(final long part, final long whole)
    {
        return new BigDecimal(Formats.percent(part, whole));
    }

    private static BigDecimal millis(final long nanos)
    {
        return new BigDecimal(Formats.millis(nanos));
    }
}
