package io.clearing.server.http.resources;

import io.clearing.core.engine.api.AccountBalance;
import io.clearing.core.engine.api.CommandReply;
import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.engine.api.UnitRate;
import io.clearing.core.engine.api.UnitSummary;
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
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Units of account: operators define national or community units (the latter may carry demurrage on positive
 * settlement balances, credited to a fund participant) and charge demurrage period by period; everybody reads the
 * definitions.
 */
@Path("/api/v1/units")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "units")
public final class UnitsResource
{
    private final EngineGateway gateway;
    private final ParticipantDirectory directory;

    /**
     * @param id                   unit id: at most 64 UTF-8 bytes, no comma, double quote or line break.
     * @param kind                 "community" or "national".
     * @param demurrageBasisPoints per period on positive settlement balances, 0 to 10,000 (community units only).
     * @param fund                 participant credited with demurrage; required when the rate is positive.
     */
    public record Definition(String id, String kind, Integer demurrageBasisPoints, String fund)
    {
    }

    /**
     * @param period period id, positive and above the last charged one (e.g. 202612 for December 2026).
     */
    public record DemurragePeriod(Long period)
    {
    }

    /**
     * @param participantId who paid.
     * @param chargedMinor  demurrage charged for the period, minor units of the unit.
     */
    public record Charge(String participantId, long chargedMinor)
    {
    }

    /**
     * @param result  "accepted", or "duplicate" when the period was charged before (nothing charged again).
     * @param unit    the unit after the charge: its last period and totals.
     * @param charges what each participant paid for its last period, those that paid something, in registration
     *                order.
     */
    public record Charged(String result, UnitSummary unit, List<Charge> charges)
    {
    }

    /**
     * @param numerator   positive: one minor unit of the unit is worth numerator / denominator of the treasury's
     *                    reference value.
     * @param denominator positive.
     */
    public record Rate(Long numerator, Long denominator)
    {
    }

    public UnitsResource(final EngineGateway gateway, final ParticipantDirectory directory)
    {
        this.gateway = gateway;
        this.directory = directory;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Define a unit of account (operator): {id, kind: community|national, " +
        "demurrageBasisPoints, fund}. 201, 200 for the same definition again, 409 for another definition of the id.")
    @ApiResponse(responseCode = "201", description = "Defined: the unit.",
        content = @Content(schema = @Schema(implementation = UnitSummary.class)))
    @ApiResponse(responseCode = "200", description = "Defined before the same way: the unit.",
        content = @Content(schema = @Schema(implementation = UnitSummary.class)))
    public Response define(final Definition definition)
    {
        Requests.requireBody(definition);
        final String id = Requests.requireUnit("id", definition.id(), false);
        final boolean community = kind(definition.kind());
        final int rate = definition.demurrageBasisPoints() == null ? 0 : definition.demurrageBasisPoints();
        if (rate < 0 || rate > 10_000)
        {
            throw ApiException.badRequest("field 'demurrageBasisPoints' must be 0 to 10000: " + rate);
        }
        if (rate > 0 && !community)
        {
            throw ApiException.badRequest("unit " + id + ": demurrage is charged only on community units");
        }
        final String fund = definition.fund() == null ? "" : definition.fund();
        if (rate > 0 && fund.isEmpty())
        {
            throw ApiException.badRequest("unit " + id + ": field 'fund' is required when demurrage is charged");
        }
        if (!fund.isEmpty())
        {
            Requests.requireId("fund", fund);
            if (!directory.isRegistered(fund))
            {
                throw new ApiException(422, ResultCodes.errorCode(ResultCode.UNKNOWN_PARTICIPANT), "unit " + id +
                    ": fund participant " + fund + " is not registered");
            }
        }
        final CommandReply reply = Requests.requireApplied(
            gateway.command(engine -> engine.defineUnit(id, community, rate, fund)), "unit " + id);
        return Response.status(ResultCodes.status(reply.code()))
            .location(UriBuilder.fromResource(UnitsResource.class).path(id).build())
            .entity(unit(id))
            .build();
    }

    @GET
    @RolesAllowed({Role.OPERATOR_NAME, Role.AUDITOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "Defined units in definition order (the default unit, id \"\", is not listed).")
    @ApiResponse(responseCode = "200", description = "The units.", useReturnTypeSchema = true)
    public List<UnitSummary> list()
    {
        return gateway.query(view -> view.policies().units());
    }

    @PUT
    @Path("/{unit}/rate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Publish the unit's conversion rate (operator): {numerator, denominator}, both positive; " +
        "with a treasury designated (PUT /api/v1/treasury) runs convert across rated units in whole lots. A later " +
        "rate replaces the earlier one. 201 with the rate in lowest terms, 200 for the same rate again; 404 " +
        "unknown_unit; 409 proposal_pending.")
    @ApiResponse(responseCode = "201", description = "Done: the rate in lowest terms.",
        content = @Content(schema = @Schema(implementation = UnitRate.class)))
    @ApiResponse(responseCode = "200", description = "It was so already: the rate in lowest terms.",
        content = @Content(schema = @Schema(implementation = UnitRate.class)))
    public Response putRate(@PathParam("unit") final String unitId, final Rate rate)
    {
        Requests.requireBody(rate);
        final String unit = Requests.requireUnit("unit", unitId, false);
        return setRate(gateway, unit, rate, "rate of unit " + unit);
    }

    /**
     * Publishes {@code rate} for a unit ("" for the default unit) and answers with it in lowest terms.
     */
    static Response setRate(final EngineGateway gateway, final String unit, final Rate rate, final String what)
    {
        final long numerator = Requests.requirePositive("numerator", rate.numerator());
        final long denominator = Requests.requirePositive("denominator", rate.denominator());
        final CommandReply reply = Requests.requireApplied(
            gateway.command(engine -> engine.setRate(unit, numerator, denominator)), what);
        return Response.status(ResultCodes.status(reply.code())).entity(rate(gateway, unit)).build();
    }

    /**
     * Withdraws a unit's rate ("" for the default unit).
     */
    static Response withdrawRate(final EngineGateway gateway, final String unit, final String what)
    {
        final CommandReply reply = Requests.requireApplied(gateway.command(engine -> engine.setRate(unit, 0, 0)), what);
        return Response.status(ResultCodes.status(reply.code())).build();
    }

    @DELETE
    @Path("/{unit}/rate")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Withdraw the unit's conversion rate (operator): runs no longer convert it. 201, 200 when " +
        "it had none; 404 unknown_unit; 409 proposal_pending.")
    @ApiResponse(responseCode = "201", description = "Withdrawn.")
    @ApiResponse(responseCode = "200", description = "The unit had no rate.")
    public Response deleteRate(@PathParam("unit") final String unitId)
    {
        final String unit = Requests.requireUnit("unit", unitId, false);
        return withdrawRate(gateway, unit, "rate of unit " + unit);
    }

    /**
     * @return the unit's published rate ("" for the default unit), or null.
     */
    static UnitRate rate(final EngineGateway gateway, final String unit)
    {
        return gateway.query(view -> view.policies().unitRates().stream()
            .filter(rate -> rate.unitId().equals(unit)).findFirst().orElse(null));
    }

    @GET
    @Path("/{unit}")
    @RolesAllowed({Role.OPERATOR_NAME, Role.AUDITOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "One unit: kind, demurrage rate and fund, last period charged and totals.")
    @ApiResponse(responseCode = "200", description = "The unit.", useReturnTypeSchema = true)
    public UnitSummary get(@PathParam("unit") final String unitId)
    {
        return unit(unitId);
    }

    @POST
    @Path("/{unit}/demurrage")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Charge one period of the unit's demurrage (operator): {period}, positive and above the " +
        "last charged. 201 with the charges; 200 for a period charged before; 404 unknown unit; 400 no_demurrage.")
    @ApiResponse(responseCode = "201", description = "Charged: the unit's totals and each participant's charge.",
        content = @Content(schema = @Schema(implementation = Charged.class)))
    @ApiResponse(responseCode = "200", description = "The period was charged before: the same.",
        content = @Content(schema = @Schema(implementation = Charged.class)))
    public Response chargeDemurrage(@PathParam("unit") final String unitId, final DemurragePeriod period)
    {
        Requests.requireBody(period);
        final long periodId = Requests.requirePositive("period", period.period());
        unit(unitId);
        final CommandReply reply = Requests.requireApplied(
            gateway.command(engine -> engine.chargeDemurrage(unitId, periodId)), "demurrage of unit " + unitId +
            " for period " + periodId);
        final Charged charged = gateway.query(view ->
        {
            final List<Charge> charges = new ArrayList<>();
            for (final AccountBalance account : view.policies().accounts(unitId))
            {
                if (account.demurrageLastMinor() > 0)
                {
                    charges.add(new Charge(account.participantId(), account.demurrageLastMinor()));
                }
            }
            return new Charged(reply.code() == ResultCode.ACCEPTED ? "accepted" : "duplicate", unitOf(view
                .policies().units(), unitId), charges);
        });
        return Response.status(ResultCodes.status(reply.code())).entity(charged).build();
    }

    private UnitSummary unit(final String unitId)
    {
        final UnitSummary unit = gateway.query(view -> unitOf(view.policies().units(), unitId));
        if (unit == null)
        {
            throw ApiException.notFound("no unit " + unitId);
        }
        return unit;
    }

    private static UnitSummary unitOf(final List<UnitSummary> units, final String unitId)
    {
        for (final UnitSummary unit : units)
        {
            if (unit.unitId().equals(unitId))
            {
                return unit;
            }
        }
        return null;
    }

    private static boolean kind(final String kind)
    {
        if (kind == null)
        {
            throw ApiException.badRequest("field 'kind' is missing: community or national");
        }
        return switch (kind.toLowerCase(Locale.ROOT))
        {
            case "community" -> true;
            case "national" -> false;
            default -> throw ApiException.badRequest("field 'kind' must be community or national: " + kind);
        };
    }
}
