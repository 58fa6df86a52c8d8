package io.clearing.server.http;

/**
 * A refused request: becomes the one JSON error shape with this status and code (see {@link ErrorBody}).
 * For the caller's mistakes (4xx), thrown before anything reaches the engine, or after the engine refused the
 * command without changing its state.
 */
public final class ApiException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    /**
     * @param status  HTTP status.
     * @param code    stable machine-readable code, lower case with underscores.
     * @param message what is wrong and where, for people.
     */
    public ApiException(final int status, final String code, final String message)
    {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status()
    {
        return status;
    }

    public String code()
    {
        return code;
    }

    public static ApiException badRequest(final String message)
    {
        return new ApiException(400, "bad_request", message);
    }

    public static ApiException notFound(final String message)
    {
        return new ApiException(404, "not_found", message);
    }

    public static ApiException forbidden(final String message)
    {
        return new ApiException(403, "forbidden", message);
    }
}
