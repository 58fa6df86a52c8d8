package io.clearing.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SimulateCommandTest
{
    private static final String[] SMALL = {"--set", "years=1", "--set", "households=120", "--set", "firms=12",
        "--replications", "2", "--seed", "4"};

    @TempDir
    Path directory;

    @Test
    void shouldRunAShippedScenarioAndWriteEveryOutput() throws Exception
    {
        final Path out = directory.resolve("out");

        final CliRun run = CliRun.run(args("simulate", "mutual-credit", "--out", out.toString()));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("scenario          mutual-credit", "agent-steps", "agent-steps/s",
            "report            " + out.resolve("report.html"));
        assertThat(CliRun.filesIn(out)).containsExactly("charts", "report.html", "scenario.yml", "summary.csv",
            "timeseries.csv");
        assertThat(CliRun.filesIn(out.resolve("charts"))).contains("output.png", "employment.png", "debt_open.png",
            "debt_cleared.png");
        final String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("Model vs fact", "share of debt removed by clearing alone",
            "data:image/png;base64,", "households", "--set").doesNotContain("src=\"charts/");
        assertThat(Files.readAllLines(out.resolve("timeseries.csv"))).hasSize(1 + 2 * 12);
        assertThat(Files.readAllLines(out.resolve("summary.csv"))).hasSize(1 + 2);
        assertThat(Files.readString(out.resolve("scenario.yml"))).contains("households: 120", "seed: 4");
    }

    @Test
    void shouldWriteTheDailySeriesWhenAskedTo() throws Exception
    {
        final Path out = directory.resolve("daily");

        final CliRun run = CliRun.run(args("simulate", "village", "--daily", "--out", out.toString()));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(CliRun.filesIn(out)).contains("timeseries-daily.csv", "timeseries.csv");
        final List<String> daily = Files.readAllLines(out.resolve("timeseries-daily.csv"));
        final List<String> monthly = Files.readAllLines(out.resolve("timeseries.csv"));
        assertThat(daily.get(0)).isEqualTo(monthly.get(0));
        assertThat(daily).hasSize(1 + (monthly.size() - 1) * 30);
    }

    @Test
    void shouldRunTheWrittenScenarioAgainToTheSameCsvs() throws Exception
    {
        final Path first = directory.resolve("first");
        final Path second = directory.resolve("second");
        assertThat(CliRun.run(args("simulate", "shaymuratovo", "--out", first.toString())).exitCode()).isZero();

        final CliRun again = CliRun.run("simulate", first.resolve("scenario.yml").toString(), "--seed", "4",
            "--replications", "2", "--threads", "1", "--out", second.toString());

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(Files.readAllBytes(second.resolve("timeseries.csv")))
            .isEqualTo(Files.readAllBytes(first.resolve("timeseries.csv")));
        assertThat(Files.readAllBytes(second.resolve("summary.csv")))
            .isEqualTo(Files.readAllBytes(first.resolve("summary.csv")));
    }

    @Test
    void shouldWriteOneRunPerValueAndASweepSummary() throws Exception
    {
        final Path out = directory.resolve("sweep");

        final CliRun run = CliRun.run(args("simulate", "shaymuratovo", "--out", out.toString(), "--sweep",
            "voucher.demurrage_month=0,0.02"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(CliRun.filesIn(out)).containsExactly("report.html", "sweep.csv", "voucher.demurrage_month=0",
            "voucher.demurrage_month=0.02");
        assertThat(Files.readAllLines(out.resolve("sweep.csv"))).hasSize(3);
        assertThat(out.resolve("voucher.demurrage_month=0.02").resolve("report.html")).exists();
    }

    @Test
    void shouldRefuseBadParametersWithWhereAndWhat() throws Exception
    {
        final Path file = directory.resolve("bad.yml");
        Files.writeString(file, "years: 2\nvoucher:\n  demurrage_month: 3\n");

        final CliRun badFile = CliRun.run("simulate", file.toString(), "--out", directory.resolve("x").toString());
        final CliRun badSet = CliRun.run("simulate", "village", "--set", "firm.nonsense=1");
        final CliRun badSweep = CliRun.run("simulate", "village", "--sweep", "years=1,0");
        final CliRun badName = CliRun.run("simulate", "atlantis");

        assertThat(badFile.exitCode()).isEqualTo(2);
        assertThat(badFile.err().trim()).isEqualTo(file + ":3: voucher.demurrage_month: 3.0 is outside the " +
            "allowed range [0.0, 0.5]");
        assertThat(directory.resolve("x")).doesNotExist();
        assertThat(badSet.exitCode()).isEqualTo(2);
        assertThat(badSet.err()).startsWith("--set: firm.nonsense: unknown parameter");
        assertThat(badSweep.exitCode()).isEqualTo(2);
        assertThat(badSweep.err()).startsWith("--sweep: years: 0.0 is outside the allowed range [1, 100]");
        assertThat(badName.exitCode()).isEqualTo(2);
        assertThat(badName.err()).startsWith("atlantis: no such file, and not a shipped scenario");
    }

    private static String[] args(final String... first)
    {
        final String[] all = new String[first.length + SMALL.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(SMALL, 0, all, first.length, SMALL.length);
        return all;
    }
}
