package io.clearing.server.cli;

import io.clearing.core.csv.CsvFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;

/**
 * The {@code clearing} command, the front door for people: {@code bin/clearing} runs {@link #main(String[])}.
 * Sub-commands: {@code clear}, {@code demo}, {@code verify}, {@code ingest}, {@code state}, {@code policy},
 * {@code simulate}, {@code server}.
 * <p>
 * Exit codes: {@link #OK} on success, {@link #BAD_INPUT} for bad input or bad usage (nothing is written then),
 * {@link #FAILURE} for an internal or I/O error; {@code verify} also returns {@link #FAILURE} when the result does
 * not verify. Every error is one line on stderr; input errors read {@code FILE:LINE: reason}.
 */
@Command(
    name = "clearing",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    versionProvider = ClearingCli.Version.class,
    synopsisSubcommandLabel = "COMMAND",
    description = "Multilateral clearing: finds and sets off debt cycles in networks of obligations.",
    subcommands = {ClearCommand.class, VerifyCommand.class, DemoCommand.class, IngestCommand.class, StateCommand.class,
        PolicyCommand.class, SimulateCommand.class, ServerCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success",
        "1:internal or I/O error; verify: the result does not verify",
        "2:bad input or bad usage (nothing is written)"})
public final class ClearingCli implements Callable<Integer>
{
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int BAD_INPUT = 2;

    /**
     * System property {@code bin/clearing} sets to true when stderr is a terminal: progress bars only then.
     */
    public static final String STDERR_TTY_PROPERTY = "clearing.stderr.tty";

    @Spec
    private CommandSpec spec;

    public static void main(final String[] args)
    {
        final PrintWriter out = new PrintWriter(System.out, false);
        final PrintWriter err = new PrintWriter(System.err, true);
        int exitCode;
        try
        {
            exitCode = execute(out, err, args);
        }
        catch (final OutOfMemoryError ex)
        {
            err.println("out of memory: give the JVM more heap, e.g. JAVA_OPTS=-Xmx8g");
            exitCode = FAILURE;
        }
        out.flush();
        err.flush();
        System.exit(exitCode);
    }

    /**
     * Runs one command line with the given streams (tests capture them).
     *
     * @return the exit code.
     */
    public static int execute(final PrintWriter out, final PrintWriter err, final String... args)
    {
        final CommandLine commandLine = new CommandLine(new ClearingCli())
            .setOut(out)
            .setErr(err)
            .setExecutionExceptionHandler(ClearingCli::handleExecutionException);
        return commandLine.execute(args);
    }

    @Override
    public Integer call()
    {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "Missing command: one of " + String.join(", ", spec.subcommands().keySet()));
    }

    private static int handleExecutionException(
        final Exception ex, final CommandLine commandLine, final CommandLine.ParseResult parseResult)
    {
        final PrintWriter err = commandLine.getErr();
        final int exitCode = exitCodeOf(ex, err);
        err.flush();
        return exitCode;
    }

    private static int exitCodeOf(final Exception ex, final PrintWriter err)
    {
        if (ex instanceof CliException cli)
        {
            err.println(cli.getMessage());
            return cli.exitCode();
        }
        if (ex instanceof CsvFormatException csv)
        {
            err.println(csv.getMessage());
            return BAD_INPUT;
        }
        final Throwable io = ex instanceof UncheckedIOException unchecked ? unchecked.getCause() : ex;
        if (io instanceof NoSuchFileException missing)
        {
            err.println(missing.getFile() + ": no such file or directory");
            return FAILURE;
        }
        if (io instanceof AccessDeniedException denied)
        {
            err.println(denied.getFile() + ": permission denied");
            return FAILURE;
        }
        if (io instanceof IOException)
        {
            err.println("I/O error: " + io.getMessage());
            return FAILURE;
        }
        err.println("internal error: " + ex);
        ex.printStackTrace(err);
        return FAILURE;
    }

    /**
     * The version from the jar manifest when packaged, else "development".
     */
    static final class Version implements CommandLine.IVersionProvider
    {
        @Override
        public String[] getVersion()
        {
            final String version = ClearingCli.class.getPackage().getImplementationVersion();
            return new String[]{"clearing " + (version != null ? version : "(development build)")};
        }
    }
}
