package io.clearing.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.clearing.server.http.ServerApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The community policies through the REST API: units and demurrage, disputes, standing rules, opt-outs, runs held
 * for acceptance, limits for the next run; each endpoint's happy path and its refusals, with the engine's state hash
 * unchanged after every refusal, and one flow through all of them with the reasons on the set-off notices.
 */
@ExtendWith(TestServer.class)
class PolicyApiTest
{
    private final TestServer server;
    private final String operator;

    PolicyApiTest(final TestServer server)
    {
        this.server = server;
        this.operator = server.operatorKey();
    }

    /**
     * The server is shared: never leave a proposal pending (it would block other tests' runs) or limits that the
     * next run of another test would use.
     */
    @AfterEach
    void leaveNoPendingRunState()
    {
        final JsonNode limits = server.json(server.get("/api/v1/clearing-runs/next/limits", operator));
        for (final JsonNode limit : limits)
        {
            server.send("PUT", "/api/v1/clearing-runs/next/limits", operator, "application/json",
                "{\"participant\":\"" + limit.get("participantId").asText() + "\",\"unit\":\"" +
                limit.get("unitId").asText() + "\"}");
        }
        final JsonNode runs = server.json(server.get("/api/v1/clearing-runs", operator));
        final long last = runs.isEmpty() ? 0 : runs.get(runs.size() - 1).get("runId").asLong();
        for (long runId = last + 1; runId <= last + 5; runId++)
        {
            final HttpResponse<String> pending = server.get("/api/v1/clearing-runs/" + runId + "/proposal", operator);
            if (pending.statusCode() == 200)
            {
                for (final JsonNode participant : server.json(pending).get("affected"))
                {
                    server.postJson("/api/v1/clearing-runs/" + runId + "/acceptance", operator,
                        "{\"accept\":true,\"participant\":\"" + participant.asText() + "\"}");
                }
                server.send("POST", "/api/v1/clearing-runs/" + runId + "/commit", operator, null, null);
            }
        }
    }

    @Test
    void shouldDefineUnitsChargeDemurrageAndShowAccounts()
    {
        server.register("pu-fund", "pu-payer", "pu-payee");
        final HttpResponse<String> defined = server.postJson("/api/v1/units", operator,
            "{\"id\":\"PUD\",\"kind\":\"community\",\"demurrageBasisPoints\":100,\"fund\":\"pu-fund\"}");
        assertThat(defined.statusCode()).as(defined.body()).isEqualTo(201);
        assertThat(server.json(defined).get("demurrageBasisPoints").asInt()).isEqualTo(100);
        assertThat(server.postJson("/api/v1/units", operator,
            "{\"id\":\"PUD\",\"kind\":\"community\",\"demurrageBasisPoints\":100,\"fund\":\"pu-fund\"}")
            .statusCode()).isEqualTo(200);
        assertThat(server.postJson("/api/v1/units", operator, "{\"id\":\"PUN\",\"kind\":\"national\"}")
            .statusCode()).isEqualTo(201);
        assertThat(server.json(server.get("/api/v1/units", operator)).findValuesAsText("unitId"))
            .contains("PUD", "PUN");

        submit("{\"id\":\"pu-1\",\"debtor\":\"pu-payer\",\"creditor\":\"pu-payee\",\"amount\":50000," +
            "\"unit\":\"PUD\"}", 201);
        assertThat(server.postJson("/api/v1/obligations/pu-1/payments", operator,
            "{\"paymentId\":\"pu-p1\",\"amount\":50000}").statusCode()).isEqualTo(201);
        final HttpResponse<String> saved = server.send("PUT", "/api/v1/participants/pu-payee/accounts/PUD/savings",
            operator, "application/json", "{\"amount\":10000}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
        assertThat(server.json(saved).get("settlementMinor").asLong()).isEqualTo(40_000);

        final HttpResponse<String> charged = server.postJson("/api/v1/units/PUD/demurrage", operator,
            "{\"period\":202612}");
        assertThat(charged.statusCode()).as(charged.body()).isEqualTo(201);
        final JsonNode charge = server.json(charged);
        assertThat(charge.get("result").asText()).isEqualTo("accepted");
        assertThat(charge.get("charges").findValuesAsText("participantId")).containsExactly("pu-payee");
        assertThat(charge.get("charges").get(0).get("chargedMinor").asLong()).isEqualTo(400);
        assertThat(charge.get("unit").get("lastPeriodId").asLong()).isEqualTo(202612);
        assertThat(server.postJson("/api/v1/units/PUD/demurrage", operator, "{\"period\":202612}").statusCode())
            .isEqualTo(200);

        final JsonNode payee = server.json(server.get("/api/v1/participants/pu-payee/accounts", operator));
        final JsonNode pud = byField(payee, "unitId", "PUD");
        assertThat(pud.get("settlementMinor").asLong()).isEqualTo(39_600);
        assertThat(pud.get("savingsMinor").asLong()).isEqualTo(10_000);
        assertThat(pud.get("demurrageTotalMinor").asLong()).isEqualTo(400);
        assertThat(byField(server.json(server.get("/api/v1/participants/pu-fund/accounts", operator)), "unitId",
            "PUD").get("settlementMinor").asLong()).isEqualTo(400);
        assertThat(byField(payee, "unitId", "PUN").get("settlementMinor").asLong()).isZero();
    }

    @Test
    void shouldRefuseBadUnitRequestsWithStateUnchanged()
    {
        server.register("pur-fund", "pur-a", "pur-b");
        assertThat(server.postJson("/api/v1/units", operator, "{\"id\":\"PUR\",\"kind\":\"national\"}")
            .statusCode()).isIn(200, 201);
        final String hash = server.stateHash();
        assertError(server.postJson("/api/v1/units", operator, "{\"id\":\"PUX\",\"kind\":"), 400, "invalid_json");
        assertError(server.postJson("/api/v1/units", operator, "{\"id\":\"PUX\",\"kind\":\"local\"}"), 400,
            "bad_request");
        assertError(server.postJson("/api/v1/units", operator, "{\"id\":\"PUX\"}"), 400, "bad_request");
        assertError(server.postJson("/api/v1/units", operator, "{\"kind\":\"national\"}"), 400, "bad_request");
        assertError(server.postJson("/api/v1/units", operator, "{\"id\":\"" + "U".repeat(65) +
            "\",\"kind\":\"national\"}"), 400, "bad_request");
        assertError(server.postJson("/api/v1/units", operator,
            "{\"id\":\"PUX\",\"kind\":\"community\",\"demurrageBasisPoints\":10001,\"fund\":\"pur-fund\"}"), 400,
            "bad_request");
        assertError(server.postJson("/api/v1/units", operator,
            "{\"id\":\"PUX\",\"kind\":\"national\",\"demurrageBasisPoints\":5,\"fund\":\"pur-fund\"}"), 400,
            "bad_request");
        assertError(server.postJson("/api/v1/units", operator,
            "{\"id\":\"PUX\",\"kind\":\"community\",\"demurrageBasisPoints\":5}"), 400, "bad_request");
        assertError(server.postJson("/api/v1/units", operator,
            "{\"id\":\"PUX\",\"kind\":\"community\",\"demurrageBasisPoints\":5,\"fund\":\"pur-nobody\"}"), 422,
            "unknown_participant");
        assertError(server.postJson("/api/v1/units", operator, "{\"id\":\"PUR\",\"kind\":\"community\"}"), 409,
            "id_conflict");
        assertError(server.postJson("/api/v1/units/NOPE/demurrage", operator, "{\"period\":1}"), 404, "not_found");
        assertError(server.postJson("/api/v1/units/PUR/demurrage", operator, "{\"period\":1}"), 400,
            "no_demurrage");
        assertError(server.postJson("/api/v1/units/PUR/demurrage", operator, "{\"period\":0}"), 400,
            "bad_request");
        assertError(server.get("/api/v1/units/NOPE", operator), 404, "not_found");
        assertError(server.postJson("/api/v1/obligations", operator, "{\"id\":\"pur-1\",\"debtor\":\"pur-a\"," +
            "\"creditor\":\"pur-b\",\"amount\":5,\"unit\":\"NOPE\"}"), 404, "unknown_unit");
        assertError(server.postJson("/api/v1/obligations", operator, "{\"id\":\"pur-1\",\"debtor\":\"pur-a\"," +
            "\"creditor\":\"pur-b\",\"amount\":5,\"unit\":\"PUR\",\"dueAtMs\":-1}"), 400, "bad_request");
        final JsonNode report = server.json(server.postJson("/api/v1/obligations", operator, "[{\"id\":\"pur-2\"," +
            "\"debtor\":\"pur-a\",\"creditor\":\"pur-b\",\"amount\":5,\"unit\":\"PUR\"}]"));
        assertThat(report.get("rejects").get(0).get("code").asText()).isEqualTo("bad_request");
        assertError(server.send("PUT", "/api/v1/participants/pur-a/accounts/PUR/savings", operator,
            "application/json", "{\"amount\":1}"), 409, "insufficient_balance");
        assertError(server.send("PUT", "/api/v1/participants/pur-a/accounts/NOPE/savings", operator,
            "application/json", "{\"amount\":1}"), 404, "unknown_unit");
        assertError(server.send("PUT", "/api/v1/participants/pur-a/accounts/PUR/savings", operator,
            "application/json", "{\"amount\":-1}"), 400, "bad_request");
        assertThat(server.stateHash()).isEqualTo(hash);
    }

    @Test
    void shouldRaiseAndWithdrawDisputesAndRefuseBadOnes()
    {
        server.register("pd-a", "pd-b", "pd-c");
        submit("{\"id\":\"pd-1\",\"debtor\":\"pd-a\",\"creditor\":\"pd-b\",\"amount\":10}", 201);
        submit("{\"id\":\"pd-paid\",\"debtor\":\"pd-a\",\"creditor\":\"pd-b\",\"amount\":10}", 201);
        server.postJson("/api/v1/obligations/pd-paid/payments", operator, "{\"paymentId\":\"pd-p\",\"amount\":10}");

        final HttpResponse<String> raised = server.postJson("/api/v1/obligations/pd-1/dispute?participant=pd-b",
            operator, null);
        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(201);
        assertThat(server.json(raised).get("disputedByCreditor").asBoolean()).isTrue();
        assertThat(server.postJson("/api/v1/obligations/pd-1/dispute?participant=pd-b", operator, null)
            .statusCode()).isEqualTo(200);

        final String hash = server.stateHash();
        assertError(server.postJson("/api/v1/obligations/pd-1/dispute", operator, null), 400, "bad_request");
        assertError(server.postJson("/api/v1/obligations/pd-1/dispute?participant=pd-c", operator, null), 403,
            "not_a_party");
        assertError(server.postJson("/api/v1/obligations/pd-none/dispute?participant=pd-a", operator, null), 404,
            "not_found");
        assertError(server.postJson("/api/v1/obligations/pd-paid/dispute?participant=pd-a", operator, null), 409,
            "obligation_closed");
        assertThat(server.stateHash()).isEqualTo(hash);

        final HttpResponse<String> withdrawn = server.send("DELETE",
            "/api/v1/obligations/pd-1/dispute?participant=pd-b", operator, null, null);
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(201);
        assertThat(server.json(withdrawn).get("disputedByCreditor").asBoolean()).isFalse();
    }

    @Test
    void shouldReplaceRulesAndOptOutAndRefuseBadOnes()
    {
        server.register("pr-a", "pr-b", "pr-c");
        final HttpResponse<String> put = server.send("PUT", "/api/v1/participants/pr-a/rules", operator,
            "application/json", "{\"relatedParticipants\":[\"pr-b\",\"pr-c\"],\"minimumAmount\":100," +
            "\"dueWindowMs\":86400000}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        JsonNode rules = server.json(server.get("/api/v1/participants/pr-a/rules", operator));
        assertThat(texts(rules.get("relatedParticipantIds"))).containsExactly("pr-b", "pr-c");
        assertThat(rules.get("minimumAmountMinor").asLong()).isEqualTo(100);
        assertThat(rules.get("dueWindowMs").asLong()).isEqualTo(86_400_000L);

        server.send("PUT", "/api/v1/participants/pr-a/rules", operator, "application/json",
            "{\"relatedParticipants\":[\"pr-c\"]}");
        rules = server.json(server.get("/api/v1/participants/pr-a/rules", operator));
        assertThat(texts(rules.get("relatedParticipantIds"))).containsExactly("pr-c");
        assertThat(rules.get("minimumAmountMinor").asLong()).isZero();
        assertThat(rules.get("dueWindowMs").asLong()).isEqualTo(-1);

        final HttpResponse<String> optOut = server.postJson("/api/v1/participants/pr-a/opt-out", operator,
            "{\"mode\":\"until-opt-in\"}");
        assertThat(optOut.statusCode()).as(optOut.body()).isEqualTo(201);
        assertThat(server.json(optOut).get("optedOutUntilIn").asBoolean()).isTrue();
        assertThat(server.postJson("/api/v1/participants/pr-a/opt-out", operator, "{\"mode\":\"until-opt-in\"}")
            .statusCode()).isEqualTo(200);

        final String hash = server.stateHash();
        assertError(server.send("PUT", "/api/v1/participants/pr-a/rules", operator, "application/json",
            "{\"relatedParticipants\":[\"pr-b\""), 400, "invalid_json");
        assertError(server.send("PUT", "/api/v1/participants/pr-a/rules", operator, "application/json",
            "{\"relatedParticipants\":[\"pr-b\",\"pr-nobody\"]}"), 422, "unknown_participant");
        assertError(server.send("PUT", "/api/v1/participants/pr-a/rules", operator, "application/json",
            "{\"relatedParticipants\":[\"pr-a\"]}"), 400, "same_participant");
        assertError(server.send("PUT", "/api/v1/participants/pr-a/rules", operator, "application/json",
            "{\"minimumAmount\":-1}"), 400, "bad_request");
        assertError(server.send("PUT", "/api/v1/participants/pr-a/rules", operator, "application/json",
            "{\"dueWindowMs\":-5}"), 400, "bad_request");
        assertError(server.send("PUT", "/api/v1/participants/pr-nobody/rules", operator, "application/json",
            "{}"), 404, "not_found");
        assertError(server.send("PUT", "/api/v1/participants/pr-a/rules", operator, "application/json", null),
            400, "bad_request");
        assertError(server.postJson("/api/v1/participants/pr-a/opt-out", operator, "{\"mode\":\"forever\"}"), 400,
            "bad_request");
        assertError(server.postJson("/api/v1/participants/pr-nobody/opt-out", operator,
            "{\"mode\":\"next-run\"}"), 404, "not_found");
        assertError(server.get("/api/v1/participants/pr-nobody/accounts", operator), 404, "not_found");
        assertThat(server.stateHash()).isEqualTo(hash);

        assertThat(server.json(server.send("DELETE", "/api/v1/participants/pr-a/opt-out", operator, null, null))
            .get("optedOutUntilIn").asBoolean()).isFalse();
        rules = server.json(server.send("DELETE", "/api/v1/participants/pr-a/rules", operator, null, null));
        assertThat(rules.get("relatedParticipantIds")).isEmpty();
    }

    @Test
    void shouldRefuseBadProposalRequestsWithStateUnchanged()
    {
        server.register("pp-a", "pp-b");
        final long noRun = lastRunId() + 100;
        final String hash = server.stateHash();
        final long deadline = System.currentTimeMillis() + 60_000;
        assertError(server.send("POST", "/api/v1/clearing-runs?mode=later", operator, null, null), 400,
            "bad_request");
        assertError(server.send("POST", "/api/v1/clearing-runs?mode=proposal&default=accept", operator, null, null),
            400, "bad_request");
        assertError(server.send("POST", "/api/v1/clearing-runs?mode=proposal&default=accept&deadlineMs=soon",
            operator, null, null), 400, "bad_request");
        assertError(server.send("POST", "/api/v1/clearing-runs?mode=proposal&deadlineMs=" + deadline, operator,
            null, null), 400, "bad_request");
        assertError(server.send("POST", "/api/v1/clearing-runs?deadlineMs=" + deadline, operator, null, null), 400,
            "bad_request");
        assertError(server.send("POST", "/api/v1/clearing-runs?mode=proposal&default=reject&deadlineMs=1",
            operator, null, null), 400, "invalid_policy");
        assertError(server.postJson("/api/v1/clearing-runs/" + noRun + "/acceptance", operator,
            "{\"accept\":true,\"participant\":\"pp-a\"}"), 404, "no_pending_proposal");
        assertError(server.send("POST", "/api/v1/clearing-runs/" + noRun + "/commit", operator, null, null), 404,
            "no_pending_proposal");
        assertError(server.get("/api/v1/clearing-runs/" + noRun + "/proposal", operator), 404,
            "no_pending_proposal");
        assertError(server.postJson("/api/v1/clearing-runs/" + noRun + "/acceptance", operator,
            "{\"participant\":\"pp-a\"}"), 400, "bad_request");
        assertError(server.postJson("/api/v1/clearing-runs/" + noRun + "/acceptance", operator,
            "{\"accept\":true}"), 400, "bad_request");
        assertError(server.postJson("/api/v1/clearing-runs/" + noRun + "/acceptance", operator, "{\"accept\":"),
            400, "invalid_json");
        assertThat(server.stateHash()).isEqualTo(hash);
    }

    @Test
    void shouldSetLimitsForNextRunAndMoveLiquidityThroughChains()
    {
        server.register("pl-a", "pl-b", "pl-c");
        assertThat(server.postJson("/api/v1/units", operator, "{\"id\":\"PUL\",\"kind\":\"national\"}")
            .statusCode()).isIn(200, 201);
        submit("{\"id\":\"pl-ab\",\"debtor\":\"pl-a\",\"creditor\":\"pl-b\",\"amount\":100,\"unit\":\"PUL\"}", 201);
        submit("{\"id\":\"pl-bc\",\"debtor\":\"pl-b\",\"creditor\":\"pl-c\",\"amount\":100,\"unit\":\"PUL\"}", 201);

        final String hash = server.stateHash();
        assertError(limits(operator, "{\"participant\":\"pl-a\",\"unit\":\"PUL\",\"liquidity\":0}"), 400,
            "bad_request");
        assertError(limits(operator, "{\"participant\":\"pl-a\",\"unit\":\"PUL\",\"receivableCap\":-1}"), 400,
            "bad_request");
        assertError(limits(operator, "{\"participant\":\"pl-a\",\"unit\":\"NOPE\",\"liquidity\":5}"), 404,
            "unknown_unit");
        assertError(limits(operator, "{\"participant\":\"pl-nobody\",\"unit\":\"PUL\",\"liquidity\":5}"), 422,
            "unknown_participant");
        assertError(limits(operator, "{\"unit\":\"PUL\",\"liquidity\":5}"), 400, "bad_request");
        assertError(limits(operator, "{\"participant\":\"pl-a\",\"liquidity\":"), 400, "invalid_json");
        assertThat(server.stateHash()).isEqualTo(hash);

        final HttpResponse<String> set = limits(operator,
            "{\"participant\":\"pl-a\",\"unit\":\"PUL\",\"liquidity\":100,\"receivableCap\":0}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(server.json(set)).hasSize(2);
        final HttpResponse<String> capOff = limits(operator,
            "{\"participant\":\"pl-a\",\"unit\":\"PUL\",\"liquidity\":100}");
        final JsonNode only = server.json(capOff);
        assertThat(only).hasSize(1);
        assertThat(only.get(0).get("liquidity").asBoolean()).isTrue();
        assertThat(only.get(0).get("amountMinor").asLong()).isEqualTo(100);

        final JsonNode run = server.json(server.send("POST", "/api/v1/clearing-runs", operator, null, null));
        assertThat(noticesById(run.get("runId").asLong()).get("pl-ab").get("setOffMinor").asLong()).isEqualTo(100);
        assertThat(noticesById(run.get("runId").asLong()).get("pl-bc").get("setOffMinor").asLong()).isEqualTo(100);
        assertThat(byField(server.json(server.get("/api/v1/participants/pl-c/accounts", operator)), "unitId", "PUL")
            .get("settlementMinor").asLong()).isEqualTo(100);
        assertThat(server.json(server.get("/api/v1/clearing-runs/next/limits", operator))).isEmpty();
    }

    /**
     * Units, a dispute, an opt-out, a run held for acceptance (reject by default) that one participant rejects, which
     * re-solves it without that participant; the others accept; the commit clears what was proposed and the notices
     * say why everything else was left alone.
     */
    @Test
    void shouldRunWholeFlowWithReasonsOnNotices()
    {
        server.register("pf-a", "pf-b", "pf-c", "pf-d", "pf-e");
        assertThat(server.postJson("/api/v1/units", operator, "{\"id\":\"PUF\",\"kind\":\"community\"}")
            .statusCode()).isIn(200, 201);
        // a plain run first, so that what other tests left open does not take part in the proposal
        assertThat(server.send("POST", "/api/v1/clearing-runs", operator, null, null).statusCode()).isEqualTo(201);
        final String[][] obligations = {
            {"pf-ab", "pf-a", "pf-b", "100"}, {"pf-bc", "pf-b", "pf-c", "100"}, {"pf-ca", "pf-c", "pf-a", "100"},
            {"pf-cd", "pf-c", "pf-d", "40"}, {"pf-dc", "pf-d", "pf-c", "40"},
            {"pf-ad", "pf-a", "pf-d", "70"}, {"pf-da", "pf-d", "pf-a", "70"},
            {"pf-be", "pf-b", "pf-e", "30"}, {"pf-eb", "pf-e", "pf-b", "30"}};
        for (final String[] o : obligations)
        {
            submit("{\"id\":\"" + o[0] + "\",\"debtor\":\"" + o[1] + "\",\"creditor\":\"" + o[2] + "\",\"amount\":" +
                o[3] + ",\"unit\":\"PUF\"}", 201);
        }
        final String keyA = server.createKey("participant", "pf-a");
        final String keyB = server.createKey("participant", "pf-b");
        final String keyD = server.createKey("participant", "pf-d");
        final String keyE = server.createKey("participant", "pf-e");
        assertThat(server.postJson("/api/v1/obligations/pf-ad/dispute", keyD, null).statusCode()).isEqualTo(201);
        assertThat(server.postJson("/api/v1/participants/pf-e/opt-out", keyE, "{\"mode\":\"until-opt-in\"}")
            .statusCode()).isEqualTo(201);

        final long deadline = System.currentTimeMillis() + 120_000;
        final HttpResponse<String> proposed = server.send("POST", "/api/v1/clearing-runs?mode=proposal" +
            "&default=reject&deadlineMs=" + deadline, operator, null, null);
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
        JsonNode proposal = server.json(proposed);
        final long runId = proposal.get("runId").asLong();
        assertThat(proposal.get("clearedMinor").asLong()).isEqualTo(380);
        assertThat(texts(proposal.get("affected"))).containsExactly("pf-a", "pf-b", "pf-c", "pf-d");
        assertThat(server.json(server.get("/api/v1/clearing-runs/" + runId + "/proposal", keyD))
            .get("affected").get(0).asText()).isEqualTo("pf-d");

        final String hash = server.stateHash();
        assertError(server.send("POST", "/api/v1/clearing-runs", operator, null, null), 409, "proposal_pending");
        assertError(limits(operator, "{\"participant\":\"pf-a\",\"unit\":\"PUF\",\"liquidity\":5}"), 409,
            "proposal_pending");
        assertError(server.send("POST", "/api/v1/clearing-runs/" + runId + "/commit", operator, null, null), 409,
            "awaiting_acceptance");
        assertError(server.postJson("/api/v1/clearing-runs/" + runId + "/acceptance", keyA,
            "{\"accept\":true,\"participant\":\"pf-b\"}"), 403, "forbidden");
        assertThat(server.stateHash()).isEqualTo(hash);

        final HttpResponse<String> rejected = server.postJson("/api/v1/clearing-runs/" + runId + "/acceptance", keyD,
            "{\"accept\":false}");
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(201);
        proposal = server.json(server.get("/api/v1/clearing-runs/" + runId + "/proposal", operator));
        assertThat(proposal.get("clearedMinor").asLong()).isEqualTo(300);
        assertThat(texts(proposal.get("affected"))).containsExactly("pf-a", "pf-b", "pf-c");
        assertThat(texts(proposal.get("rejected"))).containsExactly("pf-d");
        final JsonNode held = server.json(server.get("/api/v1/clearing-runs/" + runId + "/set-offs", keyB));
        assertThat(held.get("items").findValuesAsText("obligationId")).contains("pf-ab", "pf-bc", "pf-be")
            .doesNotContain("pf-cd", "pf-ca");

        assertThat(server.postJson("/api/v1/clearing-runs/" + runId + "/acceptance", keyA, "{\"accept\":true}")
            .statusCode()).isEqualTo(201);
        assertThat(server.postJson("/api/v1/clearing-runs/" + runId + "/acceptance", keyA, "{\"accept\":true}")
            .statusCode()).isEqualTo(200);
        final String answered = server.stateHash();
        assertError(server.postJson("/api/v1/clearing-runs/" + runId + "/acceptance", keyA, "{\"accept\":false}"),
            409, "already_answered");
        assertThat(server.stateHash()).isEqualTo(answered);
        assertThat(server.postJson("/api/v1/clearing-runs/" + runId + "/acceptance", keyB, "{\"accept\":true}")
            .statusCode()).isEqualTo(201);
        assertThat(server.postJson("/api/v1/clearing-runs/" + runId + "/acceptance", operator,
            "{\"accept\":true,\"participant\":\"pf-c\"}").statusCode()).isEqualTo(201);

        final HttpResponse<String> committed = server.send("POST", "/api/v1/clearing-runs/" + runId + "/commit",
            operator, null, null);
        assertThat(committed.statusCode()).as(committed.body()).isEqualTo(201);
        assertThat(server.json(committed).get("clearedMinor").asLong()).isEqualTo(300);
        assertError(server.get("/api/v1/clearing-runs/" + runId + "/proposal", operator), 404,
            "no_pending_proposal");

        final Map<String, JsonNode> notices = noticesById(runId);
        for (final String cleared : new String[]{"pf-ab", "pf-bc", "pf-ca"})
        {
            assertThat(notices.get(cleared).get("setOffMinor").asLong()).as(cleared).isEqualTo(100);
            assertThat(notices.get(cleared).get("exclusion").asText()).isEqualTo("NONE");
        }
        assertThat(notices.get("pf-ad").get("exclusion").asText()).isEqualTo("DISPUTED");
        assertThat(notices.get("pf-ad").get("exclusionReason").asText()).isEqualTo("disputed by a party");
        assertThat(notices.get("pf-da").get("exclusion").asText()).isEqualTo("REJECTED_RUN");
        assertThat(notices.get("pf-be").get("exclusion").asText()).isEqualTo("OPTED_OUT");
        assertThat(notices.get("pf-eb").get("exclusion").asText()).isEqualTo("OPTED_OUT");
        assertThat(notices.get("pf-cd").get("exclusion").asText()).isEqualTo("REJECTED_RUN");
        assertThat(notices.get("pf-dc").get("setOffMinor").asLong()).isZero();
        assertThat(server.json(server.get("/api/v1/obligations/pf-ab", operator)).get("openMinor").asLong()).isZero();
        assertThat(server.json(server.get("/api/v1/obligations/pf-ad", operator)).get("openMinor").asLong())
            .isEqualTo(70);
    }

    @Test
    void shouldRefuseAnswersAfterDeadlineAndCommitWithDefault() throws InterruptedException
    {
        server.register("pc-a", "pc-b");
        submit("{\"id\":\"pc-ab\",\"debtor\":\"pc-a\",\"creditor\":\"pc-b\",\"amount\":20}", 201);
        submit("{\"id\":\"pc-ba\",\"debtor\":\"pc-b\",\"creditor\":\"pc-a\",\"amount\":20}", 201);
        final long deadline = System.currentTimeMillis() + 1_500;
        final HttpResponse<String> proposed = server.send("POST", "/api/v1/clearing-runs?mode=proposal" +
            "&default=accept&deadlineMs=" + deadline, operator, null, null);
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
        final long runId = server.json(proposed).get("runId").asLong();
        assertThat(server.json(proposed).get("acceptByDefault").asBoolean()).isTrue();
        while (System.currentTimeMillis() <= deadline + 50)
        {
            Thread.sleep(100);
        }
        final String hash = server.stateHash();
        assertError(server.postJson("/api/v1/clearing-runs/" + runId + "/acceptance", operator,
            "{\"accept\":false,\"participant\":\"pc-a\"}"), 409, "cut_off_passed");
        assertThat(server.stateHash()).isEqualTo(hash);

        final HttpResponse<String> committed = server.send("POST", "/api/v1/clearing-runs/" + runId + "/commit",
            operator, null, null);
        assertThat(committed.statusCode()).as(committed.body()).isEqualTo(201);
        assertThat(noticesById(runId).get("pc-ab").get("setOffMinor").asLong()).isEqualTo(20);
    }

    private void submit(final String json, final int status)
    {
        final HttpResponse<String> response = server.postJson("/api/v1/obligations", operator, json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    }

    private HttpResponse<String> limits(final String key, final String json)
    {
        return server.send("PUT", "/api/v1/clearing-runs/next/limits", key, "application/json", json);
    }

    private long lastRunId()
    {
        final JsonNode runs = server.json(server.get("/api/v1/clearing-runs", operator));
        return runs.isEmpty() ? 0 : runs.get(runs.size() - 1).get("runId").asLong();
    }

    private Map<String, JsonNode> noticesById(final long runId)
    {
        final Map<String, JsonNode> byId = new HashMap<>();
        int offset = 0;
        while (true)
        {
            final JsonNode page = server.json(server.get("/api/v1/clearing-runs/" + runId + "/set-offs?offset=" +
                offset + "&limit=" + TestServer.MAX_PAGE_SIZE, operator));
            for (final JsonNode notice : page.get("items"))
            {
                byId.put(notice.get("obligationId").asText(), notice);
            }
            if (page.get("nextOffset").isNull())
            {
                return byId;
            }
            offset = page.get("nextOffset").asInt();
        }
    }

    static JsonNode byField(final JsonNode array, final String field, final String value)
    {
        for (final JsonNode item : array)
        {
            if (value.equals(item.get(field).asText()))
            {
                return item;
            }
        }
        throw new AssertionError("no item with " + field + " = " + value + " in " + array);
    }

    static List<String> texts(final JsonNode array)
    {
        final List<String> texts = new ArrayList<>();
        for (final JsonNode item : array)
        {
            texts.add(item.asText());
        }
        return texts;
    }
}
