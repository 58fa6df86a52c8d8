package io.clearing.server.http;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies over the configured size with 413: at once when {@code Content-Length} says so, else
 * when the streamed body passes the limit (a CSV upload streamed in chunks has then submitted the lines before
 * the limit; resubmitting them is harmless, submissions being idempotent by id).
 */
public final class BodySizeLimit implements ReaderInterceptor
{
    private final long maxJsonBytes;
    private final long maxCsvBytes;

    public BodySizeLimit(final long maxJsonBytes, final long maxCsvBytes)
    {
        this.maxJsonBytes = maxJsonBytes;
        this.maxCsvBytes = maxCsvBytes;
    }

    @Override
    public Object aroundReadFrom(final ReaderInterceptorContext context) throws IOException
    {
        final MediaType type = context.getMediaType();
        final boolean csv = type != null && "text".equals(type.getType()) && "csv".equals(type.getSubtype());
        final long limit = csv ? maxCsvBytes : maxJsonBytes;
        final String declared = context.getHeaders().getFirst(HttpHeaders.CONTENT_LENGTH);
        if (declared != null)
        {
            try
            {
                if (Long.parseLong(declared.trim()) > limit)
                {
                    throw tooLarge(csv, limit);
                }
            }
            catch (final NumberFormatException ex)
            {
                throw ApiException.badRequest("Content-Length is not a number: " + declared);
            }
        }
        context.setInputStream(new LimitedInputStream(context.getInputStream(), limit, csv));
        return context.proceed();
    }

    static ApiException tooLarge(final boolean csv, final long limit)
    {
        return new ApiException(413, "payload_too_large", (csv ? "CSV" : "JSON") + " request body is larger than " +
            limit + " bytes (limits." + (csv ? "maxCsvBytes" : "maxJsonBytes") + ")");
    }

    private static final class LimitedInputStream extends FilterInputStream
    {
        private final long limit;
        private final boolean csv;
        private long count;

        LimitedInputStream(final InputStream in, final long limit, final boolean csv)
        {
            super(in);
            this.limit = limit;
            this.csv = csv;
        }

        @Override
        public int read() throws IOException
        {
            final int b = super.read();
            if (b >= 0)
            {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(final byte[] buffer, final int offset, final int length) throws IOException
        {
            final int n = super.read(buffer, offset, length);
            if (n > 0)
            {
                counted(n);
            }
            return n;
        }

        private void counted(final int n)
        {
            count += n;
            if (count > limit)
            {
                throw tooLarge(csv, limit);
            }
        }
    }
}
