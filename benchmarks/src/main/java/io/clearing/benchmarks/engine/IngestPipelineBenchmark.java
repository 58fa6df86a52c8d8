package io.clearing.benchmarks.engine;

import io.clearing.client.ObligationBatch;
import io.clearing.core.engine.ClearingEngine;
import io.clearing.core.engine.Context;
import io.clearing.core.engine.WaitStrategyType;
import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.engine.api.ResultListener;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The whole pipeline with the journal on: one producer thread publishing submissions into the ring, the journal
 * stage appending to Chronicle Queue, the logic thread applying them. Each run uses a fresh journal directory.
 * <p>
 * Throughput: publishes as fast as the ring accepts and reports obligations/s from first publish to last
 * acknowledgement; median over the runs. Latency: publishes on a fixed schedule at the offered rate and records,
 * for every obligation, the time from its scheduled send to its acknowledgement (so a stalled producer counts
 * against the engine: no coordinated omission), as HdrHistogram percentiles.
 * <p>
 * Usage: {@code IngestPipelineBenchmark [obligations=5000000] [runs=5] [participants=100000] [waitStrategy=YIELDING]
 * [rates=100000,500000] [latencyObligations=3000000] [dir=target/ingest-bench]}; {@code -DsingleProducer=true}
 * tells the ring there is one producer; {@code -Dwarmup=1} runs before the counted ones (printed, not in the median);
 * {@code -DringSize=65536} sets the ring; {@code -DparticipantHints=false} leaves participant lookups to the logic
 * thread; {@code -DjournalThread=false} has the logic thread journal each batch before applying it (see
 * {@link Context#journalThread}); {@code -DpretouchJournal=false} leaves the journal's page faults to its writer (see
 * {@link Context#pretouchJournal}); {@code -Dids=chars} publishes ids as text instead of bytes (see {@link Workload}).
 */
public final class IngestPipelineBenchmark
{
    private IngestPipelineBenchmark()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int obligations = arg(args, 0, 5_000_000);
        final int runs = arg(args, 1, 5);
        final int participants = arg(args, 2, 100_000);
        final WaitStrategyType waitStrategy = args.length > 3 ? WaitStrategyType.valueOf(args[3]) : WaitStrategyType.YIELDING;
        final int[] rates = args.length > 4 ? Arrays.stream(args[4].split(",")).mapToInt(Integer::parseInt).toArray() :
            new int[]{100_000, 500_000};
        final int latencyObligations = arg(args, 5, 3_000_000);
        final Path root = Path.of(args.length > 6 ? args[6] : "target/ingest-bench");

        final Workload workload = new Workload(Math.max(obligations, latencyObligations), participants);
        System.out.printf("ingest pipeline: %,d obligations, %,d participants, wait strategy %s, %s producer, ids " +
                "as %s, participant hints %s, journal %s, journal pretouch %s, %d cores%n", obligations, participants,
            waitStrategy, Boolean.getBoolean("singleProducer") ? "single" : "multi",
            Workload.BYTE_IDS ? "bytes" : "chars",
            participantHints() && journalThread() ? "on" : "off",
            journalThread() ? "on its own thread" : "written by the logic thread", pretouchJournal() ? "on" : "off",
            Runtime.getRuntime().availableProcessors());
        final double[] throughput = new double[runs];
        // Warm-up runs (-Dwarmup, default 1) are printed but left out of the median: the first run in a fresh JVM also
        // measures the JIT compiling the pipeline, not the sustained rate.
        final int warmup = Integer.getInteger("warmup", 1);
        for (int run = -warmup; run < runs; run++)
        {
            final double rate = throughputRun(root.resolve("throughput-" + (run + warmup)), workload, obligations,
                waitStrategy);
            if (run < 0)
            {
                System.out.printf("  warm-up run %d (not counted): %,.0f obligations/s%n", run + warmup + 1, rate);
            }
            else
            {
                throughput[run] = rate;
                System.out.printf("  run %d: %,.0f obligations/s%n", run + 1, rate);
            }
        }
        Arrays.sort(throughput);
        System.out.printf("sustained ingest, journal on: median %,.0f obligations/s (min %,.0f, max %,.0f) over %d runs%n",
            throughput[runs / 2], throughput[0], throughput[runs - 1], runs);

        for (final int rate : rates)
        {
            final Histogram histogram = latencyRun(root.resolve("latency-" + rate), workload, latencyObligations, rate,
                waitStrategy);
            System.out.printf("offered %,d obligations/s (%,d obligations, first 10 %% as warm-up): p50 %.1f us, " +
                    "p99 %.1f us, p99.9 %.1f us, max %.1f us%n", rate, latencyObligations,
                histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(99) / 1e3,
                histogram.getValueAtPercentile(99.9) / 1e3, histogram.getMaxValue() / 1e3);
        }
    }

    private static boolean pretouchJournal()
    {
        return Boolean.parseBoolean(System.getProperty("pretouchJournal", "true"));
    }

    private static boolean journalThread()
    {
        return Boolean.parseBoolean(System.getProperty("journalThread", "true"));
    }

    private static boolean participantHints()
    {
        return Boolean.parseBoolean(System.getProperty("participantHints", "true"));
    }

    static double throughputRun(final Path directory, final Workload workload, final int obligations,
        final WaitStrategyType waitStrategy)
    {
        delete(directory);
        final Acknowledgements acks = new Acknowledgements(obligations);
        try (ClearingEngine engine = ClearingEngine.launch(context(directory, waitStrategy, obligations, workload)))
        {
            workload.register(engine);
            final long start = System.nanoTime();
            for (int i = 0; i < obligations; i++)
            {
                workload.submit(engine, i, acks);
            }
            acks.awaitAll();
            final long end = System.nanoTime();
            if (acks.refused != 0)
            {
                throw new IllegalStateException(acks.refused + " submissions refused");
            }
            return obligations / ((end - start) / 1e9);
        }
        finally
        {
            delete(directory);
        }
    }

    private static Histogram latencyRun(final Path directory, final Workload workload, final int obligations,
        final int rate, final WaitStrategyType waitStrategy)
    {
        delete(directory);
        final long[] scheduledNs = new long[obligations];
        final Histogram histogram = new Histogram(60_000_000_000L, 3);
        final int warmup = obligations / 10;
        final Acknowledgements acks = new Acknowledgements(obligations)
        {
            @Override
            public void onResult(final long correlationId, final ResultCode code, final long value)
            {
                final long now = System.nanoTime();
                if (correlationId >= warmup)
                {
                    histogram.recordValue(now - scheduledNs[(int)correlationId]);
                }
                super.onResult(correlationId, code, value);
            }
        };
        try (ClearingEngine engine = ClearingEngine.launch(context(directory, waitStrategy, obligations, workload)))
        {
            workload.register(engine);
            final long start = System.nanoTime() + 1_000_000;
            final double intervalNs = 1e9 / rate;
            for (int i = 0; i < obligations; i++)
            {
                final long due = start + (long)(i * intervalNs);
                while (System.nanoTime() < due)
                {
                    LockSupport.parkNanos(Math.max(1, Math.min(50_000, due - System.nanoTime())));
                }
                scheduledNs[i] = due;
                workload.submit(engine, i, acks);
            }
            acks.awaitAll();
            return histogram;
        }
        finally
        {
            delete(directory);
        }
    }

    private static Context context(final Path directory, final WaitStrategyType waitStrategy, final int obligations,
        final Workload workload)
    {
        return new Context()
            .journalDirectory(directory)
            .waitStrategy(waitStrategy)
            .snapshotIntervalCommands(0)
            .singleProducer(Boolean.getBoolean("singleProducer"))
            .ringSize(Integer.getInteger("ringSize", Context.DEFAULT_RING_SIZE))
            .participantHints(participantHints())
            .journalThread(journalThread())
            .pretouchJournal(pretouchJournal())
            .expectedObligations(obligations)
            .expectedParticipants(workload.participants);
    }

    /**
     * The obligations to publish: obligation i is owed by a random participant to another (seeded), prepared before
     * timing. Ids are written by the producer into reused ASCII buffers ({@code INV-000000042}, {@code F0001234}), as
     * an adapter decoding a network buffer would, so the producer measures publication rather than reading millions
     * of scattered String objects. By default they are published as bytes
     * ({@link ClearingEngine#trySubmitObligation(org.agrona.DirectBuffer, int, int, int, int, int, int, long, long,
     * ResultListener)}, as the Aeron ingress does); {@code -Dids=chars} publishes them as {@link CharSequence}s
     * through the blocking {@code submitObligation}.
     */
    static final class Workload
    {
        private static final boolean BYTE_IDS = !"chars".equals(System.getProperty("ids"));
        final int participants;
        final int[] debtor;
        final int[] creditor;
        private final StateMachineBenchmark.AsciiId obligationId = new StateMachineBenchmark.AsciiId("INV-", 9);
        private final StateMachineBenchmark.AsciiId debtorId = new StateMachineBenchmark.AsciiId("F", 7);
        private final StateMachineBenchmark.AsciiId creditorId = new StateMachineBenchmark.AsciiId("F", 7);
        /**
         * The three ids side by side as a network message would carry them: {@code INV-nnnnnnnnn}, {@code Fnnnnnnn},
         * {@code Fnnnnnnn}.
         */
        private final UnsafeBuffer message = new UnsafeBuffer(
            "INV-000000000F0000000F0000000".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        Workload(final int obligations, final int participants)
        {
            this.participants = participants;
            debtor = new int[obligations];
            creditor = new int[obligations];
            final java.util.SplittableRandom random = new java.util.SplittableRandom(42);
            for (int i = 0; i < obligations; i++)
            {
                debtor[i] = random.nextInt(participants);
                creditor[i] = (debtor[i] + 1 + random.nextInt(participants - 1)) % participants;
            }
        }

        void register(final ClearingEngine engine)
        {
            for (int p = 0; p < participants; p++)
            {
                final String id = String.format("F%07d", p);
                engine.registerParticipant(id, id);
            }
            engine.stateHash();
        }

        void submit(final ClearingEngine engine, final int i, final ResultListener listener)
        {
            if (BYTE_IDS)
            {
                putDigits(message, 4, 9, i);
                putDigits(message, 14, 7, debtor[i]);
                putDigits(message, 22, 7, creditor[i]);
                while (!engine.trySubmitObligation(message, 0, 13, 13, 8, 21, 8, 1 + (i % 10_000), i, listener))
                {
                    LockSupport.parkNanos(1);
                }
                return;
            }
            obligationId.set(i);
            debtorId.set(debtor[i]);
            creditorId.set(creditor[i]);
            engine.submitObligation(obligationId, debtorId, creditorId, 1 + (i % 10_000), i, listener);
        }

        private static void putDigits(final UnsafeBuffer buffer, final int at, final int digits, final long value)
        {
            long rest = value;
            for (int i = at + digits - 1; i >= at; i--)
            {
                buffer.putByte(i, (byte)('0' + rest % 10));
                rest /= 10;
            }
        }

        /**
         * Adds obligation {@code i} to a batch of the Aeron client (see {@link AeronIngressFigures}).
         *
         * @return false when the batch is full.
         */
        boolean add(final ObligationBatch batch, final int i)
        {
            obligationId.set(i);
            debtorId.set(debtor[i]);
            creditorId.set(creditor[i]);
            return batch.add(i, obligationId, debtorId, creditorId, 1 + (i % 10_000));
        }
    }

    /**
     * Counts acknowledgements on the logic thread; the producer waits for the last one.
     */
    private static class Acknowledgements implements ResultListener
    {
        private final long expected;
        private volatile long received;
        long refused;

        Acknowledgements(final long expected)
        {
            this.expected = expected;
        }

        @Override
        public void onResult(final long correlationId, final ResultCode code, final long value)
        {
            if (code != ResultCode.ACCEPTED)
            {
                refused++;
            }
            received = received + 1;
        }

        void awaitAll()
        {
            while (received < expected)
            {
                LockSupport.parkNanos(100_000);
            }
        }
    }

    private static int arg(final String[] args, final int index, final int fallback)
    {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    static void delete(final Path directory)
    {
        if (!Files.exists(directory))
        {
            return;
        }
        try (Stream<Path> files = Files.walk(directory))
        {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
