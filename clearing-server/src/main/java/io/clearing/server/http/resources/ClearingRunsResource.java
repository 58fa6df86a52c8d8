package io.clearing.server.http.resources;

import com.codahale.metrics.Timer;
import io.clearing.core.csv.NovatedRunCertificateCsv;
import io.clearing.core.csv.RunCertificateCsv;
import io.clearing.core.engine.api.ClearingCertificate;
import io.clearing.core.engine.api.NovatedCertificate;
import io.clearing.core.engine.api.RunCertificate;
import io.clearing.core.policy.CertifiedRun;
import io.clearing.core.policy.ClearingPolicy;
import io.clearing.core.policy.NovatedHierarchyResult;
import io.clearing.core.policy.PolicyCertificate;
import io.clearing.core.engine.api.ClearingRunSummary;
import io.clearing.core.engine.api.CommandReply;
import io.clearing.core.engine.api.CrossUnitPart;
import io.clearing.core.engine.api.ObligationState;
import io.clearing.core.engine.api.RunConversion;
import io.clearing.core.engine.api.RunHierarchy;
import io.clearing.core.engine.api.RunNovation;
import io.clearing.core.policy.PriorityRule;
import io.clearing.core.policy.ExclusionReason;
import io.clearing.core.engine.api.ProposalState;
import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.engine.api.RunLimit;
import io.clearing.core.engine.api.RunLimitKind;
import io.clearing.core.engine.api.SetOffNotice;
import io.clearing.server.auth.ApiPrincipal;
import io.clearing.server.auth.Role;
import io.clearing.server.http.ApiException;
import io.clearing.server.http.EngineGateway;
import io.clearing.server.http.ParticipantDirectory;
import io.clearing.server.http.ResultCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
 * the request waits for) or proposes one held for acceptance, which affected participants accept or reject and an
 * operator commits; participants (or operators for them) set caps and liquidity commitments for the next run;
 * everybody reads results, set-off notices with the reason each untouched obligation was left alone (a participant
 * only its own) and, for operators and auditors, the optimality certificate.
 */
@Path("/api/v1/clearing-runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "clearing runs")
public final class ClearingRunsResource
{
    private static final int CSV_PAGE = 10_000;
    private static final String SET_OFF_CSV = "header id,debtor,creditor,amount,set_off,remainder, then one line " +
        "per notice";
    private static final String CERTIFICATE_CSV = "a plain run: header participant,potential, then one line per " +
        "participant; every other run: the run certificate file (see /certificate/run)";
    private static final String RUN_CERTIFICATE_CSV = "one record a row: run,RUN_ID,flat|hierarchical,solved|adopted; " +
        "participant,ID; obligation,ID,DEBTOR,CREDITOR,UNIT,OPEN,DUE_DAY,URGENT,SET_OFF,ACROSS_UNITS; " +
        "level_set_off,LEVEL,OBLIGATION,AMOUNT; group,LEVEL,PARTICIPANT,GROUP; cap,P,UNIT,AMOUNT; " +
        "liquidity,P,UNIT,AMOUNT; treasury,P; rate,UNIT,N,D; priority,RULE; " +
        "certificate,LEVEL,STAGE,KIND,PARTICIPANT,UNIT,TO_UNIT,VALUE (docs/policies-engine.md)";

    private final EngineGateway gateway;
    private final ParticipantDirectory directory;
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
     * One entry of a run's certificate, as a row of {@code bin/clearing clear --certificate} files (docs/policies.md).
     *
     * @param level       0 for a flat run; for a hierarchical run the level (community, region, top).
     * @param stage       "within" (minor units) or "across" (whole lots through the treasury).
     * @param kind        participant, receivables, payables, liquidity (a node's potential) or conversion (lots).
     * @param participant the participant, null for a liquidity node.
     * @param unit        the node's unit, or the unit a conversion converts from; "" the default unit.
     * @param toUnit      the unit a conversion converts to, else null.
     * @param value       the potential, or the lots.
     */
    public record CertificateEntry(int level, String stage, String kind, String participant, String unit,
        String toUnit, long value)
    {
    }

    /**
     * A run's certificate. Every kind of run keeps one: plain (every unit), with caps, liquidity, conversion or
     * priorities, hierarchical (every level) and committed from a held proposal.
     *
     * @param runId               the run.
     * @param potentials          a plain run's default-unit potentials, one per participant of the run's obligations
     *                            (empty for runs solved by the policy solver, level by level or adopted from a
     *                            proposal).
     * @param kind                "flat", "hierarchical" or "novated" (entries: per stage as the level, every
     *                            participant's and clearing account's potential).
     * @param adoptedFromProposal whether the run applied a held proposal's set-offs (proven over the proposal's
     *                            network).
     * @param verified            whether the engine's copy passes the library's verifier now.
     * @param entries             every entry of every level's certificate; the CSV form of {@code
     *                            /certificate/run} adds the policy and the discharges, for {@code bin/clearing verify
     *                            --run-certificate}.
     */
    public record Certificate(long runId, List<Potential> potentials, String kind, boolean adoptedFromProposal,
        boolean verified, List<CertificateEntry> entries)
    {
    }

    /**
     * What a run (or a proposal) does to one obligation. Amounts in minor units of the obligation's unit.
     *
     * @param obligationId    the obligation.
     * @param debtorId        who owes.
     * @param creditorId      who is owed.
     * @param openMinor       open at the cut-off.
     * @param setOffMinor     discharged by the run.
     * @param remainderMinor  open after it.
     * @param exclusion       why the run left it untouched ({@code DISPUTED}, {@code OPTED_OUT}, ...), {@code NONE}
     *                        when it was eligible.
     * @param exclusionReason the same in words.
     */
    public record Notice(String obligationId, String debtorId, String creditorId, long openMinor, long setOffMinor,
        long remainderMinor, ExclusionReason exclusion, String exclusionReason)
    {
        static Notice of(final SetOffNotice notice)
        {
            return new Notice(notice.obligationId(), notice.debtorId(), notice.creditorId(), notice.openMinor(),
                notice.setOffMinor(), notice.remainderMinor(), notice.exclusion(), notice.exclusion().reason());
        }
    }

    /**
     * A clearing run held for acceptance. Amounts in minor units.
     *
     * @param runId           the id it commits under.
     * @param status          always "pending_acceptance".
     * @param cutOffMs        its cut-off: when it was proposed.
     * @param deadlineMs      answers are taken until then (inclusive); a commit after it applies the default.
     * @param acceptByDefault whether silence counts as acceptance at the deadline.
     * @param clearedMinor    what it sets off now (after any rejection re-solved it).
     * @param affected        participants it sets something off for (a participant key: itself or nobody).
     * @param accepted        participants that accepted (likewise).
     * @param rejected        participants that rejected (likewise).
     */
    public record Proposal(long runId, String status, long cutOffMs, long deadlineMs, boolean acceptByDefault,
        long clearedMinor, List<String> affected, List<String> accepted, List<String> rejected)
    {
        static Proposal of(final ProposalState state, final String participant)
        {
            return new Proposal(state.runId(), "pending_acceptance", state.cutOffMs(), state.deadlineMs(),
                state.acceptByDefault(), state.clearedMinor(), only(state.affected(), participant),
                only(state.accepted(), participant), only(state.rejected(), participant));
        }

        private static List<String> only(final List<String> participants, final String participant)
        {
            return participant == null ? participants :
                participants.contains(participant) ? List.of(participant) : List.of();
        }
    }

    /**
     * @param accept      true to accept, false to reject.
     * @param participant who answers: an operator names it; a participant key answers for itself.
     */
    public record Answer(Boolean accept, String participant)
    {
    }

    /**
     * A participant's limits in one unit for the next batch run, minor units of the unit.
     *
     * @param participant   whose: an operator names it; a participant key sets its own.
     * @param unit          a defined unit, or absent for the default unit.
     * @param receivableCap at most this much of its receivables may be discharged (0 or more); absent: no cap.
     * @param liquidity     money it commits to the run (positive); absent: none.
     */
    public record Limits(String participant, String unit, Long receivableCap, Long liquidity)
    {
    }

    public ClearingRunsResource(final EngineGateway gateway, final ParticipantDirectory directory,
        final int maxPageSize)
    {
        this.gateway = gateway;
        this.directory = directory;
        this.maxPageSize = maxPageSize;
    }

    @POST
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Run the optimal batch clearing now (operator); answers 201 with the result once it is " +
        "journaled and applied. With ?mode=hierarchical it clears inside communities, then regions, then the rest " +
        "(figures at /{id}/hierarchy; 409 hierarchy_with_liquidity while liquidity is committed). With " +
        "?mode=novated debts between communities are novated through community and region accounts (participants " +
        "community:NAME, region:NAME), pairs of accounts netted, every stage cleared exactly; what stays owed to, by " +
        "and between the accounts is recorded as obligations (both sides of every obligation at /{id}/novation; " +
        "409 hierarchy_with_liquidity, 422 novation_unsupported with caps for the run or regions for only some " +
        "communities, 409 novation_account_taken). With " +
        "?mode=proposal&deadlineMs=EPOCH_MS&default=accept|reject the run is held " +
        "for acceptance instead: 201 with the proposal (see /{id}/acceptance and /{id}/commit).")
    @ApiResponse(responseCode = "201", description = "The run's result (mode=run) or the proposal (mode=proposal).",
        content = @Content(schema = @Schema(oneOf = {Run.class, Proposal.class})))
    public Response start(
        @QueryParam("mode") @DefaultValue("run") final String mode,
        @QueryParam("deadlineMs") final String deadlineParam,
        @QueryParam("default") final String defaultParam)
    {
        if ("proposal".equals(mode))
        {
            return propose(deadlineParam, defaultParam);
        }
        if (!"run".equals(mode) && !"hierarchical".equals(mode) && !"novated".equals(mode))
        {
            throw ApiException.badRequest("query parameter 'mode' must be run, hierarchical, novated or proposal: " +
                mode);
        }
        final boolean hierarchical = "hierarchical".equals(mode);
        final boolean novated = "novated".equals(mode);
        if (deadlineParam != null || defaultParam != null)
        {
            throw ApiException.badRequest("query parameters 'deadlineMs' and 'default' belong to mode=proposal");
        }
        final ClearingRunSummary summary;
        synchronized (runLock)
        {
            final long runId = nextRunId();
            final CommandReply reply;
            try (Timer.Context ignored = gateway.metrics().clearingRuns().time())
            {
                reply = gateway.command(engine -> novated ? engine.runNovatedClearing(runId) :
                    hierarchical ? engine.runHierarchicalClearing(runId) : engine.runClearing(runId));
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

    private Response propose(final String deadlineParam, final String defaultParam)
    {
        if (deadlineParam == null)
        {
            throw ApiException.badRequest("query parameter 'deadlineMs' is required with mode=proposal: the " +
                "acceptance cut-off in epoch milliseconds");
        }
        final long deadlineMs;
        try
        {
            deadlineMs = Long.parseLong(deadlineParam);
        }
        catch (final NumberFormatException ex)
        {
            throw ApiException.badRequest("query parameter 'deadlineMs' must be epoch milliseconds: " +
                deadlineParam);
        }
        if (!"accept".equals(defaultParam) && !"reject".equals(defaultParam))
        {
            throw ApiException.badRequest("query parameter 'default' must be accept or reject (what silence " +
                "counts as at the cut-off): " + defaultParam);
        }
        final boolean acceptByDefault = "accept".equals(defaultParam);
        final Proposal proposal;
        synchronized (runLock)
        {
            final long runId = nextRunId();
            final CommandReply reply;
            try (Timer.Context ignored = gateway.metrics().clearingRuns().time())
            {
                reply = gateway.command(engine -> engine.proposeClearing(runId, deadlineMs, acceptByDefault));
            }
            if (reply.code() != ResultCode.ACCEPTED)
            {
                throw ResultCodes.refused(reply.code(), "clearing proposal " + runId);
            }
            proposal = proposal(runId, null);
        }
        return Response.created(UriBuilder.fromResource(ClearingRunsResource.class).path("{id}/proposal")
            .build(proposal.runId())).entity(proposal).build();
    }

    /**
     * @return an id above every run and proposal so far; called under {@link #runLock}.
     */
    private long nextRunId()
    {
        return gateway.query(view ->
        {
            final ProposalState pending = view.policies().pendingProposal();
            return Math.max(view.lastClearingRun().runId(), pending == null ? 0 : pending.runId()) + 1;
        });
    }

    @GET
    @Path("/{id}/proposal")
    @RolesAllowed({Role.OPERATOR_NAME, Role.AUDITOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "A run held for acceptance: cut-off, deadline, default, what it clears now, who is " +
        "affected, who accepted and rejected (a participant key sees only itself in these lists); its proposed " +
        "set-offs are at /{id}/set-offs. 404 when no proposal with this id is pending.")
    @ApiResponse(responseCode = "200", description = "The pending proposal.", useReturnTypeSchema = true)
    public Proposal getProposal(@PathParam("id") final long runId, @Context final SecurityContext security)
    {
        return proposal(runId, participantFilter(Requests.principal(security)));
    }

    @POST
    @Path("/{id}/acceptance")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.OPERATOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "Accept or reject a pending proposal: {accept: true|false} (a participant key for itself; " +
        "an operator names the participant). A rejection re-solves without the participant's obligations. 201 " +
        "with the proposal, 200 for the same answer again; 409 already_answered, cut_off_passed; 404 " +
        "no_pending_proposal.")
    @ApiResponse(responseCode = "201", description = "The answer was recorded: the proposal as it is now.",
        content = @Content(schema = @Schema(implementation = Proposal.class)))
    @ApiResponse(responseCode = "200", description = "The same answer was given before: the proposal.",
        content = @Content(schema = @Schema(implementation = Proposal.class)))
    public Response answer(@PathParam("id") final long runId, final Answer answer,
        @Context final SecurityContext security)
    {
        Requests.requireBody(answer);
        final ApiPrincipal principal = Requests.principal(security);
        final String participant = Requests.actingParticipant(principal, "participant", answer.participant());
        if (answer.accept() == null)
        {
            throw ApiException.badRequest("field 'accept' is missing: true or false");
        }
        final boolean accept = answer.accept();
        final CommandReply reply = Requests.requireApplied(
            gateway.command(engine -> engine.respondToProposal(runId, participant, accept)),
            (accept ? "acceptance" : "rejection") + " of clearing proposal " + runId + " by " + participant);
        return Response.status(ResultCodes.status(reply.code()))
            .entity(proposal(runId, participantFilter(principal))).build();
    }

    @POST
    @Path("/{id}/commit")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Commit a pending proposal (operator): 201 with the run's result; 409 " +
        "awaiting_acceptance while an affected participant has not answered before the cut-off; 404 " +
        "no_pending_proposal.")
    @ApiResponse(responseCode = "201", description = "The committed run's result.",
        content = @Content(schema = @Schema(implementation = Run.class)))
    public Response commit(@PathParam("id") final long runId)
    {
        final ClearingRunSummary summary;
        synchronized (runLock)
        {
            final CommandReply reply;
            try (Timer.Context ignored = gateway.metrics().clearingRuns().time())
            {
                reply = gateway.command(engine -> engine.commitClearing(runId));
            }
            if (reply.code() != ResultCode.ACCEPTED)
            {
                throw ResultCodes.refused(reply.code(), "commit of clearing proposal " + runId);
            }
            summary = gateway.query(view -> view.clearingRun(runId));
        }
        return Response.created(UriBuilder.fromResource(ClearingRunsResource.class).path("{id}")
            .build(summary.runId())).entity(Run.of(summary)).build();
    }

    @GET
    @Path("/next/limits")
    @RolesAllowed({Role.OPERATOR_NAME, Role.AUDITOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "Receivable caps and liquidity commitments given for the next batch run, by participant " +
        "then unit (a participant key: its own).")
    @ApiResponse(responseCode = "200", description = "The limits.", useReturnTypeSchema = true)
    public List<RunLimit> limits(@Context final SecurityContext security)
    {
        final String participant = participantFilter(Requests.principal(security));
        return gateway.query(view -> view.policies().runLimits()).stream()
            .filter(limit -> participant == null || participant.equals(limit.participantId())).toList();
    }

    @PUT
    @Path("/next/limits")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.OPERATOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "Set a participant's limits in one unit for the next batch run (a participant for itself, " +
        "or an operator): {participant, unit, receivableCap, liquidity}; an absent one is removed. 200 with the " +
        "participant's limits; 409 proposal_pending while a proposal is pending; 404 unknown_unit.")
    @ApiResponse(responseCode = "200", description = "The participant's limits now.", useReturnTypeSchema = true)
    public List<RunLimit> putLimits(final Limits limits, @Context final SecurityContext security)
    {
        Requests.requireBody(limits);
        final ApiPrincipal principal = Requests.principal(security);
        final String participant = Requests.actingParticipant(principal, "participant", limits.participant());
        final String unit = Requests.requireUnit("unit", limits.unit(), true);
        final Long cap = limits.receivableCap();
        if (cap != null)
        {
            Requests.requireNonNegative("receivableCap", cap);
        }
        final Long liquidity = limits.liquidity();
        if (liquidity != null)
        {
            Requests.requirePositive("liquidity", liquidity);
        }
        if (!directory.isRegistered(participant))
        {
            throw new ApiException(422, ResultCodes.errorCode(ResultCode.UNKNOWN_PARTICIPANT), "limits of " +
                participant + ": participant is not registered");
        }
        final String where = "limits of " + participant + " in unit '" + unit + "' for the next run";
        // two commands: under the run lock no proposal can come between them, and the commitment goes first since
        // only it can be refused for its amount (total debt overflow): a refusal then leaves both as they were
        synchronized (runLock)
        {
            Requests.requireApplied(gateway.command(engine -> liquidity == null ?
                engine.setRunLimit(participant, unit, RunLimitKind.REMOVE_LIQUIDITY, 0) :
                engine.setRunLimit(participant, unit, RunLimitKind.LIQUIDITY, liquidity)), where);
            Requests.requireApplied(gateway.command(engine -> cap == null ?
                engine.setRunLimit(participant, unit, RunLimitKind.REMOVE_RECEIVABLE_CAP, 0) :
                engine.setRunLimit(participant, unit, RunLimitKind.RECEIVABLE_CAP, cap)), where);
        }
        return gateway.query(view -> view.policies().runLimits()).stream()
            .filter(limit -> participant.equals(limit.participantId())).toList();
    }

    /**
     * The priority rules of batch runs.
     *
     * @param standing the standing rule: none, older_first or urgent_first.
     * @param nextRun  the rule given for the next run only, or null when the standing rule applies.
     */
    public record Priority(PriorityRule standing, PriorityRule nextRun)
    {
    }

    /**
     * @param rule  none, older_first (due date, else submission day, earliest first) or urgent_first.
     * @param scope next_run (the default: for the next run only) or standing.
     */
    public record PriorityChange(String rule, String scope)
    {
    }

    @GET
    @Path("/next/priority")
    @RolesAllowed({Role.OPERATOR_NAME, Role.AUDITOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "The priority rule of the next batch run: standing, and the next run's own when given.")
    @ApiResponse(responseCode = "200", description = "The priority rule.", useReturnTypeSchema = true)
    public Priority priority()
    {
        return gateway.query(view -> new Priority(view.policies().standingPriority(),
            view.policies().nextRunPriority()));
    }

    @PUT
    @Path("/next/priority")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Set the priority rule (operator): {rule: none|older_first|urgent_first, scope: " +
        "next_run|standing}. A priority never lowers what a run clears; it chooses among the largest set-offs. 201, " +
        "200 when already in effect; 409 proposal_pending.")
    @ApiResponse(responseCode = "201", description = "Done: the priority rule.",
        content = @Content(schema = @Schema(implementation = Priority.class)))
    @ApiResponse(responseCode = "200", description = "It was so already: the priority rule.",
        content = @Content(schema = @Schema(implementation = Priority.class)))
    public Response putPriority(final PriorityChange change)
    {
        Requests.requireBody(change);
        final PriorityRule rule = priorityRule(change.rule());
        final boolean standing;
        if (change.scope() == null || "next_run".equals(change.scope()))
        {
            standing = false;
        }
        else if ("standing".equals(change.scope()))
        {
            standing = true;
        }
        else
        {
            throw ApiException.badRequest("field 'scope' must be next_run or standing: " + change.scope());
        }
        final CommandReply reply;
        synchronized (runLock)
        {
            reply = Requests.requireApplied(gateway.command(engine -> engine.setPriority(rule, standing)),
                "priority " + change.rule());
        }
        return Response.status(ResultCodes.status(reply.code())).entity(priority()).build();
    }

    private static PriorityRule priorityRule(final String rule)
    {
        if (rule == null)
        {
            throw ApiException.badRequest("field 'rule' is missing: none, older_first or urgent_first");
        }
        final PriorityRule value = PriorityRule.ofLabel(rule);
        if (value == null)
        {
            throw ApiException.badRequest("field 'rule' must be none, older_first or urgent_first: " + rule);
        }
        return value;
    }

    @GET
    @Path("/{id}/conversion")
    @RolesAllowed({Role.OPERATOR_NAME, Role.AUDITOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "What the run (or the pending proposal) discharged across units through the treasury: the " +
        "cross-unit part of each obligation's set-off (a participant key: its own obligations') and the treasury's " +
        "exposure per unit. 404 when there is no such run.")
    @ApiResponse(responseCode = "200", description = "The run's conversion.", useReturnTypeSchema = true)
    public RunConversion conversion(@PathParam("id") final long runId, @Context final SecurityContext security)
    {
        final String participant = participantFilter(Requests.principal(security));
        final RunConversion conversion = gateway.query(view ->
        {
            final RunConversion all = view.policies().runConversion(runId);
            if (all == null || participant == null)
            {
                return all;
            }
            final List<CrossUnitPart> own = new ArrayList<>();
            for (final CrossUnitPart part : all.crossUnit())
            {
                final ObligationState obligation = view.obligation(part.obligationId());
                if (participant.equals(obligation.debtorId()) || participant.equals(obligation.creditorId()))
                {
                    own.add(part);
                }
            }
            return new RunConversion(runId, own, all.exposure());
        });
        if (conversion == null)
        {
            throw ApiException.notFound("no clearing run " + runId);
        }
        return conversion;
    }

    @GET
    @Path("/{id}/hierarchy")
    @RolesAllowed({Role.OPERATOR_NAME, Role.AUDITOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "A hierarchical run's figures: cleared by community, by region and at the top, beside the " +
        "flat optimum of the same obligations and the shortfall. 404 when there is no such run or it was flat.")
    @ApiResponse(responseCode = "200", description = "The run's figures by level.", useReturnTypeSchema = true)
    public RunHierarchy hierarchy(@PathParam("id") final long runId)
    {
        final RunHierarchy hierarchy = gateway.query(view -> view.policies().runHierarchy(runId));
        if (hierarchy == null)
        {
            throw ApiException.notFound("no hierarchical clearing run " + runId);
        }
        return hierarchy;
    }

    @GET
    @Path("/{id}/novation")
    @RolesAllowed({Role.OPERATOR_NAME, Role.AUDITOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "A novated run: per obligation what the debtor no longer owes and the creditor is no longer " +
        "owed, whom the rest is now owed to / by and the obligation that carries it; the legs between accounts " +
        "(netted, cleared, left); each stage; every account's receivable and payable; the flat optimum and " +
        "level-by-level clearing beside it. A participant key sees only its own obligations' notices (no legs or " +
        "accounts). 404 when there is no such run or it was not novated.")
    @ApiResponse(responseCode = "200", description = "The novated run.", useReturnTypeSchema = true)
    public RunNovation novation(@PathParam("id") final long runId, @Context final SecurityContext security)
    {
        final String participant = participantFilter(Requests.principal(security));
        final RunNovation novation = gateway.query(view -> view.policies().runNovation(runId, participant));
        if (novation == null)
        {
            throw ApiException.notFound("no novated clearing run " + runId);
        }
        return novation;
    }

    @GET
    @RolesAllowed({Role.OPERATOR_NAME, Role.AUDITOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "Every clearing run, oldest first.")
    @ApiResponse(responseCode = "200", description = "The runs.", useReturnTypeSchema = true)
    public List<Run> list()
    {
        return gateway.query(view -> view.clearingRuns().stream().map(Run::of).toList());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.OPERATOR_NAME, Role.AUDITOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "A clearing run's status and result summary.")
    @ApiResponse(responseCode = "200", description = "The run.", useReturnTypeSchema = true)
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
        "own obligations'. With Accept: text/csv all of them as a CSV download: id,debtor,creditor,amount,set_off," +
        "remainder, amount being what was open at the cut-off.")
    @ApiResponse(responseCode = "200", description = "A page of notices (JSON), or all of them (CSV).", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "PageNotice")),
        @Content(mediaType = ObligationsResource.TEXT_CSV,
            schema = @Schema(type = "string", description = SET_OFF_CSV))})
    public Page<Notice> setOffs(
        @PathParam("id") final long runId,
        @QueryParam("offset") @DefaultValue("0") final int offset,
        @QueryParam("limit") final Integer limitParam,
        @Context final SecurityContext security)
    {
        final int limit = Requests.requirePage(offset, limitParam, maxPageSize);
        final String participant = participantFilter(Requests.principal(security));
        final List<SetOffNotice> page = gateway.query(view ->
        {
            final List<SetOffNotice> run = view.setOffNotices(runId, participant, offset, limit + 1);
            return run != null ? run : proposedNotices(view.policies().pendingProposal(), runId, participant,
                offset, limit + 1);
        });
        if (page == null)
        {
            throw ApiException.notFound("no clearing run " + runId);
        }
        return Page.of(page.stream().map(Notice::of).toList(), offset, limit);
    }

    @GET
    @Path("/{id}/set-offs")
    @Produces(ObligationsResource.TEXT_CSV)
    @RolesAllowed({Role.OPERATOR_NAME, Role.AUDITOR_NAME, Role.PARTICIPANT_NAME})
    // described with setOffs: OpenAPI has one operation per path and method
    @Operation(hidden = true)
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
    @Operation(summary = "The run's optimality certificate, for every kind of run: a plain run's default-unit " +
        "potentials, and every entry of every level's certificate (operator, auditor). With Accept: text/csv: " +
        "participant,potential for a plain run, as bin/clearing verify reads it with the set-offs; for every other " +
        "run the run certificate file of /certificate/run. A novated run's entries are every stage's potentials of " +
        "participants and clearing accounts. 409 no_certificate for a run that keeps none (loaded from a snapshot " +
        "written before runs, or novated runs, kept one).")
    @ApiResponse(responseCode = "200", description = "The certificate.", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Certificate.class)),
        @Content(mediaType = ObligationsResource.TEXT_CSV,
            schema = @Schema(type = "string", description = CERTIFICATE_CSV))})
    public Certificate certificate(@PathParam("id") final long runId)
    {
        return certificateOf(runId);
    }

    @GET
    @Path("/{id}/certificate")
    @Produces(ObligationsResource.TEXT_CSV)
    @RolesAllowed({Role.OPERATOR_NAME, Role.AUDITOR_NAME})
    // described with certificate: OpenAPI has one operation per path and method
    @Operation(hidden = true)
    public Response certificateCsv(@PathParam("id") final long runId)
    {
        // The file carries no verdict, so the run is not verified here (the JSON form does that).
        final Certificate certificate = kept(runId).certificate();
        if (certificate.potentials().isEmpty() && !certificate.entries().isEmpty())
        {
            return runCertificateCsv(runId);
        }
        final StringBuilder csv = new StringBuilder("participant,potential\n");
        for (final Potential potential : certificate.potentials())
        {
            csv.append(potential.participant()).append(',').append(potential.potential()).append('\n');
        }
        return Response.ok(csv.toString(), ObligationsResource.TEXT_CSV)
            .header("Content-Disposition", "attachment; filename=\"certificate-run-" + runId + ".csv\"")
            .build();
    }

    @GET
    @Path("/{id}/certificate/run")
    @Produces(ObligationsResource.TEXT_CSV)
    @RolesAllowed({Role.OPERATOR_NAME, Role.AUDITOR_NAME})
    @Operation(summary = "The run certificate file for every kind of run: the run's policy (obligations with their " +
        "open amounts and units, caps, commitments, treasury, rates, priority, groups), its discharges per level " +
        "and its certificate; for a novated run its versioned variant (both sides, groups, the legs between accounts, " +
        "every stage's potentials), as bin/clearing verify --run-certificate reads it (operator, auditor).")
    @ApiResponse(responseCode = "200", description = "The run certificate file.", content = @Content(
        mediaType = ObligationsResource.TEXT_CSV, schema = @Schema(type = "string", description = RUN_CERTIFICATE_CSV)))
    public Response runCertificateCsv(@PathParam("id") final long runId)
    {
        final RunCertificate kept = gateway.query(view -> view.runCertificate(runId));
        if (kept == null)
        {
            throw ApiException.notFound("no clearing run " + runId);
        }
        if (kept.run() == null)
        {
            final NovatedCertificate novated = gateway.query(view -> view.novatedCertificate(runId));
            if (novated == null)
            {
                throw gateway.query(view -> view.policies().runNovation(runId, null)) != null ?
                    novatedNotKept(runId) : notKept(runId);
            }
            return runCertificateFile(runId, writer -> NovatedRunCertificateCsv.write(writer, runId, novated.result()));
        }
        return runCertificateFile(runId, writer -> RunCertificateCsv.write(writer, runId, kept.adoptedFromProposal(),
            kept.run()));
    }

    /**
     * A run certificate file as a download, written by {@code body}.
     */
    private static Response runCertificateFile(final long runId, final CsvBody body)
    {
        final StreamingOutput csv = output ->
        {
            final Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 1 << 16);
            body.write(writer);
            writer.flush();
        };
        return Response.ok(csv, ObligationsResource.TEXT_CSV)
            .header("Content-Disposition", "attachment; filename=\"run-certificate-" + runId + ".csv\"")
            .build();
    }

    /**
     * Writes a CSV body.
     */
    @FunctionalInterface
    private interface CsvBody
    {
        void write(Writer writer) throws java.io.IOException;
    }

    private static ApiException novatedNotKept(final long runId)
    {
        return new ApiException(409, "no_certificate", "clearing run " + runId + " was novated and loaded from a " +
            "snapshot written before novated runs kept their proof (version 5 or earlier)");
    }

    private static ApiException notKept(final long runId)
    {
        return new ApiException(409, "no_certificate", "clearing run " + runId + " keeps no certificate: it was " +
            "loaded from a snapshot written before runs kept one");
    }

    /**
     * The run's certificate, verified: {@link #kept} and, off the engine's thread, the verifier's verdict.
     */
    private Certificate certificateOf(final long runId)
    {
        final Kept kept = kept(runId);
        final Certificate certificate = kept.certificate();
        final boolean verified = kept.run() != null ? kept.run().verify().ok() :
            kept.novatedRun() != null && kept.novatedRun().verify().ok();
        return new Certificate(runId, certificate.potentials(), certificate.kind(), certificate.adoptedFromProposal(),
            verified, certificate.entries());
    }

    /**
     * Potentials of the participants that appear in the run's obligations, in registration order (a participant
     * without obligations at the cut-off is not part of the network the certificate speaks about), and every entry
     * of the run's kept certificate, not yet verified; 404 for no such run, 409 for a run that keeps no certificate.
     */
    private Kept kept(final long runId)
    {
        // The query only copies the run out of the engine.
        final Kept kept = gateway.query(view ->
        {
            final ClearingCertificate full = view.clearingCertificate(runId);
            if (full == null)
            {
                return null;
            }
            final RunCertificate run = view.runCertificate(runId);
            final String kind = run.run() != null && run.run().hierarchical() ? "hierarchical" : "flat";
            final List<Potential> potentials = new ArrayList<>();
            if (!full.participantIds().isEmpty())
            {
                final Set<String> involved = new LinkedHashSet<>();
                for (final SetOffNotice notice : view.setOffNotices(runId, null, 0, Integer.MAX_VALUE))
                {
                    involved.add(notice.debtorId());
                    involved.add(notice.creditorId());
                }
                for (int p = 0; p < full.participantIds().size(); p++)
                {
                    final String participant = full.participantIds().get(p);
                    if (involved.contains(participant))
                    {
                        potentials.add(new Potential(participant, full.potentials()[p]));
                    }
                }
            }
            final NovatedCertificate novated = run.run() == null ? view.novatedCertificate(runId) : null;
            if (novated != null)
            {
                return new Kept(new Certificate(runId, potentials, "novated", false, false, entries(novated)), null,
                    novated, true);
            }
            if (full.participantIds().isEmpty() && run.run() == null && view.clearingRun(runId).obligations() > 0)
            {
                return new Kept(null, null, null, view.policies().runNovation(runId, null) != null);
            }
            return new Kept(new Certificate(runId, potentials, kind, run.adoptedFromProposal(), false,
                entries(run.run())), run.run(), null, false);
        });
        if (kept == null)
        {
            throw ApiException.notFound("no clearing run " + runId);
        }
        if (kept.certificate() == null)
        {
            throw kept.novated() ? novatedNotKept(runId) : notKept(runId);
        }
        return kept;
    }

    /**
     * What a certificate query copies out of the engine: the answer without its verification, and the run to verify
     * (a novated run's proof for a novated run).
     */
    private record Kept(Certificate certificate, CertifiedRun run, NovatedCertificate novatedRun, boolean novated)
    {
    }

    /**
     * A novated run's potentials as entries: the level is the stage (0: firms with their communities' accounts, 1:
     * community accounts with region accounts or the top, 2: region accounts), the kind {@code participant} or
     * {@code account}, the unit the default one. Every node of every stage, zeros included.
     */
    private static List<CertificateEntry> entries(final NovatedCertificate novated)
    {
        final NovatedHierarchyResult result = novated.result();
        final List<CertificateEntry> entries = new ArrayList<>();
        for (int stage = 0; stage <= result.levels(); stage++)
        {
            for (int node = 0; node < result.nodeCount(); node++)
            {
                entries.add(new CertificateEntry(stage, PolicyCertificate.Stage.WITHIN_UNITS.label(),
                    result.accountLevel(node) < 0 ? "participant" : "account", novated.nodeIds().get(node), "", null,
                    result.potential(stage, node)));
            }
        }
        return entries;
    }

    private static List<CertificateEntry> entries(final CertifiedRun run)
    {
        final List<CertificateEntry> entries = new ArrayList<>();
        for (int level = 0; run != null && level < run.levels(); level++)
        {
            final PolicyCertificate certificate = run.certificate(level);
            for (int e = 0; certificate != null && e < certificate.entries(); e++)
            {
                final ClearingPolicy policy = certificate.policy();
                entries.add(new CertificateEntry(level, certificate.stage(e).label(), certificate.kind(e).label(),
                    certificate.participant(e) < 0 ? null :
                        policy.network().participantId(certificate.participant(e)),
                    policy.unitName(certificate.unit(e)),
                    certificate.toUnit(e) < 0 ? null : policy.unitName(certificate.toUnit(e)), certificate.value(e)));
            }
        }
        return entries;
    }

    /**
     * @return the proposal's notices visible to the participant (all for null), a page of them; null when no proposal
     * with this id is pending.
     */
    private static List<SetOffNotice> proposedNotices(final ProposalState pending, final long runId,
        final String participant, final int offset, final int limit)
    {
        if (pending == null || pending.runId() != runId)
        {
            return null;
        }
        final List<SetOffNotice> page = new ArrayList<>();
        int skipped = 0;
        for (final SetOffNotice notice : pending.notices())
        {
            if (page.size() == limit)
            {
                break;
            }
            if (participant == null || participant.equals(notice.debtorId()) ||
                participant.equals(notice.creditorId()))
            {
                if (skipped < offset)
                {
                    skipped++;
                }
                else
                {
                    page.add(notice);
                }
            }
        }
        return page;
    }

    private Proposal proposal(final long runId, final String participant)
    {
        final Proposal proposal = gateway.query(view ->
        {
            final ProposalState pending = view.policies().pendingProposal();
            return pending == null || pending.runId() != runId ? null : Proposal.of(pending, participant);
        });
        if (proposal == null)
        {
            throw new ApiException(404, ResultCodes.errorCode(ResultCode.NO_PENDING_PROPOSAL),
                "clearing proposal " + runId + ": " + ResultCode.NO_PENDING_PROPOSAL.reason());
        }
        return proposal;
    }

    private static String participantFilter(final ApiPrincipal principal)
    {
        return principal.role() == Role.PARTICIPANT ? principal.participantId() : null;
    }
}
