package io.clearing.server.http.resources;

import io.clearing.core.engine.api.CommandReply;
import io.clearing.core.engine.api.UnitRate;
import io.clearing.server.auth.Role;
import io.clearing.server.http.EngineGateway;
import io.clearing.server.http.ResultCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * The community treasury: the participant through which batch runs convert between units at the rates published per
 * unit ({@code PUT /api/v1/units/{unit}/rate}; the default unit's at {@code PUT /api/v1/treasury/default-unit-rate}),
 * so that cycles across units close. Operators designate it; everybody
 * reads it with the rates.
 */
@Path("/api/v1/treasury")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "treasury")
public final class TreasuryResource
{
    private final EngineGateway gateway;

    /**
     * @param participant the treasury, or null when none is designated (no conversion).
     * @param rates       the published rates, the default unit first, then in unit definition order.
     */
    public record Treasury(String participant, List<UnitRate> rates)
    {
    }

    /**
     * @param participant the participant to designate; null or "" removes the treasury.
     */
    public record Designation(String participant)
    {
    }

    public TreasuryResource(final EngineGateway gateway)
    {
        this.gateway = gateway;
    }

    @GET
    @RolesAllowed({Role.OPERATOR_NAME, Role.AUDITOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "The treasury and the published conversion rates.")
    @ApiResponse(responseCode = "200", description = "The treasury and the rates.", useReturnTypeSchema = true)
    public Treasury get()
    {
        return treasury();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Designate the treasury (operator): {participant}; null or \"\" removes it. 201 with the " +
        "treasury and rates, 200 when it is designated already; 422 unknown_participant; 409 proposal_pending.")
    @ApiResponse(responseCode = "201", description = "Done: the treasury and the rates.",
        content = @Content(schema = @Schema(implementation = Treasury.class)))
    @ApiResponse(responseCode = "200", description = "It was so already: the treasury and the rates.",
        content = @Content(schema = @Schema(implementation = Treasury.class)))
    public Response put(final Designation designation)
    {
        Requests.requireBody(designation);
        final String participant = Requests.optionalId("participant", designation.participant());
        final CommandReply reply = Requests.requireApplied(
            gateway.command(engine -> engine.setTreasury(participant)),
            participant.isEmpty() ? "removal of the treasury" : "treasury " + participant);
        return Response.status(ResultCodes.status(reply.code())).entity(treasury()).build();
    }

    @PUT
    @Path("/default-unit-rate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Publish the default unit's conversion rate (operator): {numerator, denominator}, both " +
        "positive. The default unit's id is \"\", which cannot be a path segment of /api/v1/units/{unit}/rate; " +
        "otherwise the same: 201 with the rate in lowest terms, 200 for the same rate again; 409 proposal_pending.")
    @ApiResponse(responseCode = "201", description = "Done: the rate in lowest terms.",
        content = @Content(schema = @Schema(implementation = UnitRate.class)))
    @ApiResponse(responseCode = "200", description = "It was so already: the rate in lowest terms.",
        content = @Content(schema = @Schema(implementation = UnitRate.class)))
    public Response putDefaultUnitRate(final UnitsResource.Rate rate)
    {
        Requests.requireBody(rate);
        return UnitsResource.setRate(gateway, "", rate, "rate of the default unit");
    }

    @DELETE
    @Path("/default-unit-rate")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Withdraw the default unit's conversion rate (operator). 201, 200 when it had none; 409 " +
        "proposal_pending.")
    @ApiResponse(responseCode = "201", description = "Withdrawn.")
    @ApiResponse(responseCode = "200", description = "The default unit had no rate.")
    public Response deleteDefaultUnitRate()
    {
        return UnitsResource.withdrawRate(gateway, "", "rate of the default unit");
    }

    private Treasury treasury()
    {
        return gateway.query(view -> new Treasury(view.policies().treasury(), view.policies().unitRates()));
    }
}
