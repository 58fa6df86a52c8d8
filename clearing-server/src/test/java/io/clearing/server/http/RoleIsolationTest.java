package io.clearing.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.clearing.server.http.ServerApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Roles: a participant key reads and changes only its own data (another's gives 404, a forbidden action 403); an
 * auditor reads everything and changes nothing (403); the engine is untouched by every refusal.
 */
@ExtendWith(TestServer.class)
class RoleIsolationTest
{
    private final TestServer server;
    private final String operator;
    private String alpha;
    private String auditor;

    RoleIsolationTest(final TestServer server)
    {
        this.server = server;
        this.operator = server.operatorKey();
    }

    @BeforeEach
    void setUp()
    {
        server.register("iso-alpha", "iso-beta", "iso-gamma");
        server.postJson("/api/v1/obligations", operator, "[" +
            "{\"id\":\"iso-ab\",\"debtor\":\"iso-alpha\",\"creditor\":\"iso-beta\",\"amount\":50}," +
            "{\"id\":\"iso-bg\",\"debtor\":\"iso-beta\",\"creditor\":\"iso-gamma\",\"amount\":50}," +
            "{\"id\":\"iso-ga\",\"debtor\":\"iso-gamma\",\"creditor\":\"iso-alpha\",\"amount\":50}]");
        alpha = server.createKey("participant", "iso-alpha");
        auditor = server.createKey("auditor", null);
    }

    @Test
    void shouldLetParticipantSubmitOnlyItsOwnObligations()
    {
        final HttpResponse<String> own = server.postJson("/api/v1/obligations", alpha,
            "{\"id\":\"iso-own\",\"debtor\":\"iso-beta\",\"creditor\":\"iso-alpha\",\"amount\":5}");
        assertThat(own.statusCode()).as(own.body()).isIn(200, 201);

        final String hash = server.stateHash();
        assertError(server.postJson("/api/v1/obligations", alpha,
            "{\"id\":\"iso-other\",\"debtor\":\"iso-beta\",\"creditor\":\"iso-gamma\",\"amount\":5}"), 403,
            "forbidden");
        final JsonNode report = server.json(server.send("POST", "/api/v1/obligations", alpha, "text/csv",
            "id,debtor,creditor,amount\niso-c1,iso-beta,iso-gamma,5\n"));
        assertThat(report.get("rejects").get(0).get("code").asText()).isEqualTo("forbidden");
        assertThat(report.get("accepted").asLong()).isZero();
        assertError(server.send("POST", "/api/v1/obligations?registerParticipants=true", alpha, "text/csv",
            "id,debtor,creditor,amount\niso-c2,iso-alpha,iso-new,5\n"), 403, "forbidden");
        assertThat(server.stateHash()).isEqualTo(hash);
    }

    @Test
    void shouldHideOtherParticipantsDataFromParticipantKey()
    {
        assertThat(server.get("/api/v1/obligations/iso-ab", alpha).statusCode()).isEqualTo(200);
        assertError(server.get("/api/v1/obligations/iso-bg", alpha), 404, "not_found");
        assertThat(server.get("/api/v1/participants/iso-alpha/position", alpha).statusCode()).isEqualTo(200);
        assertError(server.get("/api/v1/participants/iso-beta/position", alpha), 404, "not_found");
        assertError(server.get("/api/v1/participants/iso-beta", alpha), 404, "not_found");
        assertError(server.get("/api/v1/obligations?participant=iso-beta", alpha), 404, "not_found");

        final JsonNode listed = server.json(server.get("/api/v1/obligations", alpha));
        assertThat(listed.get("items").findValuesAsText("obligationId")).isNotEmpty().allSatisfy(
            id -> assertThat(id).isNotEqualTo("iso-bg"));
        for (final JsonNode obligation : listed.get("items"))
        {
            assertThat(obligation.get("debtorId").asText() + obligation.get("creditorId").asText())
                .contains("iso-alpha");
        }
        assertThat(server.json(server.get("/api/v1/participants", alpha)).get("items")
            .findValuesAsText("participantId")).containsExactly("iso-alpha");
    }

    @Test
    void shouldShowParticipantOnlyItsOwnSetOffs()
    {
        final long runId = server.json(server.send("POST", "/api/v1/clearing-runs", operator, null, null))
            .get("runId").asLong();
        final JsonNode page = server.json(server.get("/api/v1/clearing-runs/" + runId + "/set-offs", alpha));
        assertThat(page.get("items").findValuesAsText("obligationId")).contains("iso-ab", "iso-ga")
            .doesNotContain("iso-bg");
        final HttpResponse<String> csv = server.send(HttpRequest.newBuilder(
            server.api("/api/v1/clearing-runs/" + runId + "/set-offs")).header("Authorization", "Bearer " + alpha)
            .header("Accept", "text/csv").GET().build());
        assertThat(csv.body()).contains("iso-ab,").doesNotContain("iso-bg,");
        assertThat(server.get("/api/v1/clearing-runs/" + runId, alpha).statusCode()).isEqualTo(200);
        assertError(server.get("/api/v1/clearing-runs/" + runId + "/certificate", alpha), 403, "forbidden");
        assertError(server.send("POST", "/api/v1/clearing-runs", alpha, null, null), 403, "forbidden");
    }

    @Test
    void shouldLetParticipantRecordPaymentsOnlyAsCreditor()
    {
        server.postJson("/api/v1/obligations", operator,
            "{\"id\":\"iso-pay\",\"debtor\":\"iso-beta\",\"creditor\":\"iso-alpha\",\"amount\":9}");
        server.postJson("/api/v1/obligations", operator,
            "{\"id\":\"iso-owe\",\"debtor\":\"iso-alpha\",\"creditor\":\"iso-beta\",\"amount\":9}");
        assertThat(server.postJson("/api/v1/obligations/iso-pay/payments", alpha,
            "{\"paymentId\":\"iso-p1\",\"amount\":1}").statusCode()).isIn(200, 201);
        assertError(server.postJson("/api/v1/obligations/iso-owe/payments", alpha,
            "{\"paymentId\":\"iso-p2\",\"amount\":1}"), 403, "forbidden");
        assertError(server.postJson("/api/v1/obligations/iso-bg/payments", alpha,
            "{\"paymentId\":\"iso-p3\",\"amount\":1}"), 404, "not_found");
    }

    @Test
    void shouldDenyParticipantOperatorOnlyEndpoints()
    {
        assertError(server.postJson("/api/v1/participants", alpha, "{\"id\":\"iso-x\"}"), 403, "forbidden");
        assertError(server.send("POST", "/api/v1/snapshots", alpha, null, null), 403, "forbidden");
        assertError(server.get("/api/v1/api-keys", alpha), 403, "forbidden");
        assertError(server.get("/api/v1/state", alpha), 403, "forbidden");
    }

    @Test
    void shouldLetAuditorReadEverythingAndChangeNothing()
    {
        for (final String path : new String[]{"/api/v1/obligations/iso-bg", "/api/v1/participants/iso-beta",
            "/api/v1/participants/iso-gamma/position", "/api/v1/obligations?participant=iso-beta",
            "/api/v1/participants", "/api/v1/clearing-runs", "/api/v1/state", "/openapi.json"})
        {
            assertThat(server.get(path, auditor).statusCode()).as(path).isEqualTo(200);
        }
        final String hash = server.stateHash();
        assertError(server.postJson("/api/v1/obligations", auditor,
            "{\"id\":\"iso-aud\",\"debtor\":\"iso-beta\",\"creditor\":\"iso-gamma\",\"amount\":5}"), 403,
            "forbidden");
        assertError(server.send("POST", "/api/v1/obligations", auditor, "text/csv",
            "id,debtor,creditor,amount\niso-aud,iso-beta,iso-gamma,5\n"), 403, "forbidden");
        assertError(server.postJson("/api/v1/participants", auditor, "{\"id\":\"iso-y\"}"), 403, "forbidden");
        assertError(server.postJson("/api/v1/obligations/iso-bg/payments", auditor,
            "{\"paymentId\":\"iso-p4\",\"amount\":1}"), 403, "forbidden");
        assertError(server.send("POST", "/api/v1/clearing-runs", auditor, null, null), 403, "forbidden");
        assertError(server.send("POST", "/api/v1/snapshots", auditor, null, null), 403, "forbidden");
        assertError(server.postJson("/api/v1/api-keys", auditor, "{\"role\":\"operator\"}"), 403, "forbidden");
        assertThat(server.stateHash()).isEqualTo(hash);
    }
}
