package io.clearing.server.ingress;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.clearing.core.engine.ClearingEngine;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.IoUtil;
import org.agrona.concurrent.AgentRunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A binary Aeron ingress (IPC or UDP) into a running {@link ClearingEngine}, for systems that send obligations by
 * the million: clients connect with the {@link io.clearing.client.ClearingClient}, authenticate with an API key,
 * send commands singly or in batches, and receive acknowledgements (correlation id + result code) on their own
 * response stream once the engine has journaled and applied each command. The wire format is in
 * {@code docs/ingress.md}.
 * <p>
 * One thread (an Agrona {@link AgentRunner}) runs the {@link IngressAgent}; with
 * {@link IngressConfiguration#embeddedDriver()} a media driver with one shared thread runs in this JVM too, its
 * directory removed on close. Back-pressure: when the engine's ring is full, or a session has
 * {@link IngressConfiguration#maxPendingAcksPerSession()} commands unacknowledged (e.g. it does not read its
 * acknowledgements), the ingress stops reading that client, whose publication then reports back-pressure; no
 * acknowledgement is ever dropped while the client is connected. Close the ingress before the engine.
 */
public final class AeronIngress implements AutoCloseable
{
    private final IngressConfiguration configuration;
    private final IngressCounters counters = new IngressCounters();
    private final MediaDriver driver;
    private final Path createdDirectory;
    private final Aeron aeron;
    private final Subscription subscription;
    private final AgentRunner runner;
    private boolean closed;

    private AeronIngress(
        final ClearingEngine engine,
        final IngressConfiguration configuration,
        final IngressAuthenticator authenticator,
        final ErrorHandler errorHandler)
    {
        this.configuration = configuration;
        MediaDriver launchedDriver = null;
        Path directory = null;
        Aeron connected = null;
        try
        {
            final String aeronDirectory;
            if (configuration.embeddedDriver())
            {
                directory = configuration.aeronDirectory() != null ? null : newDriverDirectory();
                aeronDirectory = (directory != null ? directory : configuration.aeronDirectory()).toString();
                launchedDriver = MediaDriver.launch(new MediaDriver.Context()
                    .aeronDirectoryName(aeronDirectory)
                    .threadingMode(ThreadingMode.SHARED)
                    .sharedIdleStrategy(configuration.idleStrategy().newStrategy())
                    .ipcTermBufferLength(configuration.driverTermLength())
                    .publicationTermBufferLength(configuration.driverTermLength())
                    .termBufferSparseFile(true)
                    .dirDeleteOnStart(true)
                    .dirDeleteOnShutdown(true)
                    .errorHandler(errorHandler));
            }
            else
            {
                aeronDirectory = configuration.aeronDirectory().toString();
            }
            connected = Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(aeronDirectory)
                .errorHandler(errorHandler));
            this.subscription = connected.addSubscription(configuration.channel(), configuration.streamId());
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(connected, launchedDriver);
            deleteQuietly(directory);
            throw ex;
        }
        this.driver = launchedDriver;
        this.createdDirectory = directory;
        this.aeron = connected;
        final IngressAgent agent = new IngressAgent(engine, aeron, subscription, authenticator, configuration,
            errorHandler, counters);
        this.runner = new AgentRunner(configuration.idleStrategy().newStrategy(), errorHandler, null, agent);
    }

    /**
     * Starts an ingress in front of {@code engine}; errors go to {@code System.err}.
     *
     * @throws IllegalArgumentException from {@link IngressConfiguration#conclude()}.
     */
    public static AeronIngress launch(
        final ClearingEngine engine, final IngressConfiguration configuration, final IngressAuthenticator authenticator)
    {
        return launch(engine, configuration, authenticator, Throwable::printStackTrace);
    }

    /**
     * Starts an ingress in front of {@code engine}.
     *
     * @param errorHandler told of unexpected errors and of sessions whose hello cannot be used (malformed, or a
     *                     response channel that cannot be opened); called on the ingress or Aeron threads.
     * @throws IllegalArgumentException from {@link IngressConfiguration#conclude()}.
     */
    public static AeronIngress launch(
        final ClearingEngine engine,
        final IngressConfiguration configuration,
        final IngressAuthenticator authenticator,
        final ErrorHandler errorHandler)
    {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(errorHandler, "errorHandler");
        configuration.conclude();
        final AeronIngress ingress = new AeronIngress(engine, configuration, authenticator, errorHandler);
        AgentRunner.startOnThread(ingress.runner);
        return ingress;
    }

    /**
     * @return the media driver directory clients connect to (the embedded driver's, or the configured one).
     */
    public String aeronDirectoryName()
    {
        return aeron.context().aeronDirectoryName();
    }

    /**
     * @return the ingress channel with the port actually bound (for a UDP endpoint configured with port 0), or null
     * while it is not bound yet.
     */
    public String resolvedChannel()
    {
        return subscription.tryResolveChannelEndpointPort();
    }

    public IngressConfiguration configuration()
    {
        return configuration;
    }

    /**
     * @return live counters, readable from any thread.
     */
    public IngressCounters counters()
    {
        return counters;
    }

    /**
     * Stops the ingress thread (acknowledgements not yet sent are lost: clients resend, submissions are
     * idempotent), then the Aeron client and the embedded driver, and removes the driver's directory.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        CloseHelper.closeAll(runner, subscription, aeron, driver);
        deleteQuietly(createdDirectory);
    }

    private static Path newDriverDirectory()
    {
        try
        {
            final Path shm = Path.of("/dev/shm");
            final Path parent = Files.isDirectory(shm) && Files.isWritable(shm) ? shm :
                Path.of(System.getProperty("java.io.tmpdir"));
            return Files.createTempDirectory(parent, "clearing-aeron-");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create a directory for the embedded media driver", ex);
        }
    }

    private static void deleteQuietly(final Path directory)
    {
        if (directory != null)
        {
            IoUtil.delete(directory.toFile(), true);
        }
    }
}
