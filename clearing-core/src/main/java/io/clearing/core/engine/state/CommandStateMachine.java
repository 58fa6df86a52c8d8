package io.clearing.core.engine.state;

import org.agrona.DirectBuffer;

/**
 * The seam between the deterministic business logic and whatever hosts it. Today the host is the engine's
 * Disruptor runtime (journal stage, then one logic thread); the same implementation can be hosted unchanged by an
 * Aeron Cluster {@code ClusteredService}: {@code onSessionMessage} calls {@link #apply}, {@code onTakeSnapshot}
 * calls {@link #writeSnapshot} over the snapshot publication, {@code onStart} with a snapshot image calls
 * {@link #loadSnapshot}.
 * <p>
 * Contract for implementations: single-threaded; the outcome depends only on the sequence of commands applied
 * (time and ids come inside the commands: no clock, no randomness, no iteration over hash order); a rejected command
 * changes nothing.
 */
public interface CommandStateMachine
{
    /**
     * Applies one command encoded by {@link CommandCodec}.
     *
     * @return the result code ({@code ResultCode.code()}).
     */
    int apply(DirectBuffer buffer, int offset, int length);

    /**
     * {@link #apply} with the indices a host expects the command's participants to have
     * ({@link ParticipantHints#pack}): a hint may only make applying cheaper, never change its outcome. Hosts without
     * hints call {@link #apply}.
     */
    default int apply(DirectBuffer buffer, int offset, int length, long participantHints)
    {
        return apply(buffer, offset, length);
    }

    /**
     * Reads ahead, together, the state that commands about to be applied will read (entries {@code from} to
     * {@code to - 1}: their participant hints, and their ids' placements as {@code ClearingStateMachine.idPlacement}
     * gives them), so that their cache misses overlap instead of stalling each command in turn. Changes nothing,
     * whatever the values; hosts that hold a batch of commands (a replay's batch) may call it before applying them.
     */
    default void prepare(long[] participantHints, long[] idPlacements, int from, int to)
    {
    }

    /**
     * @return the value that goes with the last result: participant index for a registration, amount set off by
     * continuous clearing for a submission, amount still open for a payment, amount cleared for a batch run.
     */
    long lastResultValue();

    void writeSnapshot(SnapshotOutput out);

    /**
     * Replaces the whole state with a snapshot's.
     *
     * @throws SnapshotDamagedException when it cannot be read; the state is then undefined and must be discarded.
     */
    void loadSnapshot(SnapshotInput in);

    /**
     * @return digest of the whole state; equal after replay, restart from any snapshot, or on another replica.
     */
    long stateHash();
}
