package io.clearing.server.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import org.slf4j.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id, before anything else runs: the caller's {@value #HEADER} when it is a short token,
 * else a random UUID. The id goes into the logging context (MDC key {@value #MDC_KEY}), every error body and the
 * {@value #HEADER} response header, which the JSON request log records.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 500)
public final class RequestIdFilter implements ContainerRequestFilter, ContainerResponseFilter
{
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final String PROPERTY = RequestIdFilter.class.getName();
    private static final Pattern ACCEPTED_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Override
    public void filter(final ContainerRequestContext request)
    {
        final String presented = request.getHeaderString(HEADER);
        final String id = presented != null && isAcceptable(presented) ? presented :
            UUID.randomUUID().toString();
        request.setProperty(PROPERTY, id);
        MDC.put(MDC_KEY, id);
    }

    @Override
    public void filter(final ContainerRequestContext request, final ContainerResponseContext response)
    {
        final Object id = request.getProperty(PROPERTY);
        if (id != null)
        {
            response.getHeaders().putSingle(HEADER, id);
        }
    }

    /**
     * @return whether a caller's request id is used as it is: 1 to 64 letters, digits and {@code ._:-}.
     */
    public static boolean isAcceptable(final String requestId)
    {
        return ACCEPTED_ID.matcher(requestId).matches();
    }

    /**
     * @return the current request's id on the thread handling it, or "none" outside a request.
     */
    public static String current()
    {
        final String id = MDC.get(MDC_KEY);
        return id != null ? id : "none";
    }
}
