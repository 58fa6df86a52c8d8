package io.clearing.benchmarks;

import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.csv.CsvFormatException;
import io.clearing.core.csv.ObligationCsvReader;
import io.clearing.core.csv.SetOffCsvWriter;
import io.clearing.core.spi.ProgressListener;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The benchmark peer end to end, as a user of OR-Tools would write it: read the obligations CSV (with our reader,
 * so parsing is identical), solve MTCS with {@link OrToolsMtcs}, write the set-off CSV, print the totals.
 * <pre>
 * OrToolsClear OBLIGATIONS.csv --out SETOFF.csv [--scale N]
 * </pre>
 * Prints {@code key=value} lines (obligations, participants, total_debt, cleared, remainder, and the seconds of
 * each phase: read_s, load_native_s, build_s, solve_s, write_s, total_s) for the comparison script. Exit code 0 on success,
 * 1 when the input is refused or OR-Tools fails, 2 on bad arguments.
 */
public final class OrToolsClear
{
    private static final String USAGE = "usage: OrToolsClear OBLIGATIONS.csv --out SETOFF.csv [--scale N]";

    private OrToolsClear()
    {
    }

    public static void main(final String[] args)
    {
        final Arguments arguments;
        try
        {
            arguments = Arguments.parse(args);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println(ex.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        try
        {
            run(arguments, System.out);
        }
        catch (final CsvFormatException ex)
        {
            System.err.println(ex.getMessage());
            System.exit(1);
        }
        catch (final IOException | IllegalStateException ex)
        {
            System.err.println(arguments.input + ": " + ex.getMessage());
            System.exit(1);
        }
    }

    static void run(final Arguments arguments, final PrintStream out) throws IOException, CsvFormatException
    {
        final long start = System.nanoTime();
        final ObligationNetwork network =
            new ObligationCsvReader(arguments.scale, ProgressListener.NONE).read(arguments.input);
        final long read = System.nanoTime();
        OrToolsMtcs.loadNativeLibraries();
        final long loaded = System.nanoTime();

        final OrToolsMtcs solver = new OrToolsMtcs(network);
        solver.build();
        final long built = System.nanoTime();
        final long[] setOff = solver.solve();
        final long remainder = solver.optimalRemainderMinor();
        solver.release();
        final long solved = System.nanoTime();

        SetOffCsvWriter.writeSetOffs(arguments.output, network, setOff, arguments.scale);
        final long written = System.nanoTime();

        long cleared = 0;
        for (final long s : setOff)
        {
            cleared = Math.addExact(cleared, s);
        }
        if (cleared != network.totalDebtMinor() - remainder)
        {
            throw new IllegalStateException("flows sum to a set-off of " + cleared + " but the optimal cost says " +
                (network.totalDebtMinor() - remainder));
        }
        out.println("solver=or-tools-min-cost-flow");
        out.println("obligations=" + network.obligationCount());
        out.println("participants=" + network.participantCount());
        out.println("total_debt=" + network.totalDebtMinor());
        out.println("cleared=" + cleared);
        out.println("remainder=" + remainder);
        out.println("read_s=" + seconds(read - start));
        out.println("load_native_s=" + seconds(loaded - read));
        out.println("build_s=" + seconds(built - loaded));
        out.println("solve_s=" + seconds(solved - built));
        out.println("write_s=" + seconds(written - solved));
        out.println("total_s=" + seconds(written - start));
    }

    private static String seconds(final long nanos)
    {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }

    /**
     * The command line, checked.
     */
    static final class Arguments
    {
        final Path input;
        final Path output;
        final int scale;

        private Arguments(final Path input, final Path output, final int scale)
        {
            this.input = input;
            this.output = output;
            this.scale = scale;
        }

        static Arguments parse(final String[] args)
        {
            Path input = null;
            Path output = null;
            int scale = 0;
            for (int i = 0; i < args.length; i++)
            {
                final String arg = args[i];
                if ("--out".equals(arg) || "--scale".equals(arg))
                {
                    if (i + 1 == args.length)
                    {
                        throw new IllegalArgumentException(arg + " needs a value");
                    }
                    final String value = args[++i];
                    if ("--out".equals(arg))
                    {
                        output = Path.of(value);
                    }
                    else
                    {
                        scale = parseScale(value);
                    }
                }
                else if (arg.startsWith("--") || input != null)
                {
                    throw new IllegalArgumentException("unexpected argument '" + arg + "'");
                }
                else
                {
                    input = Path.of(arg);
                }
            }
            if (input == null || output == null)
            {
                throw new IllegalArgumentException("both OBLIGATIONS.csv and --out SETOFF.csv are required");
            }
            if (!Files.isReadable(input))
            {
                throw new IllegalArgumentException(input + ": no such readable file");
            }
            return new Arguments(input, output, scale);
        }

        private static int parseScale(final String value)
        {
            try
            {
                final int scale = Integer.parseInt(value);
                if (scale >= 0 && scale <= 18)
                {
                    return scale;
                }
            }
            catch (final NumberFormatException ignored)
            {
                // reported below with the value
            }
            throw new IllegalArgumentException("--scale must be an integer 0 to 18: '" + value + "'");
        }
    }
}
