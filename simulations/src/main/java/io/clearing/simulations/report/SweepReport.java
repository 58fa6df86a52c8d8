package io.clearing.simulations.report;

import io.clearing.simulations.run.SimulationResult;
import io.clearing.simulations.run.SummaryMetric;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The outputs of a parameter sweep: {@code sweep.csv} (each summary metric's mean and 95 % interval per value) and
 * {@code report.html} with a chart per summary metric against the swept value; each value's own run is written
 * with {@link SimulationReport} into a sub-directory {@code KEY=VALUE}.
 */
public final class SweepReport
{
    private SweepReport()
    {
    }

    /**
     * @return the sub-directory name of one value of the sweep.
     */
    public static String directoryName(final String key, final String value)
    {
        return key + "=" + value.replace('/', '_').replace(',', '_');
    }

    /**
     * Writes the sweep's summary files (the per-value runs are written by the caller as they finish).
     */
    public static List<Path> write(final String key, final List<String> values, final List<SimulationResult> results,
        final Path directory, final String commandLine) throws IOException
    {
        Files.createDirectories(directory);
        final List<Path> written = new ArrayList<>();
        final Path csv = directory.resolve("sweep.csv");
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8))
        {
            out.write(key);
            for (final SummaryMetric metric : SummaryMetric.values())
            {
                out.write("," + metric.column() + "," + metric.column() + "_ci_low," + metric.column() + "_ci_high");
            }
            out.write('\n');
            for (int i = 0; i < values.size(); i++)
            {
                out.write(values.get(i));
                for (final SummaryMetric metric : SummaryMetric.values())
                {
                    final Statistics.Interval interval = Statistics.of(CsvReports.column(results.get(i), metric));
                    out.write("," + Numbers.csv(interval.mean()) + "," + Numbers.csv(interval.lower()) + "," +
                        Numbers.csv(interval.upper()));
                }
                out.write('\n');
            }
        }
        written.add(csv);
        final Path html = directory.resolve("report.html");
        Files.writeString(html, html(key, values, results, commandLine), StandardCharsets.UTF_8);
        written.add(html);
        return written;
    }

    private static String html(final String key, final List<String> values, final List<SimulationResult> results,
        final String commandLine) throws IOException
    {
        final StringBuilder out = new StringBuilder(1 << 20);
        out.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sweep of ")
            .append(Html.escape(key)).append("</title>").append(Html.STYLE).append("</head><body>\n<h1>Sweep of ")
            .append(Html.escape(key)).append("</h1>\n<p>Scenario <b>")
            .append(Html.escape(results.get(0).scenario().text("name"))).append("</b>, seed ")
            .append(results.get(0).seed()).append(", ").append(results.get(0).replications().size())
            .append(" replications per value. Command: <code>").append(Html.escape(commandLine))
            .append("</code>. Each value's full report is in its sub-directory:</p>\n<ul>");
        for (final String value : values)
        {
            final String dir = directoryName(key, value);
            out.append("<li><a href=\"").append(Html.escape(dir)).append("/report.html\">").append(Html.escape(dir))
                .append("</a></li>");
        }
        out.append("</ul>\n<h2>Summary metrics against ").append(Html.escape(key)).append("</h2>\n");
        final double[] x = numeric(values);
        for (final SummaryMetric metric : SummaryMetric.values())
        {
            final double[] mean = new double[values.size()];
            final double[] lower = new double[values.size()];
            final double[] upper = new double[values.size()];
            boolean applicable = false;
            for (int i = 0; i < values.size(); i++)
            {
                final Statistics.Interval interval = Statistics.of(CsvReports.column(results.get(i), metric));
                mean[i] = interval.mean();
                lower[i] = interval.lower();
                upper[i] = interval.upper();
                applicable |= interval.n() > 0;
            }
            if (applicable && x != null && allFinite(mean))
            {
                out.append(SimulationReport.image(metric.column() + ": " + metric.description(),
                    Charts.band(metric.column(), key, metric.column(), x, mean, lower, upper)));
            }
        }
        out.append("<p>The data is in sweep.csv.</p></body></html>\n");
        return out.toString();
    }

    private static boolean allFinite(final double[] values)
    {
        for (final double value : values)
        {
            if (!Double.isFinite(value))
            {
                return false;
            }
        }
        return true;
    }

    private static double[] numeric(final List<String> values)
    {
        final double[] x = new double[values.size()];
        for (int i = 0; i < x.length; i++)
        {
            try
            {
                x[i] = Double.parseDouble(values.get(i));
            }
            catch (final NumberFormatException ex)
            {
                return null;
            }
        }
        return x;
    }
}
