package io.clearing.server.http;

import io.clearing.server.auth.ApiKeyStore;
import io.clearing.server.auth.Role;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.jetty.HttpsConnectorFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import io.dropwizard.testing.DropwizardTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The server behind Dropwizard's https connector, the one docs/server-example.yml shows in comments (read from
 * there, with this test's port and keystore): a self-signed keystore made at run time with the JDK's keytool (no
 * key material in the repository), an authenticated request over TLS from a client that trusts that certificate,
 * and refusals of a plain-http request to the TLS port and of a client that does not trust the certificate.
 */
class TlsServerTest
{
    private static final String STORE_PASSWORD = "test-only-password";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final byte TLS_ALERT_RECORD = 21;

    private static Path directory;
    private static Path keyStore;
    private static String operatorKey;
    private static DropwizardTestSupport<ClearingServerConfiguration> support;

    @BeforeAll
    static void startServerWithHttpsConnector() throws Exception
    {
        directory = Files.createTempDirectory("clearing-tls-test");
        keyStore = directory.resolve("server.p12");
        createSelfSignedKeyStore(keyStore);
        final Path dataDirectory = directory.resolve("data");
        Files.createDirectories(dataDirectory);
        operatorKey = ApiKeyStore.open(dataDirectory.resolve("api-keys.json")).create(Role.OPERATOR, null, 1).key();

        final ClearingServerConfiguration configuration = new ClearingServerConfiguration();
        configuration.setDataDirectory(dataDirectory);
        configuration.setMinFreeDiskBytes(1);
        final HttpsConnectorFactory https = documentedHttpsConnector();
        assertThat(https.getKeyStoreType()).isEqualTo("PKCS12");
        https.setBindHost(ClearingServerConfiguration.LOOPBACK);
        https.setPort(0);
        https.setKeyStorePath(keyStore.toString());
        https.setKeyStorePassword(STORE_PASSWORD);
        final HttpConnectorFactory admin = new HttpConnectorFactory();
        admin.setBindHost(ClearingServerConfiguration.LOOPBACK);
        admin.setPort(0);
        final DefaultServerFactory serverFactory = (DefaultServerFactory)configuration.getServerFactory();
        serverFactory.setApplicationConnectors(List.of(https));
        serverFactory.setAdminConnectors(List.of(admin));
        ((LogbackAccessRequestLogFactory)serverFactory.getRequestLogFactory()).setAppenders(List.of());
        ((DefaultLoggingFactory)configuration.getLoggingFactory()).setLevel("WARN");
        support = new DropwizardTestSupport<>(ClearingServerApplication.class, configuration);
        support.before();
    }

    @AfterAll
    static void stopServer() throws IOException
    {
        if (support != null)
        {
            support.after();
        }
        try (Stream<Path> files = Files.walk(directory))
        {
            for (final Path file : files.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(file);
            }
        }
    }

    @Test
    void shouldServeAuthenticatedRequestsOverTls() throws Exception
    {
        final HttpClient client = HttpClient.newBuilder().sslContext(trusting(keyStore)).connectTimeout(TIMEOUT)
            .build();

        final HttpResponse<String> registered = client.send(HttpRequest.newBuilder(api("https", "/api/v1/participants"))
            .header("Authorization", "Bearer " + operatorKey).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"tls-1\",\"name\":\"Over TLS\"}")).timeout(TIMEOUT)
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        assertThat(registered.sslSession()).hasValueSatisfying(
            session -> assertThat(session.getProtocol()).startsWith("TLSv1."));
        assertThat(registered.headers().firstValue("Location")).hasValueSatisfying(
            location -> assertThat(location).startsWith("https://"));

        final HttpResponse<String> read = client.send(HttpRequest.newBuilder(api("https", "/api/v1/participants/tls-1"))
            .header("Authorization", "Bearer " + operatorKey).timeout(TIMEOUT).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(read.body()).contains("\"participantId\":\"tls-1\"");

        final HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(api("https", "/api/v1/participants"))
            .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        ServerApiTest.assertError(anonymous, 401, "unauthorized");
    }

    @Test
    void shouldRefusePlainHttpOnTheTlsPort() throws Exception
    {
        final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        final HttpRequest plain = HttpRequest.newBuilder(api("http", "/api/v1/participants"))
            .header("Authorization", "Bearer " + operatorKey).timeout(TIMEOUT).build();
        assertThatThrownBy(() -> client.send(plain, HttpResponse.BodyHandlers.ofString()))
            .isInstanceOf(IOException.class).isNotInstanceOf(HttpTimeoutException.class);

        // on the wire: no HTTP answer at all, at most a TLS alert record before the server closes the connection
        final byte[] answer;
        try (Socket socket = new Socket("127.0.0.1", support.getLocalPort()))
        {
            socket.setSoTimeout((int)TIMEOUT.toMillis());
            socket.getOutputStream().write(("GET /api/v1/participants HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                "Authorization: Bearer " + operatorKey + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            answer = socket.getInputStream().readAllBytes();
        }
        assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("HTTP/");
        if (answer.length > 0)
        {
            assertThat(answer[0]).as("TLS record type: alert").isEqualTo(TLS_ALERT_RECORD);
        }
    }

    @Test
    void shouldRefuseClientThatDoesNotTrustTheCertificate() throws Exception
    {
        final SSLContext defaultTrust = SSLContext.getInstance("TLS");
        defaultTrust.init(null, null, null);
        final HttpClient client = HttpClient.newBuilder().sslContext(defaultTrust).connectTimeout(TIMEOUT).build();
        final HttpRequest request = HttpRequest.newBuilder(api("https", "/api/v1/participants"))
            .header("Authorization", "Bearer " + operatorKey).timeout(TIMEOUT).build();

        assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
            .isInstanceOf(SSLHandshakeException.class);
    }

    /**
     * @return the https connector that docs/server-example.yml shows in comments, read as Dropwizard reads it.
     */
    private static HttpsConnectorFactory documentedHttpsConnector() throws IOException
    {
        final StringBuilder yaml = new StringBuilder();
        boolean inConnector = false;
        for (final String line : Files.readAllLines(Path.of("../docs/server-example.yml")))
        {
            inConnector = line.startsWith("    # - type: https") || inConnector && line.startsWith("    #   ");
            if (inConnector)
            {
                yaml.append(line.replaceFirst("# ", "")).append('\n');
            }
        }
        assertThat(yaml).as("commented https connector in docs/server-example.yml").isNotEmpty();
        final List<ConnectorFactory> connectors = Jackson.newObjectMapper(new YAMLFactory()).readValue(
            yaml.toString(), new TypeReference<List<ConnectorFactory>>()
            {
            });
        assertThat(connectors).hasSize(1).first().isInstanceOf(HttpsConnectorFactory.class);
        return (HttpsConnectorFactory)connectors.get(0);
    }

    private static URI api(final String scheme, final String path)
    {
        return URI.create(scheme + "://127.0.0.1:" + support.getLocalPort() + path);
    }

    /**
     * An EC key and self-signed certificate for 127.0.0.1 (the name the client checks), as docs/server.md tells
     * an operator to make one.
     */
    private static void createSelfSignedKeyStore(final Path file) throws IOException, InterruptedException
    {
        final Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        final Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "clearing",
            "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=localhost",
            "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-keystore", file.toString(), "-storetype", "PKCS12",
            "-storepass", STORE_PASSWORD).redirectErrorStream(true).start();
        final String output;
        try (InputStream out = process.getInputStream())
        {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    /**
     * @return a TLS context trusting only the certificate in the server's keystore (its public part).
     */
    private static SSLContext trusting(final Path serverKeyStore) throws Exception
    {
        final KeyStore server = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(serverKeyStore))
        {
            server.load(in, STORE_PASSWORD.toCharArray());
        }
        final KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("clearing", server.getCertificate("clearing"));
        final TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(
            TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        return context;
    }
}
