package io.clearing.server.cli;

import io.clearing.simulations.model.StockFlowViolation;
import io.clearing.simulations.report.SimulationReport;
import io.clearing.simulations.report.SweepReport;
import io.clearing.simulations.report.Validation;
import io.clearing.simulations.run.SimulationResult;
import io.clearing.simulations.run.SimulationRunner;
import io.clearing.simulations.scenario.Scenario;
import io.clearing.simulations.scenario.ScenarioException;
import io.clearing.simulations.scenario.ScenarioLoader;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * {@code clearing simulate}: runs an agent-based scenario of the simulations module (replications in parallel,
 * optionally a sweep of one parameter) and writes its CSVs, charts and HTML report.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    sortOptions = false,
    showDefaultValues = true,
    description = {
        "Runs an agent-based model of a cooperative economy whose debts are cleared by the real solver, and writes " +
            "timeseries.csv, summary.csv, scenario.yml, charts/*.png and report.html into the output directory.",
        "",
        "SCENARIO is a YAML file or the name of a shipped scenario: village, shaymuratovo, worgl, mutual-credit, " +
            "communities. Parameters: docs/simulations.md. The same seed and parameters give the same CSVs, " +
            "whatever the number of threads."})
final class SimulateCommand implements java.util.concurrent.Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "scenario file (.yml) or shipped scenario name")
    private String scenarioArgument;

    @Option(names = "--replications", paramLabel = "N", defaultValue = "10", description = "replications, 1 to 10000")
    private int replications;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed of the run")
    private long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default: simulation-NAME)")
    private Path out;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a parameter (repeatable)",
        showDefaultValue = CommandLine.Help.Visibility.NEVER)
    private List<String> overrides = new ArrayList<>();

    @Option(names = "--sweep", paramLabel = "KEY=A,B,C", description = "run once per value of one parameter, " +
        "each into DIR/KEY=VALUE, with sweep.csv and a sweep report in DIR")
    private String sweep;

    @Option(names = "--threads", paramLabel = "T", description = "worker threads (default: available processors)")
    private Integer threads;

    @Option(names = "--daily", description = "also write timeseries-daily.csv, one row per replication and day " +
        "(costs a pass over the agents per day)")
    private boolean daily;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException
    {
        if (replications < 1 || replications > 10_000)
        {
            throw CliException.badInput("--replications " + replications + ": must be 1 to 10000");
        }
        final int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (threadCount < 1 || threadCount > 1024)
        {
            throw CliException.badInput("--threads " + threadCount + ": must be 1 to 1024");
        }
        final Scenario scenario;
        final List<Scenario> runs = new ArrayList<>();
        final List<String> sweepValues = new ArrayList<>();
        String sweepKey = null;
        try
        {
            scenario = ScenarioLoader.override(ScenarioLoader.load(scenarioArgument), overrides);
            if (sweep != null)
            {
                sweepKey = parseSweep(scenario, runs, sweepValues);
            }
            else
            {
                runs.add(scenario);
            }
        }
        catch (final ScenarioException ex)
        {
            throw CliException.badInput(ex.getMessage());
        }
        final Path directory = out != null ? out : Path.of("simulation-" + scenario.text("name"));
        if (Files.exists(directory) && !Files.isDirectory(directory))
        {
            throw CliException.badInput("--out " + directory + ": not a directory");
        }
        return simulate(runs, sweepKey, sweepValues, directory, threadCount);
    }

    private String parseSweep(final Scenario scenario, final List<Scenario> runs, final List<String> values)
    {
        final int equals = sweep.indexOf('=');
        if (equals <= 0 || equals == sweep.length() - 1)
        {
            throw new ScenarioException("--sweep " + sweep + ": expected KEY=A,B,C");
        }
        final String key = sweep.substring(0, equals).trim();
        for (final String value : sweep.substring(equals + 1).split(","))
        {
            runs.add(scenario.with(key, value.trim(), "--sweep").checkConsistent());
            values.add(value.trim());
        }
        return key;
    }

    private int simulate(final List<Scenario> runs, final String sweepKey, final List<String> sweepValues,
        final Path directory, final int threadCount) throws IOException
    {
        final PrintWriter printer = spec.commandLine().getOut();
        final String commandLine = "bin/clearing " + String.join(" ", spec.commandLine().getParseResult()
            .originalArgs());
        final List<SimulationResult> results = new ArrayList<>();
        final long startNs = System.nanoTime();
        try (ProgressBar bar = progressBar((long)runs.size() * replications))
        {
            final AtomicLong finished = new AtomicLong();
            for (int i = 0; i < runs.size(); i++)
            {
                final long before = finished.get();
                final IntConsumer onDone = done ->
                {
                    if (bar != null)
                    {
                        bar.stepTo(before + done);
                    }
                };
                final SimulationResult result = SimulationRunner.run(runs.get(i), replications, seed, threadCount,
                    daily, onDone);
                finished.addAndGet(replications);
                final Path runDirectory = sweepKey == null ? directory :
                    directory.resolve(SweepReport.directoryName(sweepKey, sweepValues.get(i)));
                SimulationReport.write(result, runDirectory, commandLine);
                results.add(result);
            }
        }
        catch (final StockFlowViolation ex)
        {
            throw new CliException(ClearingCli.FAILURE, "stock-flow violation, run stopped: " + ex.getMessage());
        }
        catch (final ArithmeticException ex)
        {
            // checked money arithmetic: amounts this large do not fit 64-bit minor units
            throw CliException.badInput("amounts overflow 64-bit minor units (" + ex.getMessage() + "): the " +
                "scenario's amounts or population are too large");
        }
        if (sweepKey != null)
        {
            SweepReport.write(sweepKey, sweepValues, results, directory, commandLine);
        }
        report(printer, results, directory, threadCount, System.nanoTime() - startNs);
        return ClearingCli.OK;
    }

    private ProgressBar progressBar(final long total)
    {
        if (!ProgressDisplay.stderrIsTerminal())
        {
            return null;
        }
        return new ProgressBarBuilder().setTaskName("replications").setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
            .setUpdateIntervalMillis(500).build();
    }

    private void report(final PrintWriter printer, final List<SimulationResult> results, final Path directory,
        final int threadCount, final long totalNs)
    {
        long agentSteps = 0;
        long simulationNs = 0;
        for (final SimulationResult result : results)
        {
            agentSteps += result.agentSteps();
            simulationNs += result.elapsedNs();
        }
        final SimulationResult first = results.get(0);
        final double seconds = simulationNs / 1e9;
        printer.println(String.format(Locale.ROOT, "scenario          %s: %s", first.scenario().text("name"),
            first.scenario().text("title")));
        printer.println(String.format(Locale.ROOT, "runs              %d x %d replications, seed %d, %d thread(s)",
            results.size(), replications, seed, threadCount));
        printer.println(String.format(Locale.ROOT, "agent-steps       %,d in %.2f s simulated (%,.0f agent-steps/s); " +
            "%.2f s with the outputs", agentSteps, seconds, agentSteps / Math.max(seconds, 1e-9), totalNs / 1e9));
        if (results.size() == 1)
        {
            for (final Validation.Row row : Validation.rows(first))
            {
                if (!row.status().startsWith("not applicable"))
                {
                    printer.println(String.format(Locale.ROOT, "  %-58s %s  [fact: %s; %s]", row.pattern(),
                        row.model(), row.fact(), row.status()));
                }
            }
        }
        printer.println("report            " + directory.resolve("report.html"));
        printer.flush();
    }
}
