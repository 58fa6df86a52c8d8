package io.clearing.server.http;

/**
 * The one shape of every error response.
 *
 * @param code      stable machine-readable code, e.g. {@code unknown_participant}, {@code unauthorized}.
 * @param message   what is wrong and where, e.g. {@code line 7: amount is not a positive integer: -5}.
 * @param requestId the request's id, also in the {@code X-Request-Id} response header and the request log.
 */
public record ErrorBody(String code, String message, String requestId)
{
}
