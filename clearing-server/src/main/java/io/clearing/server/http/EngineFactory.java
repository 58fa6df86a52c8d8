package io.clearing.server.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.clearing.core.engine.Context;
import io.clearing.core.engine.WaitStrategyType;
import io.clearing.core.engine.api.ContinuousPolicy;

import java.nio.file.Path;

/**
 * The {@code engine} section: maps onto the engine's {@link Context}, whose {@code conclude()} validates it.
 */
public final class EngineFactory
{
    private int ringSize = Context.DEFAULT_RING_SIZE;
    private WaitStrategyType waitStrategy = WaitStrategyType.PHASED_BACKOFF;
    private long snapshotIntervalCommands = Context.DEFAULT_SNAPSHOT_INTERVAL_COMMANDS;
    private boolean continuousClearing;
    private long commandTimeoutMs = 30_000;
    private boolean journalThread = true;
    private boolean pretouchJournal = true;
    private int expectedParticipants = Context.DEFAULT_EXPECTED_PARTICIPANTS;
    private int expectedObligations = Context.DEFAULT_EXPECTED_OBLIGATIONS;

    @JsonProperty
    public int getRingSize()
    {
        return ringSize;
    }

    @JsonProperty
    public void setRingSize(final int ringSize)
    {
        this.ringSize = ringSize;
    }

    /**
     * Default phased back-off: the server's engine threads share the cores with Jetty's, so they should not spin.
     */
    @JsonProperty
    public WaitStrategyType getWaitStrategy()
    {
        return waitStrategy;
    }

    @JsonProperty
    public void setWaitStrategy(final WaitStrategyType waitStrategy)
    {
        this.waitStrategy = waitStrategy;
    }

    @JsonProperty
    public long getSnapshotIntervalCommands()
    {
        return snapshotIntervalCommands;
    }

    @JsonProperty
    public void setSnapshotIntervalCommands(final long snapshotIntervalCommands)
    {
        this.snapshotIntervalCommands = snapshotIntervalCommands;
    }

    /**
     * Whether each new obligation that closes a cycle is set off at once (default policy bounds); default false.
     */
    @JsonProperty
    public boolean isContinuousClearing()
    {
        return continuousClearing;
    }

    @JsonProperty
    public void setContinuousClearing(final boolean continuousClearing)
    {
        this.continuousClearing = continuousClearing;
    }

    /**
     * How long a request waits for the engine's reply before answering 503; default 30 s (a clearing run of a
     * large network takes seconds).
     */
    @JsonProperty
    public long getCommandTimeoutMs()
    {
        return commandTimeoutMs;
    }

    @JsonProperty
    public void setCommandTimeoutMs(final long commandTimeoutMs)
    {
        this.commandTimeoutMs = commandTimeoutMs;
    }

    /**
     * Whether the journal has a thread of its own (default) or the logic thread writes each batch before applying
     * it: the same throughput on two cores with lower latency, and one busy thread fewer beside Jetty's
     * ({@link Context#journalThread}).
     */
    @JsonProperty
    public boolean isJournalThread()
    {
        return journalThread;
    }

    @JsonProperty
    public void setJournalThread(final boolean journalThread)
    {
        this.journalThread = journalThread;
    }

    /**
     * Whether a thread reads the journal's next pages ahead of the writer ({@link Context#pretouchJournal}); default
     * true.
     */
    @JsonProperty
    public boolean isPretouchJournal()
    {
        return pretouchJournal;
    }

    @JsonProperty
    public void setPretouchJournal(final boolean pretouchJournal)
    {
        this.pretouchJournal = pretouchJournal;
    }

    /**
     * How many participants the engine's arrays are made for at start ({@link Context#expectedParticipants}).
     */
    @JsonProperty
    public int getExpectedParticipants()
    {
        return expectedParticipants;
    }

    @JsonProperty
    public void setExpectedParticipants(final int expectedParticipants)
    {
        this.expectedParticipants = expectedParticipants;
    }

    /**
     * How many obligations the engine's arrays are made for at start, so that they need not double while it serves
     * ({@link Context#expectedObligations}).
     */
    @JsonProperty
    public int getExpectedObligations()
    {
        return expectedObligations;
    }

    @JsonProperty
    public void setExpectedObligations(final int expectedObligations)
    {
        this.expectedObligations = expectedObligations;
    }

    /**
     * @return an unconcluded engine context for this section (its error handler is set by {@link ManagedEngine}).
     */
    public Context context(final Path journalDirectory)
    {
        return new Context()
            .journalDirectory(journalDirectory)
            .ringSize(ringSize)
            .waitStrategy(waitStrategy)
            .snapshotIntervalCommands(snapshotIntervalCommands)
            .journalThread(journalThread)
            .pretouchJournal(pretouchJournal)
            .expectedParticipants(expectedParticipants)
            .expectedObligations(expectedObligations)
            .continuousPolicy(continuousClearing ? ContinuousPolicy.DEFAULT_ENABLED : ContinuousPolicy.DISABLED);
    }
}
