package io.clearing.server.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs {@code bin/clearing} itself as a separate process, the way people use it: flags from bin/jvm.properties,
 * class path from the build, exit codes and streams passed through. Uses what the build under test compiled
 * ({@code CLEARING_NO_BUILD=1}), never starts Maven.
 */
class BinClearingScriptTest
{
    @TempDir
    Path directory;

    private Path script;

    @BeforeEach
    void findTheScript()
    {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")),
            "bash is not installed");
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("bin/clearing")))
        {
            dir = dir.getParent();
        }
        assumeTrue(dir != null, "bin/clearing not found above " + Path.of("").toAbsolutePath());
        script = dir.resolve("bin/clearing");
    }

    private record Process(int exitCode, String out, String err)
    {
    }

    private Process run(final String... args) throws IOException, InterruptedException
    {
        return runWith("-Xmx64m", args);
    }

    private Process runWith(final String javaOpts, final String... args) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add("bash");
        command.add(script.toString());
        command.addAll(List.of(args));
        final Path out = directory.resolve("stdout.txt");
        final Path err = directory.resolve("stderr.txt");
        final ProcessBuilder builder = new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
        builder.environment().put("CLEARING_NO_BUILD", "1");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS", javaOpts);
        final java.lang.Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("bin/clearing finished within 60 s").isTrue();
        final Process result = new Process(process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return result;
    }

    @Test
    void shouldClearMicroCsvWhenRunAsAProcess() throws Exception
    {
        final Path micro = script.getParent().getParent().resolve("../shared/datasets/mtcs/micro.csv").normalize();
        assumeTrue(Files.isRegularFile(micro), "dataset folder absent: " + micro);

        final Process run = run("clear", micro.toString(), "--out", "setoff.csv");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("total debt          500", "NID                 100",
            "cleared             300", "remainder           200");
        assertThat(Files.readAllLines(directory.resolve("setoff.csv"))).hasSize(5);
    }

    @Test
    void shouldExitWithTwoAndNameTheLineWhenTheInputIsBad() throws Exception
    {
        Files.writeString(directory.resolve("bad.csv"), "debtor,creditor,amount\nA,B,0\n");

        final Process run = run("clear", "bad.csv", "--out", "setoff.csv");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("bad.csv:2: amount is zero\n");
        assertThat(run.out()).isEmpty();
        assertThat(CliRun.filesIn(directory)).containsExactly("bad.csv");
    }

    /**
     * A command on a journal holds the engine's whole state and runs with G1, other batch commands with the serial
     * collector; a collector named in JAVA_OPTS replaces either.
     */
    @Test
    void shouldChooseTheCollectorByCommandUnlessJavaOptsNamesOne() throws Exception
    {
        Files.writeString(directory.resolve("in.csv"), "id,debtor,creditor,amount\n1,A,B,100\n2,B,A,40\n");
        final String logGc = "-Xmx64m -Xlog:gc:stdout";

        final Process ingest = runWith(logGc, "ingest", "in.csv", "--journal", "journal");
        final Process state = runWith(logGc, "state", "--journal=journal");
        final Process clear = runWith(logGc, "clear", "in.csv", "--out", "setoff.csv");
        final Process parallel = runWith(logGc + " -XX:+UseParallelGC", "state", "--journal", "journal");
        final Process serial = runWith(logGc + " -XX:+UseSerialGC", "state", "--journal", "journal");

        for (final Process run : List.of(ingest, state, clear, parallel, serial))
        {
            assertThat(run.exitCode()).as(run.err()).isZero();
        }
        assertThat(ingest.out()).contains("Using G1");
        assertThat(state.out()).contains("Using G1", "obligations         2 (2 open)");
        assertThat(clear.out()).contains("Using Serial");
        assertThat(parallel.out()).contains("Using Parallel", "obligations         2 (2 open)");
        assertThat(serial.out()).contains("Using Serial", "obligations         2 (2 open)");
    }
}
