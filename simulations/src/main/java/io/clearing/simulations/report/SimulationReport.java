package io.clearing.simulations.report;

import io.clearing.simulations.model.Metric;
import io.clearing.simulations.run.ReplicationResult;
import io.clearing.simulations.run.SimulationResult;
import io.clearing.simulations.run.SummaryMetric;
import io.clearing.simulations.scenario.Parameter;
import io.clearing.simulations.scenario.Parameters;
import io.clearing.simulations.scenario.Scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Writes every output of a run into a directory: {@code timeseries.csv} (and {@code timeseries-daily.csv} when the
 * daily series was kept), {@code summary.csv}, {@code scenario.yml}
 * (every parameter and the seed, loadable again), {@code charts/*.png} and {@code report.html}, a self-contained page
 * (charts embedded) with what was run, the summary, the model-versus-fact table and the charts.
 */
public final class SimulationReport
{
    /** The files written into the output directory, besides the charts. */
    public static final List<String> FILES = List.of("timeseries.csv", "summary.csv", "scenario.yml", "report.html");

    private static final Metric[] CHARTED = {Metric.OUTPUT, Metric.CONSUMPTION, Metric.EMPLOYMENT,
        Metric.IDLE_CAPACITY, Metric.CASH_STOCK, Metric.CASH_VELOCITY, Metric.VOUCHER_STOCK, Metric.VOUCHER_VELOCITY,
        Metric.VOUCHER_TURNOVER, Metric.CREDIT_POSITIVE, Metric.CREDIT_TURNOVER, Metric.DEBT_OPEN,
        Metric.DEBT_CLEARED, Metric.CROSS_DEBT_CLEARED, Metric.WAGE_SHORTFALL};

    private SimulationReport()
    {
    }

    /**
     * Writes all outputs.
     *
     * @param result      the run.
     * @param directory   created if needed.
     * @param commandLine how the run was started, for the record.
     * @return the paths written.
     */
    public static List<Path> write(final SimulationResult result, final Path directory, final String commandLine)
        throws IOException
    {
        Files.createDirectories(directory.resolve("charts"));
        final List<Path> written = new ArrayList<>();
        final Path series = directory.resolve("timeseries.csv");
        CsvReports.writeTimeSeries(result, series);
        written.add(series);
        if (result.replications().get(0).daily() != null)
        {
            final Path daily = directory.resolve("timeseries-daily.csv");
            CsvReports.writeDailyTimeSeries(result, daily);
            written.add(daily);
        }
        final Path summary = directory.resolve("summary.csv");
        CsvReports.writeSummary(result, summary);
        written.add(summary);
        final Path scenario = directory.resolve("scenario.yml");
        Files.writeString(scenario, result.scenario().toYaml(header(result, commandLine)), StandardCharsets.UTF_8);
        written.add(scenario);
        final List<String> images = new ArrayList<>();
        for (final Metric metric : CHARTED)
        {
            if (anyNonZero(result, metric))
            {
                final byte[] png = Charts.timeSeries(result, metric);
                final Path file = directory.resolve("charts").resolve(metric.column() + ".png");
                Files.write(file, png);
                written.add(file);
                images.add(image(metric.column() + ": " + metric.description(), png));
            }
        }
        final Path report = directory.resolve("report.html");
        Files.writeString(report, html(result, commandLine, images), StandardCharsets.UTF_8);
        written.add(report);
        return written;
    }

    private static List<String> header(final SimulationResult result, final String commandLine)
    {
        return List.of("Scenario as run: every parameter, with its meaning, range and default.",
            "seed: " + result.seed() + "  replications: " + result.replications().size() +
                "  (replication i uses its own stream, seeded from the seed and i; see summary.csv)",
            "command: " + commandLine,
            "Load it again with: bin/clearing simulate scenario.yml --seed " + result.seed() + " --replications " +
                result.replications().size());
    }

    private static boolean anyNonZero(final SimulationResult result, final Metric metric)
    {
        for (final ReplicationResult replication : result.replications())
        {
            for (final double[] row : replication.series())
            {
                if (row[metric.ordinal()] != 0)
                {
                    return true;
                }
            }
        }
        return false;
    }

    static String image(final String caption, final byte[] png)
    {
        return "<figure style=\"display:inline-block;margin:0\"><img alt=\"" + Html.escape(caption) +
            "\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\"><figcaption>" +
            Html.escape(caption) + "</figcaption></figure>\n";
    }

    private static String html(final SimulationResult result, final String commandLine, final List<String> images)
    {
        final Scenario scenario = result.scenario();
        final StringBuilder out = new StringBuilder(1 << 20);
        out.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Simulation: ")
            .append(Html.escape(scenario.text("name"))).append("</title>").append(Html.STYLE).append("</head><body>\n");
        out.append("<h1>Simulation: ").append(Html.escape(scenario.text("name"))).append("</h1>\n<p>")
            .append(Html.escape(scenario.text("title"))).append("</p>\n");
        out.append("<h2>What was run</h2>\n<table>");
        cell(out, "command", "<code>" + Html.escape(commandLine) + "</code>");
        cell(out, "seed", Long.toString(result.seed()));
        cell(out, "replications", result.replications().size() + " (run on " + result.threads() + " thread(s); " +
            "results do not depend on it)");
        cell(out, "length", scenario.integer("years") + " years of 360 daily steps; series are monthly");
        cell(out, "agent-steps", String.format(Locale.ROOT, "%,d in %.1f s", result.agentSteps(),
            result.elapsedNs() / 1e9));
        out.append("</table>\n");
        validation(out, result);
        summary(out, result);
        out.append("<h2>Monthly series</h2>\n<p>Mean over replications (solid) with its 95 % confidence band " +
            "(dashed, Student t). Amounts in minor units of the national currency.</p>\n");
        images.forEach(out::append);
        parameters(out, scenario);
        out.append("<h2>How to read this</h2>\n<p>The model encodes mechanisms (means of payment, demurrage, " +
            "credit limits, clearing) and reports what they produce; it is not tuned to any figure. The " +
            "model-versus-fact table is pattern-oriented validation: a row outside its band says the mechanism as " +
            "parametrised does not reproduce the fact. Use <code>--sweep</code> to see how results move with the " +
            "driving parameters. The model description (ODD protocol) is docs/simulations.md in the repository; " +
            "the data behind every chart is in timeseries.csv and summary.csv beside this file.</p>\n");
        out.append("</body></html>\n");
        return out.toString();
    }

    private static void validation(final StringBuilder out, final SimulationResult result)
    {
        out.append("<h2>Model vs fact</h2>\n<table><tr><th>pattern</th><th>model</th><th>fact</th><th>band</th>" +
            "<th>status</th><th>source</th><th>note</th></tr>\n");
        for (final Validation.Row row : Validation.rows(result))
        {
            final String css = row.status().startsWith("within") ? "ok" : row.status().startsWith("outside") ?
                "bad" : "na";
            out.append("<tr><td>").append(Html.escape(row.pattern())).append("</td><td>")
                .append(Html.escape(row.model())).append("</td><td>").append(Html.escape(row.fact()))
                .append("</td><td>").append(Html.escape(row.band())).append("</td><td class=\"").append(css)
                .append("\">").append(Html.escape(row.status())).append("</td><td>").append(Html.escape(row.source()))
                .append("</td><td>").append(Html.escape(row.note())).append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    private static void summary(final StringBuilder out, final SimulationResult result)
    {
        out.append("<h2>Summary over replications</h2>\n<table><tr><th>metric</th><th>mean</th><th>95 % CI</th>" +
            "<th>meaning</th></tr>\n");
        for (final SummaryMetric metric : SummaryMetric.values())
        {
            final Statistics.Interval interval = Statistics.of(CsvReports.column(result, metric));
            out.append("<tr><td>").append(metric.column()).append("</td><td>").append(Numbers.human(interval.mean()))
                .append("</td><td>").append(interval.n() == 0 ? "n/a" : Numbers.human(interval.lower()) + " to " +
                Numbers.human(interval.upper())).append("</td><td>").append(Html.escape(metric.description()))
                .append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    private static void parameters(final StringBuilder out, final Scenario scenario)
    {
        out.append("<h2>Parameters</h2>\n<table><tr><th>parameter</th><th>value</th><th>set by</th><th>meaning</th>" +
            "</tr>\n");
        for (final Parameter parameter : Parameters.all().values())
        {
            out.append("<tr><td>").append(parameter.key()).append("</td><td>")
                .append(Html.escape(scenario.text(parameter.key()))).append("</td><td>")
                .append(Html.escape(scenario.origin(parameter.key()))).append("</td><td>")
                .append(Html.escape(parameter.doc())).append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    private static void cell(final StringBuilder out, final String key, final String valueHtml)
    {
        out.append("<tr><th>").append(key).append("</th><td>").append(valueHtml).append("</td></tr>");
    }
}
