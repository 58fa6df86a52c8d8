package io.clearing.server.http;

import com.codahale.metrics.health.HealthCheck;
import io.clearing.core.engine.api.EngineTotals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The server's health checks (admin port, {@code /healthcheck}): the engine answers, the journal folder takes a
 * write, the disk has room.
 */
public final class HealthChecks
{
    private static final long ENGINE_REPLY_TIMEOUT_MS = 5_000;

    private HealthChecks()
    {
    }

    /**
     * Healthy when a query through the ring comes back within 5 s: both engine threads are alive and not stuck.
     */
    public static final class EngineRunning extends HealthCheck
    {
        private final ManagedEngine engine;

        public EngineRunning(final ManagedEngine engine)
        {
            this.engine = engine;
        }

        @Override
        protected Result check() throws Exception
        {
            if (!engine.isStarted())
            {
                return Result.unhealthy("engine not started");
            }
            final EngineTotals totals = engine.get().query(view -> view.totals())
                .get(ENGINE_REPLY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return Result.healthy("%d participants, %d open obligations", totals.participants(),
                totals.openObligations());
        }
    }

    /**
     * Healthy when a file can be created, written, forced and deleted in the journal folder.
     */
    public static final class JournalWritable extends HealthCheck
    {
        private final Path journalDirectory;

        public JournalWritable(final Path journalDirectory)
        {
            this.journalDirectory = journalDirectory;
        }

        @Override
        protected Result check()
        {
            final Path probe = journalDirectory.resolve(".health-probe");
            try
            {
                Files.write(probe, new byte[]{1});
                Files.delete(probe);
                return Result.healthy(journalDirectory.toString());
            }
            catch (final IOException ex)
            {
                return Result.unhealthy("cannot write in " + journalDirectory + ": " + ex);
            }
        }
    }

    /**
     * Healthy while the data folder's file system has at least the configured free bytes.
     */
    public static final class DiskSpace extends HealthCheck
    {
        private final Path directory;
        private final long minFreeBytes;

        public DiskSpace(final Path directory, final long minFreeBytes)
        {
            this.directory = directory;
            this.minFreeBytes = minFreeBytes;
        }

        @Override
        protected Result check() throws IOException
        {
            final long free = Files.getFileStore(directory).getUsableSpace();
            final String message = free / (1024 * 1024) + " MiB free in " + directory + ", at least " +
                minFreeBytes / (1024 * 1024) + " MiB required";
            return free >= minFreeBytes ? Result.healthy(message) : Result.unhealthy(message);
        }
    }
}
