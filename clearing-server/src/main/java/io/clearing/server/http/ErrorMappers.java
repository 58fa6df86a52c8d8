package io.clearing.server.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure becomes one {@link ErrorBody}: the caller's mistakes as 4xx with what and where, the server's own
 * faults as 500 with the request id to find the logged stack trace.
 */
public final class ErrorMappers
{
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMappers.class);

    private ErrorMappers()
    {
    }

    /**
     * @return the mappers to register with Jersey.
     */
    public static Object[] all()
    {
        return new Object[]{new ApiExceptionMapper(), new WebApplicationExceptionMapper(), new JsonMapper(),
            new ThrowableMapper()};
    }

    static Response response(final int status, final String code, final String message)
    {
        return Response.status(status)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(new ErrorBody(code, message, RequestIdFilter.current()))
            .build();
    }

    static final class ApiExceptionMapper implements ExceptionMapper<ApiException>
    {
        @Override
        public Response toResponse(final ApiException ex)
        {
            final Response.ResponseBuilder builder = Response.status(ex.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(ex.code(), ex.getMessage(), RequestIdFilter.current()));
            if (ex.status() == 401)
            {
                builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"clearing\"");
            }
            return builder.build();
        }
    }

    /**
     * Jersey's own refusals: no such path, method not allowed, unsupported media type, role not allowed, bad
     * parameter.
     */
    static final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException>
    {
        @Override
        public Response toResponse(final WebApplicationException ex)
        {
            final int status = ex.getResponse().getStatus();
            final String code = switch (status)
            {
                case 400 -> "bad_request";
                case 401 -> "unauthorized";
                case 403 -> "forbidden";
                case 404 -> "not_found";
                case 405 -> "method_not_allowed";
                case 406 -> "not_acceptable";
                case 413 -> "payload_too_large";
                case 415 -> "unsupported_media_type";
                default -> status >= 500 ? "internal_error" : "bad_request";
            };
            final String message = switch (status)
            {
                case 403 -> "this key's role may not do this";
                case 404 -> "no such resource";
                case 405 -> "method not allowed on this path";
                case 415 -> "unsupported Content-Type: " + ex.getMessage();
                default -> ex.getMessage();
            };
            if (status >= 500)
            {
                LOG.error("request {} failed", RequestIdFilter.current(), ex);
            }
            return response(status, code, message);
        }
    }

    /**
     * Malformed JSON or JSON of the wrong shape, with where it went wrong.
     */
    static final class JsonMapper implements ExceptionMapper<JsonProcessingException>
    {
        @Override
        public Response toResponse(final JsonProcessingException ex)
        {
            final JsonLocation location = ex.getLocation();
            final String where = location == null ? "request body" :
                "request body line " + location.getLineNr() + " column " + location.getColumnNr();
            return response(400, "invalid_json", where + ": " + ex.getOriginalMessage());
        }
    }

    /**
     * Anything else is the server's fault: logged with its stack trace and the request id; the body says no more.
     */
    static final class ThrowableMapper implements ExceptionMapper<Throwable>
    {
        @Override
        public Response toResponse(final Throwable ex)
        {
            LOG.error("request {} failed", RequestIdFilter.current(), ex);
            return response(500, "internal_error", "internal server error; the log has the details under request id " +
                RequestIdFilter.current());
        }
    }
}
