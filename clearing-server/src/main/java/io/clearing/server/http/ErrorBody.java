package io.clearing.server.http;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The one shape of every error response.
 *
 * @param code      stable machine-readable code, e.g. {@code unknown_participant}, {@code unauthorized}.
 * @param message   what is wrong and where, e.g. {@code line 7: amount is not a positive integer: -5}.
 * @param requestId the request's id, also in the {@code X-Request-Id} response header and the request log.
 */
public record ErrorBody(
    @Schema(description = "stable machine-readable code, e.g. unknown_participant") String code,
    @Schema(description = "what is wrong and where") String message,
    @Schema(description = "the request's id, also in the X-Request-Id header and the request log") String requestId)
{
}
