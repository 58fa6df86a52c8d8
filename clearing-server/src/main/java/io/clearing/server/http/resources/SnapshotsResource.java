package io.clearing.server.http.resources;

import io.clearing.core.engine.api.CommandReply;
import io.clearing.core.engine.api.ResultCode;
import io.clearing.server.auth.Role;
import io.clearing.server.http.EngineGateway;
import io.clearing.server.http.ResultCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Snapshots of the engine state (operator): restart then replays only the journal after the newest one.
 */
@Path("/api/v1/snapshots")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "snapshots")
public final class SnapshotsResource
{
    private final EngineGateway gateway;

    /**
     * @param snapshotId id of the snapshot taken.
     */
    public record Snapshot(long snapshotId)
    {
    }

    public SnapshotsResource(final EngineGateway gateway)
    {
        this.gateway = gateway;
    }

    @POST
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Take a snapshot now (operator): journaled like any command, written when applied.")
    @ApiResponse(responseCode = "201", description = "The snapshot's id.",
        content = @Content(schema = @Schema(implementation = Snapshot.class)))
    public Response take()
    {
        final CommandReply reply = gateway.command(engine -> engine.takeSnapshot());
        if (reply.code() != ResultCode.ACCEPTED)
        {
            throw ResultCodes.refused(reply.code(), "snapshot");
        }
        return Response.status(201).entity(new Snapshot(reply.value())).build();
    }
}
