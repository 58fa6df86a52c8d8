package io.clearing.simulations.run;

import io.clearing.simulations.report.CsvReports;
import io.clearing.simulations.scenario.Scenario;
import io.clearing.simulations.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeterminismTest
{
    @TempDir
    Path directory;

    @Test
    void shouldWriteByteIdenticalCsvsForTheSameSeedWhateverTheThreads() throws Exception
    {
        final Scenario scenario = ScenarioLoader.override(ScenarioLoader.load("mutual-credit"),
            List.of("years=1", "households=200", "firms=30"));

        final byte[][] first = csvs(SimulationRunner.run(scenario, 3, 42, 1, done -> { }), "one");
        final byte[][] second = csvs(SimulationRunner.run(scenario, 3, 42, 1, done -> { }), "again");
        final byte[][] parallel = csvs(SimulationRunner.run(scenario, 3, 42, 2, done -> { }), "two");
        final byte[][] otherSeed = csvs(SimulationRunner.run(scenario, 3, 43, 2, done -> { }), "other");

        assertThat(second).isDeepEqualTo(first);
        assertThat(parallel).isDeepEqualTo(first);
        assertThat(otherSeed[0]).isNotEqualTo(first[0]);
    }

    @Test
    void shouldGiveEachReplicationItsOwnStream()
    {
        assertThat(SimulationRunner.replicationSeed(1, 0)).isNotEqualTo(SimulationRunner.replicationSeed(1, 1))
            .isNotEqualTo(SimulationRunner.replicationSeed(2, 0));
    }

    private byte[][] csvs(final SimulationResult result, final String name) throws Exception
    {
        final Path series = directory.resolve(name + "-timeseries.csv");
        final Path summary = directory.resolve(name + "-summary.csv");
        CsvReports.writeTimeSeries(result, series);
        CsvReports.writeSummary(result, summary);
        return new byte[][]{Files.readAllBytes(series), Files.readAllBytes(summary)};
    }
}
