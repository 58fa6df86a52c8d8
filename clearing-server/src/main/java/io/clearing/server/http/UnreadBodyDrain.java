package io.clearing.server.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads and discards the small body of a request refused before it was read (401, 403, 404, ...). Otherwise Jetty
 * answers and then closes the connection while the client may still be sending that body: the client sees a
 * broken pipe instead of the answer, or loses the connection it would have reused. Bodies declared larger than
 * {@link #MAX_DRAINED_BYTES} are not waited for (the connection is closed as before: 413 answers are about those).
 */
public final class UnreadBodyDrain implements ContainerResponseFilter
{
    static final int MAX_DRAINED_BYTES = 64 * 1024;

    @Override
    public void filter(final ContainerRequestContext request, final ContainerResponseContext response)
    {
        if (response.getStatus() < 400 || !declaresSmallBody(request.getHeaderString(HttpHeaders.CONTENT_LENGTH)))
        {
            return;
        }
        try
        {
            final InputStream body = request.getEntityStream();
            final byte[] sink = new byte[8192];
            int left = MAX_DRAINED_BYTES;
            int read;
            while (left > 0 && (read = body.read(sink, 0, Math.min(sink.length, left))) > 0)
            {
                left -= read;
            }
        }
        catch (final IOException | IllegalStateException ignored)
        {
            // the body was consumed already, or the client went away: there is nothing left to keep
        }
    }

    private static boolean declaresSmallBody(final String contentLength)
    {
        if (contentLength == null)
        {
            return false;
        }
        try
        {
            final long length = Long.parseLong(contentLength.trim());
            return length > 0 && length <= MAX_DRAINED_BYTES;
        }
        catch (final NumberFormatException ex)
        {
            return false;
        }
    }
}
