package io.clearing.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearing.core.api.Verification;
import io.clearing.core.csv.RunCertificateCsv;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static io.clearing.server.http.ServerApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/clearing-runs/{id}/certificate} for every kind of run (a run with a liquidity commitment, a
 * hierarchical run), its run certificate file checked with the library's verifier, the roles that may read it, and
 * the default unit's rate through {@code /api/v1/treasury/default-unit-rate}.
 */
@ExtendWith(TestServer.class)
class RunCertificateApiTest
{
    private final TestServer server;
    private final String operator;

    RunCertificateApiTest(final TestServer server)
    {
        this.server = server;
        this.operator = server.operatorKey();
    }

    /**
     * The server is shared: leave no rate behind that other tests' runs would use.
     */
    @AfterEach
    void leaveNoRate()
    {
        server.send("DELETE", "/api/v1/treasury/default-unit-rate", operator, null, null);
    }

    private HttpResponse<String> csv(final String path, final String key)
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(server.api(path)).header("Accept", "text/csv")
            .GET();
        if (key != null)
        {
            request.header("Authorization", "Bearer " + key);
        }
        return server.send(request.build());
    }

    private long run(final String mode)
    {
        final HttpResponse<String> run = server.postJson("/api/v1/clearing-runs" + (mode == null ? "" :
            "?mode=" + mode), operator, "");
        assertThat(run.statusCode()).as(run.body()).isEqualTo(201);
        return server.json(run).get("runId").asLong();
    }

    private static RunCertificateCsv.Contents read(final String body) throws Exception
    {
        return RunCertificateCsv.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), "download");
    }

    @Test
    void shouldServeAVerifiableCertificateOfARunWithLiquidityAndOfAHierarchicalRun() throws Exception
    {
        server.postJson("/api/v1/units", operator, "{\"id\":\"RCU\",\"kind\":\"community\"}");
        server.register("rc-a", "rc-b", "rc-c");
        for (final String[] o : new String[][] {{"rc-1", "rc-a", "rc-b"}, {"rc-2", "rc-b", "rc-c"}})
        {
            final HttpResponse<String> submitted = server.postJson("/api/v1/obligations", operator, "{\"id\":\"" +
                o[0] + "\",\"debtor\":\"" + o[1] + "\",\"creditor\":\"" + o[2] + "\",\"amount\":100,\"unit\":\"RCU\"}");
            assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        }
        final HttpResponse<String> limit = server.send("PUT", "/api/v1/clearing-runs/next/limits", operator,
            "application/json", "{\"participant\":\"rc-a\",\"unit\":\"RCU\",\"liquidity\":100}");
        assertThat(limit.statusCode()).as(limit.body()).isIn(200, 201);
        final long runId = run(null);
        final String auditor = server.createKey("auditor", null);

        final HttpResponse<String> json = server.get("/api/v1/clearing-runs/" + runId + "/certificate", auditor);
        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
        final JsonNode certificate = server.json(json);
        assertThat(certificate.get("kind").asText()).isEqualTo("flat");
        assertThat(certificate.get("verified").asBoolean()).isTrue();
        assertThat(certificate.get("potentials")).isEmpty();
        assertThat(certificate.get("entries").findValuesAsText("kind")).contains("liquidity");

        final HttpResponse<String> file = csv("/api/v1/clearing-runs/" + runId + "/certificate/run", auditor);
        assertThat(file.statusCode()).as(file.body()).isEqualTo(200);
        assertThat(file.body()).startsWith("run," + runId + ",flat,solved\n").contains("\nliquidity,rc-a,RCU,100\n")
            .contains("\nobligation,rc-2,rc-b,rc-c,RCU,100,0,0,100,0\n");
        final RunCertificateCsv.Contents contents = read(file.body());
        final Verification verified = contents.run().verify();
        assertThat(verified.ok()).as(verified.message()).isTrue();
        assertThat(read(file.body().replace(",RCU,100,0,0,100,0\n", ",RCU,100,0,0,99,0\n")).run().verify().ok())
            .as("a lowered discharge").isFalse();
        assertThat(csv("/api/v1/clearing-runs/" + runId + "/certificate", operator).body())
            .as("the CSV of a run without plain potentials is the run file").isEqualTo(file.body());

        final long hierarchical = run("hierarchical");
        final JsonNode levels = server.json(server.get("/api/v1/clearing-runs/" + hierarchical + "/certificate",
            operator));
        assertThat(levels.get("kind").asText()).isEqualTo("hierarchical");
        assertThat(levels.get("verified").asBoolean()).isTrue();
        final RunCertificateCsv.Contents levelFile = read(csv("/api/v1/clearing-runs/" + hierarchical +
            "/certificate/run", auditor).body());
        assertThat(levelFile.run().hierarchical()).isTrue();
        assertThat(levelFile.run().verify().ok()).as(levelFile.run().verify().message()).isTrue();
    }

    @Test
    void shouldLetOperatorsAndAuditorsReadTheCertificateAndNobodyElse()
    {
        server.register("rc-p");
        final long runId = run(null);
        final String participant = server.createKey("participant", "rc-p");
        assertError(server.get("/api/v1/clearing-runs/" + runId + "/certificate", participant), 403, "forbidden");
        assertError(csv("/api/v1/clearing-runs/" + runId + "/certificate/run", participant), 403, "forbidden");
        assertThat(csv("/api/v1/clearing-runs/" + runId + "/certificate/run", null).statusCode()).isEqualTo(401);
        assertError(csv("/api/v1/clearing-runs/999999/certificate/run", operator), 404, "not_found");
        final JsonNode plain = server.json(server.get("/api/v1/clearing-runs/" + runId + "/certificate", operator));
        assertThat(plain.get("verified").asBoolean()).isTrue();
        assertThat(plain.get("adoptedFromProposal").asBoolean()).isFalse();
    }

    @Test
    void shouldSetAndWithdrawTheDefaultUnitsRate()
    {
        final String path = "/api/v1/treasury/default-unit-rate";
        final HttpResponse<String> set = server.send("PUT", path, operator, "application/json",
            "{\"numerator\":4,\"denominator\":2}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(201);
        assertThat(server.json(set).get("unitId").asText()).isEmpty();
        assertThat(server.json(set).get("numerator").asLong()).as("lowest terms").isEqualTo(2);
        assertThat(server.send("PUT", path, operator, "application/json", "{\"numerator\":2,\"denominator\":1}")
            .statusCode()).isEqualTo(200);
        final JsonNode treasury = server.json(server.get("/api/v1/treasury", operator));
        assertThat(treasury.get("rates").findValuesAsText("unitId")).contains("");
        assertError(server.send("PUT", path, operator, "application/json", "{\"numerator\":0,\"denominator\":1}"),
            400, "bad_request");
        assertError(server.send("PUT", path, server.createKey("auditor", null), "application/json",
            "{\"numerator\":1,\"denominator\":1}"), 403, "forbidden");
        assertThat(server.send("DELETE", path, operator, null, null).statusCode()).isEqualTo(201);
        assertThat(server.json(server.get("/api/v1/treasury", operator)).get("rates").findValuesAsText("unitId"))
            .doesNotContain("");
    }
}
