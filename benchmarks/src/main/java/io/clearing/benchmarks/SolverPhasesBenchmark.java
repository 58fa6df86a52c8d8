package io.clearing.benchmarks;

import io.clearing.core.api.CertificateVerifier;
import io.clearing.core.api.ClearingResult;
import io.clearing.core.api.ClearingSolver;
import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.api.Verification;
import io.clearing.core.csv.CsvFormatException;
import io.clearing.core.csv.ObligationCsvReader;
import io.clearing.core.csv.ObligationCsvWriter;
import io.clearing.core.csv.SetOffCsvWriter;
import io.clearing.core.flow.StronglyConnectedComponents;
import io.clearing.core.generate.DeepCycleNetworkGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The phases of a batch clearing run, each alone, on seeded deep-cycle networks of several sizes (firms =
 * obligations / 10, seed 42): reading the obligations CSV, strongly connected components, the whole
 * {@link ClearingSolver#solve} (which includes SCC, merging, the circulation, potentials and its own check), the
 * independent certificate check, and writing the set-off CSV.
 * <p>
 * One fork per benchmark and size; the engine's JVM flags are appended at run time by {@link JmhRunner} from
 * {@code bin/jvm.properties}. Time per operation in milliseconds. Single-threaded on purpose: the machine is small
 * and shared, and the solver is single-threaded.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SolverPhasesBenchmark
{
    static final long SEED = 42L;

    /**
     * The generated network of one size.
     */
    @State(Scope.Benchmark)
    public static class GeneratedNetwork
    {
        @Param({"10000", "100000", "1000000"})
        public int obligations;

        ObligationNetwork network;

        @Setup(Level.Trial)
        public void generate()
        {
            network = new DeepCycleNetworkGenerator(SEED, Math.max(2, obligations / 10), obligations).generate();
        }
    }

    /**
     * The network written as an obligations CSV in a temporary file, deleted after the trial.
     */
    @State(Scope.Benchmark)
    public static class CsvFiles
    {
        Path obligationsCsv;
        Path setOffCsv;

        @Setup(Level.Trial)
        public void write(final GeneratedNetwork generated) throws IOException
        {
            obligationsCsv = Files.createTempFile("clearing-bench-obligations-", ".csv");
            setOffCsv = Files.createTempFile("clearing-bench-setoff-", ".csv");
            ObligationCsvWriter.write(obligationsCsv, generated.network);
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException
        {
            Files.deleteIfExists(obligationsCsv);
            Files.deleteIfExists(setOffCsv);
        }
    }

    /**
     * The network solved once, for the benchmarks of what comes after the solver.
     */
    @State(Scope.Benchmark)
    public static class SolvedNetwork
    {
        ClearingResult result;
        long[] setOffMinor;
        long[] potentials;

        @Setup(Level.Trial)
        public void solve(final GeneratedNetwork generated)
        {
            result = new ClearingSolver().solve(generated.network);
            setOffMinor = result.setOffs();
            potentials = result.potentials();
        }
    }

    @Benchmark
    public ObligationNetwork readCsv(final CsvFiles files) throws IOException, CsvFormatException
    {
        return new ObligationCsvReader().read(files.obligationsCsv);
    }

    @Benchmark
    public StronglyConnectedComponents stronglyConnectedComponents(final GeneratedNetwork generated)
    {
        final ObligationNetwork network = generated.network;
        return StronglyConnectedComponents.compute(
            network.participantCount(), network.debtorArray(), network.creditorArray(), network.obligationCount());
    }

    @Benchmark
    public ClearingResult solve(final GeneratedNetwork generated)
    {
        return new ClearingSolver().solve(generated.network);
    }

    @Benchmark
    public Verification verifyCertificate(final GeneratedNetwork generated, final SolvedNetwork solved)
    {
        final Verification verification =
            CertificateVerifier.verifyOptimal(generated.network, solved.setOffMinor, solved.potentials);
        if (!verification.ok())
        {
            throw new IllegalStateException(verification.message());
        }
        return verification;
    }

    @Benchmark
    public Path writeSetOffCsv(final SolvedNetwork solved, final CsvFiles files) throws IOException
    {
        SetOffCsvWriter.writeSetOffs(files.setOffCsv, solved.result, 0);
        return files.setOffCsv;
    }
}
