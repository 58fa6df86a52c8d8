package io.clearing.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a command's input and output files before any work starts, so that a run that could not write its
 * results refuses at once (exit code 2) instead of after minutes of clearing, and never overwrites its own input.
 */
final class FileArguments
{
    private final List<Path> inputs = new ArrayList<>(4);
    private final List<String> outputOptions = new ArrayList<>(4);
    private final List<Path> outputs = new ArrayList<>(4);

    /**
     * An input file: it must exist and be a regular file.
     */
    FileArguments input(final Path file)
    {
        if (!Files.exists(file))
        {
            throw CliException.badInput(file + ": no such file");
        }
        if (!Files.isRegularFile(file))
        {
            throw CliException.badInput(file + ": not a regular file");
        }
        inputs.add(file);
        return this;
    }

    /**
     * An output file given with {@code option}, or nothing when {@code file} is null: its directory must exist,
     * it must not be a directory, an input or another output.
     */
    FileArguments output(final String option, final Path file)
    {
        if (file == null)
        {
            return this;
        }
        final Path absolute = file.toAbsolutePath().normalize();
        final Path directory = absolute.getParent();
        if (directory == null || !Files.isDirectory(directory))
        {
            throw CliException.badInput(option + " " + file + ": directory " + directory + " does not exist");
        }
        if (Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS))
        {
            throw CliException.badInput(option + " " + file + ": is a directory");
        }
        for (final Path input : inputs)
        {
            if (sameFile(input, absolute))
            {
                throw CliException.badInput(option + " " + file + ": would overwrite the input " + input);
            }
        }
        for (int k = 0; k < outputs.size(); k++)
        {
            if (sameFile(outputs.get(k), absolute))
            {
                throw CliException.badInput(option + " " + file + ": same file as " + outputOptions.get(k));
            }
        }
        outputOptions.add(option);
        outputs.add(absolute);
        return this;
    }

    private static boolean sameFile(final Path a, final Path b)
    {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize()))
        {
            return true;
        }
        try
        {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        }
        catch (final IOException ex)
        {
            return false;
        }
    }
}
