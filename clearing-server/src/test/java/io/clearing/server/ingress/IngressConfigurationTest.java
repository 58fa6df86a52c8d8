package io.clearing.server.ingress;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearing.client.AckCode;
import io.clearing.core.engine.api.ResultCode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngressConfigurationTest
{
    @Test
    void shouldMapFromJsonAsTheServerConfigurationWillWhenGivenItsFieldNames() throws Exception
    {
        final String json = "{\"channel\":\"aeron:udp?endpoint=localhost:40123\",\"streamId\":7," +
            "\"idleStrategy\":\"YIELDING\",\"embeddedDriver\":false,\"aeronDirectory\":\"/dev/shm/x\"," +
            "\"maxMessageBytes\":8192,\"maxPendingAcksPerSession\":1024,\"maxInFlight\":4096}";
        final IngressConfiguration configuration = new ObjectMapper().readValue(json, IngressConfiguration.class);

        assertThat(configuration.conclude()).isSameAs(configuration);
        assertThat(configuration.channel()).isEqualTo("aeron:udp?endpoint=localhost:40123");
        assertThat(configuration.streamId()).isEqualTo(7);
        assertThat(configuration.idleStrategy()).isEqualTo(IdleStrategyType.YIELDING);
        assertThat(configuration.embeddedDriver()).isFalse();
        assertThat(configuration.aeronDirectory()).isEqualTo(Path.of("/dev/shm/x"));
        assertThat(configuration.maxMessageBytes()).isEqualTo(8192);
        assertThat(configuration.maxPendingAcksPerSession()).isEqualTo(1024);
        assertThat(configuration.maxInFlight()).isEqualTo(4096);
    }

    @Test
    void shouldNameTheBadSettingWhenConcluding()
    {
        assertThatThrownBy(() -> new IngressConfiguration().channel("aeron:tcp").conclude())
            .hasMessageContaining("IngressConfiguration.channel");
        assertThatThrownBy(() -> new IngressConfiguration().maxInFlight(1000).conclude())
            .hasMessage("IngressConfiguration.maxInFlight must be a power of two >= 64: 1000");
        assertThatThrownBy(() -> new IngressConfiguration().maxPendingAcksPerSession(10).conclude())
            .hasMessageStartingWith("IngressConfiguration.maxPendingAcksPerSession must hold every command");
        assertThatThrownBy(() -> new IngressConfiguration().embeddedDriver(false).conclude())
            .hasMessage("IngressConfiguration.aeronDirectory must be set when embeddedDriver is false");
        assertThatThrownBy(() -> new IngressConfiguration().driverTermLength(100_000).conclude())
            .hasMessageStartingWith("IngressConfiguration.driverTermLength must be a power of two");
    }

    @Test
    void shouldGiveEveryEngineResultCodeTheSameNameAndWireValueOnTheClient()
    {
        for (final ResultCode code : ResultCode.values())
        {
            final AckCode ackCode = AckCode.of(code.code());
            assertThat(ackCode).as("client code for %s", code).isNotNull();
            assertThat(ackCode.name()).isEqualTo(code.name());
        }
        assertThat(AckCode.of(-1)).isNull();
        assertThat(AckCode.of(1000)).isNull();
    }

    @Test
    void shouldAuthenticateOnlyKeysWhoseHashIsKnown()
    {
        final IngressPrincipal operator = IngressPrincipal.operator("ops");
        final Sha256KeyAuthenticator authenticator = new Sha256KeyAuthenticator(
            Map.of(Sha256KeyAuthenticator.sha256Hex("secret-key").toUpperCase(), operator));

        assertThat(authenticator.authenticate("secret-key")).contains(operator);
        assertThat(authenticator.authenticate("secret-key ")).isEmpty();
        assertThat(authenticator.authenticate("")).isEmpty();
        assertThat(Sha256KeyAuthenticator.sha256Hex("abc"))
            .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThatThrownBy(() -> IngressPrincipal.participant("p", ""))
            .hasMessageContaining("needs its participant id");
    }
}
