package io.clearing.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint with the operator key, and every error shape: the caller's mistakes are 4xx with the engine
 * untouched (same state hash).
 */
@ExtendWith(TestServer.class)
class ServerApiTest
{
    private final TestServer server;
    private final String operator;

    ServerApiTest(final TestServer server)
    {
        this.server = server;
        this.operator = server.operatorKey();
    }

    static void assertError(final HttpResponse<String> response, final int status, final String code)
    {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
            type -> assertThat(type).startsWith("application/json"));
        final String requestId = response.headers().firstValue(RequestIdFilter.HEADER).orElseThrow();
        assertThat(response.body()).contains("\"code\":\"" + code + "\"")
            .contains("\"requestId\":\"" + requestId + "\"")
            .containsPattern("\"message\":\"[^\"]+\"");
    }

    @Test
    void shouldRefuseRequestsWithoutValidKey()
    {
        for (final String path : new String[]{"/api/v1/participants", "/api/v1/obligations/x", "/openapi.json",
            "/api/v1/clearing-runs", "/api/v1/state"})
        {
            assertError(server.get(path, null), 401, "unauthorized");
            assertError(server.get(path, "ck_not-a-real-key"), 401, "unauthorized");
        }
        final HttpResponse<String> basic = server.send("GET", "/api/v1/participants", null, null, null);
        assertThat(basic.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"clearing\"");
        assertThat(server.json(server.get("/api/v1/participants", null)).get("message").asText())
            .contains("missing Authorization header");
        assertThat(server.json(server.get("/api/v1/participants", "garbage")).get("message").asText())
            .contains("not valid");
    }

    @Test
    void shouldEchoCallersRequestId()
    {
        final HttpResponse<String> response = server.send(HttpRequest.newBuilder(
            server.api("/api/v1/participants/nobody")).header("Authorization", "Bearer " + operator)
            .header(RequestIdFilter.HEADER, "trace-42").GET().build());
        assertError(response, 404, "not_found");
        assertThat(server.json(response).get("requestId").asText()).isEqualTo("trace-42");
    }

    @Test
    void shouldRegisterParticipantOnceAndRefuseConflictingName()
    {
        final HttpResponse<String> created = server.postJson("/api/v1/participants", operator,
            "{\"id\":\"reg-1\",\"name\":\"Firm one\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
            location -> assertThat(location).endsWith("/api/v1/participants/reg-1"));
        assertThat(server.json(created).get("displayName").asText()).isEqualTo("Firm one");

        assertThat(server.postJson("/api/v1/participants", operator, "{\"id\":\"reg-1\",\"name\":\"Firm one\"}")
            .statusCode()).isEqualTo(200);
        final String hash = server.stateHash();
        assertError(server.postJson("/api/v1/participants", operator, "{\"id\":\"reg-1\",\"name\":\"Other\"}"), 409,
            "id_conflict");
        assertError(server.postJson("/api/v1/participants", operator, "{\"id\":\"\"}"), 400, "bad_request");
        assertError(server.postJson("/api/v1/participants", operator, "{\"id\":\"a,b\"}"), 400, "bad_request");
        assertError(server.postJson("/api/v1/participants", operator, "{\"id\":\"" + "x".repeat(256) + "\"}"), 400,
            "bad_request");
        assertError(server.postJson("/api/v1/participants", operator, "{\"id\":"), 400, "invalid_json");
        assertThat(server.stateHash()).isEqualTo(hash);

        final JsonNode got = server.json(server.get("/api/v1/participants/reg-1", operator));
        assertThat(got.get("participantId").asText()).isEqualTo("reg-1");
        assertError(server.get("/api/v1/participants/reg-none", operator), 404, "not_found");
    }

    @Test
    void shouldSubmitGetAndRefuseObligationsWithTheirCodes()
    {
        server.register("ob-A", "ob-B");
        final String obligation = "{\"id\":\"ob-1\",\"debtor\":\"ob-A\",\"creditor\":\"ob-B\",\"amount\":1250}";
        final HttpResponse<String> accepted = server.postJson("/api/v1/obligations", operator, obligation);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
        assertThat(server.json(accepted).get("result").asText()).isEqualTo("accepted");
        final HttpResponse<String> again = server.postJson("/api/v1/obligations", operator, obligation);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(server.json(again).get("result").asText()).isEqualTo("duplicate");

        final JsonNode got = server.json(server.get("/api/v1/obligations/ob-1", operator));
        assertThat(got.get("amountMinor").asLong()).isEqualTo(1250);
        assertThat(got.get("openMinor").asLong()).isEqualTo(1250);

        final String hash = server.stateHash();
        assertError(server.postJson("/api/v1/obligations", operator,
            "{\"id\":\"ob-1\",\"debtor\":\"ob-A\",\"creditor\":\"ob-B\",\"amount\":1}"), 409, "id_conflict");
        assertError(server.postJson("/api/v1/obligations", operator,
            "{\"id\":\"ob-2\",\"debtor\":\"ob-A\",\"creditor\":\"ob-nobody\",\"amount\":1}"), 422,
            "unknown_participant");
        assertError(server.postJson("/api/v1/obligations", operator,
            "{\"id\":\"ob-2\",\"debtor\":\"ob-A\",\"creditor\":\"ob-A\",\"amount\":1}"), 400, "same_participant");
        assertError(server.postJson("/api/v1/obligations", operator,
            "{\"id\":\"ob-2\",\"debtor\":\"ob-A\",\"creditor\":\"ob-B\",\"amount\":-5}"), 400, "bad_request");
        assertError(server.postJson("/api/v1/obligations", operator,
            "{\"id\":\"ob-2\",\"debtor\":\"ob-A\",\"creditor\":\"ob-B\",\"amount\":1.5}"), 400, "bad_request");
        assertError(server.postJson("/api/v1/obligations", operator,
            "{\"id\":\"ob-2\",\"debtor\":\"ob-A\",\"creditor\":\"ob-B\"}"), 400, "bad_request");
        assertError(server.postJson("/api/v1/obligations", operator, "[{\"id\":\"ob-3\"} {]"), 400, "invalid_json");
        assertError(server.postJson("/api/v1/obligations", operator, "\"text\""), 400, "bad_request");
        assertError(server.send("POST", "/api/v1/obligations", operator, "text/plain", "x"), 415,
            "unsupported_media_type");
        assertThat(server.stateHash()).isEqualTo(hash);

        assertError(server.get("/api/v1/obligations/ob-none", operator), 404, "not_found");
        assertError(server.get("/api/v1/no-such-thing", operator), 404, "not_found");
        assertError(server.send("DELETE", "/api/v1/obligations/ob-1", operator, null, null), 405,
            "method_not_allowed");
    }

    @Test
    void shouldReportEachRefusedItemOfJsonArrayAndCsvUpload()
    {
        server.register("bulk-A", "bulk-B");
        final HttpResponse<String> array = server.postJson("/api/v1/obligations", operator, "[" +
            "{\"id\":\"bulk-1\",\"debtor\":\"bulk-A\",\"creditor\":\"bulk-B\",\"amount\":10}," +
            "{\"id\":\"bulk-2\",\"debtor\":\"bulk-A\",\"creditor\":\"bulk-X\",\"amount\":10}," +
            "{\"id\":\"bulk-1\",\"debtor\":\"bulk-A\",\"creditor\":\"bulk-B\",\"amount\":10}," +
            "{\"id\":\"bulk-1\",\"debtor\":\"bulk-A\",\"creditor\":\"bulk-B\",\"amount\":11}," +
            "{\"id\":\"bulk-3\",\"debtor\":\"bulk-A\",\"creditor\":\"bulk-B\",\"amount\":0}]");
        assertThat(array.statusCode()).as(array.body()).isEqualTo(200);
        final JsonNode report = server.json(array);
        assertThat(report.get("received").asLong()).isEqualTo(5);
        assertThat(report.get("accepted").asLong()).isEqualTo(1);
        assertThat(report.get("duplicates").asLong()).isEqualTo(1);
        assertThat(report.get("rejected").asLong()).isEqualTo(3);
        assertThat(report.get("rejects").findValuesAsText("message")).containsExactly(
            "item 2: creditor bulk-X is not registered",
            "item 4: id already used with other content",
            "item 5: field 'amount' must be a positive integer in minor units: 0");

        final String csv = "amount,creditor,note,debtor,id\r\n" +
            "5,bulk-B,first,bulk-A,bulk-c1\r\n" +
            "7,bulk-B,,bulk-A\r\n" +
            "x,bulk-B,,bulk-A,bulk-c2\r\n" +
            "\r\n" +
            "9,bulk-A,,bulk-A,bulk-c3\r\n" +
            "99999999999999999999,bulk-B,,bulk-A,bulk-c4\r\n" +
            "3,bulk-A,,bulk-B,bulk-c5\r\n";
        final HttpResponse<String> upload = server.send("POST", "/api/v1/obligations", operator, "text/csv", csv);
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
        final JsonNode csvReport = server.json(upload);
        assertThat(csvReport.get("accepted").asLong()).isEqualTo(2);
        assertThat(csvReport.get("rejects").findValuesAsText("message")).containsExactly(
            "line 3: expected 5 columns as in the header, found 4",
            "line 4: amount is not a positive integer in minor units: x",
            "line 6: debtor and creditor are the same participant",
            "line 7: amount is not a positive integer in minor units: 99999999999999999999");
        assertThat(server.json(server.get("/api/v1/obligations/bulk-c5", operator)).get("debtorId").asText())
            .isEqualTo("bulk-B");

        assertError(server.send("POST", "/api/v1/obligations", operator, "text/csv", "debtor,creditor,amount\nA,B,1\n"),
            400, "bad_request");
    }

    @Test
    void shouldRefuseBodiesOverTheLimitWithEngineUntouched() throws IOException
    {
        server.register("big-A", "big-B");
        final String hash = server.stateHash();
        // As curl does for large uploads: headers with Expect: 100-continue, and the body only once the server says
        // so; the server refuses on Content-Length without reading. A raw socket, because JDK 17's HttpClient waits
        // forever for a 100 that a refusal never sends, and a client that sends the whole body at once may lose the
        // refusal to the connection reset that closing an unread request causes.
        assertThat(postHeadersOnly("application/json", TestServer.MAX_JSON_BYTES + 1))
            .startsWith("HTTP/1.1 413 ").contains("\"code\":\"payload_too_large\"").contains("limits.maxJsonBytes")
            .doesNotContain("100 Continue");
        assertThat(postHeadersOnly("text/csv", TestServer.MAX_CSV_BYTES + 1))
            .startsWith("HTTP/1.1 413 ").contains("\"code\":\"payload_too_large\"").contains("limits.maxCsvBytes")
            .doesNotContain("100 Continue");
        assertThat(server.stateHash()).isEqualTo(hash);
    }

    private String postHeadersOnly(final String contentType, final long contentLength) throws IOException
    {
        try (Socket socket = new Socket("127.0.0.1", server.api("/").getPort()))
        {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/v1/obligations HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                "Authorization: Bearer " + operator + "\r\nContent-Type: " + contentType + "\r\n" +
                "Content-Length: " + contentLength + "\r\nExpect: 100-continue\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldRecordPaymentsWithTheirCodes()
    {
        server.register("pay-A", "pay-B");
        server.postJson("/api/v1/obligations", operator,
            "{\"id\":\"pay-1\",\"debtor\":\"pay-A\",\"creditor\":\"pay-B\",\"amount\":100}");
        final HttpResponse<String> paid = server.postJson("/api/v1/obligations/pay-1/payments", operator,
            "{\"paymentId\":\"p-1\",\"amount\":40}");
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
        assertThat(server.json(paid).get("obligation").get("openMinor").asLong()).isEqualTo(60);
        assertThat(server.postJson("/api/v1/obligations/pay-1/payments", operator,
            "{\"paymentId\":\"p-1\",\"amount\":40}").statusCode()).isEqualTo(200);
        assertError(server.postJson("/api/v1/obligations/pay-1/payments", operator,
            "{\"paymentId\":\"p-2\",\"amount\":61}"), 409, "payment_exceeds_open");
        assertError(server.postJson("/api/v1/obligations/pay-1/payments", operator,
            "{\"paymentId\":\"p-1\",\"amount\":41}"), 409, "id_conflict");
        assertError(server.postJson("/api/v1/obligations/pay-none/payments", operator,
            "{\"paymentId\":\"p-3\",\"amount\":1}"), 404, "not_found");
        assertError(server.postJson("/api/v1/obligations/pay-1/payments", operator, "{\"paymentId\":\"p-3\"}"), 400,
            "bad_request");
        assertThat(server.postJson("/api/v1/obligations/pay-1/payments", operator,
            "{\"paymentId\":\"p-4\",\"amount\":60}").statusCode()).isEqualTo(201);
        assertError(server.postJson("/api/v1/obligations/pay-1/payments", operator,
            "{\"paymentId\":\"p-5\",\"amount\":1}"), 409, "obligation_closed");
    }

    @Test
    void shouldListWithFiltersAndPages()
    {
        server.register("list-A", "list-B", "list-C");
        for (int i = 0; i < 7; i++)
        {
            server.postJson("/api/v1/obligations", operator, "{\"id\":\"list-" + i + "\",\"debtor\":\"list-A\"," +
                "\"creditor\":\"" + (i % 2 == 0 ? "list-B" : "list-C") + "\",\"amount\":" + (i + 1) + "}");
        }
        server.postJson("/api/v1/obligations/list-0/payments", operator, "{\"paymentId\":\"list-p\",\"amount\":1}");

        final JsonNode first = server.json(server.get("/api/v1/obligations?participant=list-A&limit=3", operator));
        assertThat(first.get("items").findValuesAsText("obligationId")).containsExactly("list-0", "list-1", "list-2");
        assertThat(first.get("nextOffset").asInt()).isEqualTo(3);
        final JsonNode last = server.json(server.get("/api/v1/obligations?participant=list-A&offset=6&limit=3",
            operator));
        assertThat(last.get("items").findValuesAsText("obligationId")).containsExactly("list-6");
        assertThat(last.get("nextOffset").isNull()).isTrue();
        assertThat(server.json(server.get("/api/v1/obligations?participant=list-B&status=open", operator))
            .get("items").findValuesAsText("obligationId")).containsExactly("list-2", "list-4", "list-6");
        assertThat(server.json(server.get("/api/v1/obligations?participant=list-B&status=discharged", operator))
            .get("items").findValuesAsText("obligationId")).containsExactly("list-0");
        assertError(server.get("/api/v1/obligations?status=closed", operator), 400, "bad_request");
        assertError(server.get("/api/v1/obligations?limit=0", operator), 400, "bad_request");
        assertError(server.get("/api/v1/obligations?limit=" + (TestServer.MAX_PAGE_SIZE + 1), operator), 400,
            "bad_request");
        assertError(server.get("/api/v1/obligations?offset=-1", operator), 400, "bad_request");

        final JsonNode participants = server.json(server.get("/api/v1/participants?limit=50", operator));
        assertThat(participants.get("items").findValuesAsText("participantId")).contains("list-A", "list-B");
        final JsonNode position = server.json(server.get("/api/v1/participants/list-A/position", operator));
        assertThat(position.get("owesMinor").asLong()).isEqualTo(1 + 2 + 3 + 4 + 5 + 6 + 7 - 1);
        assertThat(position.get("netPositionMinor").asLong()).isEqualTo(-27);
    }

    @Test
    void shouldRunClearingAndServeItsResults()
    {
        server.register("run-A", "run-B", "run-C");
        server.postJson("/api/v1/obligations", operator, "[" +
            "{\"id\":\"run-1\",\"debtor\":\"run-A\",\"creditor\":\"run-B\",\"amount\":100}," +
            "{\"id\":\"run-2\",\"debtor\":\"run-B\",\"creditor\":\"run-C\",\"amount\":100}," +
            "{\"id\":\"run-3\",\"debtor\":\"run-C\",\"creditor\":\"run-A\",\"amount\":30}]");
        final HttpResponse<String> started = server.send("POST", "/api/v1/clearing-runs", operator, null, null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        final JsonNode run = server.json(started);
        final long runId = run.get("runId").asLong();
        assertThat(run.get("status").asText()).isEqualTo("completed");
        assertThat(run.get("clearedMinor").asLong()).isGreaterThanOrEqualTo(90);
        assertThat(started.headers().firstValue("Location")).hasValueSatisfying(
            location -> assertThat(location).endsWith("/api/v1/clearing-runs/" + runId));

        assertThat(server.json(server.get("/api/v1/clearing-runs/" + runId, operator))).isEqualTo(run);
        assertThat(server.json(server.get("/api/v1/clearing-runs", operator)).findValuesAsText("runId"))
            .contains(Long.toString(runId));
        assertThat(server.json(server.get("/api/v1/obligations/run-3", operator)).get("openMinor").asLong()).isZero();

        final JsonNode page = server.json(server.get("/api/v1/clearing-runs/" + runId + "/set-offs?limit=50",
            operator));
        assertThat(page.get("items").findValuesAsText("obligationId")).contains("run-1", "run-2", "run-3");
        final HttpResponse<String> csv = server.send(HttpRequest.newBuilder(
            server.api("/api/v1/clearing-runs/" + runId + "/set-offs")).header("Authorization", "Bearer " + operator)
            .header("Accept", "text/csv").GET().build());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).startsWith("id,debtor,creditor,amount,set_off,remainder\n").contains(
            "\nrun-3,run-C,run-A,30,30,0\n");
        final JsonNode certificate = server.json(server.get("/api/v1/clearing-runs/" + runId + "/certificate",
            operator));
        assertThat(certificate.get("potentials").findValuesAsText("participant")).contains("run-A", "run-B", "run-C");

        assertError(server.get("/api/v1/clearing-runs/999999", operator), 404, "not_found");
        assertError(server.get("/api/v1/clearing-runs/999999/set-offs", operator), 404, "not_found");
        assertError(server.get("/api/v1/clearing-runs/999999/certificate", operator), 404, "not_found");
        assertError(server.get("/api/v1/clearing-runs/abc", operator), 404, "not_found");
    }

    @Test
    void shouldTakeSnapshot()
    {
        final HttpResponse<String> snapshot = server.send("POST", "/api/v1/snapshots", operator, null, null);
        assertThat(snapshot.statusCode()).as(snapshot.body()).isEqualTo(201);
        assertThat(server.json(snapshot).has("snapshotId")).isTrue();
    }

    @Test
    void shouldCreateListAndRevokeKeys()
    {
        server.register("key-A");
        final HttpResponse<String> created = server.postJson("/api/v1/api-keys", operator,
            "{\"role\":\"participant\",\"participantId\":\"key-A\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        final String key = server.json(created).get("key").asText();
        final String keyId = server.json(created).get("keyId").asText();
        assertThat(server.get("/api/v1/participants/key-A/position", key).statusCode()).isEqualTo(200);

        final HttpResponse<String> listed = server.get("/api/v1/api-keys", operator);
        assertThat(server.json(listed).findValuesAsText("keyId")).contains(keyId);
        assertThat(listed.body()).doesNotContain(key).doesNotContain("sha256");

        assertError(server.postJson("/api/v1/api-keys", operator, "{\"role\":\"participant\",\"participantId\":" +
            "\"key-nobody\"}"), 422, "unknown_participant");
        assertError(server.postJson("/api/v1/api-keys", operator, "{\"role\":\"participant\"}"), 400,
            "bad_request");
        assertError(server.postJson("/api/v1/api-keys", operator, "{\"role\":\"auditor\",\"participantId\":" +
            "\"key-A\"}"), 400, "bad_request");
        assertError(server.postJson("/api/v1/api-keys", operator, "{\"role\":\"root\"}"), 400, "bad_request");

        assertThat(server.send("DELETE", "/api/v1/api-keys/" + keyId, operator, null, null).statusCode())
            .isEqualTo(204);
        assertError(server.get("/api/v1/participants/key-A/position", key), 401, "unauthorized");
        assertError(server.send("DELETE", "/api/v1/api-keys/" + keyId, operator, null, null), 404, "not_found");
    }

    @Test
    void shouldServeHealthAndMetricsOnAdminPort()
    {
        server.register("metric-A", "metric-B");
        server.postJson("/api/v1/obligations", operator,
            "{\"id\":\"metric-1\",\"debtor\":\"metric-A\",\"creditor\":\"metric-B\",\"amount\":5}");
        server.postJson("/api/v1/obligations", operator,
            "{\"id\":\"metric-1\",\"debtor\":\"metric-A\",\"creditor\":\"metric-B\",\"amount\":6}");

        final HttpResponse<String> health = server.get(server.admin("/healthcheck").toString(), null);
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        final JsonNode checks = server.json(health);
        for (final String check : new String[]{"engine", "journal", "disk"})
        {
            assertThat(checks.get(check).get("healthy").asBoolean()).as(check).isTrue();
        }
        final JsonNode metrics = server.json(server.get(server.admin("/metrics").toString(), null));
        assertThat(metrics.get("meters").get("clearing.obligations.accepted").get("count").asLong()).isPositive();
        assertThat(metrics.get("meters").get("clearing.commands.rejected.id_conflict").get("count").asLong())
            .isPositive();
        assertThat(metrics.get("timers").get("clearing.commands.latency").get("count").asLong()).isPositive();
        assertThat(metrics.get("timers").has("clearing.clearing-runs.duration")).isTrue();
    }
}
