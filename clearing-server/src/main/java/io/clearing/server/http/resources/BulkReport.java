package io.clearing.server.http.resources;

import java.util.List;

/**
 * What a bulk submission did: counts, and the refused lines (CSV) or items (JSON array) one by one, up to the
 * configured number.
 *
 * @param received        obligations read (CSV data lines, or array items).
 * @param accepted        obligations that took effect now.
 * @param duplicates      obligations identical to ones accepted before: nothing changed.
 * @param rejected        obligations refused.
 * @param rejects         the first refused ones, in input order.
 * @param rejectsComplete whether {@code rejects} lists every refused obligation.
 */
public record BulkReport(long received, long accepted, long duplicates, long rejected, List<Reject> rejects,
    boolean rejectsComplete)
{
    /**
     * One refused obligation.
     *
     * @param line    CSV line number (the header is line 1), or array item number from 1.
     * @param code    error code, as in error responses.
     * @param message where and what, e.g. {@code line 7: amount is not a positive integer: -5}.
     */
    public record Reject(long line, String code, String message)
    {
    }
}
