package io.clearing.benchmarks;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;

/**
 * Runs the JMH benchmarks with the engine's JVM flags appended to every fork, read from {@code bin/jvm.properties}
 * (the one place they are defined) rather than copied into annotations. Takes JMH's own command line, e.g.
 * {@code SolverPhasesBenchmark -p obligations=10000 -prof gc}.
 * <p>
 * The properties file is {@code -Dclearing.jvm.properties=PATH} if given, else {@code bin/jvm.properties} in the
 * working directory or the nearest parent that has one.
 */
public final class JmhRunner
{
    static final String PROPERTIES_OVERRIDE = "clearing.jvm.properties";
    private static final int FIRST_JDK_WITH_EXTRA_FLAGS = 24;

    private JmhRunner()
    {
    }

    public static void main(final String[] args) throws RunnerException, IOException
    {
        final CommandLineOptions commandLine;
        try
        {
            commandLine = new CommandLineOptions(args);
        }
        catch (final CommandLineOptionException ex)
        {
            System.err.println(ex.getMessage());
            System.exit(2);
            return;
        }
        // What JMH's own main does before running: the runner alone would run everything instead of listing.
        if (commandLine.shouldHelp())
        {
            commandLine.showHelp();
            return;
        }
        if (commandLine.shouldListWithParams())
        {
            new Runner(commandLine).listWithParams(commandLine);
            return;
        }
        if (commandLine.shouldList())
        {
            new Runner(commandLine).list();
            return;
        }
        final List<String> appended = new ArrayList<>(engineJvmFlags(Runtime.version().feature()));
        final Collection<String> fromCommandLine = commandLine.getJvmArgsAppend().orElse(List.of());
        appended.addAll(fromCommandLine);
        final ChainedOptionsBuilder options = new OptionsBuilder()
            .parent(commandLine)
            .jvmArgsAppend(appended.toArray(new String[0]));
        new Runner(options.build()).run();
    }

    /**
     * @param jdkFeature the feature release of the JVM the forks run on (forks use this JVM by default).
     * @return the flags of {@code jvm.flags}, plus {@code jvm.flags.jdk24} on JDK 24 and later.
     */
    static List<String> engineJvmFlags(final int jdkFeature) throws IOException
    {
        final Path file = locateProperties();
        final Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            properties.load(in);
        }
        final String flags = properties.getProperty("jvm.flags");
        if (flags == null || flags.isBlank())
        {
            throw new IllegalStateException(file + ": no jvm.flags property");
        }
        final List<String> result = new ArrayList<>(List.of(flags.trim().split("\\s+")));
        final String extra = properties.getProperty("jvm.flags.jdk24", "");
        if (jdkFeature >= FIRST_JDK_WITH_EXTRA_FLAGS && !extra.isBlank())
        {
            result.addAll(List.of(extra.trim().split("\\s+")));
        }
        return result;
    }

    private static Path locateProperties()
    {
        final String override = System.getProperty(PROPERTIES_OVERRIDE);
        if (override != null)
        {
            final Path file = Path.of(override);
            if (!Files.isReadable(file))
            {
                throw new IllegalStateException("-D" + PROPERTIES_OVERRIDE + "=" + override + ": no such readable file");
            }
            return file;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent())
        {
            final Path candidate = dir.resolve("bin").resolve("jvm.properties");
            if (Files.isReadable(candidate))
            {
                return candidate;
            }
        }
        throw new IllegalStateException("bin/jvm.properties not found from " + Path.of("").toAbsolutePath() +
            " upwards; run from the project or pass -D" + PROPERTIES_OVERRIDE + "=PATH");
    }
}
