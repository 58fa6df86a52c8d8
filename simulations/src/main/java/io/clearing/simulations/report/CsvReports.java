package io.clearing.simulations.report;

import io.clearing.simulations.model.Economy;
import io.clearing.simulations.model.Metric;
import io.clearing.simulations.run.ReplicationResult;
import io.clearing.simulations.run.SimulationResult;
import io.clearing.simulations.run.SummaryMetric;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The CSV outputs: the monthly time series of every replication, and one summary row per replication. Rows are in
 * replication order; the same run always gives the same bytes.
 */
public final class CsvReports
{
    private CsvReports()
    {
    }

    /**
     * Writes {@code replication,month,day,<metrics...>}, one row per replication and month (day = the month's last).
     */
    public static void writeTimeSeries(final SimulationResult result, final Path file) throws IOException
    {
        writeSeries(result, file, ReplicationResult::series, Economy.DAYS_PER_MONTH);
    }

    /**
     * Writes {@code replication,month,day,<metrics...>}, one row per replication and day (the daily series: the
     * day's flows, the stocks at its end; {@code NA} for the monthly measures).
     */
    public static void writeDailyTimeSeries(final SimulationResult result, final Path file) throws IOException
    {
        writeSeries(result, file, ReplicationResult::daily, 1);
    }

    /**
     * @param daysPerRow days one row stands for: row {@code r} ends on day {@code (r + 1) * daysPerRow}.
     */
    private static void writeSeries(final SimulationResult result, final Path file,
        final Function<ReplicationResult, double[][]> seriesOf, final int daysPerRow) throws IOException
    {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8))
        {
            out.write("replication,month,day");
            for (final Metric metric : Metric.values())
            {
                out.write(',');
                out.write(metric.column());
            }
            out.write('\n');
            for (final ReplicationResult replication : result.replications())
            {
                final double[][] series = seriesOf.apply(replication);
                for (int row = 0; row < series.length; row++)
                {
                    final int lastDay = (row + 1) * daysPerRow;
                    out.write(Integer.toString(replication.index() + 1));
                    out.write(',');
                    out.write(Integer.toString((lastDay - 1) / Economy.DAYS_PER_MONTH + 1));
                    out.write(',');
                    out.write(Integer.toString(lastDay));
                    for (final double value : series[row])
                    {
                        out.write(',');
                        out.write(Numbers.csv(value));
                    }
                    out.write('\n');
                }
            }
        }
    }

    /**
     * Writes {@code replication,seed,<summary metrics...>}, one row per replication.
     */
    public static void writeSummary(final SimulationResult result, final Path file) throws IOException
    {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8))
        {
            out.write("replication,seed");
            for (final SummaryMetric metric : SummaryMetric.values())
            {
                out.write(',');
                out.write(metric.column());
            }
            out.write('\n');
            for (final ReplicationResult replication : result.replications())
            {
                out.write(Integer.toString(replication.index() + 1));
                out.write(',');
                out.write(Long.toString(replication.seed()));
                for (final double value : replication.summary())
                {
                    out.write(',');
                    out.write(Numbers.csv(value));
                }
                out.write('\n');
            }
        }
    }

    /**
     * @return the values of one summary metric over the replications, in order.
     */
    static double[] column(final SimulationResult result, final SummaryMetric metric)
    {
        final double[] values = new double[result.replications().size()];
        for (int i = 0; i < values.length; i++)
        {
            values[i] = result.replications().get(i).summary()[metric.ordinal()];
        }
        return values;
    }
}
