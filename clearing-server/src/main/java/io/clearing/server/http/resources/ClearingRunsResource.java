package io.clearing.server.http.resources;

import com.codahale.metrics.Timer;
import io.clearing.core.engine.api.ClearingCertificate;
import io.clearing.core.engine.api.ClearingRunSummary;
import io.clearing.core.engine.api.CommandReply;
import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.engine.api.SetOffNotice;
import io.clearing.server.auth.ApiPrincipal;
import io.clearing.server.auth.Role;
import io.clearing.server.http.ApiException;
import io.clearing.server.http.EngineGateway;
import io.clearing.server.http.ResultCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriBuilder;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Batch clearing runs: an operator starts one (the optimal run over every open obligation at this moment, which
 * the request waits for); everybody reads their results, set-off notices (a participant only its own) and, for
 * operators and auditors, the optimality certificate.
 */
@Path("/api/v1/clearing-runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "clearing runs")
public final class ClearingRunsResource
{
    // Marks a run that keeps no certificate (see ClearingStateView.clearingCertificate).
    private static final Certificate NOT_KEPT = new Certificate(0, List.of());

    private static final int CSV_PAGE = 10_000;

    private final EngineGateway gateway;
    private final int maxPageSize;
    private final Object runLock = new Object();

    /**
     * A clearing run's result. Amounts in minor units.
     *
     * @param runId                id, increasing.
     * @param status               always "completed": a run is applied in one engine command.
     * @param cutOffMs             its cut-off, epoch milliseconds.
     * @param obligations          open obligations it considered.
     * @param totalDebtBeforeMinor TD at the cut-off.
     * @param netInternalDebtMinor NID: the least debt any clearing can leave.
     * @param clearedMinor         set off: the optimum.
     * @param remainderMinor       TD after the run.
     */
    public record Run(long runId, String status, long cutOffMs, int obligations, long totalDebtBeforeMinor,
        long netInternalDebtMinor, long clearedMinor, long remainderMinor)
    {
        static Run of(final ClearingRunSummary summary)
        {
            return new Run(summary.runId(), "completed", summary.timestampMs(), summary.obligations(),
                summary.totalDebtBeforeMinor(), summary.netInternalDebtMinor(), summary.clearedMinor(),
                summary.remainderMinor());
        }
    }

    /**
     * @param participant participant id.
     * @param potential   its integer potential.
     */
    public record Potential(String participant, long potential)
    {
    }

    /**
     * @param runId      the run.
     * @param potentials one per participant of the run's obligations.
     */
    public record Certificate(long runId, List<Potential> potentials)
    {
    }

    public ClearingRunsResource(final EngineGateway gateway, final int maxPageSize)
    {
        this.gateway = gateway;
        this.maxPageSize = maxPageSize;
    }

    @POST
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Run the optimal batch clearing now (operator); answers 201 with the result once it is " +
        "journaled and applied.")
    public Response start()
    {
        final ClearingRunSummary summary;
        synchronized (runLock)
        {
            final long runId = gateway.query(view -> view.lastClearingRun().runId()) + 1;
            final CommandReply reply;
            try (Timer.Context ignored = gateway.metrics().clearingRuns().time())
            {
                reply = gateway.command(engine -> engine.runClearing(runId));
            }
            if (reply.code() != ResultCode.ACCEPTED)
            {
                throw ResultCodes.refused(reply.code(), "clearing run " + runId);
            }
            summary = gateway.query(view -> view.clearingRun(runId));
        }
        return Response.created(UriBuilder.fromResource(ClearingRunsResource.class).path("{id}")
            .build(summary.runId())).entity(Run.of(summary)).build();
    }

    @GET
    @RolesAllowed({Role.OPERATOR_NAME, Role.AUDITOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "Every clearing run, oldest first.")
    public List<Run> list()
    {
        return gateway.query(view -> view.clearingRuns().stream().map(Run::of).toList());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.OPERATOR_NAME, Role.AUDITOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "A clearing run's status and result summary.")
    public Run get(@PathParam("id") final long runId)
    {
        final ClearingRunSummary summary = gateway.query(view -> view.clearingRun(runId));
        if (summary == null)
        {
            throw ApiException.notFound("no clearing run " + runId);
        }
        return Run.of(summary);
    }

    @GET
    @Path("/{id}/set-offs")
    @RolesAllowed({Role.OPERATOR_NAME, Role.AUDITOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "The run's set-off notices, paged, in the run's order; a participant key sees only its " +
        "own obligations'.")
    public Page<SetOffNotice> setOffs(
        @PathParam("id") final long runId,
        @QueryParam("offset") @DefaultValue("0") final int offset,
        @QueryParam("limit") final Integer limitParam,
        @Context final SecurityContext security)
    {
        final int limit = Requests.requirePage(offset, limitParam, maxPageSize);
        final String participant = participantFilter(Requests.principal(security));
        final List<SetOffNotice> page = gateway.query(view -> view.setOffNotices(runId, participant, offset,
            limit + 1));
        if (page == null)
        {
            throw ApiException.notFound("no clearing run " + runId);
        }
        return Page.of(page, offset, limit);
    }

    @GET
    @Path("/{id}/set-offs")
    @Produces(ObligationsResource.TEXT_CSV)
    @RolesAllowed({Role.OPERATOR_NAME, Role.AUDITOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "The run's set-off notices as a CSV download: id,debtor,creditor,amount,set_off," +
        "remainder, amount being what was open at the cut-off; a participant key gets only its own.")
    public Response setOffsCsv(@PathParam("id") final long runId, @Context final SecurityContext security)
    {
        final String participant = participantFilter(Requests.principal(security));
        if (gateway.query(view -> view.clearingRun(runId)) == null)
        {
            throw ApiException.notFound("no clearing run " + runId);
        }
        final StreamingOutput csv = output ->
        {
            final Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 1 << 16);
            writer.write("id,debtor,creditor,amount,set_off,remainder\n");
            int from = 0;
            while (true)
            {
                final int offset = from;
                final List<SetOffNotice> page = gateway.query(view -> view.setOffNotices(runId, participant, offset,
                    CSV_PAGE));
                for (final SetOffNotice notice : page)
                {
                    writer.write(notice.obligationId() + ',' + notice.debtorId() + ',' + notice.creditorId() + ',' +
                        notice.openMinor() + ',' + notice.setOffMinor() + ',' + notice.remainderMinor() + '\n');
                }
                if (page.size() < CSV_PAGE)
                {
                    break;
                }
                from += CSV_PAGE;
            }
            writer.flush();
        };
        return Response.ok(csv, ObligationsResource.TEXT_CSV)
            .header("Content-Disposition", "attachment; filename=\"setoff-run-" + runId + ".csv\"")
            .build();
    }

    @GET
    @Path("/{id}/certificate")
    @RolesAllowed({Role.OPERATOR_NAME, Role.AUDITOR_NAME})
    @Operation(summary = "The run's optimality certificate: one integer potential per participant of its " +
        "obligations (operator, auditor).")
    public Certificate certificate(@PathParam("id") final long runId)
    {
        return certificateOf(runId);
    }

    @GET
    @Path("/{id}/certificate")
    @Produces(ObligationsResource.TEXT_CSV)
    @RolesAllowed({Role.OPERATOR_NAME, Role.AUDITOR_NAME})
    @Operation(summary = "The certificate as CSV (participant,potential), as bin/clearing verify reads it.")
    public Response certificateCsv(@PathParam("id") final long runId)
    {
        final Certificate certificate = certificateOf(runId);
        final StringBuilder csv = new StringBuilder("participant,potential\n");
        for (final Potential potential : certificate.potentials())
        {
            csv.append(potential.participant()).append(',').append(potential.potential()).append('\n');
        }
        return Response.ok(csv.toString(), ObligationsResource.TEXT_CSV)
            .header("Content-Disposition", "attachment; filename=\"certificate-run-" + runId + ".csv\"")
            .build();
    }

    /**
     * Potentials of the participants that appear in the run's obligations, in registration order: a participant
     * without obligations at the cut-off is not part of the network the certificate speaks about.
     */
    private Certificate certificateOf(final long runId)
    {
        final Certificate certificate = gateway.query(view ->
        {
            final ClearingCertificate full = view.clearingCertificate(runId);
            if (full == null)
            {
                return null;
            }
            if (full.participantIds().isEmpty() && view.clearingRun(runId).obligations() > 0)
            {
                return NOT_KEPT;
            }
            final Set<String> involved = new LinkedHashSet<>();
            for (final SetOffNotice notice : view.setOffNotices(runId, null, 0, Integer.MAX_VALUE))
            {
                involved.add(notice.debtorId());
                involved.add(notice.creditorId());
            }
            final List<Potential> potentials = new ArrayList<>(involved.size());
            for (int p = 0; p < full.participantIds().size(); p++)
            {
                final String participant = full.participantIds().get(p);
                if (involved.contains(participant))
                {
                    potentials.add(new Potential(participant, full.potentials()[p]));
                }
            }
            return new Certificate(runId, potentials);
        });
        if (certificate == null)
        {
            throw ApiException.notFound("no clearing run " + runId);
        }
        if (certificate == NOT_KEPT)
        {
            throw new ApiException(409, "no_certificate", "clearing run " + runId + " keeps no certificate: it was " +
                "solved with caps or liquidity commitments (verified by the policy verifier inside the engine) or " +
                "committed from a proposal held for acceptance");
        }
        return certificate;
    }

    private static String participantFilter(final ApiPrincipal principal)
    {
        return principal.role() == Role.PARTICIPANT ? principal.participantId() : null;
    }
}
