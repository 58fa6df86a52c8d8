package io.clearing.server.http.resources;

import io.clearing.core.engine.api.EngineTotals;
import io.clearing.server.auth.Role;
import io.clearing.server.http.EngineGateway;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The engine state in totals, with its hash (operator, auditor): the same hash after a restart proves recovery.
 */
@Path("/api/v1/state")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "state")
public final class StateResource
{
    private final EngineGateway gateway;

    /**
     * @param totals    counts and amounts over the whole state (minor units).
     * @param stateHash 64-bit digest of the whole state, as a hexadecimal string.
     */
    public record State(EngineTotals totals, String stateHash)
    {
    }

    public StateResource(final EngineGateway gateway)
    {
        this.gateway = gateway;
    }

    @GET
    @RolesAllowed({Role.OPERATOR_NAME, Role.AUDITOR_NAME})
    @Operation(summary = "Totals (participants, obligations, TD, NID, paid, set off) and the state hash.")
    @ApiResponse(responseCode = "200", description = "The totals and the state hash.", useReturnTypeSchema = true)
    public State get()
    {
        return gateway.query(view -> new State(view.totals(), Long.toHexString(view.stateHash())));
    }
}
