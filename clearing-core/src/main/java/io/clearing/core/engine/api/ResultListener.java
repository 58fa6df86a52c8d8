package io.clearing.core.engine.api;

/**
 * Told the result of a command published with a correlation id: the allocation-free way to receive results.
 * Called on the engine's logic thread, after the command was journaled and applied, in journal order; it must
 * return quickly and must not block on the engine.
 */
@FunctionalInterface
public interface ResultListener
{
    /**
     * @param correlationId as given when publishing.
     * @param code          outcome.
     * @param value         see {@link CommandReply#value()}.
     */
    void onResult(long correlationId, ResultCode code, long value);
}
