package io.clearing.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

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
    void shouldRefuseMissingConfigurationFileWithoutStarting(@TempDir final Path dir)
    {
        final CliRun run = CliRun.run("server", dir.resolve("missing.yml").toString());
        assertThat(run.exitCode()).isEqualTo(ClearingCli.BAD_INPUT);
        assertThat(run.err()).contains("missing.yml: no such configuration file");
    }
}
