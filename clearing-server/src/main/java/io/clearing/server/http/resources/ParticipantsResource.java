package io.clearing.server.http.resources;

import io.clearing.core.engine.api.CommandReply;
import io.clearing.core.engine.api.ParticipantPosition;
import io.clearing.core.engine.api.ResultCode;
import io.clearing.server.auth.ApiPrincipal;
import io.clearing.server.auth.Role;
import io.clearing.server.http.ApiException;
import io.clearing.server.http.EngineGateway;
import io.clearing.server.http.ParticipantDirectory;
import io.clearing.server.http.ResultCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
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

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Participants: operators register them; a participant key sees only its own participant.
 */
@Path("/api/v1/participants")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "participants")
public final class ParticipantsResource
{
    private final EngineGateway gateway;
    private final ParticipantDirectory directory;
    private final int maxPageSize;

    /**
     * @param id   participant id: non-empty, at most 255 UTF-8 bytes, no comma, double quote or line break.
     * @param name display name, at most 255 UTF-8 bytes; the id when absent.
     */
    public record Registration(String id, String name)
    {
    }

    public ParticipantsResource(final EngineGateway gateway, final ParticipantDirectory directory,
        final int maxPageSize)
    {
        this.gateway = gateway;
        this.directory = directory;
        this.maxPageSize = maxPageSize;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Register a participant (operator). 201 when new, 200 when the same id and name were " +
        "registered before, 409 when the id is taken with another name.")
    public Response register(final Registration registration)
    {
        Requests.requireBody(registration);
        final String id = Requests.requireId("id", registration.id());
        final String name = registration.name() == null || registration.name().isEmpty() ? id : registration.name();
        if (name.length() * 3 > Requests.MAX_ID_BYTES &&
            name.getBytes(StandardCharsets.UTF_8).length > Requests.MAX_ID_BYTES)
        {
            throw ApiException.badRequest("field 'name' is longer than " + Requests.MAX_ID_BYTES + " UTF-8 bytes");
        }
        final CommandReply reply = gateway.command(engine -> engine.registerParticipant(id, name));
        if (reply.code() != ResultCode.ACCEPTED && reply.code() != ResultCode.DUPLICATE)
        {
            throw ResultCodes.refused(reply.code(), "participant " + id);
        }
        directory.registered(id);
        final ParticipantPosition position = gateway.query(view -> view.participant(id));
        return Response.status(ResultCodes.status(reply.code()))
            .location(UriBuilder.fromResource(ParticipantsResource.class).path(id).build())
            .entity(position)
            .build();
    }

    @GET
    @RolesAllowed({Role.OPERATOR_NAME, Role.AUDITOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "List participants in registration order, paged; a participant key sees only its own.")
    public Page<ParticipantPosition> list(
        @QueryParam("offset") @DefaultValue("0") final int offset,
        @QueryParam("limit") final Integer limitParam,
        @Context final SecurityContext security)
    {
        final int limit = Requests.requirePage(offset, limitParam, maxPageSize);
        final ApiPrincipal principal = Requests.principal(security);
        if (principal.role() == Role.PARTICIPANT)
        {
            final ParticipantPosition own = gateway.query(view -> view.participant(principal.participantId()));
            final List<ParticipantPosition> items = own == null || offset > 0 ? List.of() : List.of(own);
            return new Page<>(items, offset, limit, null);
        }
        return Page.of(gateway.query(view -> view.participants(offset, limit + 1)), offset, limit);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.OPERATOR_NAME, Role.AUDITOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "One participant with its position; 404 for an unknown id or another participant's.")
    public ParticipantPosition get(@PathParam("id") final String id, @Context final SecurityContext security)
    {
        return position(id, security);
    }

    @GET
    @Path("/{id}/position")
    @RolesAllowed({Role.OPERATOR_NAME, Role.AUDITOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "A participant's position: net position, what it owes and is owed over open " +
        "obligations (minor units); 404 for an unknown id or another participant's.")
    public ParticipantPosition position(@PathParam("id") final String id, @Context final SecurityContext security)
    {
        final ApiPrincipal principal = Requests.principal(security);
        final ParticipantPosition position = principal.mayRead(id) ? gateway.query(view -> view.participant(id)) :
            null;
        if (position == null)
        {
            throw ApiException.notFound("no participant " + id);
        }
        return position;
    }
}
