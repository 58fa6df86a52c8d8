package io.clearing.server.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.clearing.core.csv.SetOffCsvWriter;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;

/**
 * Writes the {@code clear} summary as JSON, the same figures as {@link SummaryText}. Money is an exact JSON number
 * in major units with {@code scale} decimals (never a binary floating point value on the way); percentages are
 * rounded to two decimals for display; times are milliseconds.
 * <p>
 * Jackson's streaming generator, not an {@code ObjectMapper}: the mapper's set-up costs about 100 ms more in a
 * fresh JVM, for one small object. The only class of the command line that touches Jackson, so a run without
 * {@code --summary-json} loads none of it.
 */
final class SummaryJson
{
    private SummaryJson()
    {
    }

    /**
     * Writes what {@code body} generates to {@code target} atomically: pretty-printed, decimals in plain notation,
     * a final newline. Shared by every command that writes a {@code --summary-json} file.
     */
    static void writeAtomically(final Path target, final Body body) throws IOException
    {
        SetOffCsvWriter.writeAtomically(target, out ->
        {
            try (JsonGenerator json = new JsonFactory().createGenerator(out))
            {
                json.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
                json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                json.useDefaultPrettyPrinter();
                body.write(json);
            }
            out.write('\n');
        });
    }

    /**
     * Writes a field of minor units as an exact decimal in major units.
     */
    static void money(final JsonGenerator json, final String name, final long minor, final int scale)
        throws IOException
    {
        json.writeNumberField(name, BigDecimal.valueOf(minor, scale));
    }

    /**
     * What goes into a JSON summary file.
     */
    @FunctionalInterface
    interface Body
    {
        void write(JsonGenerator json) throws IOException;
    }

    static void write(final Path target, final ClearingSummary s) throws IOException
    {
        writeAtomically(target, json -> write(json, s));
    }

    private static void write(final JsonGenerator json, final ClearingSummary s) throws IOException
    {
        final int scale = s.scale();
        json.writeStartObject();
        json.writeStringField("input", s.input());
        json.writeNumberField("scale", scale);
        json.writeNumberField("obligations", s.obligations());
        json.writeNumberField("participants", s.participants());
        json.writeNumberField("totalDebt", money(s.totalDebtMinor(), scale));
        json.writeNumberField("netInternalDebt", money(s.netInternalDebtMinor(), scale));
        json.writeNumberField("cleared", money(s.clearedMinor(), scale));
        json.writeNumberField("remainder", money(s.remainderMinor(), scale));
        json.writeNumberField("clearedPercentOfDebt", percent(s.clearedMinor(), s.totalDebtMinor()));
        json.writeNumberField("clearedPercentOfClearableBound", percent(s.clearedMinor(), s.clearableBoundMinor()));
        json.writeNumberField("onCycleObligations", s.onCycleObligations());
        json.writeNumberField("onCycleObligationsPercent", percent(s.onCycleObligations(), s.obligations()));
        json.writeNumberField("onCycleDebt", money(s.onCycleDebtMinor(), scale));
        json.writeNumberField("onCycleDebtPercent", percent(s.onCycleDebtMinor(), s.totalDebtMinor()));
        json.writeNumberField("cyclicComponents", s.cyclicComponents());
        json.writeNumberField("largestComponentParticipants", s.largestComponentParticipants());
        json.writeNumberField("scalingPhases", s.scalingPhases());
        final ClearingSummary.Timings t = s.timings();
        json.writeObjectFieldStart("timingsMs");
        json.writeNumberField("read", millis(t.readNs()));
        json.writeNumberField("scc", millis(t.sccNs()));
        json.writeNumberField("merge", millis(t.mergeNs()));
        json.writeNumberField("solve", millis(t.solveNs()));
        json.writeNumberField("certify", millis(t.certifyNs()));
        json.writeNumberField("split", millis(t.splitNs()));
        json.writeNumberField("verify", millis(t.verifyNs()));
        json.writeNumberField("write", millis(t.writeNs()));
        json.writeNumberField("total", millis(t.totalNs()));
        json.writeEndObject();
        json.writeEndObject();
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
