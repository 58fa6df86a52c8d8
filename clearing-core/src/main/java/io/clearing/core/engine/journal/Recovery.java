package io.clearing.core.engine.journal;

import io.clearing.core.engine.state.ClearingStateMachine;
import io.clearing.core.engine.state.CommandStateMachine;
import io.clearing.core.engine.state.ParticipantHints;
import io.clearing.core.engine.state.SnapshotDamagedException;

import org.agrona.DirectBuffer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import java.util.function.Function;
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
     * @param participantHints  the participant hints the replay made, still following the recovered machine, when
     *                          asked for ({@code keepHints}); else null.
     */
    public record Report(Path snapshotFile, long snapshotIndex, int snapshotOrdinal, ReplayResult replay,
        List<String> damagedSnapshots, long failedCommands, String firstFailure, ParticipantHints participantHints)
    {
    }

    /**
     * A journal {@link #openAndRecover} opened, which the caller now owns and closes, and what recovering from it did.
     */
    public record Recovered(Journal journal, Report report)
    {
    }

    /**
     * Opens the journal in {@code directory} ({@link Journal#open(Path)}) and recovers from it and its snapshots as
     * {@link #recover(Journal, SnapshotStore, Supplier, boolean, Consumer, boolean)} does. The journal opens on a
     * thread of its own while the state is made and the snapshot loads: a new process takes half a second or more to
     * start Chronicle Queue, which a restart would otherwise spend before reading its snapshot (docs/engine.md).
     *
     * @throws JournalFormatException when the directory holds something else or a journal of a format version this
     *                                engine does not read; a snapshot may have been loaded in vain first.
     */
    public static Recovered openAndRecover(
        final Path directory,
        final Supplier<? extends CommandStateMachine> machines,
        final boolean useSnapshots,
        final Consumer<CommandStateMachine> recovered,
        final boolean keepHints)
    {
        return openAndRecover(directory, Journal::open, machines, useSnapshots, recovered, keepHints);
    }

    /**
     * {@link #openAndRecover(Path, Supplier, boolean, Consumer, boolean)} with the journal opened by {@code opener}
     * (tests watch it).
     */
    static Recovered openAndRecover(
        final Path directory,
        final Function<Path, Journal> opener,
        final Supplier<? extends CommandStateMachine> machines,
        final boolean useSnapshots,
        final Consumer<CommandStateMachine> recovered,
        final boolean keepHints)
    {
        final FutureTask<Journal> opening = new FutureTask<>(() -> opener.apply(directory));
        final Thread openingThread = new Thread(opening, "journal-open");
        openingThread.setDaemon(true);
        openingThread.start();
        try
        {
            final Report report = recover(() -> opened(opening, directory), new SnapshotStore(directory), machines,
                useSnapshots, recovered, keepHints);
            return new Recovered(opened(opening, directory), report);
        }
        catch (final RuntimeException | Error ex)
        {
            closeOnceOpened(opening, directory);
            throw ex;
        }
    }

    /**
     * Waits for the journal being opened, keeping the caller's interrupt for after.
     *
     * @throws RuntimeException what opening threw.
     */
    private static Journal opened(final FutureTask<Journal> opening, final Path directory)
    {
        boolean interrupted = false;
        try
        {
            while (true)
            {
                try
                {
                    return opening.get();
                }
                catch (final InterruptedException ex)
                {
                    interrupted = true;
                }
                catch (final ExecutionException ex)
                {
                    if (ex.getCause() instanceof RuntimeException cause)
                    {
                        throw cause;
                    }
                    if (ex.getCause() instanceof Error cause)
                    {
                        throw cause;
                    }
                    throw new IllegalStateException(directory + ": cannot open the journal", ex.getCause());
                }
            }
        }
        finally
        {
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * After a failed recovery: closes the journal once it is open, unless opening it failed too.
     */
    private static void closeOnceOpened(final FutureTask<Journal> opening, final Path directory)
    {
        final Journal journal;
        try
        {
            journal = opened(opening, directory);
        }
        catch (final RuntimeException | Error ex)
        {
            return;
        }
        journal.close();
    }

    /**
     * {@link #recover(Journal, SnapshotStore, Supplier, boolean, Consumer, boolean)} that lets
     * the replay's participant hints go.
     */
    public static Report recover(
        final Journal journal,
        final SnapshotStore snapshots,
        final Supplier<? extends CommandStateMachine> machines,
        final boolean useSnapshots,
        final Consumer<CommandStateMachine> recovered)
    {
        return recover(journal, snapshots, machines, useSnapshots, recovered, false);
    }

    /**
     * @param machines     makes an empty state machine (a damaged snapshot can leave one unusable).
     * @param useSnapshots false to replay everything from the first record.
     * @param recovered    receives the machine holding the recovered state.
     * @param keepHints    whether the participant hints the replay made stay taught by the recovered machine and
     *                     come back in the report, for a journal stage to go on with instead of seeding a copy of
     *                     every participant id again; the replay's reader thread has ended before this returns.
     */
    public static Report recover(
        final Journal journal,
        final SnapshotStore snapshots,
        final Supplier<? extends CommandStateMachine> machines,
        final boolean useSnapshots,
        final Consumer<CommandStateMachine> recovered,
        final boolean keepHints)
    {
        return recover(() -> journal, snapshots, machines, useSnapshots, recovered, keepHints);
    }

    /**
     * @param journals gives the journal once the snapshot is loaded (it may still be opening until then).
     */
    private static Report recover(
        final Supplier<Journal> journals,
        final SnapshotStore snapshots,
        final Supplier<? extends CommandStateMachine> machines,
        final boolean useSnapshots,
        final Consumer<CommandStateMachine> recovered,
        final boolean keepHints)
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
        final Journal journal = journals.get();
        final ReplayApplier applier = new ReplayApplier(target);
        // The journal's reader thread looks up each submission's participants (see ParticipantHints) and works out
        // where its id's lookup will start, while this thread applies; a state machine that takes no hints is
        // replayed on one thread.
        final ParticipantHints hints = target instanceof ClearingStateMachine clearing ?
            ParticipantHints.following(clearing) : null;
        final ReplayResult replay;
        boolean keptHints = false;
        try
        {
            replay = hints == null ? journal.replay(snapshotIndex, snapshotOrdinal, applier) :
                journal.replay(snapshotIndex, snapshotOrdinal, new Journal.RecordHinter()
                {
                    @Override
                    public long hintsFor(final DirectBuffer buffer, final int offset, final int length)
                    {
                        return hints.hintsFor(buffer, offset, length);
                    }

                    @Override
                    public long placementFor(final DirectBuffer buffer, final int offset, final int length)
                    {
                        return ClearingStateMachine.idPlacement(buffer, offset, length);
                    }
                }, applier);
            keptHints = keepHints && hints != null;
        }
        finally
        {
            if (hints != null && !keptHints)
            {
                ((ClearingStateMachine)target).teach(null);
            }
        }
        recovered.accept(target);
        return new Report(snapshotFile, snapshotIndex, snapshotOrdinal, replay, damaged, applier.failed,
            applier.firstFailure, keptHints ? hints : null);
    }

    /**
     * Applies replayed commands. A command whose application threw (a broken invariant) is counted and replay goes
     * on: the live engine threw on the same command and answered it {@code INTERNAL_ERROR}.
     */
    private static final class ReplayApplier implements JournalRecordHandler
    {
        private final CommandStateMachine target;
        long failed;
        String firstFailure;

        ReplayApplier(final CommandStateMachine target)
        {
            this.target = target;
        }

        @Override
        public void onRecord(final long index, final int ordinal, final DirectBuffer buffer, final int offset,
            final int length)
        {
            onRecord(index, ordinal, buffer, offset, length, ParticipantHints.NONE);
        }

        @Override
        public void onHintsAhead(final long[] hints, final long[] placements, final int count)
        {
            target.prepare(hints, placements, 0, count);
        }

        @Override
        public void onRecord(final long index, final int ordinal, final DirectBuffer buffer, final int offset,
            final int length, final long hints)
        {
            try
            {
                target.apply(buffer, offset, length, hints);
            }
            catch (final RuntimeException ex)
            {
                if (failed++ == 0)
                {
                    firstFailure = "journal " + Long.toHexString(index) + "/" + ordinal + ": " + ex;
                }
            }
        }
    }
}
