package io.clearing.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearing.core.api.CertificateVerifier;
import io.clearing.core.api.ClearingSolver;
import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.api.Verification;
import io.clearing.core.csv.CertificateCsvReader;
import io.clearing.core.csv.ObligationCsvReader;
import io.clearing.core.csv.SetOffCsvReader;
import io.clearing.core.generate.DeepCycleNetworkGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads a generated trade-credit network as CSV, runs a clearing, downloads the set-offs and the certificate,
 * and checks them with the library's verifier and against the solver run directly on the same network.
 */
@ExtendWith(TestServer.class)
class ServerEndToEndTest
{
    private final TestServer server;

    ServerEndToEndTest(final TestServer server)
    {
        this.server = server;
    }

    @Test
    void shouldClearUploadedNetworkOptimallyWithVerifiableCertificate() throws Exception
    {
        final String operator = server.operatorKey();
        final ObligationNetwork generated = new DeepCycleNetworkGenerator(42, 300, 3_000).generate();
        // prefixed ids: the server is shared with other tests
        final StringBuilder csv = new StringBuilder("id,debtor,creditor,amount\n");
        for (int i = 0; i < generated.obligationCount(); i++)
        {
            csv.append("e2e-").append(i + 1).append(",e2e-").append(generated.participantId(generated.debtor(i)))
                .append(",e2e-").append(generated.participantId(generated.creditor(i))).append(',')
                .append(generated.amountMinor(i)).append('\n');
        }
        final HttpResponse<String> upload = server.send("POST", "/api/v1/obligations?registerParticipants=true",
            operator, "text/csv", csv.toString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
        final JsonNode report = server.json(upload);
        assertThat(report.get("accepted").asLong()).isEqualTo(generated.obligationCount());
        assertThat(report.get("rejected").asLong()).isZero();

        final JsonNode run = server.json(server.send("POST", "/api/v1/clearing-runs", operator, null, null));
        final long runId = run.get("runId").asLong();
        final String setOffs = download("/api/v1/clearing-runs/" + runId + "/set-offs", operator);
        final String certificate = download("/api/v1/clearing-runs/" + runId + "/certificate", operator);
        assertThat(setOffs).contains("e2e-");

        final ObligationNetwork atCutOff = new ObligationCsvReader().read(stream(setOffs), "set-offs", 0);
        final long[] setOff = new SetOffCsvReader(0).read(stream(setOffs), "set-offs", atCutOff);
        final long[] potentials = new CertificateCsvReader().read(stream(certificate), "certificate", atCutOff);
        final Verification verification = CertificateVerifier.verifyOptimal(atCutOff, setOff, potentials);
        assertThat(verification.ok()).as(verification.message()).isTrue();
        assertThat(verification.clearedMinor()).isEqualTo(run.get("clearedMinor").asLong())
            .isEqualTo(new ClearingSolver().solve(atCutOff).clearedMinor())
            .isPositive();
    }

    private String download(final String path, final String key)
    {
        final HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.api(path))
            .header("Authorization", "Bearer " + key).header("Accept", "text/csv").GET().build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static ByteArrayInputStream stream(final String text)
    {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
