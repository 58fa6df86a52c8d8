package io.clearing.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;

import static io.clearing.server.http.PolicyApiTest.texts;
import static io.clearing.server.http.ServerApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Roles on the policy endpoints, by the rules of {@link RoleIsolationTest}: a participant key acts only for itself
 * (another participant's data addressed in the path is 404, another participant named in the body or query is
 * 403), an auditor reads everything and changes nothing (403), and no refusal changes the engine's state.
 */
@ExtendWith(TestServer.class)
class PolicyRoleIsolationTest
{
    private static final String JSON = "application/json";

    private final TestServer server;
    private final String operator;
    private String alpha;
    private String auditor;

    PolicyRoleIsolationTest(final TestServer server)
    {
        this.server = server;
        this.operator = server.operatorKey();
    }

    @BeforeEach
    void setUp()
    {
        server.register("pi-alpha", "pi-beta", "pi-gamma", "pi-fund");
        server.postJson("/api/v1/units", operator,
            "{\"id\":\"PIU\",\"kind\":\"community\",\"demurrageBasisPoints\":10,\"fund\":\"pi-fund\"}");
        alpha = server.createKey("participant", "pi-alpha");
        auditor = server.createKey("auditor", null);
    }

    @Test
    void shouldLetParticipantActOnlyForItself()
    {
        server.postJson("/api/v1/obligations", operator, "[" +
            "{\"id\":\"pi-ab\",\"debtor\":\"pi-alpha\",\"creditor\":\"pi-beta\",\"amount\":5}," +
            "{\"id\":\"pi-bg\",\"debtor\":\"pi-beta\",\"creditor\":\"pi-gamma\",\"amount\":5}]");
        final String hash = server.stateHash();
        assertError(server.postJson("/api/v1/obligations/pi-bg/dispute", alpha, null), 404, "not_found");
        assertError(server.send("DELETE", "/api/v1/obligations/pi-bg/dispute", alpha, null, null), 404,
            "not_found");
        assertError(server.postJson("/api/v1/obligations/pi-ab/dispute?participant=pi-beta", alpha, null), 403,
            "forbidden");
        for (final String path : new String[]{"/api/v1/participants/pi-beta/rules",
            "/api/v1/participants/pi-beta/accounts"})
        {
            assertError(server.get(path, alpha), 404, "not_found");
        }
        assertError(server.send("PUT", "/api/v1/participants/pi-beta/rules", alpha, JSON, "{}"), 404, "not_found");
        assertError(server.send("DELETE", "/api/v1/participants/pi-beta/rules", alpha, null, null), 404,
            "not_found");
        assertError(server.postJson("/api/v1/participants/pi-beta/opt-out", alpha, "{\"mode\":\"next-run\"}"), 404,
            "not_found");
        assertError(server.send("DELETE", "/api/v1/participants/pi-beta/opt-out", alpha, null, null), 404,
            "not_found");
        assertError(server.send("PUT", "/api/v1/participants/pi-beta/accounts/PIU/savings", alpha, JSON,
            "{\"amount\":0}"), 404, "not_found");
        assertError(server.postJson("/api/v1/units", alpha, "{\"id\":\"PIX\",\"kind\":\"national\"}"), 403,
            "forbidden");
        assertError(server.postJson("/api/v1/units/PIU/demurrage", alpha, "{\"period\":1}"), 403, "forbidden");
        assertError(server.send("PUT", "/api/v1/clearing-runs/next/limits", alpha, JSON,
            "{\"participant\":\"pi-beta\",\"unit\":\"PIU\",\"liquidity\":5}"), 403, "forbidden");
        assertError(server.send("POST", "/api/v1/clearing-runs?mode=proposal&default=accept&deadlineMs=" +
            (System.currentTimeMillis() + 60_000), alpha, null, null), 403, "forbidden");
        assertError(server.send("POST", "/api/v1/clearing-runs/999999/commit", alpha, null, null), 403,
            "forbidden");
        assertThat(server.stateHash()).isEqualTo(hash);

        assertThat(server.postJson("/api/v1/obligations/pi-ab/dispute", alpha, null).statusCode()).isEqualTo(201);
        assertThat(server.send("DELETE", "/api/v1/obligations/pi-ab/dispute", alpha, null, null).statusCode())
            .isEqualTo(201);
        assertThat(server.send("PUT", "/api/v1/participants/pi-alpha/rules", alpha, JSON,
            "{\"minimumAmount\":3}").statusCode()).isEqualTo(200);
        assertThat(server.get("/api/v1/participants/pi-alpha/rules", alpha).statusCode()).isEqualTo(200);
        assertThat(server.send("DELETE", "/api/v1/participants/pi-alpha/rules", alpha, null, null).statusCode())
            .isEqualTo(200);
        assertThat(server.postJson("/api/v1/participants/pi-alpha/opt-out", alpha, "{\"mode\":\"next-run\"}")
            .statusCode()).isEqualTo(201);
        assertThat(server.send("DELETE", "/api/v1/participants/pi-alpha/opt-out", alpha, null, null).statusCode())
            .isEqualTo(201);
        assertThat(server.get("/api/v1/participants/pi-alpha/accounts", alpha).statusCode()).isEqualTo(200);
        assertThat(server.get("/api/v1/units", alpha).statusCode()).isEqualTo(200);

        final HttpResponse<String> own = server.send("PUT", "/api/v1/clearing-runs/next/limits", alpha, JSON,
            "{\"unit\":\"PIU\",\"liquidity\":5}");
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        server.send("PUT", "/api/v1/clearing-runs/next/limits", operator, JSON,
            "{\"participant\":\"pi-beta\",\"unit\":\"PIU\",\"receivableCap\":1}");
        assertThat(server.json(server.get("/api/v1/clearing-runs/next/limits", alpha))
            .findValuesAsText("participantId")).containsExactly("pi-alpha");
        assertThat(server.json(server.get("/api/v1/clearing-runs/next/limits", auditor))
            .findValuesAsText("participantId")).contains("pi-alpha", "pi-beta");
        server.send("PUT", "/api/v1/clearing-runs/next/limits", alpha, JSON, "{\"unit\":\"PIU\"}");
        server.send("PUT", "/api/v1/clearing-runs/next/limits", operator, JSON,
            "{\"participant\":\"pi-beta\",\"unit\":\"PIU\"}");
        assertThat(server.json(server.get("/api/v1/clearing-runs/next/limits", operator))).isEmpty();
    }

    @Test
    void shouldShowParticipantOnlyItsOwnPartOfProposal()
    {
        assertThat(server.send("POST", "/api/v1/clearing-runs", operator, null, null).statusCode()).isEqualTo(201);
        server.postJson("/api/v1/obligations", operator, "[" +
            "{\"id\":\"pi-c1\",\"debtor\":\"pi-alpha\",\"creditor\":\"pi-beta\",\"amount\":5}," +
            "{\"id\":\"pi-c2\",\"debtor\":\"pi-beta\",\"creditor\":\"pi-gamma\",\"amount\":5}," +
            "{\"id\":\"pi-c3\",\"debtor\":\"pi-gamma\",\"creditor\":\"pi-alpha\",\"amount\":5}]");
        final JsonNode proposal = server.json(server.send("POST", "/api/v1/clearing-runs?mode=proposal" +
            "&default=accept&deadlineMs=" + (System.currentTimeMillis() + 120_000), operator, null, null));
        final long runId = proposal.get("runId").asLong();
        try
        {
            final JsonNode seen = server.json(server.get("/api/v1/clearing-runs/" + runId + "/proposal", alpha));
            assertThat(texts(seen.get("affected"))).containsExactly("pi-alpha");
            assertThat(server.json(server.get("/api/v1/clearing-runs/" + runId + "/set-offs", alpha)).get("items")
                .findValuesAsText("obligationId")).contains("pi-c1", "pi-c3").doesNotContain("pi-c2");
            assertThat(texts(server.json(server.get("/api/v1/clearing-runs/" + runId + "/proposal", auditor))
                .get("affected"))).contains("pi-alpha", "pi-beta", "pi-gamma");

            final String hash = server.stateHash();
            assertError(server.postJson("/api/v1/clearing-runs/" + runId + "/acceptance", alpha,
                "{\"accept\":false,\"participant\":\"pi-gamma\"}"), 403, "forbidden");
            assertError(server.postJson("/api/v1/clearing-runs/" + runId + "/acceptance", auditor,
                "{\"accept\":true,\"participant\":\"pi-gamma\"}"), 403, "forbidden");
            assertError(server.send("POST", "/api/v1/clearing-runs/" + runId + "/commit", auditor, null, null), 403,
                "forbidden");
            assertError(server.send("POST", "/api/v1/clearing-runs/" + runId + "/commit", alpha, null, null), 403,
                "forbidden");
            assertThat(server.stateHash()).isEqualTo(hash);
            assertThat(server.postJson("/api/v1/clearing-runs/" + runId + "/acceptance", alpha,
                "{\"accept\":true}").statusCode()).isEqualTo(201);
        }
        finally
        {
            for (final String participant : new String[]{"pi-beta", "pi-gamma"})
            {
                server.postJson("/api/v1/clearing-runs/" + runId + "/acceptance", operator,
                    "{\"accept\":true,\"participant\":\"" + participant + "\"}");
            }
            final HttpResponse<String> commit = server.send("POST", "/api/v1/clearing-runs/" + runId + "/commit",
                operator, null, null);
            assertThat(commit.statusCode()).as(commit.body()).isEqualTo(201);
        }
    }

    @Test
    void shouldLetAuditorReadPoliciesAndChangeNothing()
    {
        server.postJson("/api/v1/obligations", operator,
            "{\"id\":\"pi-aud\",\"debtor\":\"pi-beta\",\"creditor\":\"pi-gamma\",\"amount\":5}");
        for (final String path : new String[]{"/api/v1/units", "/api/v1/units/PIU",
            "/api/v1/participants/pi-beta/rules", "/api/v1/participants/pi-gamma/accounts",
            "/api/v1/clearing-runs/next/limits"})
        {
            assertThat(server.get(path, auditor).statusCode()).as(path).isEqualTo(200);
        }
        final String hash = server.stateHash();
        assertError(server.postJson("/api/v1/units", auditor, "{\"id\":\"PIY\",\"kind\":\"national\"}"), 403,
            "forbidden");
        assertError(server.postJson("/api/v1/units/PIU/demurrage", auditor, "{\"period\":1}"), 403, "forbidden");
        assertError(server.postJson("/api/v1/obligations/pi-aud/dispute?participant=pi-beta", auditor, null), 403,
            "forbidden");
        assertError(server.send("DELETE", "/api/v1/obligations/pi-aud/dispute?participant=pi-beta", auditor, null,
            null), 403, "forbidden");
        assertError(server.send("PUT", "/api/v1/participants/pi-beta/rules", auditor, JSON, "{}"), 403,
            "forbidden");
        assertError(server.send("DELETE", "/api/v1/participants/pi-beta/rules", auditor, null, null), 403,
            "forbidden");
        assertError(server.postJson("/api/v1/participants/pi-beta/opt-out", auditor, "{\"mode\":\"next-run\"}"), 403,
            "forbidden");
        assertError(server.send("DELETE", "/api/v1/participants/pi-beta/opt-out", auditor, null, null), 403,
            "forbidden");
        assertError(server.send("PUT", "/api/v1/participants/pi-beta/accounts/PIU/savings", auditor, JSON,
            "{\"amount\":0}"), 403, "forbidden");
        assertError(server.send("PUT", "/api/v1/clearing-runs/next/limits", auditor, JSON,
            "{\"participant\":\"pi-beta\",\"unit\":\"PIU\",\"liquidity\":5}"), 403, "forbidden");
        assertError(server.send("POST", "/api/v1/clearing-runs?mode=proposal&default=accept&deadlineMs=" +
            (System.currentTimeMillis() + 60_000), auditor, null, null), 403, "forbidden");
        assertThat(server.stateHash()).isEqualTo(hash);
    }
}
