package io.clearing.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ServerCommandTest
{
    @Test
    void shouldListServerCommandAndItsHelp()
    {
        assertThat(CliRun.run("--help").out()).contains("server");
        final CliRun help = CliRun.run("server", "--help");
        assertThat(help.exitCode()).isEqualTo(ClearingCli.OK);
        assertThat(help.out()).contains("CONFIG.yml").contains("docs/server.md");
    }

    @Test
    void shouldKeepServerLibrariesOffTheBatchClassPath() throws Exception
    {
        final List<String> batch = List.of(Files.readString(Path.of("target/classpath-batch.txt")).trim().split(":"));
        final List<String> full = List.of(Files.readString(Path.of("target/classpath.txt")).trim().split(":"));
        assertThat(full).containsAll(batch).anyMatch(jar -> jar.contains("/io/dropwizard/"));
        assertThat(batch).noneMatch(jar -> jar.contains("/io/dropwizard/") || jar.contains("/org/eclipse/jetty/") ||
                jar.contains("/org/glassfish/") || jar.contains("/io/swagger/"))
            .anyMatch(jar -> jar.contains("logback-classic")).anyMatch(jar -> jar.contains("picocli"))
            .anyMatch(jar -> jar.contains("chronicle-queue"));
    }

    @Test
    void shouldRefuseMissingConfigurationFileWithoutStarting(@TempDir final Path dir)
    {
        final CliRun run = CliRun.run("server", dir.resolve("missing.yml").toString());
        assertThat(run.exitCode()).isEqualTo(ClearingCli.BAD_INPUT);
        assertThat(run.err()).contains("missing.yml: no such configuration file");
    }
}
