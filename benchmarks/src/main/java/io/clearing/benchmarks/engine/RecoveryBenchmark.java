package io.clearing.benchmarks.engine;

import io.clearing.core.engine.journal.Journal;
import io.clearing.core.engine.journal.Recovery;
import io.clearing.core.engine.journal.ReplayResult;
import io.clearing.core.engine.journal.SnapshotStore;
import io.clearing.core.engine.state.ClearingStateMachine;
import io.clearing.core.engine.state.CommandCodec;
import io.clearing.core.engine.state.CommandStateMachine;
import io.clearing.core.engine.state.ParticipantHints;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Recovery figures: writes a journal of {@code obligations} submissions between {@code participants} (applying them
 * to a live state and taking a snapshot at {@code snapshotAt}), then measures the full replay rate, the snapshot's
 * size and write time, the restart from snapshot + tail, and the heap held per obligation and per participant.
 * <p>
 * Usage: {@code RecoveryBenchmark [obligations=10000000] [participants=100000] [snapshotAt=9000000]
 * [dir=target/recovery-bench]}; give the JVM room, e.g. {@code -Xmx12g}.
 * <p>
 * The journal is deleted at the end unless {@code -DkeepJournal=true}. With {@code -DreplayOnly=N} it writes nothing:
 * it replays the journal an earlier run kept in {@code dir} N times in full, as a restarting process does (in a JVM
 * that has not applied the commands live first: its first replay pays for compiling the code), and prints each
 * replay's rate and state hash. Registrations are journaled one per document; submissions {@code -DdocumentRecords}
 * (256) per document.
 * <p>
 * All participants register before the first submission unless {@code -DregisteredFirst=N}: then N do, and the others
 * join one at a time spread evenly through the submissions, as in an engine whose members join over time; each
 * submission's parties are drawn from those registered by then, so early members trade more.
 */
public final class RecoveryBenchmark
{
    /**
     * Submissions per journal document, as the engine's journal stage writes them under load (one document per
     * Disruptor batch); {@code -DdocumentRecords=1} journals one per document, as a lightly loaded engine does.
     */
    private static final int DOCUMENT_RECORDS = Integer.getInteger("documentRecords", 256);

    private RecoveryBenchmark()
    {
    }

    /**
     * Recovers by replaying the whole journal into a state presized for the workload, timing that allocation apart.
     *
     * @param state      receives the recovered machine.
     * @param allocateNs receives the nanoseconds the presized state took to allocate.
     */
    private static Recovery.Report fullReplay(final Journal journal, final SnapshotStore snapshots,
        final int participants, final int obligations, final CommandStateMachine[] state, final long[] allocateNs)
    {
        return Recovery.recover(journal, snapshots, () ->
        {
            final long t0 = System.nanoTime();
            final ClearingStateMachine machine = new ClearingStateMachine(participants, obligations);
            allocateNs[0] = System.nanoTime() - t0;
            return machine;
        }, false, m -> state[0] = m);
    }

    private static void replayOnly(final Path directory, final int rounds, final int participants,
        final int obligations)
    {
        long firstHash = 0;
        for (int round = 1; round <= rounds; round++)
        {
            try (Journal journal = Journal.open(directory))
            {
                final CommandStateMachine[] state = new CommandStateMachine[1];
                final long[] allocateNs = new long[1];
                final long start = System.nanoTime();
                final Recovery.Report report = fullReplay(journal, new SnapshotStore(directory), participants,
                    obligations, state, allocateNs);
                final long replayNs = System.nanoTime() - start - allocateNs[0];
                final long hash = state[0].stateHash();
                firstHash = round == 1 ? hash : firstHash;
                check(hash, firstHash, "replay " + round);
                System.out.printf("replay %d: %,d commands, reading and applying %,.0f commands/s (allocating the " +
                    "state %d ms, state hash %016x)%n", round, report.replay().records(),
                    report.replay().records() * 1e9 / replayNs, allocateNs[0] / 1_000_000, hash);
                state[0] = null;
            }
            usedHeap();
        }
    }

    public static void main(final String[] args) throws Exception
    {
        final int obligations = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        final int participants = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        final int snapshotAt = args.length > 2 ? Integer.parseInt(args[2]) : obligations / 10 * 9;
        final Path directory = Path.of(args.length > 3 ? args[3] : "target/recovery-bench");
        final int replayOnly = Integer.getInteger("replayOnly", 0);
        final int registeredFirst = Integer.getInteger("registeredFirst", participants);
        if (registeredFirst < 2 || registeredFirst > participants)
        {
            throw new IllegalArgumentException("-DregisteredFirst=" + registeredFirst + ": must be from 2 to the " +
                "participant count, " + participants);
        }
        if (replayOnly > 0)
        {
            replayOnly(directory, replayOnly, participants, obligations);
            return;
        }
        IngestPipelineBenchmark.delete(directory);
        Files.createDirectories(directory);

        final long heapEmpty = usedHeap();
        ClearingStateMachine live = new ClearingStateMachine(participants, obligations);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandCodec.MAX_COMMAND_BYTES]);
        final SnapshotStore snapshots = new SnapshotStore(directory);
        final SplittableRandom random = new SplittableRandom(7);
        final StringBuilder id = new StringBuilder(16);
        long snapshotBytes = 0;
        long snapshotMs = 0;
        final long writeStart = System.nanoTime();
        try (Journal journal = Journal.open(directory); Journal.Writer writer = journal.newWriter())
        {
            int registered = 0;
            while (registered < registeredFirst)
            {
                register(writer, live, buffer, registered++);
            }
            // With some participants held back, one joins every `spacing` submissions.
            final int spacing = Math.max(1, obligations / Math.max(1, participants - registeredFirst));
            for (int i = 0; i < obligations; i++)
            {
                if (registered < participants && i > 0 && i % spacing == 0)
                {
                    register(writer, live, buffer, registered++);
                }
                final int debtor = random.nextInt(registered);
                final int creditor = (debtor + 1 + random.nextInt(registered - 1)) % registered;
                id.setLength(0);
                id.append("INV-").append(i);
                final int length = CommandCodec.encodeSubmitObligation(buffer, 0, i, id, participantId(debtor),
                    participantId(creditor), 1 + random.nextInt(1_000_000));
                if (writer.add(buffer, 0, length) < 0)
                {
                    writer.flush();
                    writer.add(buffer, 0, length);
                }
                if (writer.staged() == DOCUMENT_RECORDS)
                {
                    writer.flush();
                }
                live.apply(buffer, 0, length);
                if (i + 1 == snapshotAt)
                {
                    writer.flush();
                    final int snapshotLength = CommandCodec.encodeTakeSnapshot(buffer, 0, i, 1);
                    final long index = writer.append(buffer, 0, snapshotLength);
                    live.apply(buffer, 0, snapshotLength);
                    final long t0 = System.nanoTime();
                    snapshotBytes = Files.size(snapshots.write(live, index, 0));
                    snapshotMs = (System.nanoTime() - t0) / 1_000_000;
                }
            }
            while (registered < participants)
            {
                register(writer, live, buffer, registered++);
            }
        }
        final double writeSeconds = (System.nanoTime() - writeStart) / 1e9;
        final long liveHash = live.stateHash();
        final long heapFull = usedHeap();
        live = null;
        final long storedBytes;
        try (Journal journal = Journal.open(directory))
        {
            storedBytes = journal.storedRecordBytes();
        }
        System.out.printf("journal: %,d participants + %,d submissions written and applied in %.1f s; %.1f bytes " +
            "stored per command%n", participants, obligations, writeSeconds,
            storedBytes / (double)(participants + obligations + 1));
        System.out.printf("heap: %,d bytes for the state, %.0f bytes per obligation (participants included)%n",
            heapFull - heapEmpty, (double)(heapFull - heapEmpty) / obligations);
        System.out.printf("snapshot at obligation %,d: %,d bytes, written in %d ms%n", snapshotAt, snapshotBytes,
            snapshotMs);

        try (Journal journal = Journal.open(directory))
        {
            final CommandStateMachine[] state = new CommandStateMachine[1];
            final long[] allocateNs = new long[1];
            final long fullStart = System.nanoTime();
            final Recovery.Report full = fullReplay(journal, snapshots, participants, obligations, state, allocateNs);
            final long fullMs = (System.nanoTime() - fullStart) / 1_000_000;
            check(state[0].stateHash(), liveHash, "full replay");
            final ReplayResult replay = full.replay();
            final long allocateMs = allocateNs[0] / 1_000_000;
            System.out.printf("full replay: %,d commands in %d ms = %,.0f commands/s (state hash %016x)%n",
                replay.records(), fullMs, replay.records() * 1000.0 / Math.max(1, fullMs),
                state[0].stateHash());
            System.out.printf("  of which allocating the state presized for %,d obligations: %d ms; reading and " +
                "applying: %,.0f commands/s%n", obligations, allocateMs,
                replay.records() * 1000.0 / Math.max(1, fullMs - allocateMs));
            state[0] = null;
            usedHeap();

            // The reader thread of the two-thread replay with nothing to apply: shows which side sets the pace.
            final long readStart = System.nanoTime();
            final ReplayResult read = journal.replay(Journal.START, 0, (b, offset, length) -> ParticipantHints.NONE,
                (index, ordinal, b, offset, length) ->
                {
                });
            final long readNs = System.nanoTime() - readStart;
            System.out.printf("  journal read and checked on the reader thread with nothing applied: %,.0f commands/s%n",
                read.records() * 1e9 / readNs);

            final long restartStart = System.nanoTime();
            final Recovery.Report restart = Recovery.recover(journal, snapshots, ClearingStateMachine::new, true,
                m -> state[0] = m);
            final long restartMs = (System.nanoTime() - restartStart) / 1_000_000;
            check(state[0].stateHash(), liveHash, "snapshot + tail");
            System.out.printf("restart from snapshot + %,d-command tail: %d ms (state hash %016x)%n",
                restart.replay().records(), restartMs, state[0].stateHash());
            state[0] = null;
        }

        final long heapBefore = usedHeap();
        ClearingStateMachine participantsOnly = new ClearingStateMachine(16, 16);
        for (int p = 0; p < 1_000_000; p++)
        {
            final String participant = participantId(p);
            participantsOnly.apply(buffer, 0, CommandCodec.encodeRegisterParticipant(buffer, 0, p, participant,
                participant));
        }
        final long heapParticipants = usedHeap();
        System.out.printf("heap per participant (1,000,000 registered, 8-character id and name): %.0f bytes%n",
            (heapParticipants - heapBefore) / 1e6);
        participantsOnly = null;
        if (!Boolean.getBoolean("keepJournal"))
        {
            IngestPipelineBenchmark.delete(directory);
        }
    }

    /**
     * Journals and applies participant {@code p}'s registration, alone in its document.
     */
    private static void register(final Journal.Writer writer, final ClearingStateMachine live,
        final UnsafeBuffer buffer, final int p)
    {
        final String participant = participantId(p);
        final int length = CommandCodec.encodeRegisterParticipant(buffer, 0, p, participant, participant);
        writer.append(buffer, 0, length);
        live.apply(buffer, 0, length);
    }

    private static String participantId(final int p)
    {
        return "F" + (1_000_000 + p);
    }

    private static void check(final long actual, final long expected, final String what)
    {
        if (actual != expected)
        {
            throw new IllegalStateException(what + " gave state hash " + Long.toHexString(actual) + ", expected " +
                Long.toHexString(expected));
        }
    }

    private static long usedHeap()
    {
        final Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++)
        {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
