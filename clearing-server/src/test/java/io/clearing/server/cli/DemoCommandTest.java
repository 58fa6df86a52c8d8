package io.clearing.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCommandTest
{
    @TempDir
    Path directory;

    @Test
    void shouldExplainTheResultAndWriteFilesThatVerifyWhenGivenAnOutputDirectory() throws Exception
    {
        final Path outDir = directory.resolve("demo");

        final CliRun run = CliRun.run("demo", "--firms", "300", "--obligations", "3000", "--seed", "5",
            "--out-dir", outDir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("total debt", "NID", "cleared", "of the maximum", "on a cycle",
            "In plain words: ", " firms could settle ", "without moving any money");
        assertThat(CliRun.filesIn(outDir)).containsExactly("certificate.csv", "obligations.csv", "setoff.csv");
        final CliRun verify = CliRun.run("verify", outDir.resolve("obligations.csv").toString(),
            outDir.resolve("setoff.csv").toString(), "--certificate", outDir.resolve("certificate.csv").toString());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    }

    @Test
    void shouldPrintTheSameExplanationWhenTheSeedIsTheSame()
    {
        final CliRun first = CliRun.run("demo", "--firms", "200", "--obligations", "2000", "--seed", "9");
        final CliRun second = CliRun.run("demo", "--firms", "200", "--obligations", "2000", "--seed", "9");

        assertThat(withoutTimes(first.out())).isEqualTo(withoutTimes(second.out()));
    }

    @Test
    void shouldRefuseWhenThereAreTooFewFirms()
    {
        final CliRun run = CliRun.run("demo", "--firms", "1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("demo: firms must be at least 2: 1" + System.lineSeparator());
    }

    private static String withoutTimes(final String out)
    {
        return out.replaceAll("(?m)^  time .*$", "");
    }
}
