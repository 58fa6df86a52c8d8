package io.clearing.server.http.resources;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearing.core.engine.api.CommandReply;
import io.clearing.core.engine.api.ObligationState;
import io.clearing.core.engine.api.ObligationStatus;
import io.clearing.core.engine.api.ResultCode;
import io.clearing.server.auth.ApiPrincipal;
import io.clearing.server.auth.Role;
import io.clearing.server.http.ApiException;
import io.clearing.server.http.EngineGateway;
import io.clearing.server.http.ParticipantDirectory;
import io.clearing.server.http.ResultCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import jakarta.ws.rs.core.UriBuilder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Obligations: submitted one at a time (JSON object), many at once (JSON array, or a streamed {@code text/csv}
 * body in the command line's obligations format) with a per-line report, read one by one and listed with
 * filters; payments against them; disputes raised and withdrawn by their parties.
 */
@Path("/api/v1/obligations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "obligations")
public final class ObligationsResource
{
    public static final String TEXT_CSV = "text/csv";

    private final EngineGateway gateway;
    private final ParticipantDirectory directory;
    private final ObjectMapper mapper;
    private final int maxPageSize;
    private final int maxRejects;

    /**
     * The shape of a submitted obligation, for the OpenAPI document: the resource reads the body as a stream of
     * JSON values (so that it can take one object or an array) and checks these fields itself.
     *
     * @param id       the obligation's id, unique: resubmitting the same obligation is harmless.
     * @param debtor   who owes: a registered participant.
     * @param creditor who is owed: another registered participant.
     * @param amount   positive, minor units.
     * @param unit     a defined unit of account; absent for the default unit (one obligation per request only).
     * @param dueAtMs  its due date, epoch milliseconds; optional (one obligation per request only).
     */
    public record ObligationRequest(String id, String debtor, String creditor, long amount, String unit, Long dueAtMs)
    {
    }

    /**
     * The result of one submission.
     *
     * @param result                "accepted", or "duplicate" when the same obligation was accepted before.
     * @param continuousSetOffMinor set off at once by continuous clearing (0 when off).
     * @param obligation            the obligation now.
     */
    public record Submitted(String result, long continuousSetOffMinor, ObligationState obligation)
    {
    }

    /**
     * @param paymentId client-supplied id: resubmitting the same payment is harmless.
     * @param amount    positive, minor units, at most what is open.
     */
    public record PaymentRequest(String paymentId, Long amount)
    {
    }

    /**
     * @param result     "accepted" or "duplicate".
     * @param paymentId  the payment.
     * @param obligation the obligation after it.
     */
    public record Paid(String result, String paymentId, ObligationState obligation)
    {
    }

    public ObligationsResource(final EngineGateway gateway, final ParticipantDirectory directory,
        final ObjectMapper mapper, final int maxPageSize, final int maxRejects)
    {
        this.gateway = gateway;
        this.directory = directory;
        this.mapper = mapper;
        this.maxPageSize = maxPageSize;
        this.maxRejects = maxRejects;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.OPERATOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "Submit one obligation (a JSON object {id, debtor, creditor, amount} and optionally unit, " +
        "a defined unit of account, and dueAtMs, its due date: 201, or 200 when " +
        "identical to one accepted before) or many (a JSON array of such objects: 200 with a report of refused " +
        "items). A participant key submits only obligations it is debtor or creditor of. Or many as CSV, " +
        "streamed: header id,debtor,creditor,amount (any order, other columns ignored; the id column is " +
        "required), amounts positive integers in minor units: 200 with a report of refused lines (line 1 is the " +
        "header).")
    @RequestBody(required = true, content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(description = "one obligation, or an " +
            "array of them without unit and dueAtMs", oneOf = {ObligationRequest.class, ObligationRequest[].class})),
        @Content(mediaType = TEXT_CSV, schema = @Schema(type = "string", description = "header " +
            "id,debtor,creditor,amount, then one obligation per line"))})
    @ApiResponse(responseCode = "201", description = "One obligation, accepted.",
        content = @Content(schema = @Schema(implementation = Submitted.class)))
    @ApiResponse(responseCode = "200", description = "One obligation identical to one accepted before " +
        "(Submitted), or the report of an array or CSV upload (BulkReport).",
        content = @Content(schema = @Schema(oneOf = {Submitted.class, BulkReport.class})))
    public Response submitJson(
        final InputStream body,
        @QueryParam("registerParticipants") @DefaultValue("false") final boolean registerParticipants,
        @Context final SecurityContext security) throws IOException
    {
        final ApiPrincipal principal = Requests.principal(security);
        checkRegister(principal, registerParticipants);
        final List<JsonNode> items = new ArrayList<>();
        final boolean array;
        try (JsonParser parser = mapper.getFactory().createParser(body))
        {
            final JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT)
            {
                array = false;
                items.add(parser.readValueAsTree());
            }
            else if (first == JsonToken.START_ARRAY)
            {
                array = true;
                // the whole array is read (within the JSON size limit) before anything is submitted: a syntax
                // error anywhere refuses the request with nothing changed
                while (parser.nextToken() != JsonToken.END_ARRAY)
                {
                    items.add(parser.readValueAsTree());
                }
            }
            else
            {
                throw ApiException.badRequest("request body must be a JSON object or an array of objects");
            }
            if (parser.nextToken() != null)
            {
                throw ApiException.badRequest("request body has content after the JSON value");
            }
        }
        if (!array)
        {
            return submitOne(items.get(0), principal, registerParticipants);
        }
        final BulkSubmission bulk = new BulkSubmission(gateway, directory, maxRejects, "item", registerParticipants);
        for (int i = 0; i < items.size(); i++)
        {
            final long item = i + 1;
            bulk.received();
            final JsonNode node = items.get(i);
            String problem = fieldsProblem(node);
            if (problem == null && (node.has("unit") || node.has("dueAtMs")))
            {
                problem = "fields 'unit' and 'dueAtMs' are accepted only when one obligation is submitted";
            }
            if (problem != null)
            {
                bulk.refuse(item, "bad_request", problem);
                continue;
            }
            submitChecked(bulk, item, text(node, "id"), text(node, "debtor"), text(node, "creditor"),
                node.get("amount").longValue(), principal);
        }
        return Response.ok(bulk.finish()).build();
    }

    @POST
    @Consumes(TEXT_CSV)
    @RolesAllowed({Role.OPERATOR_NAME, Role.PARTICIPANT_NAME})
    // described with submitJson: OpenAPI has one operation per path and method
    @Operation(hidden = true)
    public BulkReport submitCsv(
        final InputStream body,
        @QueryParam("registerParticipants") @DefaultValue("false") final boolean registerParticipants,
        @Context final SecurityContext security) throws IOException
    {
        final ApiPrincipal principal = Requests.principal(security);
        checkRegister(principal, registerParticipants);
        final BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8),
            1 << 16);
        final CsvColumns columns = CsvColumns.of(reader.readLine());
        final BulkSubmission bulk = new BulkSubmission(gateway, directory, maxRejects, "line", registerParticipants);
        final String[] fields = new String[columns.count()];
        long line = 1;
        String text;
        while ((text = reader.readLine()) != null)
        {
            line++;
            if (text.isEmpty())
            {
                continue;
            }
            bulk.received();
            final int found = CsvColumns.split(text, fields);
            if (found != fields.length)
            {
                bulk.refuse(line, "bad_request", "expected " + fields.length + " columns as in the header, found " +
                    found);
                continue;
            }
            final String id = fields[columns.id()];
            final String debtor = fields[columns.debtor()];
            final String creditor = fields[columns.creditor()];
            final String problem = firstProblem(id, debtor, creditor);
            if (problem != null)
            {
                bulk.refuse(line, "bad_request", problem);
                continue;
            }
            final long amount = CsvColumns.parseAmount(fields[columns.amount()]);
            if (amount <= 0)
            {
                bulk.refuse(line, "invalid_amount", "amount is not a positive integer in minor units: " +
                    fields[columns.amount()]);
                continue;
            }
            submitChecked(bulk, line, id, debtor, creditor, amount, principal);
        }
        return bulk.finish();
    }

    private void submitChecked(final BulkSubmission bulk, final long line, final String id, final String debtor,
        final String creditor, final long amount, final ApiPrincipal principal)
    {
        if (debtor.equals(creditor))
        {
            bulk.refuse(line, ResultCodes.errorCode(ResultCode.SAME_PARTICIPANT), ResultCode.SAME_PARTICIPANT.reason());
        }
        else if (!principal.mayRead(debtor, creditor))
        {
            bulk.refuse(line, "forbidden", "participant " + principal.participantId() +
                " may submit only obligations it is debtor or creditor of");
        }
        else
        {
            bulk.submit(line, id, debtor, creditor, amount);
        }
    }

    private Response submitOne(final JsonNode node, final ApiPrincipal principal, final boolean register)
    {
        final String problem = fieldsProblem(node);
        if (problem != null)
        {
            throw ApiException.badRequest(problem);
        }
        final String id = text(node, "id");
        final String debtor = text(node, "debtor");
        final String creditor = text(node, "creditor");
        final long amount = node.get("amount").longValue();
        final String unit = unitField(node);
        final long dueAtMs = dueField(node);
        if (debtor.equals(creditor))
        {
            throw ResultCodes.refused(ResultCode.SAME_PARTICIPANT, "obligation " + id);
        }
        if (!principal.mayRead(debtor, creditor))
        {
            throw ApiException.forbidden("participant " + principal.participantId() +
                " may submit only obligations it is debtor or creditor of");
        }
        for (final String participant : new String[]{debtor, creditor})
        {
            if (!directory.isRegistered(participant))
            {
                if (!register)
                {
                    throw new ApiException(422, ResultCodes.errorCode(ResultCode.UNKNOWN_PARTICIPANT),
                        "obligation " + id + ": participant " + participant + " is not registered");
                }
                gateway.command(engine -> engine.registerParticipant(participant, participant));
                directory.registered(participant);
            }
        }
        // an obligation in the default unit without a due date stays the original command, as the bulk paths send
        final CommandReply reply = unit.isEmpty() && dueAtMs == 0 ?
            gateway.command(engine -> engine.submitObligation(id, debtor, creditor, amount)) :
            gateway.command(engine -> engine.submitObligationInUnit(id, debtor, creditor, amount, unit, dueAtMs));
        Requests.requireApplied(reply, "obligation " + id);
        if (reply.code() == ResultCode.ACCEPTED)
        {
            gateway.metrics().obligationsAccepted().mark();
        }
        final ObligationState state = gateway.query(view -> view.obligation(id));
        final long continuous = reply.code() == ResultCode.ACCEPTED ? reply.value() : 0;
        return Response.status(ResultCodes.status(reply.code()))
            .location(UriBuilder.fromResource(ObligationsResource.class).path(id).build())
            .entity(new Submitted(reply.code() == ResultCode.ACCEPTED ? "accepted" : "duplicate", continuous, state))
            .build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.OPERATOR_NAME, Role.AUDITOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "One obligation with its history in totals; 404 when unknown or, for a participant key, " +
        "when it is neither debtor nor creditor.")
    @ApiResponse(responseCode = "200", description = "The obligation.", useReturnTypeSchema = true)
    public ObligationState get(@PathParam("id") final String id, @Context final SecurityContext security)
    {
        return visible(id, Requests.principal(security));
    }

    @GET
    @RolesAllowed({Role.OPERATOR_NAME, Role.AUDITOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "List obligations in submission order, paged, filtered by participant and by status " +
        "(any, open, discharged). A participant key lists only its own (another participant's id gives 404).")
    @ApiResponse(responseCode = "200", description = "A page of obligations.", useReturnTypeSchema = true)
    public Page<ObligationState> list(
        @QueryParam("participant") final String participant,
        @QueryParam("status") @DefaultValue("any") final String status,
        @QueryParam("offset") @DefaultValue("0") final int offset,
        @QueryParam("limit") final Integer limitParam,
        @Context final SecurityContext security)
    {
        final int limit = Requests.requirePage(offset, limitParam, maxPageSize);
        final ObligationStatus filter = status(status);
        final ApiPrincipal principal = Requests.principal(security);
        final String who;
        if (principal.role() == Role.PARTICIPANT)
        {
            if (participant != null && !participant.equals(principal.participantId()))
            {
                throw ApiException.notFound("no participant " + participant);
            }
            who = principal.participantId();
        }
        else
        {
            who = participant;
        }
        return Page.of(gateway.query(view -> view.obligations(who, filter, offset, limit + 1)), offset, limit);
    }

    @POST
    @Path("/{id}/payments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.OPERATOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "Record a payment that discharges part or all of an obligation (operator, or the " +
        "obligation's creditor confirming receipt). 201, or 200 for the same payment again.")
    @ApiResponse(responseCode = "201", description = "The payment was recorded: the obligation after it.",
        content = @Content(schema = @Schema(implementation = Paid.class)))
    @ApiResponse(responseCode = "200", description = "The same payment was recorded before: the obligation.",
        content = @Content(schema = @Schema(implementation = Paid.class)))
    public Response pay(@PathParam("id") final String id, final PaymentRequest payment,
        @Context final SecurityContext security)
    {
        Requests.requireBody(payment);
        final String paymentId = Requests.requireId("paymentId", payment.paymentId());
        final long amount = Requests.requirePositive("amount", payment.amount());
        final ApiPrincipal principal = Requests.principal(security);
        final ObligationState before = visible(id, principal);
        if (principal.role() == Role.PARTICIPANT && !principal.participantId().equals(before.creditorId()))
        {
            throw ApiException.forbidden("only the creditor of obligation " + id + " (or an operator) may record " +
                "a payment against it");
        }
        final CommandReply reply = gateway.command(engine -> engine.recordPayment(paymentId, id, amount));
        if (reply.code() != ResultCode.ACCEPTED && reply.code() != ResultCode.DUPLICATE)
        {
            throw ResultCodes.refused(reply.code(), "payment " + paymentId + " on obligation " + id);
        }
        final ObligationState after = gateway.query(view -> view.obligation(id));
        return Response.status(ResultCodes.status(reply.code()))
            .entity(new Paid(reply.code() == ResultCode.ACCEPTED ? "accepted" : "duplicate", paymentId, after))
            .build();
    }

    @POST
    @Path("/{id}/dispute")
    @RolesAllowed({Role.OPERATOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "A party disputes the obligation: no clearing touches it while either party disputes it. " +
        "A participant key disputes as itself; an operator names the party with ?participant=. 201 with the " +
        "obligation, 200 when that party disputes it already; 403 not_a_party; 409 obligation_closed.")
    @ApiResponse(responseCode = "201", description = "Done: the obligation.",
        content = @Content(schema = @Schema(implementation = ObligationState.class)))
    @ApiResponse(responseCode = "200", description = "It was so already: the obligation.",
        content = @Content(schema = @Schema(implementation = ObligationState.class)))
    public Response dispute(@PathParam("id") final String id, @QueryParam("participant") final String participant,
        @Context final SecurityContext security)
    {
        return setDispute(id, participant, true, Requests.principal(security));
    }

    @DELETE
    @Path("/{id}/dispute")
    @RolesAllowed({Role.OPERATOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "A party withdraws its dispute (same rules as raising it). 201, or 200 when that party " +
        "did not dispute it.")
    @ApiResponse(responseCode = "201", description = "Done: the obligation.",
        content = @Content(schema = @Schema(implementation = ObligationState.class)))
    @ApiResponse(responseCode = "200", description = "It was so already: the obligation.",
        content = @Content(schema = @Schema(implementation = ObligationState.class)))
    public Response withdrawDispute(@PathParam("id") final String id,
        @QueryParam("participant") final String participant, @Context final SecurityContext security)
    {
        return setDispute(id, participant, false, Requests.principal(security));
    }

    private Response setDispute(final String id, final String participant, final boolean disputed,
        final ApiPrincipal principal)
    {
        final String party = Requests.actingParticipant(principal, "participant", participant);
        visible(id, principal);
        final CommandReply reply = Requests.requireApplied(
            gateway.command(engine -> engine.setDispute(id, party, disputed)),
            (disputed ? "dispute" : "withdrawal of the dispute") + " of obligation " + id + " by " + party);
        return Response.status(ResultCodes.status(reply.code())).entity(gateway.query(view -> view.obligation(id)))
            .build();
    }

    /**
     * @param obligationId the obligation.
     * @param urgent       whether it is marked urgent now.
     */
    public record UrgentMark(String obligationId, boolean urgent)
    {
    }

    @POST
    @Path("/{id}/urgent")
    @RolesAllowed({Role.OPERATOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "Mark an open obligation urgent: a run with priority urgent_first sets urgent obligations " +
        "off first, never clearing less in total. A participant key marks only its own obligations (as a party); " +
        "an operator marks any. 201, 200 when it is marked already; 404 for an obligation the caller cannot read; " +
        "409 obligation_closed.")
    @ApiResponse(responseCode = "201", description = "Done: the mark.",
        content = @Content(schema = @Schema(implementation = UrgentMark.class)))
    @ApiResponse(responseCode = "200", description = "It was so already: the mark.",
        content = @Content(schema = @Schema(implementation = UrgentMark.class)))
    public Response markUrgent(@PathParam("id") final String id, @Context final SecurityContext security)
    {
        return setUrgent(id, true, Requests.principal(security));
    }

    @DELETE
    @Path("/{id}/urgent")
    @RolesAllowed({Role.OPERATOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "Take the urgent mark back (same rules as marking). 201, or 200 when it was not marked.")
    @ApiResponse(responseCode = "201", description = "Done: the mark.",
        content = @Content(schema = @Schema(implementation = UrgentMark.class)))
    @ApiResponse(responseCode = "200", description = "It was so already: the mark.",
        content = @Content(schema = @Schema(implementation = UrgentMark.class)))
    public Response unmarkUrgent(@PathParam("id") final String id, @Context final SecurityContext security)
    {
        return setUrgent(id, false, Requests.principal(security));
    }

    private Response setUrgent(final String id, final boolean urgent, final ApiPrincipal principal)
    {
        visible(id, principal);
        final String party = principal.role() == Role.PARTICIPANT ? principal.participantId() : "";
        final CommandReply reply = Requests.requireApplied(
            gateway.command(engine -> engine.setUrgent(id, party, urgent)),
            (urgent ? "urgent mark" : "removal of the urgent mark") + " of obligation " + id);
        final boolean marked = gateway.query(view -> view.policies().urgentObligations().contains(id));
        return Response.status(ResultCodes.status(reply.code())).entity(new UrgentMark(id, marked)).build();
    }

    private ObligationState visible(final String id, final ApiPrincipal principal)
    {
        final ObligationState state = gateway.query(view -> view.obligation(id));
        if (state == null || !principal.mayRead(state.debtorId(), state.creditorId()))
        {
            throw ApiException.notFound("no obligation " + id);
        }
        return state;
    }

    private static void checkRegister(final ApiPrincipal principal, final boolean register)
    {
        if (register && principal.role() != Role.OPERATOR)
        {
            throw ApiException.forbidden("only an operator may register participants (registerParticipants=true)");
        }
    }

    private static ObligationStatus status(final String status)
    {
        try
        {
            return ObligationStatus.valueOf(status.toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw ApiException.badRequest("query parameter 'status' must be any, open or discharged: " + status);
        }
    }

    private static String unitField(final JsonNode node)
    {
        final JsonNode unit = node.get("unit");
        if (unit == null || unit.isNull())
        {
            return "";
        }
        if (!unit.isTextual())
        {
            throw ApiException.badRequest("field 'unit' must be a string: " + unit);
        }
        return Requests.requireUnit("unit", unit.textValue(), true);
    }

    private static long dueField(final JsonNode node)
    {
        final JsonNode due = node.get("dueAtMs");
        if (due == null || due.isNull())
        {
            return 0;
        }
        if (!due.isIntegralNumber() || !due.canConvertToLong() || due.longValue() < 0)
        {
            throw ApiException.badRequest("field 'dueAtMs' must be an integer >= 0 (epoch milliseconds): " + due);
        }
        return due.longValue();
    }

    private static String text(final JsonNode node, final String field)
    {
        return node.get(field).textValue();
    }

    /**
     * @return what is wrong with an obligation object's fields, or null.
     */
    private static String fieldsProblem(final JsonNode node)
    {
        if (!node.isObject())
        {
            return "an obligation must be a JSON object {id, debtor, creditor, amount}";
        }
        for (final String field : new String[]{"id", "debtor", "creditor"})
        {
            final JsonNode value = node.get(field);
            if (value == null || !value.isTextual())
            {
                return "field '" + field + "' must be a string";
            }
            final String problem = Requests.idProblem(value.textValue());
            if (problem != null)
            {
                return "field '" + field + "' " + problem;
            }
        }
        final JsonNode amount = node.get("amount");
        if (amount == null || !amount.isIntegralNumber() || !amount.canConvertToLong() || amount.longValue() <= 0)
        {
            return "field 'amount' must be a positive integer in minor units" +
                (amount == null ? " (missing)" : ": " + amount);
        }
        return null;
    }

    private static String firstProblem(final String id, final String debtor, final String creditor)
    {
        String problem = Requests.idProblem(id);
        if (problem != null)
        {
            return "id " + problem;
        }
        problem = Requests.idProblem(debtor);
        if (problem != null)
        {
            return "debtor " + problem;
        }
        problem = Requests.idProblem(creditor);
        return problem == null ? null : "creditor " + problem;
    }
}
