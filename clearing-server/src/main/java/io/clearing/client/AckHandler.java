package io.clearing.client;

/**
 * Receives acknowledgements, called on the thread that polls the {@link ClearingClient}. Acknowledgements of a
 * session may arrive in another order than the commands were sent (a refusal at the ingress overtakes commands still
 * in the engine): correlate them by id.
 */
@FunctionalInterface
public interface AckHandler
{
    /**
     * @param correlationId as sent with the command.
     * @param code          outcome; null for a wire value this client version does not know.
     * @param value         what the engine returned with the result (see the engine's {@code CommandReply.value}),
     *                      else 0.
     */
    void onAck(long correlationId, AckCode code, long value);

    /**
     * An acknowledgement that carries a reason (refusals such as {@link AckCode#MALFORMED}); by default passed to
     * {@link #onAck} without it.
     */
    default void onRefused(final long correlationId, final AckCode code, final String reason)
    {
        onAck(correlationId, code, 0);
    }
}
