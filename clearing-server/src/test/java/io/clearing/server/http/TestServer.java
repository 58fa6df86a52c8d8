package io.clearing.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearing.server.auth.ApiKeyStore;
import io.clearing.server.auth.Role;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import io.dropwizard.testing.DropwizardTestSupport;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One clearing server for all server tests (started once: a Dropwizard start takes seconds): random loopback
 * ports, data in a temporary folder deleted at the end, small body limits so that 413 can be provoked, an
 * operator key created before the start, and the Aeron ingress on IPC beside the REST API. Inject it as a test constructor or method parameter.
 */
public final class TestServer implements ParameterResolver
{
    public static final long MAX_JSON_BYTES = 64 * 1024;
    public static final long MAX_CSV_BYTES = 4 * 1024 * 1024;
    public static final int MAX_PAGE_SIZE = 50;

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private DropwizardTestSupport<ClearingServerConfiguration> support;
    private Path dataDirectory;
    private String operatorKey;

    @Override
    public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context)
    {
        return parameter.getParameter().getType() == TestServer.class;
    }

    @Override
    public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context)
    {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
            .getOrComputeIfAbsent(TestServer.class, key -> start(), Running.class).server;
    }

    private record Running(TestServer server) implements ExtensionContext.Store.CloseableResource, AutoCloseable
    {
        @Override
        public void close() throws IOException
        {
            server.support.after();
            try (Stream<Path> files = Files.walk(server.dataDirectory))
            {
                for (final Path file : files.sorted(Comparator.reverseOrder()).toList())
                {
                    Files.delete(file);
                }
            }
        }
    }

    private static Running start()
    {
        final TestServer server = new TestServer();
        try
        {
            server.dataDirectory = Files.createTempDirectory("clearing-server-test");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        server.operatorKey = ApiKeyStore.open(server.dataDirectory.resolve("api-keys.json"))
            .create(Role.OPERATOR, null, 1).key();
        final ClearingServerConfiguration configuration = new ClearingServerConfiguration();
        configuration.setDataDirectory(server.dataDirectory);
        configuration.getLimits().setMaxJsonBytes(MAX_JSON_BYTES);
        configuration.getLimits().setMaxCsvBytes(MAX_CSV_BYTES);
        configuration.getLimits().setMaxPageSize(MAX_PAGE_SIZE);
        configuration.getLimits().setMaxRejectsReported(5);
        configuration.setMinFreeDiskBytes(1);
        final AeronIngressFactory ingress = new AeronIngressFactory();
        ingress.getAeron().aeronDirectory(server.dataDirectory.resolve("aeron"));
        configuration.setIngress(ingress);
        final DefaultServerFactory serverFactory = (DefaultServerFactory)configuration.getServerFactory();
        serverFactory.setApplicationConnectors(List.of(randomPort()));
        serverFactory.setAdminConnectors(List.of(randomPort()));
        ((LogbackAccessRequestLogFactory)serverFactory.getRequestLogFactory()).setAppenders(List.of());
        ((DefaultLoggingFactory)configuration.getLoggingFactory()).setLevel("WARN");
        server.support = new DropwizardTestSupport<>(ClearingServerApplication.class, configuration);
        try
        {
            server.support.before();
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("server did not start", ex);
        }
        return new Running(server);
    }

    private static HttpConnectorFactory randomPort()
    {
        final HttpConnectorFactory connector = new HttpConnectorFactory();
        connector.setBindHost(ClearingServerConfiguration.LOOPBACK);
        connector.setPort(0);
        return connector;
    }

    /**
     * @return the directory of the Aeron ingress's embedded media driver, for clients on IPC.
     */
    public String aeronDirectory()
    {
        return dataDirectory.resolve("aeron").toString();
    }

    public String operatorKey()
    {
        return operatorKey;
    }

    public Path dataDirectory()
    {
        return dataDirectory;
    }

    public URI api(final String path)
    {
        return URI.create("http://127.0.0.1:" + support.getLocalPort() + path);
    }

    public URI admin(final String path)
    {
        return URI.create("http://127.0.0.1:" + support.getAdminPort() + path);
    }

    /**
     * Sends a request.
     *
     * @param key         API key, or null for none.
     * @param contentType body type, or null without a body.
     */
    public HttpResponse<String> send(final String method, final String path, final String key,
        final String contentType, final String body)
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(path.startsWith("http") ? URI.create(path) :
            api(path));
        if (key != null)
        {
            request.header("Authorization", "Bearer " + key);
        }
        if (contentType != null)
        {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() :
            HttpRequest.BodyPublishers.ofString(body));
        return send(request.build());
    }

    public HttpResponse<String> send(final HttpRequest request)
    {
        try
        {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    public HttpResponse<String> get(final String path, final String key)
    {
        return send("GET", path, key, null, null);
    }

    public HttpResponse<String> postJson(final String path, final String key, final String json)
    {
        return send("POST", path, key, "application/json", json);
    }

    public JsonNode json(final HttpResponse<String> response)
    {
        try
        {
            return mapper.readTree(response.body());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("not JSON: " + response.body(), ex);
        }
    }

    /**
     * Registers participants as the operator (201 or, when registered before, 200).
     */
    public void register(final String... ids)
    {
        for (final String id : ids)
        {
            final HttpResponse<String> response = postJson("/api/v1/participants", operatorKey,
                "{\"id\":\"" + id + "\"}");
            if (response.statusCode() != 201 && response.statusCode() != 200)
            {
                throw new IllegalStateException("register " + id + ": " + response.body());
            }
        }
    }

    /**
     * @return a new key's secret.
     */
    public String createKey(final String role, final String participantId)
    {
        final String body = participantId == null ? "{\"role\":\"" + role + "\"}" :
            "{\"role\":\"" + role + "\",\"participantId\":\"" + participantId + "\"}";
        final HttpResponse<String> response = postJson("/api/v1/api-keys", operatorKey, body);
        if (response.statusCode() != 201)
        {
            throw new IllegalStateException("create key: " + response.body());
        }
        return json(response).get("key").asText();
    }

    /**
     * @return the engine's state hash, through the API.
     */
    public String stateHash()
    {
        return json(get("/api/v1/state", operatorKey)).get("stateHash").asText();
    }
}
