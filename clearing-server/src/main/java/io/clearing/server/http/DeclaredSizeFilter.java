package io.clearing.server.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Refuses a request whose {@code Content-Length} is over the limit before anything reads its body, so that a
 * client sending {@code Expect: 100-continue} (as curl does for large uploads) gets the 413 without uploading.
 * Bodies without a declared length are limited as they stream, by {@link BodySizeLimit}.
 */
public final class DeclaredSizeFilter implements Filter
{
    private final long maxJsonBytes;
    private final long maxCsvBytes;

    public DeclaredSizeFilter(final long maxJsonBytes, final long maxCsvBytes)
    {
        this.maxJsonBytes = maxJsonBytes;
        this.maxCsvBytes = maxCsvBytes;
    }

    @Override
    public void doFilter(final ServletRequest request, final ServletResponse response, final FilterChain chain)
        throws IOException, ServletException
    {
        final long declared = request.getContentLengthLong();
        final String type = request.getContentType();
        final boolean csv = type != null && type.regionMatches(true, 0, "text/csv", 0, "text/csv".length());
        final long limit = csv ? maxCsvBytes : maxJsonBytes;
        if (declared > limit && request instanceof HttpServletRequest http &&
            response instanceof HttpServletResponse httpResponse)
        {
            final String presented = http.getHeader(RequestIdFilter.HEADER);
            final String requestId = presented != null && RequestIdFilter.isAcceptable(presented) ? presented :
                UUID.randomUUID().toString();
            final ApiException refused = BodySizeLimit.tooLarge(csv, limit);
            httpResponse.setStatus(413);
            httpResponse.setHeader(RequestIdFilter.HEADER, requestId);
            httpResponse.setHeader("Connection", "close");
            httpResponse.setContentType("application/json");
            httpResponse.getOutputStream().write(("{\"code\":\"" + refused.code() + "\",\"message\":\"" +
                refused.getMessage() + "\",\"requestId\":\"" + requestId + "\"}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
    }
}
