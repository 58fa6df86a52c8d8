package io.clearing.simulations.run;

import io.clearing.simulations.model.Economy;
import io.clearing.simulations.model.Metric;
import io.clearing.simulations.report.CsvReports;
import io.clearing.simulations.scenario.Scenario;
import io.clearing.simulations.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily series (one row per step): it adds up to the monthly series, does not change the run, and is written
 * the same way twice.
 */
class DailySeriesTest
{
    // Read at the end of a month (or computed over it) rather than summed over its days.
    private static final Set<Metric> STOCKS = EnumSet.of(Metric.EMPLOYMENT, Metric.CASH_STOCK, Metric.SAVINGS,
        Metric.VOUCHER_STOCK, Metric.CREDIT_POSITIVE, Metric.DEBT_OPEN, Metric.SHOCK);
    private static final Set<Metric> MONTHLY_ONLY = EnumSet.of(Metric.IDLE_CAPACITY, Metric.CASH_VELOCITY,
        Metric.VOUCHER_VELOCITY);

    @TempDir
    Path directory;

    @Test
    void shouldAddUpToTheMonthlySeriesInEveryScenario() throws Exception
    {
        for (final String name : List.of("village", "shaymuratovo", "worgl", "mutual-credit", "communities"))
        {
            final Scenario scenario = ScenarioLoader.override(ScenarioLoader.load(name),
                List.of("years=1", "households=200", "firms=30"));
            final ReplicationResult result = SimulationRunner.replicate(scenario, 7, 0, true);
            final double[][] monthly = result.series();
            final double[][] daily = result.daily();
            assertThat(daily).as(name).hasNumberOfRows(monthly.length * Economy.DAYS_PER_MONTH);
            for (int month = 0; month < monthly.length; month++)
            {
                final int lastDay = (month + 1) * Economy.DAYS_PER_MONTH - 1;
                for (final Metric metric : Metric.values())
                {
                    final int m = metric.ordinal();
                    if (MONTHLY_ONLY.contains(metric))
                    {
                        assertThat(daily[lastDay][m]).isNaN();
                    }
                    else if (STOCKS.contains(metric))
                    {
                        assertThat(daily[lastDay][m]).as("%s %s month %d", name, metric, month + 1)
                            .isEqualTo(monthly[month][m]);
                    }
                    else
                    {
                        double sum = 0;
                        for (int day = month * Economy.DAYS_PER_MONTH; day <= lastDay; day++)
                        {
                            sum += daily[day][m];
                        }
                        assertThat(sum).as("%s %s month %d", name, metric, month + 1).isEqualTo(monthly[month][m]);
                    }
                }
            }
        }
    }

    @Test
    void shouldNotChangeTheRunAndBeWrittenIdenticallyTwice() throws Exception
    {
        final Scenario scenario = ScenarioLoader.override(ScenarioLoader.load("mutual-credit"),
            List.of("years=1", "households=200", "firms=30"));
        final SimulationResult withDaily = SimulationRunner.run(scenario, 2, 42, 2, true, done -> { });
        final SimulationResult again = SimulationRunner.run(scenario, 2, 42, 1, true, done -> { });
        final SimulationResult without = SimulationRunner.run(scenario, 2, 42, 2, false, done -> { });

        assertThat(without.replications().get(0).daily()).isNull();
        for (int r = 0; r < 2; r++)
        {
            assertThat(withDaily.replications().get(r).series()).isDeepEqualTo(without.replications().get(r).series());
        }
        final Path first = directory.resolve("first.csv");
        final Path second = directory.resolve("second.csv");
        CsvReports.writeDailyTimeSeries(withDaily, first);
        CsvReports.writeDailyTimeSeries(again, second);
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
        assertThat(Files.readAllLines(first)).hasSize(1 + 2 * 12 * Economy.DAYS_PER_MONTH);
    }
}
