package io.clearing.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One in-process run of the command line with captured stdout and stderr.
 */
record CliRun(int exitCode, String out, String err)
{
    static CliRun run(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exitCode = ClearingCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    /**
     * @return names of the files in a directory, sorted, hidden (temporary) ones included.
     */
    /**
     * The repository's {@code docs/examples/engine-policies}, found from the working directory upwards.
     */
    static Path engineExamples()
    {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs/examples/engine-policies")))
        {
            dir = dir.getParent();
        }
        if (dir == null)
        {
            throw new IllegalStateException(
                "docs/examples/engine-policies not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("docs/examples/engine-policies");
    }

    static List<String> filesIn(final Path directory) throws IOException
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.map(file -> file.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    /**
     * @return the value of a {@code key  value} line of the clear summary.
     */
    String summaryValue(final String key)
    {
        for (final String line : out.split("\n"))
        {
            if (line.startsWith(key + " "))
            {
                return line.substring(key.length()).trim();
            }
        }
        throw new AssertionError("no summary line '" + key + "' in:\n" + out);
    }
}
