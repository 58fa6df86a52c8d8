package io.clearing.client;

/**
 * The connection to the ingress failed or was lost: the hello was refused or timed out, or the ingress went away.
 * Commands sent without an acknowledgement may or may not have been journaled: send them again after reconnecting
 * (submissions are idempotent by obligation id, payments by payment id).
 */
public final class ClearingClientException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final AckCode code;

    public ClearingClientException(final String message, final AckCode code)
    {
        super(message);
        this.code = code;
    }

    /**
     * @return the ingress's answer when it gave one ({@link AckCode#AUTHENTICATION_FAILED}), else null.
     */
    public AckCode code()
    {
        return code;
    }
}
