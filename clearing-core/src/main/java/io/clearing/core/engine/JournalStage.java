package io.clearing.core.engine;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import io.clearing.core.engine.journal.Journal;
import io.clearing.core.engine.state.CommandCodec;
import io.clearing.core.engine.state.ParticipantHints;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * First stage: journals every command before the logic stage may see it. Commands are staged and written as one
 * journal document at the end of each Disruptor batch (or when a document is full); the Disruptor makes a batch
 * visible to the next stage only after this handler returned from its last event, so nothing reaches the logic
 * stage, and nothing is acknowledged, before it is in the journal.
 * <p>
 * A failed write marks the unwritten events so that they are neither applied nor acknowledged as accepted, and stops
 * the stage journaling (fail-stop: every later command is answered {@code JOURNAL_FAILED}; a restart recovers what
 * the journal holds).
 * <p>
 * Participant hints (when given): the stage looks up each submission's debtor and creditor in its own copy of the
 * participant ids, so that the logic thread, the pipeline's bottleneck, only confirms the two indices.
 * <p>
 * Periodic snapshots: every {@code snapshotInterval} commands this stage journals a take-snapshot command right
 * after the current one (stamped with its timestamp) and marks the event, so the logic stage applies it next and
 * writes the snapshot. Journaling it here rather than publishing it into the ring means a saturated ring can never
 * starve snapshots. Owns its Chronicle appender (created and closed on this stage's thread).
 * <p>
 * One thread for both stages (given a {@link LogicStage} to run inline, {@link Context#journalThread} false): after
 * each document is written, this stage hands its commands to the logic stage on the same thread, in ring order; an
 * event it does not journal (a query, a refusal at the edge, a command after a failed write) first has everything
 * before it written and applied. The guarantee is the same: nothing is applied or acknowledged before it is in the
 * journal. It saves a thread, its hand-over and the participant hints (the logic stage then looks participants up
 * itself), which pays on a machine with fewer cores than busy threads.
 */
final class JournalStage implements EventHandler<CommandEvent>
{
    private final Journal journal;
    private final ParticipantHints hints;
    private final ErrorHandler errorHandler;
    private final long snapshotInterval;
    private final boolean pretouch;
    private final UnsafeBuffer snapshotCommand = new UnsafeBuffer(new byte[CommandCodec.MAX_COMMAND_BYTES]);
    private final RingBuffer<CommandEvent> ring;
    // Ring sequences, not entries: a reference stored per command would cost a G1 barrier (see CommandEvent.listener).
    private final long[] staged = new long[Journal.MAX_RECORDS_PER_DOCUMENT];
    private final boolean[] stagedIsSnapshot = new boolean[Journal.MAX_RECORDS_PER_DOCUMENT];
    private int stagedCount;
    /**
     * Null when the logic stage has its own thread; else it runs here on the journaled commands, {@link #toApply}.
     */
    private final LogicStage inlineLogic;
    // Ring sequences of journaled (or staged) commands not yet applied inline: a document's worth, plus the command
    // whose snapshot record did not fit in it.
    private final long[] toApply = new long[Journal.MAX_RECORDS_PER_DOCUMENT + 1];
    private int toApplyCount;
    private Journal.Writer writer;
    private long commandsSinceSnapshot;
    private boolean failed;

    /**
     * @param hints       null for none; else this stage sets each command's participant hints for the logic stage.
     * @param inlineLogic null when the logic stage runs on its own thread after this one; else the logic stage to run
     *                    on this thread.
     * @param pretouch    whether the journal writer gets a {@link Journal#newWriter(boolean) pretoucher}.
     */
    JournalStage(final RingBuffer<CommandEvent> ring, final Journal journal, final ParticipantHints hints,
        final ErrorHandler errorHandler, final long snapshotInterval, final LogicStage inlineLogic,
        final boolean pretouch)
    {
        this.pretouch = pretouch;
        this.inlineLogic = inlineLogic;
        this.ring = ring;
        this.journal = journal;
        this.hints = hints;
        this.errorHandler = errorHandler;
        this.snapshotInterval = snapshotInterval;
    }

    @Override
    public void onStart()
    {
        writer = journal.newWriter(pretouch);
    }

    @Override
    public void onEvent(final CommandEvent event, final long sequence, final boolean endOfBatch)
    {
        boolean journaled = false;
        if (event.kind == CommandEvent.COMMAND)
        {
            if (failed)
            {
                event.journalFailed = true;
            }
            else
            {
                journaled = true;
                if (hints != null)
                {
                    event.participantHints = hints.hintsFor(event.buffer, 0, event.length);
                }
                event.journalOrdinal = stage(sequence, event.buffer, event.length, false);
                if (CommandCodec.type(event.buffer, 0) == CommandCodec.TYPE_TAKE_SNAPSHOT)
                {
                    commandsSinceSnapshot = 0;
                }
                else if (snapshotInterval > 0 && ++commandsSinceSnapshot >= snapshotInterval)
                {
                    stageSnapshotAfter(event, sequence);
                }
                if (inlineLogic != null)
                {
                    toApply[toApplyCount++] = sequence;
                }
            }
        }
        // An event not journaled (a query, a refusal at the edge, a command after a failed write) is handled now,
        // after everything before it. A journaled command waits in toApply, even when a failed write has marked it.
        if (inlineLogic != null && !journaled)
        {
            flush();
            inlineLogic.onEvent(event, sequence, endOfBatch);
        }
        if (endOfBatch)
        {
            flush();
        }
    }

    /**
     * Inline mode: applies the commands just written, in ring order. A command whose snapshot record did not fit the
     * document is not in {@link #toApply} yet: it is added once its snapshot record is staged, and applied after the
     * next write.
     */
    private void applyJournaled()
    {
        for (int i = 0; i < toApplyCount; i++)
        {
            final long sequence = toApply[i];
            inlineLogic.onEvent(ring.get(sequence), sequence, false);
        }
        toApplyCount = 0;
    }

    private void stageSnapshotAfter(final CommandEvent event, final long sequence)
    {
        commandsSinceSnapshot = 0;
        final long timestampMs = CommandCodec.timestampMs(event.buffer, 0);
        final int length = CommandCodec.encodeTakeSnapshot(snapshotCommand, 0, timestampMs, timestampMs);
        event.snapshotTimestampMs = timestampMs;
        event.snapshotAfterOrdinal = stage(sequence, snapshotCommand, length, true);
    }

    /**
     * @return the record's ordinal in the document it will be written in.
     */
    private int stage(final long sequence, final UnsafeBuffer buffer, final int length, final boolean snapshot)
    {
        int ordinal = writer.add(buffer, 0, length);
        if (ordinal < 0)
        {
            flush();
            ordinal = writer.add(buffer, 0, length);
        }
        staged[stagedCount] = sequence;
        stagedIsSnapshot[stagedCount] = snapshot;
        stagedCount++;
        return ordinal;
    }

    /**
     * Writes the staged records as one document and marks their events with where they are (or that the write failed);
     * inline, then applies them.
     */
    private void flush()
    {
        if (stagedCount == 0)
        {
            return;
        }
        long index = CommandEvent.NO_SNAPSHOT;
        try
        {
            if (!failed)
            {
                index = writer.flush();
            }
        }
        catch (final Throwable ex)
        {
            failed = true;
            errorHandler.onError(ex);
        }
        for (int i = 0; i < stagedCount; i++)
        {
            final CommandEvent event = ring.get(staged[i]);
            if (stagedIsSnapshot[i])
            {
                event.snapshotAfterIndex = failed ? CommandEvent.NO_SNAPSHOT : index;
            }
            else if (failed)
            {
                event.journalFailed = true;
            }
            else
            {
                event.journalIndex = index;
            }
        }
        stagedCount = 0;
        if (inlineLogic != null)
        {
            applyJournaled();
        }
    }

    @Override
    public void onShutdown()
    {
        if (writer != null)
        {
            try
            {
                writer.close();
            }
            catch (final RuntimeException ex)
            {
                // After a failed write the journal may refuse the close too: reported, not thrown at the Disruptor.
                errorHandler.onError(ex);
            }
        }
    }
}
