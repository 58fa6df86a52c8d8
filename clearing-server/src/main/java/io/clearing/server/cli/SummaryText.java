package io.clearing.server.cli;

import java.io.PrintWriter;

/**
 * The one summary block {@code clear} prints on stdout: one {@code key value} line per figure, aligned for
 * people, plain numbers for scripts (money in major units with the input's scale, no separators).
 */
final class SummaryText
{
    private static final int KEY_WIDTH = 20;

    private SummaryText()
    {
    }

    static void print(final PrintWriter out, final ClearingSummary s)
    {
        final int scale = s.scale();
        line(out, "input", s.input());
        line(out, "obligations", Integer.toString(s.obligations()));
        line(out, "participants", Integer.toString(s.participants()));
        line(out, "total debt", Formats.money(s.totalDebtMinor(), scale));
        line(out, "NID", Formats.money(s.netInternalDebtMinor(), scale) + "  (least debt any clearing can leave)");
        line(out, "cleared", Formats.money(s.clearedMinor(), scale) + "  (" +
            Formats.percent(s.clearedMinor(), s.totalDebtMinor()) + " % of debt, " +
            Formats.percent(s.clearedMinor(), s.clearableBoundMinor()) + " % of TD - NID)");
        line(out, "remainder", Formats.money(s.remainderMinor(), scale));
        line(out, "on cycle", s.onCycleObligations() + " obligations (" +
            Formats.percent(s.onCycleObligations(), s.obligations()) + " %), " +
            Formats.money(s.onCycleDebtMinor(), scale) + " debt (" +
            Formats.percent(s.onCycleDebtMinor(), s.totalDebtMinor()) + " %)");
        line(out, "cyclic components", s.cyclicComponents() + " (largest " + s.largestComponentParticipants() +
            " participants)");
        line(out, "scaling phases", Integer.toString(s.scalingPhases()));
        final ClearingSummary.Timings t = s.timings();
        line(out, "time ms", "read " + Formats.millis(t.readNs()) +
            ", scc " + Formats.millis(t.sccNs()) +
            ", merge " + Formats.millis(t.mergeNs()) +
            ", solve " + Formats.millis(t.solveNs()) +
            ", certify " + Formats.millis(t.certifyNs()) +
            ", split " + Formats.millis(t.splitNs()) +
            ", verify " + Formats.millis(t.verifyNs()) +
            ", write " + Formats.millis(t.writeNs()) +
            ", total " + Formats.millis(t.totalNs()));
        out.flush();
    }

    /**
     * One summary line: the key padded to the value column, as every command's summary prints it.
     */
    static void line(final PrintWriter out, final String key, final String value)
    {
        final StringBuilder line = new StringBuilder(KEY_WIDTH + value.length() + 1).append(key);
        while (line.length() < KEY_WIDTH)
        {
            line.append(' ');
        }
        out.println(line.append(value));
    }
}
