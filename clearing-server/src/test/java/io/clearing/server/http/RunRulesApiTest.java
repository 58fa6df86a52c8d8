package io.clearing.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import static io.clearing.server.http.ServerApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Treasury and rates, urgent marks and the priority rule, communities, regions and hierarchical runs through the REST
 * API: happy paths, refusals with the engine's state hash unchanged, and what each role may do.
 */
@ExtendWith(TestServer.class)
class RunRulesApiTest
{
    private final TestServer server;
    private final String operator;

    RunRulesApiTest(final TestServer server)
    {
        this.server = server;
        this.operator = server.operatorKey();
    }

    /**
     * The server is shared: leave no treasury, rate or priority behind that other tests' runs would use.
     */
    @AfterEach
    void leaveNoRunRules()
    {
        server.send("PUT", "/api/v1/treasury", operator, "application/json", "{\"participant\":null}");
        for (final String unit : new String[] {"RRE", "RRS"})
        {
            server.send("DELETE", "/api/v1/units/" + unit + "/rate", operator, null, null);
        }
        server.send("PUT", "/api/v1/clearing-runs/next/priority", operator, "application/json",
            "{\"rule\":\"none\",\"scope\":\"standing\"}");
        server.send("PUT", "/api/v1/clearing-runs/next/priority", operator, "application/json",
            "{\"rule\":\"none\",\"scope\":\"next_run\"}");
    }

    private void units()
    {
        server.postJson("/api/v1/units", operator, "{\"id\":\"RRE\",\"kind\":\"national\"}");
        server.postJson("/api/v1/units", operator, "{\"id\":\"RRS\",\"kind\":\"community\"}");
    }

    private void submit(final String id, final String debtor, final String creditor, final long amount,
        final String unit)
    {
        final HttpResponse<String> response = server.postJson("/api/v1/obligations", operator, "{\"id\":\"" + id +
            "\",\"debtor\":\"" + debtor + "\",\"creditor\":\"" + creditor + "\",\"amount\":" + amount +
            (unit == null ? "" : ",\"unit\":\"" + unit + "\"") + "}");
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    }

    private long run(final String mode)
    {
        final HttpResponse<String> run = server.postJson("/api/v1/clearing-runs" + (mode == null ? "" :
            "?mode=" + mode), operator, "");
        assertThat(run.statusCode()).as(run.body()).isEqualTo(201);
        return server.json(run).get("runId").asLong();
    }

    private Map<String, Long> setOffs(final long runId, final String... ids)
    {
        final Map<String, Long> setOffs = new HashMap<>();
        int offset = 0;
        while (offset >= 0)
        {
            final HttpResponse<String> response = server.get("/api/v1/clearing-runs/" + runId + "/set-offs?offset=" +
                offset, operator);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            final JsonNode page = server.json(response);
            for (final JsonNode notice : page.get("items"))
            {
                setOffs.put(notice.get("obligationId").asText(), notice.get("setOffMinor").asLong());
            }
            offset = page.path("nextOffset").isInt() ? page.get("nextOffset").asInt() : -1;
        }
        setOffs.keySet().retainAll(java.util.List.of(ids));
        return setOffs;
    }

    @Test
    void shouldCloseACrossUnitCycleThroughTheTreasuryAndShowTheConversion()
    {
        units();
        server.register("rr-a", "rr-b", "rr-t", "rr-other");
        final HttpResponse<String> designated = server.send("PUT", "/api/v1/treasury", operator,
            "application/json", "{\"participant\":\"rr-t\"}");
        assertThat(designated.statusCode()).as(designated.body()).isEqualTo(201);
        assertThat(server.send("PUT", "/api/v1/treasury", operator, "application/json",
            "{\"participant\":\"rr-t\"}").statusCode()).isEqualTo(200);
        assertThat(server.send("PUT", "/api/v1/units/RRE/rate", operator, "application/json",
            "{\"numerator\":1,\"denominator\":1}").statusCode()).isEqualTo(201);
        final HttpResponse<String> rate = server.send("PUT", "/api/v1/units/RRS/rate", operator, "application/json",
            "{\"numerator\":300,\"denominator\":3}");
        assertThat(rate.statusCode()).as(rate.body()).isEqualTo(201);
        assertThat(server.json(rate).get("numerator").asLong()).as("lowest terms").isEqualTo(100);
        final JsonNode treasury = server.json(server.get("/api/v1/treasury", server.createKey("auditor", null)));
        assertThat(treasury.get("participant").asText()).isEqualTo("rr-t");
        assertThat(treasury.get("rates").findValuesAsText("unitId")).containsExactly("RRE", "RRS");

        // exactly three lots each way: nothing of it is left open for later tests, whose certificates cover the
        // default unit only
        submit("rr-1", "rr-a", "rr-b", 300, "RRE");
        submit("rr-2", "rr-b", "rr-a", 3, "RRS");
        final long runId = run(null);

        assertThat(setOffs(runId, "rr-1", "rr-2")).isEqualTo(Map.of("rr-1", 300L, "rr-2", 3L));
        final JsonNode conversion = server.json(server.get("/api/v1/clearing-runs/" + runId + "/conversion",
            operator));
        assertThat(conversion.get("crossUnit").findValuesAsText("obligationId")).contains("rr-1", "rr-2");
        final Map<String, Long> exposure = new HashMap<>();
        conversion.get("exposure").forEach(e -> exposure.put(e.get("unitId").asText(),
            e.get("exposureMinor").asLong()));
        assertThat(exposure).containsEntry("RRE", 300L).containsEntry("RRS", 3L);

        final JsonNode ownView = server.json(server.get("/api/v1/clearing-runs/" + runId + "/conversion",
            server.createKey("participant", "rr-a")));
        assertThat(ownView.get("crossUnit").findValuesAsText("obligationId")).containsExactlyInAnyOrder("rr-1",
            "rr-2");
        final JsonNode otherView = server.json(server.get("/api/v1/clearing-runs/" + runId + "/conversion",
            server.createKey("participant", "rr-other")));
        assertThat(otherView.get("crossUnit")).isEmpty();
        assertError(server.get("/api/v1/clearing-runs/999999/conversion", operator), 404, "not_found");
    }

    @Test
    void shouldSetTheUrgentObligationOffFirstUnderAnUrgentFirstRun()
    {
        server.register("ru-a", "ru-b");
        submit("ru-x", "ru-a", "ru-b", 40, null);
        submit("ru-y1", "ru-b", "ru-a", 40, null);
        submit("ru-y2", "ru-b", "ru-a", 40, null);
        final String keyA = server.createKey("participant", "ru-a");
        final HttpResponse<String> marked = server.postJson("/api/v1/obligations/ru-y2/urgent", keyA, "");
        assertThat(marked.statusCode()).as(marked.body()).isEqualTo(201);
        assertThat(server.json(marked).get("urgent").asBoolean()).isTrue();
        assertThat(server.postJson("/api/v1/obligations/ru-y2/urgent", operator, "").statusCode()).isEqualTo(200);
        final HttpResponse<String> priority = server.send("PUT", "/api/v1/clearing-runs/next/priority", operator,
            "application/json", "{\"rule\":\"urgent_first\",\"scope\":\"next_run\"}");
        assertThat(priority.statusCode()).as(priority.body()).isEqualTo(201);
        assertThat(server.json(priority).get("nextRun").asText()).isEqualTo("URGENT_FIRST");
        assertThat(server.json(priority).get("standing").asText()).isEqualTo("NONE");

        final long runId = run("run");

        assertThat(setOffs(runId, "ru-y1", "ru-y2")).isEqualTo(Map.of("ru-y1", 0L, "ru-y2", 40L));
        assertThat(server.json(server.get("/api/v1/clearing-runs/next/priority", keyA)).path("nextRun").isTextual())
            .as("a next-run rule ends with the run").isFalse();
        final HttpResponse<String> unmarked = server.send("DELETE", "/api/v1/obligations/ru-y1/urgent", keyA, null,
            null);
        assertThat(unmarked.statusCode()).as("not marked: nothing to take back").isEqualTo(200);
    }

    @Test
    void shouldClearLevelByLevelAndReportTheShortfallWhenTheRunIsHierarchical()
    {
        server.register("rh-nest", "rh-oak", "rh-pine");
        assertThat(server.send("PUT", "/api/v1/participants/rh-nest/community", operator, "application/json",
            "{\"community\":\"rh-valley\"}").statusCode()).isEqualTo(201);
        final HttpResponse<String> member = server.send("PUT", "/api/v1/participants/rh-oak/community", operator,
            "application/json", "{\"community\":\"rh-valley\"}");
        assertThat(server.json(member).get("community").asText()).isEqualTo("rh-valley");
        final HttpResponse<String> placed = server.send("PUT", "/api/v1/communities/rh-valley/region", operator,
            "application/json", "{\"region\":\"rh-west\"}");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        assertThat(server.json(placed).get("participantIds").toString()).contains("rh-nest", "rh-oak");
        assertThat(server.json(placed).get("regionId").asText()).isEqualTo("rh-west");
        submit("rh-1", "rh-nest", "rh-oak", 100, null);
        submit("rh-2", "rh-oak", "rh-nest", 100, null);
        submit("rh-3", "rh-oak", "rh-pine", 100, null);
        submit("rh-4", "rh-pine", "rh-nest", 100, null);

        final long runId = run("hierarchical");

        assertThat(setOffs(runId, "rh-1", "rh-2", "rh-3", "rh-4"))
            .isEqualTo(Map.of("rh-1", 100L, "rh-2", 100L, "rh-3", 0L, "rh-4", 0L));
        final JsonNode hierarchy = server.json(server.get("/api/v1/clearing-runs/" + runId + "/hierarchy",
            server.createKey("auditor", null)));
        assertThat(hierarchy.get("byCommunityMinor").asLong()).isGreaterThanOrEqualTo(200);
        assertThat(hierarchy.get("byCommunityMinor").asLong() + hierarchy.get("byRegionMinor").asLong() +
            hierarchy.get("atTopMinor").asLong()).isEqualTo(hierarchy.get("clearedMinor").asLong());
        assertThat(hierarchy.get("shortfallMinor").asLong()).as("the flat run would use rh-1 in the longer cycle")
            .isGreaterThanOrEqualTo(100)
            .isEqualTo(hierarchy.get("flatOptimumMinor").asLong() - hierarchy.get("clearedMinor").asLong());
        assertThat(server.json(server.get("/api/v1/clearing-runs/" + runId, operator)).get("clearedMinor").asLong())
            .isEqualTo(hierarchy.get("clearedMinor").asLong());
        final long flat = run(null);
        assertError(server.get("/api/v1/clearing-runs/" + flat + "/hierarchy", operator), 404, "not_found");

        final JsonNode communities = server.json(server.get("/api/v1/communities",
            server.createKey("participant", "rh-pine")));
        for (final JsonNode community : communities)
        {
            assertThat(community.get("participantIds")).as("a participant sees no other community's members")
                .isEmpty();
        }
    }

    @Test
    void shouldRefuseBadRequestsWithTheStateUnchanged()
    {
        units();
        server.register("rb-a", "rb-b");
        submit("rb-1", "rb-a", "rb-b", 10, null);
        final String hash = server.stateHash();
        assertError(server.send("PUT", "/api/v1/treasury", operator, "application/json",
            "{\"participant\":\"rb-nobody\"}"), 422, "unknown_participant");
        assertError(server.send("PUT", "/api/v1/treasury", operator, "application/json", ""), 400, "bad_request");
        assertError(server.send("PUT", "/api/v1/units/RRNONE/rate", operator, "application/json",
            "{\"numerator\":1,\"denominator\":1}"), 404, "unknown_unit");
        assertError(server.send("PUT", "/api/v1/units/RRE/rate", operator, "application/json",
            "{\"numerator\":0,\"denominator\":1}"), 400, "bad_request");
        assertError(server.send("PUT", "/api/v1/units/RRE/rate", operator, "application/json",
            "{\"numerator\":1}"), 400, "bad_request");
        assertError(server.send("PUT", "/api/v1/clearing-runs/next/priority", operator, "application/json",
            "{\"rule\":\"newest_first\"}"), 400, "bad_request");
        assertError(server.send("PUT", "/api/v1/clearing-runs/next/priority", operator, "application/json",
            "{\"rule\":\"older_first\",\"scope\":\"forever\"}"), 400, "bad_request");
        assertError(server.postJson("/api/v1/obligations/rb-nope/urgent", operator, ""), 404, "not_found");
        assertError(server.send("PUT", "/api/v1/participants/rb-nobody/community", operator, "application/json",
            "{\"community\":\"x\"}"), 404, "not_found");
        assertError(server.send("PUT", "/api/v1/communities/rb-c/region", operator, "application/json",
            "{\"region\":\"a,b\"}"), 400, "bad_request");
        assertError(server.postJson("/api/v1/clearing-runs?mode=sideways", operator, ""), 400, "bad_request");
        assertThat(server.stateHash()).isEqualTo(hash);

        final HttpResponse<String> limits = server.send("PUT", "/api/v1/clearing-runs/next/limits", operator,
            "application/json", "{\"participant\":\"rb-a\",\"liquidity\":5}");
        assertThat(limits.statusCode()).as(limits.body()).isEqualTo(200);
        final String withLiquidity = server.stateHash();
        assertError(server.postJson("/api/v1/clearing-runs?mode=hierarchical", operator, ""), 409,
            "hierarchy_with_liquidity");
        assertThat(server.stateHash()).isEqualTo(withLiquidity);
        server.send("PUT", "/api/v1/clearing-runs/next/limits", operator, "application/json",
            "{\"participant\":\"rb-a\"}");
    }

    @Test
    void shouldLetEachRoleDoOnlyWhatItMay()
    {
        units();
        server.register("ri-a", "ri-b", "ri-c");
        submit("ri-1", "ri-a", "ri-b", 10, null);
        submit("ri-2", "ri-b", "ri-c", 10, null);
        final String participant = server.createKey("participant", "ri-a");
        final String auditor = server.createKey("auditor", null);
        final String hash = server.stateHash();
        for (final String key : new String[] {participant, auditor})
        {
            assertError(server.send("PUT", "/api/v1/treasury", key, "application/json",
                "{\"participant\":\"ri-a\"}"), 403, "forbidden");
            assertError(server.send("PUT", "/api/v1/units/RRE/rate", key, "application/json",
                "{\"numerator\":1,\"denominator\":1}"), 403, "forbidden");
            assertError(server.send("DELETE", "/api/v1/units/RRE/rate", key, null, null), 403, "forbidden");
            assertError(server.send("PUT", "/api/v1/clearing-runs/next/priority", key, "application/json",
                "{\"rule\":\"older_first\"}"), 403, "forbidden");
            assertError(server.send("PUT", "/api/v1/participants/ri-a/community", key, "application/json",
                "{\"community\":\"x\"}"), 403, "forbidden");
            assertError(server.send("PUT", "/api/v1/communities/x/region", key, "application/json",
                "{\"region\":\"y\"}"), 403, "forbidden");
            assertError(server.postJson("/api/v1/clearing-runs?mode=hierarchical", key, ""), 403, "forbidden");
            for (final String path : new String[] {"/api/v1/treasury", "/api/v1/communities",
                "/api/v1/clearing-runs/next/priority"})
            {
                assertThat(server.get(path, key).statusCode()).as(path).isEqualTo(200);
            }
        }
        assertError(server.postJson("/api/v1/obligations/ri-1/urgent", auditor, ""), 403, "forbidden");
        assertError(server.postJson("/api/v1/obligations/ri-2/urgent", participant, ""), 404, "not_found");
        assertThat(server.stateHash()).isEqualTo(hash);

        assertThat(server.postJson("/api/v1/obligations/ri-1/urgent", participant, "").statusCode()).isEqualTo(201);
        assertThat(server.send("DELETE", "/api/v1/obligations/ri-1/urgent", participant, null, null).statusCode())
            .isEqualTo(201);
    }
}
