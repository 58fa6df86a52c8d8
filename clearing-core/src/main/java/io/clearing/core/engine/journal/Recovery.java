package io.clearing.core.engine.journal;

import io.clearing.core.engine.state.CommandStateMachine;
import io.clearing.core.engine.state.SnapshotDamagedException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Restart: the newest readable snapshot, then the journal records after it. A damaged snapshot is reported and the
 * next older one tried; with none, the whole journal is replayed. The state after recovery is the same, with the
 * same {@code stateHash()}, whichever way it was reached.
 */
public final class Recovery
{
    private Recovery()
    {
    }

    /**
     * What recovery did, for operators and tests.
     *
     * @param snapshotFile      snapshot loaded, or null for a full replay.
     * @param snapshotIndex     journal index the snapshot was taken at ({@link Journal#START} when none).
     * @param snapshotOrdinal   ordinal of the snapshot command in that journal document.
     * @param replay            what the journal tail gave.
     * @param damagedSnapshots  snapshots skipped, with why.
     * @param failedCommands    commands whose application threw (a broken invariant): the live engine threw on the
     *                          same command and answered it {@code INTERNAL_ERROR}, so replay goes on the same way.
     * @param firstFailure      the first such exception's message, or null.
     */
    public record Report(Path snapshotFile, long snapshotIndex, int snapshotOrdinal, ReplayResult replay,
        List<String> damagedSnapshots, long failedCommands, String firstFailure)
    {
    }

    /**
     * @param machines    makes an empty state machine (a damaged snapshot can leave one unusable).
     * @param useSnapshots false to replay everything from the first record.
     * @param recovered   receives the machine holding the recovered state.
     */
    public static Report recover(
        final Journal journal,
        final SnapshotStore snapshots,
        final Supplier<? extends CommandStateMachine> machines,
        final boolean useSnapshots,
        final java.util.function.Consumer<CommandStateMachine> recovered)
    {
        final List<String> damaged = new ArrayList<>();
        CommandStateMachine machine = machines.get();
        Path snapshotFile = null;
        long snapshotIndex = Journal.START;
        int snapshotOrdinal = 0;
        if (useSnapshots)
        {
            for (final Path file : snapshots.list())
            {
                try
                {
                    final SnapshotStore.Loaded loaded = snapshots.load(file, machine);
                    snapshotFile = loaded.file();
                    snapshotIndex = loaded.journalIndex();
                    snapshotOrdinal = loaded.journalOrdinal();
                    break;
                }
                catch (final SnapshotDamagedException | IllegalStateException ex)
                {
                    damaged.add(file.getFileName() + ": " + ex.getMessage());
                    machine = machines.get();
                }
            }
        }
        final CommandStateMachine target = machine;
        final long[] failed = new long[1];
        final String[] firstFailure = new String[1];
        final ReplayResult replay = journal.replay(snapshotIndex, snapshotOrdinal,
            (index, ordinal, buffer, offset, length) ->
            {
                try
                {
                    target.apply(buffer, offset, length);
                }
                catch (final RuntimeException ex)
                {
                    if (failed[0]++ == 0)
                    {
                        firstFailure[0] = "journal " + Long.toHexString(index) + "/" + ordinal + ": " + ex;
                    }
                }
            });
        recovered.accept(target);
        return new Report(snapshotFile, snapshotIndex, snapshotOrdinal, replay, damaged, failed[0], firstFailure[0]);
    }
}
