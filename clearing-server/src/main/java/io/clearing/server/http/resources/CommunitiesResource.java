package io.clearing.server.http.resources;

import io.clearing.core.engine.api.CommandReply;
import io.clearing.core.engine.api.CommunityMembership;
import io.clearing.server.auth.ApiPrincipal;
import io.clearing.server.auth.Role;
import io.clearing.server.http.ApiException;
import io.clearing.server.http.EngineGateway;
import io.clearing.server.http.ResultCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.util.List;

/**
 * The clearing hierarchy: communities (their members are set with {@code PUT /api/v1/participants/{id}/community})
 * and the region of each. A run with {@code mode=hierarchical} clears inside communities, then inside regions, then
 * over everything that remains. Operators place communities; everybody reads (a participant key sees the members of
 * its own community only).
 */
@Path("/api/v1/communities")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "communities")
public final class CommunitiesResource
{
    private final EngineGateway gateway;

    /**
     * @param region the region; null or "" takes the community out of its region.
     */
    public record Placement(String region)
    {
    }

    public CommunitiesResource(final EngineGateway gateway)
    {
        this.gateway = gateway;
    }

    @GET
    @RolesAllowed({Role.OPERATOR_NAME, Role.AUDITOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "Every community in the order it was first named, with its region and members (a " +
        "participant key: members listed only for its own community).")
    @ApiResponse(responseCode = "200", description = "The communities.", useReturnTypeSchema = true)
    public List<CommunityMembership> list(@Context final SecurityContext security)
    {
        final ApiPrincipal principal = Requests.principal(security);
        return gateway.query(view -> view.policies().communities()).stream()
            .map(community -> principal.role() != Role.PARTICIPANT ||
                community.participantIds().contains(principal.participantId()) ? community :
                new CommunityMembership(community.communityId(), community.regionId(), List.of()))
            .toList();
    }

    @PUT
    @Path("/{id}/region")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Place a community in a region (operator): {region}; null or \"\" takes it out. The " +
        "community and the region are created when first named. 201 with the community, 200 when it is there " +
        "already.")
    @ApiResponse(responseCode = "201", description = "Placed: the community with its region and members.",
        content = @Content(schema = @Schema(implementation = CommunityMembership.class)))
    @ApiResponse(responseCode = "200", description = "It was so already: the community.",
        content = @Content(schema = @Schema(implementation = CommunityMembership.class)))
    public Response putRegion(@PathParam("id") final String communityId, final Placement placement)
    {
        Requests.requireBody(placement);
        final String community = Requests.requireId("community", communityId);
        final String region = Requests.optionalId("region", placement.region());
        final CommandReply reply = Requests.requireApplied(gateway.command(engine -> engine.setRegion(community,
            region)), "region of community " + community);
        final CommunityMembership placed = gateway.query(view -> view.policies().communities()).stream()
            .filter(c -> c.communityId().equals(community)).findFirst().orElse(null);
        if (placed == null)
        {
            throw ApiException.notFound("no community " + community);
        }
        return Response.status(ResultCodes.status(reply.code())).entity(placed).build();
    }
}
