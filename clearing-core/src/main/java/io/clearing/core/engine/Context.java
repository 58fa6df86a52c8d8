package io.clearing.core.engine;

import io.clearing.core.engine.api.ContinuousPolicy;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Configuration of a {@link ClearingEngine}: fluent setters with working defaults, validated once by
 * {@link #conclude()} (called by {@link ClearingEngine#launch}), which names the bad setting in its message.
 * Not thread-safe; do not change after launch.
 */
public final class Context
{
    public static final String DEFAULT_JOURNAL_DIRECTORY = "clearing-journal";
    public static final int DEFAULT_RING_SIZE = 64 * 1024;
    public static final long DEFAULT_SNAPSHOT_INTERVAL_COMMANDS = 5_000_000;
    public static final long DEFAULT_SHUTDOWN_TIMEOUT_MS = 30_000;
    public static final int DEFAULT_EXPECTED_PARTICIPANTS = 1024;
    public static final int DEFAULT_EXPECTED_OBLIGATIONS = 64 * 1024;
    public static final int MIN_RING_SIZE = 64;

    private Path journalDirectory = Paths.get(DEFAULT_JOURNAL_DIRECTORY);
    private int ringSize = DEFAULT_RING_SIZE;
    private WaitStrategyType waitStrategy = WaitStrategyType.YIELDING;
    private long snapshotIntervalCommands = DEFAULT_SNAPSHOT_INTERVAL_COMMANDS;
    private ContinuousPolicy continuousPolicy;
    private ErrorHandler errorHandler = Throwable::printStackTrace;
    private EpochClock clock = SystemEpochClock.INSTANCE;
    private boolean recoverFromSnapshots = true;
    private boolean singleProducer;
    private boolean participantHints = true;
    private boolean journalThread = true;
    private boolean pretouchJournal = true;
    private long shutdownTimeoutMs = DEFAULT_SHUTDOWN_TIMEOUT_MS;
    private int expectedParticipants = DEFAULT_EXPECTED_PARTICIPANTS;
    private int expectedObligations = DEFAULT_EXPECTED_OBLIGATIONS;
    private boolean concluded;

    /**
     * Checks every setting once.
     *
     * @return this.
     * @throws IllegalArgumentException naming the first bad setting and its value.
     */
    public Context conclude()
    {
        if (concluded)
        {
            return this;
        }
        require(journalDirectory != null, "journalDirectory must be set");
        require(!Files.exists(journalDirectory) || Files.isDirectory(journalDirectory),
            "journalDirectory is not a directory: " + journalDirectory);
        require(ringSize >= MIN_RING_SIZE && Integer.bitCount(ringSize) == 1,
            "ringSize must be a power of two >= " + MIN_RING_SIZE + ": " + ringSize);
        require(waitStrategy != null, "waitStrategy must be set");
        require(snapshotIntervalCommands >= 0, "snapshotIntervalCommands must be >= 0 (0 = never): " +
            snapshotIntervalCommands);
        if (continuousPolicy != null)
        {
            final String error = continuousPolicy.validationError();
            require(error == null, "continuousPolicy: " + error);
        }
        require(errorHandler != null, "errorHandler must be set");
        require(clock != null, "clock must be set");
        require(shutdownTimeoutMs > 0, "shutdownTimeoutMs must be > 0: " + shutdownTimeoutMs);
        require(expectedParticipants > 0, "expectedParticipants must be > 0: " + expectedParticipants);
        require(expectedObligations > 0, "expectedObligations must be > 0: " + expectedObligations);
        concluded = true;
        return this;
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException("Context." + message);
        }
    }

    /**
     * Default {@value #DEFAULT_JOURNAL_DIRECTORY} in the working directory; created when missing. Snapshots go to
     * its {@code snapshots} folder.
     */
    public Context journalDirectory(final Path journalDirectory)
    {
        this.journalDirectory = journalDirectory;
        return this;
    }

    public Path journalDirectory()
    {
        return journalDirectory;
    }

    /**
     * Ring entries (a power of two, at least {@value #MIN_RING_SIZE}); default {@value #DEFAULT_RING_SIZE}. Each
     * entry holds a command of up to 1 KiB.
     */
    public Context ringSize(final int ringSize)
    {
        this.ringSize = ringSize;
        return this;
    }

    public int ringSize()
    {
        return ringSize;
    }

    /**
     * Default {@link WaitStrategyType#YIELDING}.
     */
    public Context waitStrategy(final WaitStrategyType waitStrategy)
    {
        this.waitStrategy = waitStrategy;
        return this;
    }

    public WaitStrategyType waitStrategy()
    {
        return waitStrategy;
    }

    /**
     * The logic thread publishes a take-snapshot command after this many commands; 0 never. Default
     * {@value #DEFAULT_SNAPSHOT_INTERVAL_COMMANDS}.
     */
    public Context snapshotIntervalCommands(final long snapshotIntervalCommands)
    {
        this.snapshotIntervalCommands = snapshotIntervalCommands;
        return this;
    }

    public long snapshotIntervalCommands()
    {
        return snapshotIntervalCommands;
    }

    /**
     * The continuous-clearing policy to run with; journaled as a command at launch when it differs from the
     * recovered one. Default null: keep the journal's (off for a new journal).
     */
    public Context continuousPolicy(final ContinuousPolicy continuousPolicy)
    {
        this.continuousPolicy = continuousPolicy;
        return this;
    }

    public ContinuousPolicy continuousPolicy()
    {
        return continuousPolicy;
    }

    /**
     * Told about unexpected exceptions on the engine threads (journal failures, broken invariants, snapshot write
     * errors). Default prints the stack trace to standard error; the core itself never logs.
     */
    public Context errorHandler(final ErrorHandler errorHandler)
    {
        this.errorHandler = errorHandler;
        return this;
    }

    public ErrorHandler errorHandler()
    {
        return errorHandler;
    }

    /**
     * Stamps commands at publication, in epoch milliseconds. Default the system clock; tests use a fake.
     */
    public Context clock(final EpochClock clock)
    {
        this.clock = clock;
        return this;
    }

    public EpochClock clock()
    {
        return clock;
    }

    /**
     * Whether launch starts from the newest snapshot (default) or replays the whole journal.
     */
    public Context recoverFromSnapshots(final boolean recoverFromSnapshots)
    {
        this.recoverFromSnapshots = recoverFromSnapshots;
        return this;
    }

    public boolean recoverFromSnapshots()
    {
        return recoverFromSnapshots;
    }

    /**
     * True when exactly one thread will call the engine's publishing and query methods (the launching thread may
     * differ): the ring then skips the multi-producer bookkeeping. Default false: any thread may publish.
     */
    public Context singleProducer(final boolean singleProducer)
    {
        this.singleProducer = singleProducer;
        return this;
    }

    public boolean singleProducer()
    {
        return singleProducer;
    }

    /**
     * Whether the journal stage looks up the participants of each submission so that the logic thread only confirms
     * them ({@link io.clearing.core.engine.state.ParticipantHints}); default true. Outcomes are the same either way;
     * false moves that work back onto the logic thread. Without a journal thread ({@link #journalThread} false) there
     * are no hints.
     */
    public Context participantHints(final boolean participantHints)
    {
        this.participantHints = participantHints;
        return this;
    }

    public boolean participantHints()
    {
        return participantHints;
    }

    /**
     * Whether the journal stage has a thread of its own before the logic thread (true, the default), or the logic
     * thread writes each batch to the journal and then applies it. Both acknowledge nothing before it is journaled
     * and give the same outcomes; one thread saves a hand-over and the participant hints, which pays when the
     * producers and the two stages would otherwise share fewer cores than they need.
     */
    public Context journalThread(final boolean journalThread)
    {
        this.journalThread = journalThread;
        return this;
    }

    public boolean journalThread()
    {
        return journalThread;
    }

    /**
     * Whether a thread of its own reads the journal file's next pages into the page cache ahead of the writer, so
     * that the writing thread does not take a page fault (and the kernel's zero-filling) for each new page; default
     * true. It only reads, so outcomes and journal bytes are the same either way.
     */
    public Context pretouchJournal(final boolean pretouchJournal)
    {
        this.pretouchJournal = pretouchJournal;
        return this;
    }

    public boolean pretouchJournal()
    {
        return pretouchJournal;
    }

    /**
     * How long close waits for the ring to drain; default {@value #DEFAULT_SHUTDOWN_TIMEOUT_MS} ms.
     */
    public Context shutdownTimeoutMs(final long shutdownTimeoutMs)
    {
        this.shutdownTimeoutMs = shutdownTimeoutMs;
        return this;
    }

    public long shutdownTimeoutMs()
    {
        return shutdownTimeoutMs;
    }

    /**
     * Initial capacity of the participant arrays (they grow as needed); default
     * {@value #DEFAULT_EXPECTED_PARTICIPANTS}.
     */
    public Context expectedParticipants(final int expectedParticipants)
    {
        this.expectedParticipants = expectedParticipants;
        return this;
    }

    public int expectedParticipants()
    {
        return expectedParticipants;
    }

    /**
     * Initial capacity of the obligation arrays; default {@value #DEFAULT_EXPECTED_OBLIGATIONS}. They double as needed,
     * on the logic thread: past 8 M obligations a doubling holds it up for seconds (docs/engine.md), so an engine
     * expected to hold millions is best sized for them. A restart from a snapshot makes them as the snapshot loads,
     * for its obligations and a quarter more or this many, whichever is larger.
     */
    public Context expectedObligations(final int expectedObligations)
    {
        this.expectedObligations = expectedObligations;
        return this;
    }

    public int expectedObligations()
    {
        return expectedObligations;
    }
}
