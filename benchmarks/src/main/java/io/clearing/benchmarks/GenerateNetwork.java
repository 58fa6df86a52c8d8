package io.clearing.benchmarks;

import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.csv.ObligationCsvWriter;
import io.clearing.core.generate.DeepCycleNetworkGenerator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a seeded deep-cycle network as an obligations CSV, for the scale runs of the peer comparison.
 * <pre>
 * GenerateNetwork SEED FIRMS OBLIGATIONS OUT.csv
 * </pre>
 * The file is a function of the three numbers (see {@link DeepCycleNetworkGenerator}). Prints one
 * {@code key=value} line with what was written. Exit code 2 on bad arguments, 1 when the file cannot be written.
 */
public final class GenerateNetwork
{
    private static final String USAGE = "usage: GenerateNetwork SEED FIRMS OBLIGATIONS OUT.csv";

    private GenerateNetwork()
    {
    }

    public static void main(final String[] args)
    {
        if (args.length != 4)
        {
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        final long seed;
        final int firms;
        final int obligations;
        try
        {
            seed = Long.parseLong(args[0]);
            firms = Integer.parseInt(args[1]);
            obligations = Integer.parseInt(args[2]);
        }
        catch (final NumberFormatException ex)
        {
            System.err.println("SEED, FIRMS and OBLIGATIONS must be integers: " + ex.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        final Path target = Path.of(args[3]);
        try
        {
            final ObligationNetwork network = new DeepCycleNetworkGenerator(seed, firms, obligations).generate();
            final Path directory = target.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            ObligationCsvWriter.write(target, network);
            System.out.println("file=" + target + " seed=" + seed + " participants=" + network.participantCount() +
                " obligations=" + network.obligationCount() + " total_debt=" + network.totalDebtMinor());
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println(ex.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }
        catch (final IOException ex)
        {
            System.err.println(target + ": cannot write: " + ex.getMessage());
            System.exit(1);
        }
    }
}
