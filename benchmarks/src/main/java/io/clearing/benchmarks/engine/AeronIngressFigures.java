package io.clearing.benchmarks.engine;

import io.clearing.benchmarks.engine.IngestPipelineBenchmark.Workload;
import io.clearing.client.AckCode;
import io.clearing.client.AckHandler;
import io.clearing.client.ClearingClient;
import io.clearing.client.ObligationBatch;
import io.clearing.core.engine.ClearingEngine;
import io.clearing.core.engine.Context;
import io.clearing.core.engine.WaitStrategyType;
import io.clearing.server.http.EngineFactory;
import io.clearing.server.ingress.AeronIngress;
import io.clearing.server.ingress.IdleStrategyType;
import io.clearing.server.ingress.IngressConfiguration;
import io.clearing.server.ingress.IngressPrincipal;
import io.clearing.server.ingress.Sha256KeyAuthenticator;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Obligations through the Aeron ingress into the journaled engine, client and server in one JVM: one client thread
 * sends batches and polls acknowledgements; the ingress thread, the engine's journal and logic threads and the
 * embedded media driver's shared thread run beside it. Each run uses a fresh journal and driver.
 * <p>
 * Throughput: sends as fast as the ingress accepts and reports obligations/s from the first send to the last
 * acknowledgement (every one must be ACCEPTED); median over the runs. Latency: obligation i is due at
 * {@code start + i / rate} and goes out in the first batch sent at or after that time; its latency is from when it
 * was due to when the client read its acknowledgement (a stalled sender counts against the system: no coordinated
 * omission), HdrHistogram percentiles after a 10 % warm-up.
 * <p>
 * Usage: {@code AeronIngressFigures [obligations=2000000] [runs=5] [participants=100000] [rates=100000,500000]
 * [latencyObligations=1000000] [ipc|udp] [mtu=8192]}; before each throughput run the engine alone is measured on the
 * same workload (the producer thread in the JVM, as {@link IngestPipelineBenchmark}) unless {@code -Dcompare=false},
 * so the ingress's cost shows as a ratio taken under the same load; {@code -DidleStrategy=BACKOFF|YIELDING|...} for the ingress
 * and driver threads, {@code -DwaitStrategy=YIELDING|PHASED_BACKOFF|...} for the engine (default: the server's, {@code engine.waitStrategy}),
 * {@code -Ddir=target/aeron-ingress} for the journals, {@code -Dwarmup=1} runs before the counted ones (printed, not in the
 * medians).
 */
public final class AeronIngressFigures
{
    private static final String KEY = "benchmark-operator-key";
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
    private static final int INGRESS_UDP_PORT = 40456;
    private static final int RESPONSE_UDP_PORT = 40457;

    private AeronIngressFigures()
    {
    }

    public static void main(final String[] args)
    {
        final int obligations = arg(args, 0, 2_000_000);
        final int runs = arg(args, 1, 5);
        final int participants = arg(args, 2, 100_000);
        final int[] rates = args.length > 3 ? Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray() :
            new int[]{100_000, 500_000};
        final int latencyObligations = arg(args, 4, 1_000_000);
        final boolean udp = args.length > 5 && "udp".equals(args[5]);
        final int mtu = arg(args, 6, 8192);
        final Setup setup = new Setup(participants, udp, mtu,
            IdleStrategyType.valueOf(System.getProperty("idleStrategy", "BACKOFF")),
            // the ingress is the server's: its engine waits as the server's configuration does by default
            WaitStrategyType.valueOf(System.getProperty("waitStrategy", new EngineFactory().getWaitStrategy().name())),
            Path.of(System.getProperty("dir", "benchmarks/target/aeron-ingress")));
        final Workload workload = new Workload(Math.max(obligations, latencyObligations), participants);

        System.out.printf("aeron ingress: %,d obligations, %,d participants, %s, mtu %d, ingress idle %s, engine " +
                "wait %s, %d cores%n", obligations, participants, udp ? "UDP loopback" : "IPC", mtu,
            setup.idleStrategy, setup.waitStrategy, Runtime.getRuntime().availableProcessors());
        final boolean compare = Boolean.parseBoolean(System.getProperty("compare", "true"));
        final Workload engineWorkload = compare ?
            new Workload(obligations, participants) : null;
        final double[] throughput = new double[runs];
        final double[] engineAlone = new double[runs];
        final double[] ingressCpuNs = new double[runs];
        Histogram fullSpeed = null;
        // Warm-up runs (-Dwarmup, default 1) are printed but left out of the medians: the first run in a fresh JVM
        // also measures the JIT compiling the ingress, the engine and the client, not the sustained rate.
        final int warmup = Integer.getInteger("warmup", 1);
        for (int run = -warmup; run < runs; run++)
        {
            final double engineRate = compare ? IngestPipelineBenchmark.throughputRun(
                setup.root.resolve("engine-" + (run + warmup)), engineWorkload, obligations, setup.waitStrategy) : 0;
            final Result result = run(setup, workload, obligations, 0, "throughput-" + (run + warmup));
            if (run >= 0)
            {
                engineAlone[run] = engineRate;
                throughput[run] = result.obligationsPerSecond;
                ingressCpuNs[run] = result.ingressCpuNsPerObligation;
                fullSpeed = result.latency;
            }
            System.out.printf("  %s: %,.0f obligations/s through the ingress (%,d messages, %,d times the " +
                "engine ring was full; heap allocated per obligation: ingress thread %.2f B, client thread %.2f B)" +
                "%s%n", run < 0 ? "warm-up run " + (run + warmup + 1) + " (not counted)" : "run " + (run + 1),
                result.obligationsPerSecond, result.batches, result.engineFull,
                result.ingressBytesPerObligation, result.clientBytesPerObligation,
                compare ? String.format("; engine alone just before: %,.0f/s", engineRate) : "");
            System.out.printf("    CPU ns per obligation by thread: %s%n", result.cpuByThread);
        }
        Arrays.sort(throughput);
        System.out.printf("aeron ingress, journal on: median %,.0f obligations/s (min %,.0f, max %,.0f) over %d " +
            "runs%n", throughput[runs / 2], throughput[0], throughput[runs - 1], runs);
        Arrays.sort(ingressCpuNs);
        System.out.printf("ingress thread CPU: median %.0f ns per obligation (min %.0f, max %.0f): on a core of its " +
            "own it would pass %,.0f obligations/s%n", ingressCpuNs[runs / 2], ingressCpuNs[0], ingressCpuNs[runs - 1],
            1e9 / ingressCpuNs[runs / 2]);
        if (compare)
        {
            Arrays.sort(engineAlone);
            System.out.printf("engine alone (IngestPipelineBenchmark, one producer thread in the JVM), interleaved: " +
                "median %,.0f obligations/s; ingress / engine alone = %.2f%n", engineAlone[runs / 2],
                throughput[runs / 2] / engineAlone[runs / 2]);
        }
        print("at full speed (last run, from send to ack)", fullSpeed);
        for (final int rate : rates)
        {
            final Result result = run(setup, workload, latencyObligations, rate, "latency-" + rate);
            print(String.format("offered %,d obligations/s (%,d obligations, achieved %,.0f/s)", rate,
                latencyObligations, result.obligationsPerSecond), result.latency);
        }
    }

    private static void print(final String what, final Histogram histogram)
    {
        System.out.printf("%s: ack latency p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us%n", what,
            histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(99) / 1e3,
            histogram.getValueAtPercentile(99.9) / 1e3, histogram.getMaxValue() / 1e3);
    }

    private record Setup(int participants, boolean udp, int mtu, IdleStrategyType idleStrategy,
        WaitStrategyType waitStrategy, Path root)
    {
    }

    private record Result(double obligationsPerSecond, Histogram latency, long batches, long engineFull,
        double ingressBytesPerObligation, double clientBytesPerObligation, double ingressCpuNsPerObligation,
        String cpuByThread)
    {
    }

    /**
     * CPU time of every live thread, taken before a run and compared after it: CPU ns per obligation by thread says
     * which thread would limit the rate with a core of its own, a figure the load of a shared machine moves far less
     * than obligations/s.
     */
    private static final class ThreadCpu
    {
        private final Map<Long, Long> cpuNsBefore = new HashMap<>();

        ThreadCpu()
        {
            for (final long id : THREADS.getAllThreadIds())
            {
                cpuNsBefore.put(id, Math.max(0, THREADS.getThreadCpuTime(id)));
            }
        }

        /**
         * @return CPU ns per obligation since construction, by thread name, largest first (threads started since
         * count from zero; threads that ended meanwhile are missing).
         */
        Map<String, Double> perObligation(final int obligations)
        {
            final List<Map.Entry<String, Double>> entries = new ArrayList<>();
            for (final long id : THREADS.getAllThreadIds())
            {
                final long cpuNs = THREADS.getThreadCpuTime(id);
                final java.lang.management.ThreadInfo info = THREADS.getThreadInfo(id);
                if (cpuNs > 0 && info != null)
                {
                    final double perObligation = (cpuNs - cpuNsBefore.getOrDefault(id, 0L)) / (double)obligations;
                    entries.add(Map.entry(info.getThreadName() + "#" + id, perObligation));
                }
            }
            entries.sort(Map.Entry.<String, Double>comparingByValue().reversed());
            final Map<String, Double> byThread = new LinkedHashMap<>();
            for (final Map.Entry<String, Double> entry : entries)
            {
                byThread.put(entry.getKey(), entry.getValue());
            }
            return byThread;
        }
    }

    private static String describe(final Map<String, Double> cpuByThread)
    {
        final StringBuilder text = new StringBuilder();
        double total = 0;
        for (final double perObligation : cpuByThread.values())
        {
            total += perObligation;
        }
        for (final Map.Entry<String, Double> entry : cpuByThread.entrySet())
        {
            if (entry.getValue() < total / 50)
            {
                break;
            }
            text.append(text.length() == 0 ? "" : ", ").append(entry.getKey().replaceFirst("#\\d+$", ""))
                .append(' ').append(Math.round(entry.getValue()));
        }
        return text.append(" (all threads ").append(Math.round(total)).append(')').toString();
    }

    /**
     * @param rate obligations/s offered, 0 for as fast as possible.
     */
    private static Result run(final Setup setup, final Workload workload, final int obligations, final int rate,
        final String name)
    {
        final Path journal = setup.root.resolve(name);
        IngestPipelineBenchmark.delete(journal);
        final IngressConfiguration configuration = new IngressConfiguration()
            .idleStrategy(setup.idleStrategy)
            .channel(setup.udp ? "aeron:udp?endpoint=localhost:" + INGRESS_UDP_PORT : "aeron:ipc");
        final Acks acks = new Acks(obligations);
        try (ClearingEngine engine = ClearingEngine.launch(new Context()
                .journalDirectory(journal)
                .waitStrategy(setup.waitStrategy)
                .snapshotIntervalCommands(0)
                .expectedObligations(obligations)
                .expectedParticipants(setup.participants));
            AeronIngress ingress = AeronIngress.launch(engine, configuration,
                Sha256KeyAuthenticator.ofPlainKeys(Map.of(KEY, IngressPrincipal.operator("benchmark")))))
        {
            workload.register(engine);
            final String mtuParam = "mtu=" + setup.mtu;
            try (ClearingClient client = ClearingClient.connect(new ClearingClient.Context()
                .aeronDirectoryName(ingress.aeronDirectoryName())
                .ingressChannel(setup.udp ? "aeron:udp?endpoint=localhost:" + INGRESS_UDP_PORT + "|" + mtuParam :
                    "aeron:ipc?" + mtuParam, configuration.streamId())
                .responseChannel(setup.udp ? "aeron:udp?endpoint=localhost:" + RESPONSE_UDP_PORT : "aeron:ipc",
                    ClearingClient.Context.DEFAULT_RESPONSE_STREAM_ID)
                .apiKey(KEY)
                .ackHandler(acks)))
            {
                final Thread ingressThread = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> "clearing-ingress".equals(t.getName())).findFirst().orElseThrow();
                final long ingressBefore = THREADS.getThreadAllocatedBytes(ingressThread.getId());
                final long ingressCpuBefore = THREADS.getThreadCpuTime(ingressThread.getId());
                final ThreadCpu cpu = new ThreadCpu();
                final long clientBefore = THREADS.getCurrentThreadAllocatedBytes();
                final long batches = send(client, workload, obligations, rate, acks);
                final double clientBytes = (THREADS.getCurrentThreadAllocatedBytes() - clientBefore) /
                    (double)obligations;
                final double ingressBytes = (THREADS.getThreadAllocatedBytes(ingressThread.getId()) - ingressBefore) /
                    (double)obligations;
                final double ingressCpuNs = (THREADS.getThreadCpuTime(ingressThread.getId()) - ingressCpuBefore) /
                    (double)obligations;
                final String cpuByThread = describe(cpu.perObligation(obligations));
                if (acks.refused != 0)
                {
                    throw new IllegalStateException(acks.refused + " obligations refused, e.g. " + acks.firstRefusal);
                }
                final double seconds = (acks.lastAckNs - acks.startNs) / 1e9;
                return new Result(obligations / seconds, acks.histogram, batches,
                    ingress.counters().engineBackPressure(), ingressBytes, clientBytes, ingressCpuNs, cpuByThread);
            }
        }
        finally
        {
            IngestPipelineBenchmark.delete(journal);
        }
    }

    private static long send(final ClearingClient client, final Workload workload, final int obligations,
        final int rate, final Acks acks)
    {
        final ObligationBatch batch = client.newBatch();
        final double intervalNs = rate == 0 ? 0 : 1e9 / rate;
        final long start = System.nanoTime() + 1_000_000;
        acks.startNs = start;
        // The client must leave the cores to the server when it has nothing to do: on two cores a spinning client
        // takes one from the engine.
        final IdleStrategy idle = new BackoffIdleStrategy(10, 20, 1_000, 50_000);
        int next = 0;
        long batches = 0;
        while (acks.received < obligations)
        {
            int work = 0;
            final long now = System.nanoTime();
            if (batch.isEmpty() && next < obligations)
            {
                while (next < obligations)
                {
                    final long due = rate == 0 ? Math.max(now, start) : start + (long)(next * intervalNs);
                    if (due > now || !workload.add(batch, next))
                    {
                        break;
                    }
                    acks.dueNs[next++] = due;
                }
            }
            if (!batch.isEmpty() && client.offerBatch(batch))
            {
                batches++;
                work++;
            }
            acks.nowNs = System.nanoTime();
            work += client.pollAcks();
            idle.idle(work);
        }
        return batches;
    }

    /**
     * Counts acknowledgements on the client thread and records each one's latency from when it was due.
     */
    private static final class Acks implements AckHandler
    {
        final long[] dueNs;
        final Histogram histogram = new Histogram(60_000_000_000L, 3);
        final int warmup;
        long nowNs;
        long startNs;
        long lastAckNs;
        int received;
        long refused;
        String firstRefusal;

        Acks(final int obligations)
        {
            dueNs = new long[obligations];
            warmup = obligations / 10;
        }

        @Override
        public void onAck(final long correlationId, final AckCode code, final long value)
        {
            if (code != AckCode.ACCEPTED)
            {
                if (refused++ == 0)
                {
                    firstRefusal = correlationId + " " + code;
                }
            }
            if (correlationId >= warmup)
            {
                histogram.recordValue(Math.max(0, nowNs - dueNs[(int)correlationId]));
            }
            received++;
            lastAckNs = nowNs;
        }
    }

    private static int arg(final String[] args, final int index, final int fallback)
    {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }
}
