package io.clearing.server.http;

import io.dropwizard.configuration.ConfigurationParsingException;
import io.dropwizard.configuration.UndefinedEnvironmentVariableException;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.jetty.HttpsConnectorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the server does for transport security before it starts: it finds plain-http API connectors that serve
 * beyond loopback (to warn of them), and it takes secrets such as the keystore password from environment variables
 * named in the configuration file.
 */
class ConfigurationSecurityTest
{
    @Test
    void shouldFindPlainHttpConnectorsBeyondLoopbackOnly()
    {
        assertThat(new ClearingServerConfiguration().plainHttpBeyondLoopback()).isEmpty();

        final ClearingServerConfiguration configuration = new ClearingServerConfiguration();
        final HttpsConnectorFactory https = new HttpsConnectorFactory();
        https.setBindHost("0.0.0.0");
        https.setPort(9005);
        ((DefaultServerFactory)configuration.getServerFactory()).setApplicationConnectors(List.of(
            http("0.0.0.0", 9001), http(null, 9002), http("localhost", 9003), http("::1", 9004), https,
            http("127.0.0.1", 9006)));

        assertThat(configuration.plainHttpBeyondLoopback())
            .containsExactly("http on 0.0.0.0:9001", "http on every interface:9002");
    }

    @Test
    void shouldTakeEnvironmentVariablesNamedInConfigurationFile(@TempDir final Path directory) throws Exception
    {
        final Map.Entry<String, String> variable = System.getenv().entrySet().stream()
            .filter(entry -> entry.getKey().matches("[A-Z_]+") && entry.getValue().matches("[A-Za-z0-9/._-]+"))
            .findFirst().orElseThrow(() -> new AssertionError("no plain environment variable to test with"));
        final Path file = directory.resolve("server.yml");
        Files.writeString(file, "dataDirectory: \"${" + variable.getKey() + "}\"\n" +
            "minFreeDiskBytes: ${CLEARING_TEST_SURELY_UNSET_VARIABLE:-4096}\n");

        final ClearingServerConfiguration configuration = load(file);

        assertThat(configuration.getDataDirectory()).isEqualTo(Path.of(variable.getValue()));
        assertThat(configuration.getMinFreeDiskBytes()).isEqualTo(4096);
    }

    @Test
    void shouldRefuseConfigurationNamingUnsetEnvironmentVariable(@TempDir final Path directory) throws Exception
    {
        final Path file = directory.resolve("server.yml");
        Files.writeString(file, "dataDirectory: ${CLEARING_TEST_SURELY_UNSET_VARIABLE}\n");

        assertThatThrownBy(() -> load(file)).isInstanceOfAny(UndefinedEnvironmentVariableException.class,
            ConfigurationParsingException.class).hasMessageContaining("CLEARING_TEST_SURELY_UNSET_VARIABLE");
    }

    private static ClearingServerConfiguration load(final Path file) throws Exception
    {
        final ClearingServerApplication application = new ClearingServerApplication(line ->
        {
        });
        final Bootstrap<ClearingServerConfiguration> bootstrap = new Bootstrap<>(application);
        application.initialize(bootstrap);
        return new YamlConfigurationFactory<>(ClearingServerConfiguration.class, Validators.newValidator(),
            Jackson.newObjectMapper(), "dw").build(bootstrap.getConfigurationSourceProvider(), file.toString());
    }

    private static HttpConnectorFactory http(final String bindHost, final int port)
    {
        final HttpConnectorFactory connector = new HttpConnectorFactory();
        connector.setBindHost(bindHost);
        connector.setPort(port);
        return connector;
    }
}
