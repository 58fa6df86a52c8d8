package io.clearing.server.http;

import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import io.dropwizard.logging.common.ConsoleAppenderFactory;
import io.dropwizard.logging.json.AccessJsonLayoutBaseFactory;
import io.clearing.core.engine.Context;
import io.clearing.core.engine.WaitStrategyType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * docs/server-example.yml is a valid configuration and says what the built-in defaults are.
 */
class ExampleConfigurationTest
{
    @Test
    void shouldFindIngressFactoryByType() throws Exception
    {
        final ClearingServerConfiguration configuration =
            fromYaml("ingress:\n  type: recording\n  port: 40123\n");
        assertThat(configuration.getIngress()).isInstanceOfSatisfying(RecordingIngressFactory.class,
            ingress -> assertThat(ingress.port()).isEqualTo(40123));
        assertThat(configuration.getIngress().build(() -> null, key -> java.util.Optional.empty(),
            new com.codahale.metrics.MetricRegistry())).isNotNull();
    }

    @Test
    void shouldPassTheExpectedSizesToTheEngine() throws Exception
    {
        final ClearingServerConfiguration configuration =
            fromYaml("engine:\n  expectedParticipants: 5000\n  expectedObligations: 12000000\n");
        final Context context = configuration.getEngine().context(Path.of("j"));
        assertThat(context.expectedParticipants()).isEqualTo(5_000);
        assertThat(context.expectedObligations()).isEqualTo(12_000_000);
    }

    @Test
    void shouldRefuseAnExpectedSizeThatIsNotPositiveNamingTheSetting() throws Exception
    {
        final Context context = fromYaml("engine:\n  expectedObligations: 0\n").getEngine().context(Path.of("j"));
        assertThatThrownBy(context::conclude)
            .hasMessageContaining("expectedObligations must be > 0: 0");
    }

    @Test
    void shouldPassTheJournalSettingsToTheEngine() throws Exception
    {
        final ClearingServerConfiguration configuration =
            fromYaml("engine:\n  journalThread: false\n  pretouchJournal: false\n");
        final Context context = configuration.getEngine().context(Path.of("j"));
        assertThat(context.journalThread()).isFalse();
        assertThat(context.pretouchJournal()).isFalse();
    }

    @Test
    void shouldParseDocumentedExampleWithTheBuiltInDefaults() throws Exception
    {
        final ClearingServerConfiguration example = factory().build(new File("../docs/server-example.yml"));
        final ClearingServerConfiguration defaults = new ClearingServerConfiguration();

        assertThat(example.getDataDirectory()).isEqualTo(Path.of(ClearingServerConfiguration.DEFAULT_DATA_DIRECTORY))
            .isEqualTo(defaults.getDataDirectory());
        assertThat(example.getEngine().getWaitStrategy()).isEqualTo(WaitStrategyType.PHASED_BACKOFF)
            .isEqualTo(defaults.getEngine().getWaitStrategy());
        assertThat(example.getEngine().getRingSize()).isEqualTo(defaults.getEngine().getRingSize());
        assertThat(example.getEngine().isJournalThread()).isTrue().isEqualTo(defaults.getEngine().isJournalThread());
        assertThat(example.getEngine().isPretouchJournal()).isTrue()
            .isEqualTo(defaults.getEngine().isPretouchJournal());
        final Context fromExample = example.getEngine().context(Path.of("j"));
        assertThat(fromExample.journalThread()).isTrue();
        assertThat(fromExample.pretouchJournal()).isTrue();
        assertThat(fromExample.expectedParticipants()).isEqualTo(Context.DEFAULT_EXPECTED_PARTICIPANTS)
            .isEqualTo(defaults.getEngine().context(Path.of("j")).expectedParticipants());
        assertThat(fromExample.expectedObligations()).isEqualTo(Context.DEFAULT_EXPECTED_OBLIGATIONS)
            .isEqualTo(defaults.getEngine().context(Path.of("j")).expectedObligations());
        assertThat(example.getLimits().getMaxJsonBytes()).isEqualTo(defaults.getLimits().getMaxJsonBytes());
        assertThat(example.getLimits().getMaxCsvBytes()).isEqualTo(defaults.getLimits().getMaxCsvBytes());
        assertThat(example.getLimits().getMaxPageSize()).isEqualTo(defaults.getLimits().getMaxPageSize());
        assertThat(example.getMinFreeDiskBytes()).isEqualTo(defaults.getMinFreeDiskBytes());
        assertThat(example.getIngress()).isNull();

        for (final ClearingServerConfiguration configuration : new ClearingServerConfiguration[]{example, defaults})
        {
            final DefaultServerFactory server = (DefaultServerFactory)configuration.getServerFactory();
            final HttpConnectorFactory api = (HttpConnectorFactory)server.getApplicationConnectors().get(0);
            final HttpConnectorFactory admin = (HttpConnectorFactory)server.getAdminConnectors().get(0);
            assertThat(api.getBindHost()).isEqualTo(ClearingServerConfiguration.LOOPBACK);
            assertThat(api.getPort()).isEqualTo(ClearingServerConfiguration.DEFAULT_PORT);
            assertThat(admin.getBindHost()).isEqualTo(ClearingServerConfiguration.LOOPBACK);
            assertThat(admin.getPort()).isEqualTo(ClearingServerConfiguration.DEFAULT_ADMIN_PORT);
            final ConsoleAppenderFactory<?> requestLog = (ConsoleAppenderFactory<?>)
                ((LogbackAccessRequestLogFactory)server.getRequestLogFactory()).getAppenders().get(0);
            assertThat(requestLog.getLayout()).isInstanceOf(AccessJsonLayoutBaseFactory.class);
            assertThat(((AccessJsonLayoutBaseFactory)requestLog.getLayout()).getResponseHeaders())
                .containsExactly(RequestIdFilter.HEADER);
        }
    }

    private static YamlConfigurationFactory<ClearingServerConfiguration> factory()
    {
        return new YamlConfigurationFactory<>(ClearingServerConfiguration.class, Validators.newValidator(),
            Jackson.newObjectMapper(), "dw");
    }

    private static ClearingServerConfiguration fromYaml(final String yaml) throws Exception
    {
        return factory().build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "inline.yml");
    }
}
