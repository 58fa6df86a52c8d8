package io.clearing.core.support;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared benchmark datasets, read in place (never copied into the repository) from {@code ../shared/datasets}
 * beside the project root, or from {@code -Dclearing.datasets=DIR}. Tests that need a file are skipped, not
 * failed, when it is absent.
 */
public final class Datasets
{
    public static final String DIRECTORY_PROPERTY = "clearing.datasets";

    private Datasets()
    {
    }

    /**
     * @return the dataset file; skips the calling test when it cannot be read.
     */
    public static Path require(final String relativePath)
    {
        final Path file = directory().resolve(relativePath);
        Assumptions.assumeTrue(Files.isReadable(file), () -> "dataset " + file + " is absent: test skipped");
        return file;
    }

    public static Path directory()
    {
        final String configured = System.getProperty(DIRECTORY_PROPERTY);
        if (configured != null && !configured.isBlank())
        {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        return projectRoot().resolve("../shared/datasets").normalize();
    }

    /**
     * The nearest directory upwards from the working directory that holds {@code bin/jvm.properties}; Surefire
     * runs in the module directory, an IDE often in the root.
     */
    private static Path projectRoot()
    {
        final Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent())
        {
            if (Files.exists(dir.resolve("bin/jvm.properties")))
            {
                return dir;
            }
        }
        return start;
    }
}
