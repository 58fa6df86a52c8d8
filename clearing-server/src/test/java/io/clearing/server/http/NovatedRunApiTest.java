package io.clearing.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearing.core.csv.NovatedRunCertificateCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.clearing.server.http.ServerApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Novated runs through the REST API: {@code POST /api/v1/clearing-runs?mode=novated} and {@code /{id}/novation}
 * (a participant sees only its own notices), the legs recorded as obligations, the kept proof at
 * {@code /{id}/certificate} (verified, and as a run certificate file), refusals with the state hash unchanged, and who
 * may do what.
 */
@ExtendWith(TestServer.class)
class NovatedRunApiTest
{
    private final TestServer server;
    private final String operator;

    NovatedRunApiTest(final TestServer server)
    {
        this.server = server;
        this.operator = server.operatorKey();
    }

    private void member(final String participant, final String community, final String region)
    {
        server.register(participant);
        final HttpResponse<String> joined = server.send("PUT", "/api/v1/participants/" + participant + "/community",
            operator, "application/json", "{\"community\":\"" + community + "\"}");
        assertThat(joined.statusCode()).as(joined.body()).isIn(200, 201);
        final HttpResponse<String> placed = server.send("PUT", "/api/v1/communities/" + community + "/region",
            operator, "application/json", "{\"region\":\"" + region + "\"}");
        assertThat(placed.statusCode()).as(placed.body()).isIn(200, 201);
    }

    private void submit(final String id, final String debtor, final String creditor, final long amount)
    {
        final HttpResponse<String> response = server.postJson("/api/v1/obligations", operator, "{\"id\":\"" + id +
            "\",\"debtor\":\"" + debtor + "\",\"creditor\":\"" + creditor + "\",\"amount\":" + amount + "}");
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    }

    private static JsonNode notice(final JsonNode run, final String obligationId)
    {
        for (final JsonNode notice : run.get("notices"))
        {
            if (notice.get("obligationId").asText().equals(obligationId))
            {
                return notice;
            }
        }
        throw new AssertionError("no notice for " + obligationId + " in " + run);
    }

    @Test
    void shouldNovateDebtsBetweenCommunitiesAndShowEachPartyOnlyItsOwn()
    {
        // a1 owes b1 across communities, b2 owes a1: flat clears nothing, novation discharges both of a1's sides
        member("nv-a1", "nv-alpha", "nv-north");
        member("nv-b1", "nv-beta", "nv-north");
        member("nv-b2", "nv-beta", "nv-north");
        submit("nv-1", "nv-a1", "nv-b1", 100);
        submit("nv-2", "nv-b2", "nv-a1", 100);

        final HttpResponse<String> started = server.postJson("/api/v1/clearing-runs?mode=novated", operator, "");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        final long runId = server.json(started).get("runId").asLong();
        final JsonNode run = server.json(server.get("/api/v1/clearing-runs/" + runId + "/novation",
            server.createKey("auditor", null)));
        final JsonNode mine = notice(run, "nv-1");
        assertThat(mine.get("debtorDischargedMinor").asLong()).isEqualTo(100);
        assertThat(mine.get("debtorNowOwes").asText()).isEqualTo("community:nv-alpha");
        assertThat(mine.get("creditorNowOwedBy").asText()).isEqualTo("community:nv-beta");
        assertThat(notice(run, "nv-2").get("creditorDischargedMinor").asLong()).isEqualTo(100);
        assertThat(run.get("accounts").toString()).contains("community:nv-alpha", "community:nv-beta");

        final String a1 = server.createKey("participant", "nv-a1");
        final JsonNode own = server.json(server.get("/api/v1/clearing-runs/" + runId + "/novation", a1));
        final List<String> ids = new ArrayList<>();
        own.get("notices").forEach(n -> ids.add(n.get("obligationId").asText()));
        assertThat(ids).containsExactlyInAnyOrder("nv-1", "nv-2");
        assertThat(own.get("legs")).isEmpty();
        assertThat(own.get("accounts")).isEmpty();
        final JsonNode others = server.json(server.get("/api/v1/clearing-runs/" + runId + "/novation",
            server.createKey("participant", "nv-b2")));
        final List<String> seen = new ArrayList<>();
        others.get("notices").forEach(n -> seen.add(n.get("obligationId").asText()));
        assertThat(seen).containsExactly("nv-2");

        final JsonNode position = server.json(server.get("/api/v1/participants/nv-a1/position", operator));
        assertThat(position.get("netPositionMinor").asLong()).isZero();
        assertThat(position.get("owesMinor").asLong()).as("a1 owes nothing more").isZero();
        final JsonNode b1 = server.json(server.get("/api/v1/participants/nv-b1/position", operator));
        assertThat(b1.get("owedMinor").asLong()).as("b1 is still owed 100, now by community:nv-beta").isEqualTo(100);
        final JsonNode account = server.json(server.get("/api/v1/participants/community:nv-beta/position", operator));
        assertThat(account.get("owesMinor").asLong()).isEqualTo(100);
        assertThat(account.get("netPositionMinor").asLong()).isZero();

        assertError(server.get("/api/v1/clearing-runs/999999/novation", operator), 404, "not_found");
    }

    @Test
    void shouldServeTheKeptProofOfANovatedRunToOperatorsAndAuditors() throws Exception
    {
        member("nc-a1", "nc-alpha", "nc-north");
        member("nc-a2", "nc-alpha", "nc-north");
        member("nc-b1", "nc-beta", "nc-north");
        submit("nc-1", "nc-a1", "nc-b1", 100);
        submit("nc-2", "nc-b1", "nc-a2", 70);
        submit("nc-3", "nc-a2", "nc-a1", 40);
        final HttpResponse<String> started = server.postJson("/api/v1/clearing-runs?mode=novated", operator, "");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        final long runId = server.json(started).get("runId").asLong();
        final String auditor = server.createKey("auditor", null);

        final HttpResponse<String> json = server.get("/api/v1/clearing-runs/" + runId + "/certificate", auditor);
        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
        final JsonNode certificate = server.json(json);
        assertThat(certificate.get("kind").asText()).isEqualTo("novated");
        assertThat(certificate.get("verified").asBoolean()).isTrue();
        assertThat(certificate.get("entries").findValuesAsText("participant"))
            .contains("nc-a1", "community:nc-alpha", "community:nc-beta");
        assertThat(server.json(server.get("/api/v1/clearing-runs/" + runId + "/certificate", operator))
            .get("verified").asBoolean()).isTrue();

        final HttpResponse<String> file = csv("/api/v1/clearing-runs/" + runId + "/certificate/run", auditor);
        assertThat(file.statusCode()).as(file.body()).isEqualTo(200);
        assertThat(file.body()).startsWith("run," + runId + ",novated,solved\nformat,novated,1\n")
            .contains("\nobligation,nc-1,nc-a1,nc-b1,100,");
        final NovatedRunCertificateCsv.Contents contents = read(file.body());
        assertThat(contents.verify().ok()).as(contents.verify().message()).isTrue();
        assertThat(csv("/api/v1/clearing-runs/" + runId + "/certificate", operator).body())
            .as("the CSV form of the certificate is the run file").isEqualTo(file.body());
        // nc-a1's stage-0 potential moved by 1000 against its leg nc-1: a discharged leg may rise by at most 1, an
        // undischarged one must rise by at least 1
        final List<String> rows = file.body().lines().toList();
        final int node = rows.stream().filter(l -> l.startsWith("participant,")).toList().indexOf("participant,nc-a1");
        final String prefix = "potential,0," + node + ",";
        final long before = rows.stream().filter(l -> l.startsWith(prefix)).mapToLong(l ->
            Long.parseLong(l.substring(prefix.length()))).findFirst().orElse(0);
        final long debtorSide = contents.result().debtorDischargedMinor(
            rows.stream().filter(l -> l.startsWith("obligation,")).toList().indexOf(rows.stream()
                .filter(l -> l.startsWith("obligation,nc-1,")).findFirst().orElseThrow()));
        final StringBuilder tampered = new StringBuilder();
        rows.stream().filter(l -> !l.startsWith(prefix)).forEach(l -> tampered.append(l).append('\n'));
        tampered.append(prefix).append(debtorSide > 0 ? before - 1000 : before + 1000).append('\n');
        assertThat(read(tampered.toString()).verify().message()).as("a tampered potential").startsWith("stage 0: ");
        final String discharged = rows.stream().filter(l -> l.startsWith("obligation,nc-3,")).findFirst()
            .orElseThrow();
        final String[] sides = discharged.split(",");
        final String lowered = file.body().replace(discharged + "\n", String.join(",", sides[0], sides[1], sides[2],
            sides[3], sides[4], Long.toString(Long.parseLong(sides[5]) ^ 1), sides[6]) + "\n");
        assertThat(read(lowered).verify().ok()).as("a tampered discharge").isFalse();

        final String participant = server.createKey("participant", "nc-a1");
        assertError(server.get("/api/v1/clearing-runs/" + runId + "/certificate", participant), 403, "forbidden");
        assertError(csv("/api/v1/clearing-runs/" + runId + "/certificate/run", participant), 403, "forbidden");
        assertThat(server.get("/api/v1/clearing-runs/" + runId + "/certificate", null).statusCode()).isEqualTo(401);
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

    private static NovatedRunCertificateCsv.Contents read(final String body) throws Exception
    {
        return NovatedRunCertificateCsv.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
            "download");
    }

    @Test
    void shouldRefuseBadRunsAndOtherRolesWithTheStateHashUnchanged()
    {
        final String hash = server.stateHash();
        assertError(server.postJson("/api/v1/clearing-runs?mode=sideways", operator, ""), 400, "bad_request");
        server.register("nv-x");
        final String before = server.stateHash();
        assertThat(before).isNotEqualTo(hash);
        for (final String key : new String[] {server.createKey("auditor", null),
            server.createKey("participant", "nv-x")})
        {
            assertError(server.postJson("/api/v1/clearing-runs?mode=novated", key, ""), 403, "forbidden");
        }
        assertError(server.postJson("/api/v1/clearing-runs?mode=novated", null, ""), 401, "unauthorized");
        // a participant holding an account's id
        member("nv-y", "nv-gamma", "nv-south");
        server.register("community:nv-delta");
        member("nv-z", "nv-delta", "nv-south");
        submit("nv-3", "nv-y", "nv-z", 50);
        final String ready = server.stateHash();
        assertError(server.postJson("/api/v1/clearing-runs?mode=novated", operator, ""), 409,
            "novation_account_taken");
        assertThat(server.stateHash()).isEqualTo(ready);
        final HttpResponse<String> paid = server.postJson("/api/v1/obligations/nv-3/payments", operator,
            "{\"paymentId\":\"nv-pay-3\",\"amount\":50}");
        assertThat(paid.statusCode()).as("leave nothing that refuses other tests' runs: " + paid.body())
            .isEqualTo(201);
    }
}
