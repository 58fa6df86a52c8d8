package io.clearing.server.http.resources;

import io.clearing.core.engine.api.AccountBalance;
import io.clearing.core.engine.api.CommandReply;
import io.clearing.core.engine.api.ExclusionRule;
import io.clearing.core.engine.api.OptOutMode;
import io.clearing.core.engine.api.ParticipantPolicy;
import io.clearing.core.engine.api.ParticipantPosition;
import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.engine.api.UnitSummary;
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
import jakarta.ws.rs.DELETE;
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
import jakarta.ws.rs.core.UriBuilder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Participants: operators register them; a participant key sees only its own participant. Each participant's
 * standing exclusion rules, opt-out, and settlement and savings accounts per unit: the participant itself or an
 * operator changes them, auditors read them.
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

    /**
     * A participant's standing exclusion rules, as a whole: what is not given is not in force.
     *
     * @param relatedParticipants participants with whom no obligation is ever set off (either direction).
     * @param minimumAmount       obligations of a smaller submitted amount are never set off; 0 or absent: none.
     * @param dueWindowMs         obligations due later than a run's cut-off plus this are not set off; absent: none.
     */
    public record Rules(List<String> relatedParticipants, Long minimumAmount, Long dueWindowMs)
    {
    }

    /**
     * @param mode "next-run" (out of the next batch run only) or "until-opt-in" (out until opted back in).
     */
    public record OptOut(String mode)
    {
    }

    /**
     * @param amount the savings balance wanted, minor units, 0 or more.
     */
    public record Savings(Long amount)
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
    @ApiResponse(responseCode = "201", description = "Registered: the participant.",
        content = @Content(schema = @Schema(implementation = ParticipantPosition.class)))
    @ApiResponse(responseCode = "200", description = "Registered before with the same name: the participant.",
        content = @Content(schema = @Schema(implementation = ParticipantPosition.class)))
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
    @ApiResponse(responseCode = "200", description = "A page of participants.", useReturnTypeSchema = true)
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
    @ApiResponse(responseCode = "200", description = "The participant.", useReturnTypeSchema = true)
    public ParticipantPosition get(@PathParam("id") final String id, @Context final SecurityContext security)
    {
        return position(id, security);
    }

    /**
     * @param community the community; null or "" takes the participant out of its community.
     */
    public record Membership(String community)
    {
    }

    @PUT
    @Path("/{id}/community")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Place a participant in a community (operator): {community}, created when first named; " +
        "null or \"\" takes it out (it then clears as a community of its own). 201 with the membership, 200 when " +
        "it is there already; 404 for an unknown participant.")
    @ApiResponse(responseCode = "201", description = "Done: the membership.",
        content = @Content(schema = @Schema(implementation = Membership.class)))
    @ApiResponse(responseCode = "200", description = "It was so already: the membership.",
        content = @Content(schema = @Schema(implementation = Membership.class)))
    public Response putCommunity(@PathParam("id") final String id, final Membership membership,
        @Context final SecurityContext security)
    {
        Requests.requireBody(membership);
        final String participant = Requests.ownParticipant(Requests.principal(security), id, directory);
        final String community = Requests.optionalId("community", membership.community());
        final CommandReply reply = Requests.requireApplied(
            gateway.command(engine -> engine.setCommunity(participant, community)), "community of " + participant);
        final String now = gateway.query(view -> view.policies().communities()).stream()
            .filter(c -> c.participantIds().contains(participant)).map(c -> c.communityId()).findFirst().orElse(null);
        return Response.status(ResultCodes.status(reply.code())).entity(new Membership(now)).build();
    }

    @GET
    @Path("/{id}/position")
    @RolesAllowed({Role.OPERATOR_NAME, Role.AUDITOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "A participant's position: net position, what it owes and is owed over open " +
        "obligations (minor units); 404 for an unknown id or another participant's.")
    @ApiResponse(responseCode = "200", description = "The position.", useReturnTypeSchema = true)
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

    @GET
    @Path("/{id}/rules")
    @RolesAllowed({Role.OPERATOR_NAME, Role.AUDITOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "The participant's standing clearing policy: related participants, minimum amount, " +
        "due-date window, opt-out; 404 for an unknown id or another participant's.")
    @ApiResponse(responseCode = "200", description = "The policy.", useReturnTypeSchema = true)
    public ParticipantPolicy rules(@PathParam("id") final String id, @Context final SecurityContext security)
    {
        return policy(Requests.ownParticipant(Requests.principal(security), id, directory));
    }

    @PUT
    @Path("/{id}/rules")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.OPERATOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "Replace the participant's standing exclusion rules (the participant itself or an " +
        "operator): {relatedParticipants, minimumAmount, dueWindowMs}; what is absent is not in force. Checked " +
        "whole before anything is sent; 200 with the policy now.")
    @ApiResponse(responseCode = "200", description = "The policy now.", useReturnTypeSchema = true)
    public ParticipantPolicy putRules(@PathParam("id") final String id, final Rules rules,
        @Context final SecurityContext security)
    {
        final String participant = Requests.ownParticipant(Requests.principal(security), id, directory);
        Requests.requireBody(rules);
        final Set<String> related = new LinkedHashSet<>();
        if (rules.relatedParticipants() != null)
        {
            for (final String other : rules.relatedParticipants())
            {
                Requests.requireId("relatedParticipants", other);
                if (other.equals(participant))
                {
                    throw ResultCodes.refused(ResultCode.SAME_PARTICIPANT, "rules of " + participant +
                        ": a participant cannot be related to itself");
                }
                if (!directory.isRegistered(other))
                {
                    throw new ApiException(422, ResultCodes.errorCode(ResultCode.UNKNOWN_PARTICIPANT), "rules of " +
                        participant + ": related participant " + other + " is not registered");
                }
                related.add(other);
            }
        }
        final long minimum = rules.minimumAmount() == null ? 0 :
            Requests.requireNonNegative("minimumAmount", rules.minimumAmount());
        final long window = rules.dueWindowMs() == null ? -1 :
            Requests.requireNonNegative("dueWindowMs", rules.dueWindowMs());
        return replaceRules(participant, related, minimum, window);
    }

    @DELETE
    @Path("/{id}/rules")
    @RolesAllowed({Role.OPERATOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "Withdraw every standing exclusion rule of the participant (itself or an operator); 200 " +
        "with the policy now.")
    @ApiResponse(responseCode = "200", description = "The policy now.", useReturnTypeSchema = true)
    public ParticipantPolicy deleteRules(@PathParam("id") final String id, @Context final SecurityContext security)
    {
        final String participant = Requests.ownParticipant(Requests.principal(security), id, directory);
        return replaceRules(participant, Set.of(), 0, -1);
    }

    @POST
    @Path("/{id}/opt-out")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.OPERATOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "Opt the participant out of clearing (itself or an operator): {mode: next-run | " +
        "until-opt-in}. 201 with the policy, 200 when already so.")
    @ApiResponse(responseCode = "201", description = "Done: the policy.",
        content = @Content(schema = @Schema(implementation = ParticipantPolicy.class)))
    @ApiResponse(responseCode = "200", description = "It was so already: the policy.",
        content = @Content(schema = @Schema(implementation = ParticipantPolicy.class)))
    public Response optOut(@PathParam("id") final String id, final OptOut optOut,
        @Context final SecurityContext security)
    {
        final String participant = Requests.ownParticipant(Requests.principal(security), id, directory);
        Requests.requireBody(optOut);
        final OptOutMode mode;
        if ("next-run".equals(optOut.mode()))
        {
            mode = OptOutMode.NEXT_RUN;
        }
        else if ("until-opt-in".equals(optOut.mode()))
        {
            mode = OptOutMode.UNTIL_OPT_IN;
        }
        else
        {
            throw ApiException.badRequest("field 'mode' must be next-run or until-opt-in: " + optOut.mode());
        }
        return setOptOut(participant, mode);
    }

    @DELETE
    @Path("/{id}/opt-out")
    @RolesAllowed({Role.OPERATOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "Opt the participant back in (itself or an operator): 201 with the policy, 200 when it " +
        "was not opted out.")
    @ApiResponse(responseCode = "201", description = "Done: the policy.",
        content = @Content(schema = @Schema(implementation = ParticipantPolicy.class)))
    @ApiResponse(responseCode = "200", description = "It was so already: the policy.",
        content = @Content(schema = @Schema(implementation = ParticipantPolicy.class)))
    public Response optIn(@PathParam("id") final String id, @Context final SecurityContext security)
    {
        return setOptOut(Requests.ownParticipant(Requests.principal(security), id, directory), OptOutMode.OPT_IN);
    }

    @GET
    @Path("/{id}/accounts")
    @RolesAllowed({Role.OPERATOR_NAME, Role.AUDITOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "The participant's settlement and savings balances and demurrage paid, one per defined " +
        "unit, in definition order; 404 for an unknown id or another participant's.")
    @ApiResponse(responseCode = "200", description = "The accounts.", useReturnTypeSchema = true)
    public List<AccountBalance> accounts(@PathParam("id") final String id, @Context final SecurityContext security)
    {
        final String participant = Requests.ownParticipant(Requests.principal(security), id, directory);
        return gateway.query(view ->
        {
            final List<AccountBalance> accounts = new ArrayList<>();
            for (final UnitSummary unit : view.policies().units())
            {
                final AccountBalance account = accountOf(view.policies().accounts(unit.unitId()), participant);
                if (account != null)
                {
                    accounts.add(account);
                }
            }
            return accounts;
        });
    }

    @PUT
    @Path("/{id}/accounts/{unit}/savings")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.OPERATOR_NAME, Role.PARTICIPANT_NAME})
    @Operation(summary = "Set the participant's savings balance in a unit (itself or an operator): {amount}; the " +
        "difference moves from or to its settlement balance. 201 with the account, 200 when already so; 409 " +
        "insufficient_balance; 404 unknown unit.")
    @ApiResponse(responseCode = "201", description = "Done: the account.",
        content = @Content(schema = @Schema(implementation = AccountBalance.class)))
    @ApiResponse(responseCode = "200", description = "It was so already: the account.",
        content = @Content(schema = @Schema(implementation = AccountBalance.class)))
    public Response setSavings(@PathParam("id") final String id, @PathParam("unit") final String unit,
        final Savings savings, @Context final SecurityContext security)
    {
        final String participant = Requests.ownParticipant(Requests.principal(security), id, directory);
        Requests.requireBody(savings);
        final long amount = Requests.requireNonNegative("amount", savings.amount());
        final CommandReply reply = Requests.requireApplied(
            gateway.command(engine -> engine.setSavings(participant, unit, amount)),
            "savings of " + participant + " in unit " + unit);
        return Response.status(ResultCodes.status(reply.code()))
            .entity(gateway.query(view -> accountOf(view.policies().accounts(unit), participant))).build();
    }

    private Response setOptOut(final String participant, final OptOutMode mode)
    {
        final CommandReply reply = Requests.requireApplied(
            gateway.command(engine -> engine.setOptOut(participant, mode)), "opt-out of " + participant);
        return Response.status(ResultCodes.status(reply.code())).entity(policy(participant)).build();
    }

    /**
     * Sends the rule commands that turn the participant's rules into these, one journaled command each (each one
     * already in force is skipped); the values were checked before, so the engine has no reason to refuse one.
     *
     * @param dueWindowMs -1 for none.
     */
    private ParticipantPolicy replaceRules(final String participant, final Set<String> related,
        final long minimumMinor, final long dueWindowMs)
    {
        final ParticipantPolicy current = policy(participant);
        final String where = "rules of " + participant;
        for (final String other : current.relatedParticipantIds())
        {
            if (!related.contains(other))
            {
                Requests.requireApplied(gateway.command(engine -> engine.setRule(participant,
                    ExclusionRule.REMOVE_RELATED, 0, other)), where);
            }
        }
        for (final String other : related)
        {
            if (!current.relatedParticipantIds().contains(other))
            {
                Requests.requireApplied(gateway.command(engine -> engine.setRule(participant,
                    ExclusionRule.ADD_RELATED, 0, other)), where);
            }
        }
        if (current.minimumAmountMinor() != minimumMinor)
        {
            Requests.requireApplied(gateway.command(engine -> engine.setRule(participant,
                ExclusionRule.MINIMUM_AMOUNT, minimumMinor, "")), where);
        }
        if (current.dueWindowMs() != dueWindowMs)
        {
            Requests.requireApplied(gateway.command(engine -> dueWindowMs < 0 ?
                engine.setRule(participant, ExclusionRule.CLEAR_DUE_WINDOW, 0, "") :
                engine.setRule(participant, ExclusionRule.DUE_WINDOW, dueWindowMs, "")), where);
        }
        return policy(participant);
    }

    private ParticipantPolicy policy(final String participant)
    {
        return gateway.query(view -> view.policies().participantPolicy(participant));
    }

    private static AccountBalance accountOf(final List<AccountBalance> accounts, final String participant)
    {
        for (final AccountBalance account : accounts)
        {
            if (account.participantId().equals(participant))
            {
                return account;
            }
        }
        return null;
    }
}
