package io.clearing.server.http.resources;

import io.clearing.core.engine.api.CommandReply;
import io.clearing.core.engine.api.ResultCode;
import io.clearing.server.auth.ApiPrincipal;
import io.clearing.server.auth.Role;
import io.clearing.server.http.ApiException;
import io.clearing.server.http.ParticipantDirectory;
import io.clearing.server.http.ResultCodes;
import jakarta.ws.rs.core.SecurityContext;

import java.nio.charset.StandardCharsets;

/**
 * Checks of request fields before anything reaches the engine: a refused field names itself and says what is
 * wrong.
 */
final class Requests
{
    /**
     * The engine's limit on ids and names, in UTF-8 bytes.
     */
    static final int MAX_ID_BYTES = 255;
    static final int DEFAULT_PAGE_SIZE = 100;
    /**
     * The engine's limit on unit ids, in UTF-8 bytes.
     */
    static final int MAX_UNIT_BYTES = 64;

    private Requests()
    {
    }

    static ApiPrincipal principal(final SecurityContext security)
    {
        return (ApiPrincipal)security.getUserPrincipal();
    }

    /**
     * @return the reason an id is not acceptable, or null when it is: ids are non-empty, at most 255 UTF-8 bytes,
     * and free of commas, double quotes and line breaks (so that every id round-trips through the CSV formats).
     */
    static String idProblem(final String value)
    {
        if (value == null || value.isEmpty())
        {
            return "is missing or empty";
        }
        if (value.length() * 3 > MAX_ID_BYTES && value.getBytes(StandardCharsets.UTF_8).length > MAX_ID_BYTES)
        {
            return "is longer than " + MAX_ID_BYTES + " UTF-8 bytes";
        }
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r')
            {
                return "contains a comma, double quote or line break";
            }
        }
        return null;
    }

    static String requireId(final String field, final String value)
    {
        final String problem = idProblem(value);
        if (problem != null)
        {
            throw ApiException.badRequest("field '" + field + "' " + problem);
        }
        return value;
    }

    /**
     * An id that may be left out: null or empty is "" (none), anything else must be a valid id.
     */
    static String optionalId(final String field, final String value)
    {
        return value == null || value.isEmpty() ? "" : requireId(field, value);
    }

    static long requirePositive(final String field, final Long value)
    {
        if (value == null)
        {
            throw ApiException.badRequest("field '" + field + "' is missing");
        }
        if (value <= 0)
        {
            throw ApiException.badRequest("field '" + field + "' must be a positive integer in minor units: " + value);
        }
        return value;
    }

    static long requireNonNegative(final String field, final Long value)
    {
        if (value == null)
        {
            throw ApiException.badRequest("field '" + field + "' is missing");
        }
        if (value < 0)
        {
            throw ApiException.badRequest("field '" + field + "' must be an integer >= 0: " + value);
        }
        return value;
    }

    /**
     * @return the unit id: a defined unit's id, at most 64 UTF-8 bytes, or "" for the default unit when the field
     * is absent or empty and {@code defaultAllowed}.
     */
    static String requireUnit(final String field, final String value, final boolean defaultAllowed)
    {
        if (value == null || value.isEmpty())
        {
            if (defaultAllowed)
            {
                return "";
            }
            throw ApiException.badRequest("field '" + field + "' is missing or empty");
        }
        final String problem = idProblem(value);
        if (problem != null)
        {
            throw ApiException.badRequest("field '" + field + "' " + problem);
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_UNIT_BYTES)
        {
            throw ApiException.badRequest("field '" + field + "' is longer than " + MAX_UNIT_BYTES + " UTF-8 bytes");
        }
        return value;
    }

    /**
     * The participant a request acts for: a participant key acts only for itself (another id given in the request
     * is 403), an operator names the participant.
     *
     * @param given the participant named in the request, or null.
     */
    static String actingParticipant(final ApiPrincipal principal, final String field, final String given)
    {
        if (principal.role() == Role.PARTICIPANT)
        {
            if (given != null && !given.equals(principal.participantId()))
            {
                throw ApiException.forbidden("participant " + principal.participantId() + " may act only for " +
                    "itself, not for " + given);
            }
            return principal.participantId();
        }
        return requireId(field, given);
    }

    /**
     * A participant named in the path that the caller may act on: another participant's, or an unknown one, is 404
     * exactly as when reading it.
     */
    static String ownParticipant(final ApiPrincipal principal, final String participantId,
        final ParticipantDirectory directory)
    {
        if (!principal.mayRead(participantId) || idProblem(participantId) != null ||
            !directory.isRegistered(participantId))
        {
            throw ApiException.notFound("no participant " + participantId);
        }
        return participantId;
    }

    /**
     * @return the reply of a command that took effect now ({@code ACCEPTED}) or before ({@code DUPLICATE}).
     * @throws ApiException mapped by {@link ResultCodes} for any other code: the engine refused it, unchanged.
     */
    static CommandReply requireApplied(final CommandReply reply, final String where)
    {
        if (reply.code() != ResultCode.ACCEPTED && reply.code() != ResultCode.DUPLICATE)
        {
            throw ResultCodes.refused(reply.code(), where);
        }
        return reply;
    }

    static void requireBody(final Object body)
    {
        if (body == null)
        {
            throw ApiException.badRequest("request body is missing");
        }
    }

    /**
     * Checks paging parameters.
     *
     * @param limitParam as given, or null for the default page size: 100, or the maximum when smaller.
     * @return the page size.
     */
    static int requirePage(final int offset, final Integer limitParam, final int maxPageSize)
    {
        final int limit = limitParam == null ? Math.min(DEFAULT_PAGE_SIZE, maxPageSize) : limitParam;
        if (offset < 0)
        {
            throw ApiException.badRequest("query parameter 'offset' must be >= 0: " + offset);
        }
        if (limit < 1 || limit > maxPageSize)
        {
            throw ApiException.badRequest("query parameter 'limit' must be 1 to " + maxPageSize + ": " + limit);
        }
        return limit;
    }
}
