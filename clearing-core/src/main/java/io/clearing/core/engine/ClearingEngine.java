package io.clearing.core.engine;

import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.clearing.core.engine.api.ClearingStateView;
import io.clearing.core.engine.api.CommandReply;
import io.clearing.core.engine.api.ContinuousPolicy;
import io.clearing.core.engine.api.ExclusionRule;
import io.clearing.core.engine.api.OptOutMode;
import io.clearing.core.engine.api.RunLimitKind;
import io.clearing.core.policy.PriorityRule;
import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.engine.api.ResultListener;
import io.clearing.core.engine.journal.Journal;
import io.clearing.core.engine.journal.Recovery;
import io.clearing.core.engine.journal.SnapshotStore;
import io.clearing.core.engine.state.ClearingStateMachine;
import io.clearing.core.engine.state.CommandCodec;
import io.clearing.core.engine.state.ParticipantHints;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The embeddable clearing engine: producers publish commands into an LMAX Disruptor ring; a journal stage appends
 * each to the Chronicle Queue journal; one logic thread then applies it to the {@link ClearingStateMachine} and
 * replies. A command is acknowledged only after it was journaled, so a crash loses nothing acknowledged; on
 * {@link #launch} the state is recovered from the newest snapshot and the journal tail.
 * <p>
 * Threading: every publishing method may be called from any thread; it blocks only while the ring is full.
 * Replies (listeners, futures, queries) are completed on the logic thread, in journal order: keep them short.
 * Stamps each command with {@link Context#clock()} at publication; the state machine never reads a clock.
 */
public final class ClearingEngine implements AutoCloseable
{
    private static final long RING_FULL = -2;

    private final Context context;
    private final Journal journal;
    private final ClearingStateMachine machine;
    private final Disruptor<CommandEvent> disruptor;
    private final RingBuffer<CommandEvent> ringBuffer;
    private final EpochClock clock;
    private final Recovery.Report recoveryReport;
    /**
     * The stages' threads, made as the Disruptor starts (in the constructor), joined on close.
     */
    private final List<Thread> stageThreads = new ArrayList<>(2);
    private volatile boolean running;

    private ClearingEngine(final Context context, final Journal journal, final ClearingStateMachine machine,
        final Recovery.Report recoveryReport)
    {
        this.context = context;
        this.journal = journal;
        this.machine = machine;
        this.recoveryReport = recoveryReport;
        this.clock = context.clock();
        final SnapshotStore snapshots = new SnapshotStore(context.journalDirectory());
        disruptor = new Disruptor<>(CommandEvent::new, context.ringSize(),
            stageThreads(context.journalThread(), stageThreads),
            context.singleProducer() ? ProducerType.SINGLE : ProducerType.MULTI, context.waitStrategy().newStrategy());
        disruptor.setDefaultExceptionHandler(new ReportingExceptionHandler(context.errorHandler()));
        final LogicStage logic = new LogicStage(machine, snapshots, context.errorHandler());
        final boolean inline = !context.journalThread();
        // Recovery hands over the hints its replay made (see launch), already following the machine.
        final ParticipantHints hints = inline || !context.participantHints() ? null :
            recoveryReport.participantHints() != null ? recoveryReport.participantHints() :
            ParticipantHints.following(machine);
        final JournalStage journalStage = new JournalStage(disruptor.getRingBuffer(), journal, hints,
            context.errorHandler(), context.snapshotIntervalCommands(), inline ? logic : null,
            context.pretouchJournal());
        if (inline)
        {
            disruptor.handleEventsWith(journalStage);
        }
        else
        {
            disruptor.handleEventsWith(journalStage).then(logic);
        }
        ringBuffer = disruptor.start();
        running = true;
    }

    /**
     * Daemon threads named for their stage, so that thread dumps and profiles tell them apart (names of at most 15
     * characters, what Linux keeps): the Disruptor starts its processors in the order the handlers were given, the
     * journal stage first.
     */
    private static ThreadFactory stageThreads(final boolean journalThread, final List<Thread> made)
    {
        final String[] names = journalThread ?
            new String[]{"engine-journal", "engine-logic"} : new String[]{"engine-stages"};
        final int[] started = new int[1];
        return runnable ->
        {
            final int n = started[0]++;
            final Thread thread = new Thread(runnable, n < names.length ? names[n] : "engine-stage-" + n);
            thread.setDaemon(true);
            made.add(thread);
            return thread;
        };
    }

    /**
     * Concludes the context, opens (or creates) the journal, recovers the state and starts the threads. When the
     * context asks for a continuous-clearing policy other than the recovered one, a configure command is
     * journaled before this returns.
     *
     * @throws io.clearing.core.engine.journal.JournalFormatException when the journal is of another format.
     */
    public static ClearingEngine launch(final Context context)
    {
        context.conclude();
        try
        {
            Files.createDirectories(context.journalDirectory());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create journal directory " + context.journalDirectory(), ex);
        }
        final ClearingStateMachine[] recovered = new ClearingStateMachine[1];
        // With a snapshot to load, the state's arrays are made as it loads, for its counts or the expected ones: made
        // for the expected counts first, they would be made twice.
        final boolean fromSnapshot = context.recoverFromSnapshots() &&
            !new SnapshotStore(context.journalDirectory()).list().isEmpty();
        final Recovery.Recovered opened = Recovery.openAndRecover(context.journalDirectory(),
            () -> fromSnapshot ?
                ClearingStateMachine.sizedOnLoad(context.expectedParticipants(), context.expectedObligations()) :
                new ClearingStateMachine(context.expectedParticipants(), context.expectedObligations()),
            context.recoverFromSnapshots(), m -> recovered[0] = (ClearingStateMachine)m,
            context.journalThread() && context.participantHints());
        final Journal journal = opened.journal();
        final Recovery.Report report = opened.report();
        if (report.failedCommands() > 0)
        {
            context.errorHandler().onError(new IllegalStateException(report.failedCommands() +
                " journaled commands broke an invariant during recovery, first: " + report.firstFailure()));
        }
        final ClearingEngine engine = new ClearingEngine(context, journal, recovered[0], report);
        final ContinuousPolicy wanted = context.continuousPolicy();
        if (wanted != null && !wanted.equals(engine.querySync(ClearingStateView::continuousPolicy)))
        {
            engine.configureContinuous(wanted).join();
        }
        return engine;
    }

    public Context context()
    {
        return context;
    }

    /**
     * @return how the state was recovered at launch.
     */
    public Recovery.Report recoveryReport()
    {
        return recoveryReport;
    }

    /**
     * Registers a participant; registering the same id and name again returns {@link ResultCode#DUPLICATE}.
     */
    public CompletableFuture<CommandReply> registerParticipant(final String participantId, final String displayName)
    {
        final CompletableFuture<CommandReply> future = new CompletableFuture<>();
        publishRegister(participantId, displayName, future, null, 0);
        return future;
    }

    /**
     * Allocation-free registration: the result goes to {@code listener} with {@code correlationId}.
     */
    public void registerParticipant(final CharSequence participantId, final CharSequence displayName,
        final long correlationId, final ResultListener listener)
    {
        publishRegister(participantId, displayName, null, Objects.requireNonNull(listener, "listener"),
            correlationId);
    }

    /**
     * Submits an obligation; resubmitting the same id and content returns {@link ResultCode#DUPLICATE}.
     *
     * @param amountMinor amount in minor units, positive.
     */
    public CompletableFuture<CommandReply> submitObligation(final String obligationId, final String debtorId,
        final String creditorId, final long amountMinor)
    {
        final CompletableFuture<CommandReply> future = new CompletableFuture<>();
        publishSubmit(obligationId, debtorId, creditorId, amountMinor, future, null, 0);
        return future;
    }

    /**
     * Allocation-free submission: the result goes to {@code listener} with {@code correlationId}.
     */
    public void submitObligation(final CharSequence obligationId, final CharSequence debtorId,
        final CharSequence creditorId, final long amountMinor, final long correlationId, final ResultListener listener)
    {
        publishSubmit(obligationId, debtorId, creditorId, amountMinor, null,
            Objects.requireNonNull(listener, "listener"), correlationId);
    }

    /**
     * Non-blocking, allocation-free submission for producers that must not wait (a network ingress): like
     * {@link #submitObligation(CharSequence, CharSequence, CharSequence, long, long, ResultListener)}, but when the
     * ring is full nothing is published, the listener is not called, and false is returned so the caller can apply
     * back-pressure upstream and try again later.
     *
     * @return true when published (or answered {@link ResultCode#ENGINE_CLOSED}); false when the ring is full.
     */
    public boolean trySubmitObligation(final CharSequence obligationId, final CharSequence debtorId,
        final CharSequence creditorId, final long amountMinor, final long correlationId, final ResultListener listener)
    {
        Objects.requireNonNull(listener, "listener");
        final long sequence = tryClaim(listener, correlationId);
        if (sequence == RING_FULL)
        {
            return false;
        }
        if (sequence >= 0)
        {
            final CommandEvent event = ringBuffer.get(sequence);
            try
            {
                final UnsafeBuffer buffer =
                    event.bufferFor(CommandCodec.submitObligationBound(obligationId, debtorId, creditorId));
                encoded(event, CommandCodec.encodeSubmitObligation(buffer, 0, clock.time(), obligationId, debtorId,
                    creditorId, amountMinor));
            }
            finally
            {
                ringBuffer.publish(sequence);
            }
        }
        return true;
    }

    /**
     * {@link #trySubmitObligation(CharSequence, CharSequence, CharSequence, long, long, ResultListener)} with the ids
     * as UTF-8 bytes where they arrived (a network buffer), copied into the ring whole instead of character by
     * character. Ids that are not well-formed UTF-8 are answered {@link ResultCode#MALFORMED}, longer than
     * {@link CommandCodec#MAX_ID_BYTES} bytes {@link ResultCode#TOO_LONG}, both without reaching the journal.
     *
     * @return true when published (or answered); false when the ring is full.
     */
    public boolean trySubmitObligation(final DirectBuffer ids, final int obligationIdOffset,
        final int obligationIdLength, final int debtorIdOffset, final int debtorIdLength, final int creditorIdOffset,
        final int creditorIdLength, final long amountMinor, final long correlationId, final ResultListener listener)
    {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(listener, "listener");
        final long sequence = tryClaim(listener, correlationId);
        if (sequence < 0)
        {
            return sequence != RING_FULL;
        }
        final CommandEvent event = ringBuffer.get(sequence);
        try
        {
            final UnsafeBuffer buffer = event.bufferFor(
                CommandCodec.submitObligationBound(obligationIdLength, debtorIdLength, creditorIdLength));
            encoded(event, CommandCodec.encodeSubmitObligation(buffer, 0, clock.time(), ids, obligationIdOffset,
                obligationIdLength, debtorIdOffset, debtorIdLength, creditorIdOffset, creditorIdLength, amountMinor));
        }
        finally
        {
            ringBuffer.publish(sequence);
        }
        return true;
    }

    /**
     * Non-blocking registration; see {@link #trySubmitObligation}.
     *
     * @return true when published (or answered {@link ResultCode#ENGINE_CLOSED}); false when the ring is full.
     */
    public boolean tryRegisterParticipant(final CharSequence participantId, final CharSequence displayName,
        final long correlationId, final ResultListener listener)
    {
        Objects.requireNonNull(listener, "listener");
        final long sequence = tryClaim(listener, correlationId);
        if (sequence == RING_FULL)
        {
            return false;
        }
        if (sequence >= 0)
        {
            final CommandEvent event = ringBuffer.get(sequence);
            try
            {
                final UnsafeBuffer buffer =
                    event.bufferFor(CommandCodec.registerParticipantBound(participantId, displayName));
                encoded(event, CommandCodec.encodeRegisterParticipant(buffer, 0, clock.time(), participantId,
                    displayName));
            }
            finally
            {
                ringBuffer.publish(sequence);
            }
        }
        return true;
    }

    /**
     * Non-blocking payment; see {@link #trySubmitObligation}.
     *
     * @return true when published (or answered {@link ResultCode#ENGINE_CLOSED}); false when the ring is full.
     */
    public boolean tryRecordPayment(final CharSequence paymentId, final CharSequence obligationId,
        final long amountMinor, final long correlationId, final ResultListener listener)
    {
        Objects.requireNonNull(listener, "listener");
        final long sequence = tryClaim(listener, correlationId);
        if (sequence == RING_FULL)
        {
            return false;
        }
        if (sequence >= 0)
        {
            final CommandEvent event = ringBuffer.get(sequence);
            try
            {
                final UnsafeBuffer buffer = event.bufferFor(CommandCodec.recordPaymentBound(paymentId, obligationId));
                encoded(event, CommandCodec.encodeRecordPayment(buffer, 0, clock.time(), paymentId, obligationId,
                    amountMinor));
            }
            finally
            {
                ringBuffer.publish(sequence);
            }
        }
        return true;
    }

    /**
     * Records a payment that discharges part or all of an obligation; idempotent by payment id.
     */
    public CompletableFuture<CommandReply> recordPayment(final String paymentId, final String obligationId,
        final long amountMinor)
    {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(obligationId, "obligationId");
        final CompletableFuture<CommandReply> future = new CompletableFuture<>();
        final long sequence = claim(future, null, 0);
        if (sequence >= 0)
        {
            final CommandEvent event = ringBuffer.get(sequence);
            try
            {
                final UnsafeBuffer buffer = event.bufferFor(CommandCodec.recordPaymentBound(paymentId, obligationId));
                encoded(event, CommandCodec.encodeRecordPayment(buffer, 0, clock.time(), paymentId, obligationId,
                    amountMinor));
            }
            finally
            {
                ringBuffer.publish(sequence);
            }
        }
        return future;
    }

    /**
     * Runs the optimal batch clearing over every open obligation at this cut-off; the run is journaled and applied.
     * Blocks the logic thread for the solver's time.
     *
     * @param runId positive and larger than any earlier run's, else {@link ResultCode#DUPLICATE}.
     */
    public CompletableFuture<CommandReply> runClearing(final long runId)
    {
        final CompletableFuture<CommandReply> future = new CompletableFuture<>();
        final long sequence = claim(future, null, 0);
        if (sequence >= 0)
        {
            final CommandEvent event = ringBuffer.get(sequence);
            encoded(event, CommandCodec.encodeRunClearing(event.bufferFor(CommandCodec.MAX_COMMAND_BYTES), 0,
                clock.time(), runId));
            ringBuffer.publish(sequence);
        }
        return future;
    }

    /**
     * Journals a take-snapshot command; the logic thread writes the snapshot file when it applies it.
     */
    public CompletableFuture<CommandReply> takeSnapshot()
    {
        final CompletableFuture<CommandReply> future = new CompletableFuture<>();
        final long sequence = claim(future, null, 0);
        if (sequence >= 0)
        {
            final CommandEvent event = ringBuffer.get(sequence);
            encoded(event, CommandCodec.encodeTakeSnapshot(event.bufferFor(CommandCodec.MAX_COMMAND_BYTES), 0,
                clock.time(), sequence));
            ringBuffer.publish(sequence);
        }
        return future;
    }

    /**
     * Changes the continuous-clearing policy from the next command on (journaled like any command).
     */
    public CompletableFuture<CommandReply> configureContinuous(final ContinuousPolicy policy)
    {
        Objects.requireNonNull(policy, "policy");
        final CompletableFuture<CommandReply> future = new CompletableFuture<>();
        final long sequence = claim(future, null, 0);
        if (sequence >= 0)
        {
            final CommandEvent event = ringBuffer.get(sequence);
            encoded(event, CommandCodec.encodeConfigureContinuous(event.bufferFor(CommandCodec.MAX_COMMAND_BYTES), 0,
                clock.time(), policy.enabled(), policy.maxCycleLength(), policy.maxVisitedNodes(),
                policy.maxEdgeScans()));
            ringBuffer.publish(sequence);
        }
        return future;
    }

    /**
     * Submits an obligation in a unit of account, optionally with a due date; resubmitting the same id and content
     * returns {@link ResultCode#DUPLICATE}. {@link ResultCode#UNKNOWN_UNIT} when the unit is not defined.
     *
     * @param unitId  a unit defined by {@link #defineUnit}, or "" for the default unit.
     * @param dueAtMs due date in epoch ms, or 0 for none ({@link ResultCode#INVALID_POLICY} when negative).
     */
    public CompletableFuture<CommandReply> submitObligationInUnit(final String obligationId, final String debtorId,
        final String creditorId, final long amountMinor, final String unitId, final long dueAtMs)
    {
        Objects.requireNonNull(obligationId, "obligationId");
        Objects.requireNonNull(debtorId, "debtorId");
        Objects.requireNonNull(creditorId, "creditorId");
        Objects.requireNonNull(unitId, "unitId");
        return publish((buffer, timestampMs) -> CommandCodec.encodeSubmitInUnit(buffer, 0, timestampMs, obligationId,
            debtorId, creditorId, amountMinor, unitId, dueAtMs));
    }

    /**
     * Marks an obligation disputed by one of its parties ({@code disputed} true) or withdraws that party's dispute.
     * No clearing touches a disputed obligation. Codes: {@link ResultCode#NOT_A_PARTY},
     * {@link ResultCode#OBLIGATION_CLOSED} (disputing a discharged obligation), {@link ResultCode#DUPLICATE} when the
     * party's dispute is already as asked.
     */
    public CompletableFuture<CommandReply> setDispute(final String obligationId, final String participantId,
        final boolean disputed)
    {
        Objects.requireNonNull(obligationId, "obligationId");
        Objects.requireNonNull(participantId, "participantId");
        return publish((buffer, timestampMs) -> CommandCodec.encodeSetDispute(buffer, 0, timestampMs, obligationId,
            participantId, disputed));
    }

    /**
     * Sets one of a participant's standing exclusion rules.
     *
     * @param value   minimum amount (minor units) or due window (ms); 0 for the other kinds.
     * @param otherId the related participant for {@link ExclusionRule#ADD_RELATED} and
     *                {@link ExclusionRule#REMOVE_RELATED}, else "".
     */
    public CompletableFuture<CommandReply> setRule(final String participantId, final ExclusionRule rule,
        final long value, final String otherId)
    {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(otherId, "otherId");
        return publish((buffer, timestampMs) -> CommandCodec.encodeSetRule(buffer, 0, timestampMs, participantId,
            rule.wireValue(), value, otherId));
    }

    /**
     * Opts a participant out of clearing, or back in.
     */
    public CompletableFuture<CommandReply> setOptOut(final String participantId, final OptOutMode mode)
    {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(mode, "mode");
        return publish((buffer, timestampMs) -> CommandCodec.encodeSetOptOut(buffer, 0, timestampMs, participantId,
            mode.wireValue()));
    }

    /**
     * Defines a unit of account (once: the same definition again is {@link ResultCode#DUPLICATE}, another one
     * {@link ResultCode#ID_CONFLICT}).
     *
     * @param community            a community unit (may carry demurrage) or a national currency.
     * @param demurrageBasisPoints per period on positive settlement balances, 0 to 10,000.
     * @param fundId               participant credited with demurrage, required when the rate is positive, else "".
     */
    public CompletableFuture<CommandReply> defineUnit(final String unitId, final boolean community,
        final int demurrageBasisPoints, final String fundId)
    {
        Objects.requireNonNull(unitId, "unitId");
        Objects.requireNonNull(fundId, "fundId");
        return publish((buffer, timestampMs) -> CommandCodec.encodeDefineUnit(buffer, 0, timestampMs, unitId,
            community, demurrageBasisPoints, fundId));
    }

    /**
     * Proposes an optimal batch run at this cut-off and holds its set-offs for acceptance; the reply's value is the
     * amount it would clear. A later proposal supersedes a pending one; plain runs are refused while one is pending.
     *
     * @param runId           positive and larger than any earlier run's or proposal's.
     * @param deadlineMs      acceptance cut-off (epoch ms), not before now.
     * @param acceptByDefault whether participants that did not answer by the deadline count as accepting.
     */
    public CompletableFuture<CommandReply> proposeClearing(final long runId, final long deadlineMs,
        final boolean acceptByDefault)
    {
        return publish((buffer, timestampMs) -> CommandCodec.encodeProposeClearing(buffer, 0, timestampMs, runId,
            deadlineMs, acceptByDefault));
    }

    /**
     * A participant accepts or rejects the pending proposal; a rejection re-solves it without the participant's
     * obligations (the reply's value is what the proposal now clears).
     */
    public CompletableFuture<CommandReply> respondToProposal(final long runId, final String participantId,
        final boolean accept)
    {
        Objects.requireNonNull(participantId, "participantId");
        return publish((buffer, timestampMs) -> CommandCodec.encodeRespondToProposal(buffer, 0, timestampMs, runId,
            participantId, accept));
    }

    /**
     * Commits the pending proposal: {@link ResultCode#AWAITING_ACCEPTANCE} before the deadline while an affected
     * participant has not answered; after the deadline the proposal's default stands for them.
     */
    public CompletableFuture<CommandReply> commitClearing(final long runId)
    {
        return publish((buffer, timestampMs) -> CommandCodec.encodeCommitClearing(buffer, 0, timestampMs, runId));
    }

    /**
     * Charges one period of a unit's demurrage; periods are charged once each, in increasing id order.
     */
    public CompletableFuture<CommandReply> chargeDemurrage(final String unitId, final long periodId)
    {
        Objects.requireNonNull(unitId, "unitId");
        return publish((buffer, timestampMs) -> CommandCodec.encodeChargeDemurrage(buffer, 0, timestampMs, unitId,
            periodId));
    }

    /**
     * Sets a participant's savings balance in a unit, moving the difference from or to its settlement account.
     */
    public CompletableFuture<CommandReply> setSavings(final String participantId, final String unitId,
        final long savingsMinor)
    {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(unitId, "unitId");
        return publish((buffer, timestampMs) -> CommandCodec.encodeSetSavings(buffer, 0, timestampMs, participantId,
            unitId, savingsMinor));
    }

    /**
     * Sets or removes, for the next batch run only, a participant's receivable cap or liquidity commitment in a unit;
     * refused with {@link ResultCode#PROPOSAL_PENDING} while a proposal is pending.
     *
     * @param unitId      a defined unit, or "" for the default unit.
     * @param amountMinor the cap (0 or more) or the money committed (positive); 0 for the removals.
     */
    public CompletableFuture<CommandReply> setRunLimit(final String participantId, final String unitId,
        final RunLimitKind kind, final long amountMinor)
    {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(unitId, "unitId");
        Objects.requireNonNull(kind, "kind");
        return publish((buffer, timestampMs) -> CommandCodec.encodeSetRunLimit(buffer, 0, timestampMs, participantId,
            unitId, kind.wireValue(), amountMinor));
    }

    public CommandReply setRunLimitSync(final String participantId, final String unitId, final RunLimitKind kind,
        final long amountMinor)
    {
        return setRunLimit(participantId, unitId, kind, amountMinor).join();
    }

    public CommandReply submitObligationInUnitSync(final String obligationId, final String debtorId,
        final String creditorId, final long amountMinor, final String unitId, final long dueAtMs)
    {
        return submitObligationInUnit(obligationId, debtorId, creditorId, amountMinor, unitId, dueAtMs).join();
    }

    public CommandReply setDisputeSync(final String obligationId, final String participantId, final boolean disputed)
    {
        return setDispute(obligationId, participantId, disputed).join();
    }

    public CommandReply setRuleSync(final String participantId, final ExclusionRule rule, final long value,
        final String otherId)
    {
        return setRule(participantId, rule, value, otherId).join();
    }

    public CommandReply setOptOutSync(final String participantId, final OptOutMode mode)
    {
        return setOptOut(participantId, mode).join();
    }

    public CommandReply defineUnitSync(final String unitId, final boolean community, final int demurrageBasisPoints,
        final String fundId)
    {
        return defineUnit(unitId, community, demurrageBasisPoints, fundId).join();
    }

    public CommandReply proposeClearingSync(final long runId, final long deadlineMs, final boolean acceptByDefault)
    {
        return proposeClearing(runId, deadlineMs, acceptByDefault).join();
    }

    public CommandReply respondToProposalSync(final long runId, final String participantId, final boolean accept)
    {
        return respondToProposal(runId, participantId, accept).join();
    }

    public CommandReply commitClearingSync(final long runId)
    {
        return commitClearing(runId).join();
    }

    public CommandReply chargeDemurrageSync(final String unitId, final long periodId)
    {
        return chargeDemurrage(unitId, periodId).join();
    }

    public CommandReply setSavingsSync(final String participantId, final String unitId, final long savingsMinor)
    {
        return setSavings(participantId, unitId, savingsMinor).join();
    }

    /**
     * Designates the treasury through which runs convert between units at the published rates; "" removes it.
     * Refused with {@link ResultCode#PROPOSAL_PENDING} while a proposal is pending.
     */
    public CompletableFuture<CommandReply> setTreasury(final String participantId)
    {
        Objects.requireNonNull(participantId, "participantId");
        return publish((buffer, timestampMs) -> CommandCodec.encodeSetTreasury(buffer, 0, timestampMs, participantId));
    }

    /**
     * Publishes a unit's conversion rate: one minor unit is worth {@code numerator / denominator} of the treasury's
     * reference value (both positive; 0/0 withdraws the rate, else {@link ResultCode#INVALID_POLICY}). A later rate
     * replaces an earlier one. Refused with {@link ResultCode#PROPOSAL_PENDING} while a proposal is pending.
     *
     * @param unitId a defined unit, or "" for the default unit.
     */
    public CompletableFuture<CommandReply> setRate(final String unitId, final long numerator, final long denominator)
    {
        Objects.requireNonNull(unitId, "unitId");
        return publish((buffer, timestampMs) -> CommandCodec.encodeSetRate(buffer, 0, timestampMs, unitId, numerator,
            denominator));
    }

    /**
     * Marks an open obligation urgent (or takes the mark back), for {@link PriorityRule#URGENT_FIRST}.
     *
     * @param participantId the debtor or creditor that marks it ({@link ResultCode#NOT_A_PARTY} otherwise), or ""
     *                      for the operator.
     */
    public CompletableFuture<CommandReply> setUrgent(final String obligationId, final String participantId,
        final boolean urgent)
    {
        Objects.requireNonNull(obligationId, "obligationId");
        Objects.requireNonNull(participantId, "participantId");
        return publish((buffer, timestampMs) -> CommandCodec.encodeSetUrgent(buffer, 0, timestampMs, obligationId,
            participantId, urgent));
    }

    /**
     * Sets the priority rule of batch runs: standing, or for the next run only (which then overrides the standing
     * rule once). A priority never lowers the cleared total (docs/policies.md). Refused with
     * {@link ResultCode#PROPOSAL_PENDING} while a proposal is pending.
     */
    public CompletableFuture<CommandReply> setPriority(final PriorityRule rule, final boolean standing)
    {
        Objects.requireNonNull(rule, "rule");
        return publish((buffer, timestampMs) -> CommandCodec.encodeSetPriority(buffer, 0, timestampMs, rule.ordinal(),
            standing ? CommandCodec.PRIORITY_STANDING : CommandCodec.PRIORITY_NEXT_RUN));
    }

    /**
     * Places a participant in a community (created when first named); "" takes it out of its community.
     */
    public CompletableFuture<CommandReply> setCommunity(final String participantId, final String communityId)
    {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(communityId, "communityId");
        return publish((buffer, timestampMs) -> CommandCodec.encodeSetCommunity(buffer, 0, timestampMs, participantId,
            communityId));
    }

    /**
     * Places a community in a region (both created when first named); "" takes it out of its region.
     */
    public CompletableFuture<CommandReply> setRegion(final String communityId, final String regionId)
    {
        Objects.requireNonNull(communityId, "communityId");
        Objects.requireNonNull(regionId, "regionId");
        return publish((buffer, timestampMs) -> CommandCodec.encodeSetRegion(buffer, 0, timestampMs, communityId,
            regionId));
    }

    /**
     * Runs a batch clearing level by level: inside each community, then inside each region, then over everything
     * that remains ({@code HierarchicalClearing}), under the same policies as a flat run; the run record keeps what
     * each level cleared and the flat optimum ({@code PolicyStateView.runHierarchy}). Refused as a flat run is, and
     * with {@link ResultCode#HIERARCHY_WITH_LIQUIDITY} while liquidity is committed for the next run.
     *
     * @param runId positive and larger than any earlier run's, else {@link ResultCode#DUPLICATE}.
     */
    public CompletableFuture<CommandReply> runHierarchicalClearing(final long runId)
    {
        return publish((buffer, timestampMs) -> CommandCodec.encodeRunHierarchical(buffer, 0, timestampMs, runId));
    }

    /**
     * Runs a batch clearing by novation through community and region accounts ({@code
     * HierarchicalClearing.solveNovated}): obligations between communities are replaced by legs to and from the
     * community accounts ({@code community:NAME}, {@code region:NAME}, registered as participants when first
     * needed), pairs of accounts are netted, every stage is cleared exactly; what stays owed to / by the accounts is
     * recorded as new obligations {@code nRUN/ID/debtor}, {@code nRUN/ID/creditor} and {@code nRUN/FROM/TO}. Every net
     * position is kept; the run record ({@code PolicyStateView.runNovation}) has both sides of every obligation.
     * Obligations in other units, with a party in no community or an account as a party are left untouched. Refused
     * as a hierarchical run is, and with {@link ResultCode#NOVATION_UNSUPPORTED} (caps for the run, regions for only
     * some of the run's communities) or {@link ResultCode#NOVATION_ACCOUNT_TAKEN}.
     *
     * @param runId positive and larger than any earlier run's, else {@link ResultCode#DUPLICATE}.
     */
    public CompletableFuture<CommandReply> runNovatedClearing(final long runId)
    {
        return publish((buffer, timestampMs) -> CommandCodec.encodeRunNovated(buffer, 0, timestampMs, runId));
    }

    public CommandReply runNovatedClearingSync(final long runId)
    {
        return runNovatedClearing(runId).join();
    }

    public CommandReply setTreasurySync(final String participantId)
    {
        return setTreasury(participantId).join();
    }

    public CommandReply setRateSync(final String unitId, final long numerator, final long denominator)
    {
        return setRate(unitId, numerator, denominator).join();
    }

    public CommandReply setUrgentSync(final String obligationId, final String participantId, final boolean urgent)
    {
        return setUrgent(obligationId, participantId, urgent).join();
    }

    public CommandReply setPrioritySync(final PriorityRule rule, final boolean standing)
    {
        return setPriority(rule, standing).join();
    }

    public CommandReply setCommunitySync(final String participantId, final String communityId)
    {
        return setCommunity(participantId, communityId).join();
    }

    public CommandReply setRegionSync(final String communityId, final String regionId)
    {
        return setRegion(communityId, regionId).join();
    }

    public CommandReply runHierarchicalClearingSync(final long runId)
    {
        return runHierarchicalClearing(runId).join();
    }

    /**
     * Writes one command into a claimed ring entry.
     */
    @FunctionalInterface
    private interface CommandEncoder
    {
        /**
         * @return encoded length, or {@link CommandCodec#TOO_LONG}.
         */
        int encode(UnsafeBuffer buffer, long timestampMs);
    }

    private CompletableFuture<CommandReply> publish(final CommandEncoder encoder)
    {
        final CompletableFuture<CommandReply> future = new CompletableFuture<>();
        final long sequence = claim(future, null, 0);
        if (sequence >= 0)
        {
            final CommandEvent event = ringBuffer.get(sequence);
            try
            {
                encoded(event, encoder.encode(event.bufferFor(CommandCodec.MAX_COMMAND_BYTES), clock.time()));
            }
            finally
            {
                ringBuffer.publish(sequence);
            }
        }
        return future;
    }

    private void publishRegister(final CharSequence participantId, final CharSequence displayName,
        final CompletableFuture<CommandReply> future, final ResultListener listener, final long correlationId)
    {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(displayName, "displayName");
        final long sequence = claim(future, listener, correlationId);
        if (sequence >= 0)
        {
            final CommandEvent event = ringBuffer.get(sequence);
            try
            {
                final UnsafeBuffer buffer =
                    event.bufferFor(CommandCodec.registerParticipantBound(participantId, displayName));
                encoded(event, CommandCodec.encodeRegisterParticipant(buffer, 0, clock.time(), participantId,
                    displayName));
            }
            finally
            {
                ringBuffer.publish(sequence);
            }
        }
    }

    private void publishSubmit(final CharSequence obligationId, final CharSequence debtorId,
        final CharSequence creditorId, final long amountMinor, final CompletableFuture<CommandReply> future,
        final ResultListener listener, final long correlationId)
    {
        Objects.requireNonNull(obligationId, "obligationId");
        Objects.requireNonNull(debtorId, "debtorId");
        Objects.requireNonNull(creditorId, "creditorId");
        final long sequence = claim(future, listener, correlationId);
        if (sequence >= 0)
        {
            final CommandEvent event = ringBuffer.get(sequence);
            try
            {
                final UnsafeBuffer buffer =
                    event.bufferFor(CommandCodec.submitObligationBound(obligationId, debtorId, creditorId));
                encoded(event, CommandCodec.encodeSubmitObligation(buffer, 0, clock.time(), obligationId, debtorId,
                    creditorId, amountMinor));
            }
            finally
            {
                ringBuffer.publish(sequence);
            }
        }
    }

    public CommandReply registerParticipantSync(final String participantId, final String displayName)
    {
        return registerParticipant(participantId, displayName).join();
    }

    public CommandReply submitObligationSync(final String obligationId, final String debtorId, final String creditorId,
        final long amountMinor)
    {
        return submitObligation(obligationId, debtorId, creditorId, amountMinor).join();
    }

    public CommandReply recordPaymentSync(final String paymentId, final String obligationId, final long amountMinor)
    {
        return recordPayment(paymentId, obligationId, amountMinor).join();
    }

    public CommandReply runClearingSync(final long runId)
    {
        return runClearing(runId).join();
    }

    /**
     * Runs a read-only query on the logic thread, after every command published before it.
     */
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> query(final Function<ClearingStateView, T> query)
    {
        final CompletableFuture<Object> future = new CompletableFuture<>();
        if (!running)
        {
            future.completeExceptionally(new IllegalStateException("engine is closed"));
            return (CompletableFuture<T>)future;
        }
        final long sequence = ringBuffer.next();
        final CommandEvent event = ringBuffer.get(sequence);
        event.kind = CommandEvent.QUERY;
        event.query = query;
        event.queryFuture = future;
        ringBuffer.publish(sequence);
        return (CompletableFuture<T>)future;
    }

    public <T> T querySync(final Function<ClearingStateView, T> query)
    {
        return query(query).join();
    }

    /**
     * @return {@link ClearingStateView#stateHash()} after every command published before this call.
     */
    public long stateHash()
    {
        return querySync(ClearingStateView::stateHash);
    }

    /**
     * Stops accepting commands, lets the ring drain, stops both threads (waiting at most
     * {@link Context#shutdownTimeoutMs()}) and closes the journal. Call it once producers have stopped: a command
     * published concurrently with close may be neither journaled nor answered.
     */
    @Override
    public void close()
    {
        if (!running)
        {
            return;
        }
        running = false;
        try
        {
            disruptor.shutdown(context.shutdownTimeoutMs(), TimeUnit.MILLISECONDS);
        }
        catch (final TimeoutException ex)
        {
            context.errorHandler().onError(new IllegalStateException(
                "engine threads did not stop within " + context.shutdownTimeoutMs() + " ms", ex));
            disruptor.halt();
        }
        finally
        {
            // Halting does not wait for the stages' threads, and a stage still starting (the journal stage opens its
            // writer as it starts) would find the journal closed under it.
            awaitStageThreads(System.currentTimeMillis() + context.shutdownTimeoutMs());
            journal.close();
        }
    }

    /**
     * Waits for the stages' threads to end, at most until {@code deadlineMs}, keeping the caller's interrupt for after.
     */
    private void awaitStageThreads(final long deadlineMs)
    {
        boolean interrupted = false;
        for (final Thread thread : stageThreads)
        {
            long leftMs;
            while (thread.isAlive() && (leftMs = deadlineMs - System.currentTimeMillis()) > 0)
            {
                try
                {
                    thread.join(leftMs);
                }
                catch (final InterruptedException ex)
                {
                    interrupted = true;
                }
            }
            if (thread.isAlive())
            {
                context.errorHandler().onError(new IllegalStateException(thread.getName() +
                    " did not end within " + context.shutdownTimeoutMs() + " ms of close; closing the journal"));
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @return the ring sequence to fill, or -1 when closed (the reply has then been given).
     */
    private long claim(final CompletableFuture<CommandReply> future, final ResultListener listener,
        final long correlationId)
    {
        if (!running)
        {
            if (listener != null)
            {
                listener.onResult(correlationId, ResultCode.ENGINE_CLOSED, 0);
            }
            if (future != null)
            {
                future.complete(new CommandReply(ResultCode.ENGINE_CLOSED, 0));
            }
            return -1;
        }
        final long sequence = ringBuffer.next();
        final CommandEvent event = ringBuffer.get(sequence);
        event.kind = CommandEvent.REJECTED_AT_EDGE;
        event.edgeRejection = ResultCode.MALFORMED.code();
        event.future = future;
        if (event.listener != listener)
        {
            event.listener = listener;
        }
        event.correlationId = correlationId;
        return sequence;
    }

    /**
     * Like {@link #claim} without waiting.
     *
     * @return the ring sequence to fill, -1 when closed (the reply has then been given), or {@link #RING_FULL}.
     */
    private long tryClaim(final ResultListener listener, final long correlationId)
    {
        if (!running)
        {
            listener.onResult(correlationId, ResultCode.ENGINE_CLOSED, 0);
            return -1;
        }
        final long sequence;
        try
        {
            sequence = ringBuffer.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            return RING_FULL;
        }
        final CommandEvent event = ringBuffer.get(sequence);
        event.kind = CommandEvent.REJECTED_AT_EDGE;
        event.edgeRejection = ResultCode.MALFORMED.code();
        event.future = null;
        if (event.listener != listener)
        {
            event.listener = listener;
        }
        event.correlationId = correlationId;
        return sequence;
    }

    /**
     * Marks the claimed entry as a command of {@code length} bytes, or as refused at the edge; set before anything
     * can throw so that a published entry is always well-formed.
     */
    private static void encoded(final CommandEvent event, final int length)
    {
        if (length == CommandCodec.TOO_LONG || length == CommandCodec.NOT_UTF8)
        {
            event.kind = CommandEvent.REJECTED_AT_EDGE;
            event.edgeRejection = length == CommandCodec.TOO_LONG ? ResultCode.TOO_LONG.code() :
                ResultCode.MALFORMED.code();
            event.length = 0;
        }
        else
        {
            event.kind = CommandEvent.COMMAND;
            event.length = length;
        }
    }

    /**
     * Keeps the stage threads alive on an unexpected exception and reports it; never rethrows (a dead stage
     * thread would make shutdown wait forever).
     */
    private static final class ReportingExceptionHandler implements ExceptionHandler<CommandEvent>
    {
        private final ErrorHandler errorHandler;

        ReportingExceptionHandler(final ErrorHandler errorHandler)
        {
            this.errorHandler = errorHandler;
        }

        @Override
        public void handleEventException(final Throwable ex, final long sequence, final CommandEvent event)
        {
            errorHandler.onError(ex);
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            errorHandler.onError(ex);
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            errorHandler.onError(ex);
        }
    }
}
