package io.clearing.server.cli;

import io.clearing.server.http.ClearingServerApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code clearing server [CONFIG.yml]}: runs the REST server until stopped (Ctrl-C). Without a file it uses the
 * built-in defaults: data in ./clearing-data, the API on 127.0.0.1:8080, health and metrics on 127.0.0.1:8081.
 */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    description = {
        "Runs the clearing server: the engine with its journal, the REST API under /api/v1 with API keys and roles, "
            + "health checks and metrics on the admin port. On the first start an operator API key is printed "
            + "once. See docs/server.md."})
final class ServerCommand implements Callable<Integer>
{
    @Parameters(arity = "0..1", paramLabel = "CONFIG.yml",
        description = "Dropwizard configuration file (default: built-in, see docs/server.md)")
    private Path config;

    @Override
    public Integer call() throws Exception
    {
        if (config != null && !Files.isRegularFile(config))
        {
            throw new CliException(ClearingCli.BAD_INPUT, config + ": no such configuration file");
        }
        final String[] arguments = config == null ? new String[]{"server"} :
            new String[]{"server", config.toString()};
        // run returns once the server has started (a configuration error exits the JVM with Dropwizard's message)
        final ClearingServerApplication application = new ClearingServerApplication();
        application.run(arguments);
        application.awaitStop();
        return ClearingCli.OK;
    }
}
