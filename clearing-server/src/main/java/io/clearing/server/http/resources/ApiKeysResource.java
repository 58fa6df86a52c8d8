package io.clearing.server.http.resources;

import io.clearing.server.auth.ApiKeyStore;
import io.clearing.server.auth.Role;
import io.clearing.server.http.ApiException;
import io.clearing.server.http.ParticipantDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * API keys (operator): create a key for a role (and participant), list keys (never their secrets), revoke.
 */
@Path("/api/v1/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.OPERATOR_NAME)
@Tag(name = "api keys")
public final class ApiKeysResource
{
    private final ApiKeyStore store;
    private final ParticipantDirectory directory;

    /**
     * @param role          operator, participant or auditor.
     * @param participantId the registered participant a participant key acts for; only with that role.
     */
    public record KeyRequest(String role, String participantId)
    {
    }

    /**
     * A key as listed: no secret.
     */
    public record Key(String keyId, String role, String participantId, long createdAtMs)
    {
        static Key of(final ApiKeyStore.StoredKey stored)
        {
            return new Key(stored.keyId(), stored.role().roleName(), stored.participantId(), stored.createdAtMs());
        }
    }

    /**
     * A key just created.
     *
     * @param key the secret, shown only in this response: send it as {@code Authorization: Bearer KEY}.
     */
    public record CreatedKey(String key, String keyId, String role, String participantId, long createdAtMs)
    {
    }

    public ApiKeysResource(final ApiKeyStore store, final ParticipantDirectory directory)
    {
        this.store = store;
        this.directory = directory;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a key (operator); the secret is in this response only.")
    @ApiResponse(responseCode = "201", description = "The new key, its secret shown only here.",
        content = @Content(schema = @Schema(implementation = CreatedKey.class)))
    public Response create(final KeyRequest request)
    {
        Requests.requireBody(request);
        final Role role = Role.ofName(request.role());
        if (role == null)
        {
            throw ApiException.badRequest("field 'role' must be operator, participant or auditor: " + request.role());
        }
        final String participant = request.participantId();
        if (role == Role.PARTICIPANT)
        {
            Requests.requireId("participantId", participant);
            if (!directory.isRegistered(participant))
            {
                throw new ApiException(422, "unknown_participant", "field 'participantId': participant " +
                    participant + " is not registered");
            }
        }
        else if (participant != null)
        {
            throw ApiException.badRequest("field 'participantId' goes only with the participant role");
        }
        final ApiKeyStore.IssuedKey issued = store.create(role, participant, System.currentTimeMillis());
        final ApiKeyStore.StoredKey stored = issued.stored();
        return Response.status(201).entity(new CreatedKey(issued.key(), stored.keyId(), role.roleName(), participant,
            stored.createdAtMs())).build();
    }

    @GET
    @Operation(summary = "List keys (operator): ids, roles and participants, never secrets.")
    @ApiResponse(responseCode = "200", description = "The keys.", useReturnTypeSchema = true)
    public List<Key> list()
    {
        return store.list().stream().map(Key::of).toList();
    }

    @DELETE
    @Path("/{keyId}")
    @Operation(summary = "Revoke a key (operator): it stops working at once. 204, or 404 when there is none.")
    @ApiResponse(responseCode = "204", description = "Revoked.")
    public Response revoke(@PathParam("keyId") final String keyId)
    {
        if (!store.revoke(keyId))
        {
            throw ApiException.notFound("no API key " + keyId);
        }
        return Response.noContent().build();
    }
}
