package io.clearing.benchmarks.server;

import io.clearing.server.auth.ApiKeyStore;
import io.clearing.server.auth.Role;
import io.clearing.server.http.ClearingServerApplication;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Load figures of the REST server on loopback: single-obligation POSTs per second with latency percentiles, and
 * bulk CSV upload obligations per second. Starts the server in this JVM (data in a fresh temporary folder, default
 * engine settings), then runs bounded rounds after a warm-up and prints each round and the medians. Client and
 * server share the machine's cores: the figures are for the whole loop.
 * <p>
 * Usage: {@code ServerLoadFigures [ROUNDS] [POSTS_PER_ROUND] [CLIENTS] [CSV_OBLIGATIONS] [PARTICIPANTS]}, defaults
 * 5, 20000, 8, 1000000, 10000; benchmarks/server-load.sh runs it.
 */
public final class ServerLoadFigures
{
    private static final String JSON = "application/json";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;
    private final String key;

    private ServerLoadFigures(final URI base, final String key)
    {
        this.base = base;
        this.key = key;
    }

    public static void main(final String[] args) throws Exception
    {
        final int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        final int posts = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        final int clients = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        final int csvObligations = args.length > 3 ? Integer.parseInt(args[3]) : 1_000_000;
        final int participants = args.length > 4 ? Integer.parseInt(args[4]) : 10_000;

        final Path data = Files.createTempDirectory("clearing-server-load");
        final String key = ApiKeyStore.open(data.resolve("api-keys.json")).create(Role.OPERATOR, null, 0).key();
        final int port = freePort();
        final int adminPort = freePort();
        final Path config = data.resolve("server.yml");
        Files.writeString(config, String.join("\n",
            "dataDirectory: " + data,
            "logging:",
            "  level: WARN",
            "server:",
            "  requestLog:",
            "    appenders: []",
            "  applicationConnectors:",
            "    - type: http",
            "      bindHost: 127.0.0.1",
            "      port: " + port,
            "  adminConnectors:",
            "    - type: http",
            "      bindHost: 127.0.0.1",
            "      port: " + adminPort,
            ""));
        new ClearingServerApplication(line -> { }).run("server", config.toString());
        final ServerLoadFigures load = new ServerLoadFigures(URI.create("http://127.0.0.1:" + port), key);

        System.out.printf(Locale.ROOT, "server load on loopback: %d cores, %s, load average %.1f at start%n",
            Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
            java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        int exitCode = 1;
        try
        {
            load.registerParticipants(participants);
            load.singlePosts(rounds, posts, clients, participants);
            load.bulkCsv(Math.max(3, rounds / 2 + 1), csvObligations, participants);
            exitCode = 0;
        }
        finally
        {
            // the server's threads would keep the JVM alive after a failure
            System.exit(exitCode);
        }
    }

    private void registerParticipants(final int participants) throws Exception
    {
        final StringBuilder csv = new StringBuilder("id,debtor,creditor,amount\n");
        for (int p = 0; p < participants; p++)
        {
            csv.append("seed-").append(p).append(",F").append(p).append(",F").append((p + 1) % participants)
                .append(",1\n");
        }
        final HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve(
            "/api/v1/obligations?registerParticipants=true")).header("Content-Type", "text/csv")
            .POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build());
        check(response, 200);
    }

    private void singlePosts(final int rounds, final int posts, final int clients, final int participants)
        throws Exception
    {
        System.out.printf(Locale.ROOT, "single-obligation POST /api/v1/obligations, %d clients, %d requests a " +
            "round (after a warm-up round)%n", clients, posts);
        final double[] rates = new double[rounds];
        final double[] p50 = new double[rounds];
        final double[] p99 = new double[rounds];
        final ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int round = -1; round < rounds; round++)
        {
            final Histogram histogram = new Histogram(60_000_000_000L, 3);
            final List<Future<Histogram>> futures = new ArrayList<>();
            final long startNs = System.nanoTime();
            for (int c = 0; c < clients; c++)
            {
                final int client = c;
                final String prefix = "r" + (round + 1) + "-c" + c + "-";
                futures.add(pool.submit(() -> postLoop(prefix, posts / clients, client, participants)));
            }
            for (final Future<Histogram> future : futures)
            {
                histogram.add(future.get());
            }
            final double seconds = (System.nanoTime() - startNs) / 1e9;
            if (round >= 0)
            {
                rates[round] = histogram.getTotalCount() / seconds;
                p50[round] = histogram.getValueAtPercentile(50) / 1e3;
                p99[round] = histogram.getValueAtPercentile(99) / 1e3;
                System.out.printf(Locale.ROOT, "  round %d: %,8.0f POSTs/s  p50 %,7.0f us  p99 %,7.0f us  max %,7.0f " +
                    "us%n", round + 1, rates[round], p50[round], p99[round], histogram.getMaxValue() / 1e3);
            }
        }
        pool.shutdown();
        System.out.printf(Locale.ROOT, "  median: %,8.0f POSTs/s  p50 %,7.0f us  p99 %,7.0f us%n", median(rates),
            median(p50), median(p99));
    }

    private Histogram postLoop(final String prefix, final int count, final int clientIndex, final int participants)
        throws Exception
    {
        final Histogram histogram = new Histogram(60_000_000_000L, 3);
        for (int i = 0; i < count; i++)
        {
            final int debtor = (int)(((long)clientIndex * 7919 + (long)i * 31) % participants);
            final int creditor = (debtor + 1 + i % 97) % participants;
            final String body = "{\"id\":\"" + prefix + i + "\",\"debtor\":\"F" + debtor + "\",\"creditor\":\"F" +
                creditor + "\",\"amount\":" + (1 + i % 1000) + "}";
            final HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/obligations"))
                .header("Authorization", "Bearer " + key).header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            final long startNs = System.nanoTime();
            final HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            histogram.recordValue(System.nanoTime() - startNs);
            check(response, 201);
        }
        return histogram;
    }

    private void bulkCsv(final int rounds, final int obligations, final int participants) throws Exception
    {
        System.out.printf(Locale.ROOT, "bulk CSV upload POST /api/v1/obligations (text/csv), %,d obligations a " +
            "round (after a warm-up round)%n", obligations);
        final double[] rates = new double[rounds];
        for (int round = -1; round < rounds; round++)
        {
            final byte[] csv = csv("b" + (round + 1) + "-", obligations, participants);
            final HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/obligations"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(csv)).build();
            final long startNs = System.nanoTime();
            final HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            final double seconds = (System.nanoTime() - startNs) / 1e9;
            check(response, 200);
            if (!response.body().contains("\"accepted\":" + obligations + ","))
            {
                throw new IllegalStateException("not all accepted: " + abbreviated(response.body()));
            }
            if (round >= 0)
            {
                rates[round] = obligations / seconds;
                System.out.printf(Locale.ROOT, "  round %d: %,10.0f obligations/s  (%.2f s, %.1f MB)%n", round + 1,
                    rates[round], seconds, csv.length / 1e6);
            }
        }
        System.out.printf(Locale.ROOT, "  median: %,10.0f obligations/s%n", median(rates));
    }

    private static byte[] csv(final String prefix, final int obligations, final int participants)
    {
        final StringBuilder csv = new StringBuilder(obligations * 32).append("id,debtor,creditor,amount\n");
        for (int i = 0; i < obligations; i++)
        {
            final int debtor = (int)((long)i * 7919 % participants);
            final int creditor = (debtor + 1 + i % 89) % participants;
            csv.append(prefix).append(i).append(",F").append(debtor).append(",F").append(creditor).append(',')
                .append(1 + i % 10_000).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private HttpResponse<String> send(final HttpRequest request) throws IOException, InterruptedException
    {
        return client.send(HttpRequest.newBuilder(request, (name, value) -> true)
            .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void check(final HttpResponse<String> response, final int status)
    {
        if (response.statusCode() != status)
        {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + abbreviated(response.body()));
        }
    }

    private static String abbreviated(final String text)
    {
        return text.length() <= 500 ? text : text.substring(0, 500) + " ...";
    }

    private static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] :
            (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}
