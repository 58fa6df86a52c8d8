package io.clearing.server.http;

import ch.qos.logback.access.common.spi.IAccessEvent;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.jetty.HttpsConnectorFactory;
import io.dropwizard.logging.common.ConsoleAppenderFactory;
import io.dropwizard.logging.json.AccessJsonLayoutBaseFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The server's configuration: Dropwizard's own sections ({@code server}, {@code logging}, {@code metrics}) plus
 * the data folder, the engine, request limits, health thresholds and an optional ingress. The defaults are what
 * {@code bin/clearing server} runs without a file: data in {@value #DEFAULT_DATA_DIRECTORY}, the API on
 * 127.0.0.1:{@value #DEFAULT_PORT}, the admin port (health, metrics) on 127.0.0.1:{@value #DEFAULT_ADMIN_PORT},
 * JSON request logs with the request id. docs/server.md shows an example file.
 */
public final class ClearingServerConfiguration extends Configuration
{
    public static final String DEFAULT_DATA_DIRECTORY = "clearing-data";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_ADMIN_PORT = 8081;
    public static final String LOOPBACK = "127.0.0.1";

    private Path dataDirectory = Path.of(DEFAULT_DATA_DIRECTORY);
    private EngineFactory engine = new EngineFactory();
    private LimitsFactory limits = new LimitsFactory();
    private long minFreeDiskBytes = 256L * 1024 * 1024;
    private IngressFactory ingress;

    public ClearingServerConfiguration()
    {
        final DefaultServerFactory server = new DefaultServerFactory();
        server.setApplicationConnectors(List.of(loopback(DEFAULT_PORT)));
        server.setAdminConnectors(List.of(loopback(DEFAULT_ADMIN_PORT)));
        // our mappers give every error the one JSON shape with the request id
        server.setRegisterDefaultExceptionMappers(false);
        final AccessJsonLayoutBaseFactory json = new AccessJsonLayoutBaseFactory();
        json.setResponseHeaders(Set.of(RequestIdFilter.HEADER));
        final ConsoleAppenderFactory<IAccessEvent> console = new ConsoleAppenderFactory<>();
        console.setLayout(json);
        final LogbackAccessRequestLogFactory requestLog = new LogbackAccessRequestLogFactory();
        requestLog.setAppenders(List.of(console));
        server.setRequestLogFactory(requestLog);
        setServerFactory(server);
    }

    private static HttpConnectorFactory loopback(final int port)
    {
        final HttpConnectorFactory connector = new HttpConnectorFactory();
        connector.setBindHost(LOOPBACK);
        connector.setPort(port);
        return connector;
    }

    /**
     * Folder for the journal ({@code journal/}, snapshots inside it) and the API key file ({@code api-keys.json});
     * created when missing. Default {@value #DEFAULT_DATA_DIRECTORY} in the working directory.
     */
    @JsonProperty
    public Path getDataDirectory()
    {
        return dataDirectory;
    }

    @JsonProperty
    public void setDataDirectory(final Path dataDirectory)
    {
        this.dataDirectory = dataDirectory;
    }

    @JsonProperty
    public EngineFactory getEngine()
    {
        return engine;
    }

    @JsonProperty
    public void setEngine(final EngineFactory engine)
    {
        this.engine = engine;
    }

    @JsonProperty
    public LimitsFactory getLimits()
    {
        return limits;
    }

    @JsonProperty
    public void setLimits(final LimitsFactory limits)
    {
        this.limits = limits;
    }

    /**
     * The disk-space health check fails below this many free bytes on the data folder's file system.
     */
    @JsonProperty
    public long getMinFreeDiskBytes()
    {
        return minFreeDiskBytes;
    }

    @JsonProperty
    public void setMinFreeDiskBytes(final long minFreeDiskBytes)
    {
        this.minFreeDiskBytes = minFreeDiskBytes;
    }

    /**
     * An extra way in to the same engine (e.g. a binary ingress), or null for none (the default).
     */
    @JsonProperty
    public IngressFactory getIngress()
    {
        return ingress;
    }

    @JsonProperty
    public void setIngress(final IngressFactory ingress)
    {
        this.ingress = ingress;
    }

    public Path journalDirectory()
    {
        return dataDirectory.resolve("journal");
    }

    public Path apiKeyFile()
    {
        return dataDirectory.resolve("api-keys.json");
    }

    /**
     * The API connectors that carry keys unencrypted beyond this machine: plain http bound to every interface
     * (no {@code bindHost}) or to an address that is not a loopback address. The server warns of each at start.
     *
     * @return one description per such connector, e.g. {@code http on 0.0.0.0:8080}; empty when there is none.
     */
    public List<String> plainHttpBeyondLoopback()
    {
        final List<ConnectorFactory> connectors = getServerFactory() instanceof DefaultServerFactory server ?
            server.getApplicationConnectors() : getServerFactory() instanceof SimpleServerFactory simple ?
            List.of(simple.getConnector()) : List.of();
        final List<String> plain = new ArrayList<>();
        for (final ConnectorFactory connector : connectors)
        {
            if (connector instanceof HttpConnectorFactory http && !(connector instanceof HttpsConnectorFactory) &&
                !isLoopback(http.getBindHost()))
            {
                plain.add("http on " + (http.getBindHost() == null ? "every interface" : http.getBindHost()) + ":" +
                    http.getPort());
            }
        }
        return plain;
    }

    private static boolean isLoopback(final String bindHost)
    {
        if (bindHost == null || bindHost.isEmpty())
        {
            return false;
        }
        try
        {
            return InetAddress.getByName(bindHost).isLoopbackAddress();
        }
        catch (final UnknownHostException ex)
        {
            return false;
        }
    }
}
