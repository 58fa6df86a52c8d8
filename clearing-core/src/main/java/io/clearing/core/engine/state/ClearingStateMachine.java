package io.clearing.core.engine.state;

import io.clearing.core.api.ClearingSolver;
import io.clearing.core.engine.api.AccountBalance;
import io.clearing.core.engine.api.ClearingCertificate;
import io.clearing.core.engine.api.ClearingRunSummary;
import io.clearing.core.engine.api.ClearingStateView;
import io.clearing.core.engine.api.ContinuousPolicy;
import io.clearing.core.engine.api.EngineTotals;
import io.clearing.core.policy.ExclusionReason;
import io.clearing.core.engine.api.ObligationState;
import io.clearing.core.engine.api.ParticipantPolicy;
import io.clearing.core.engine.api.ObligationStatus;
import io.clearing.core.engine.api.ParticipantPosition;
import io.clearing.core.engine.api.PolicyStateView;
import io.clearing.core.engine.api.ProposalState;
import io.clearing.core.engine.api.RunLimit;
import io.clearing.core.engine.api.RunMoney;
import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.engine.api.SetOffNotice;
import io.clearing.core.engine.api.UnitSummary;
import io.clearing.core.engine.api.CommunityMembership;
import io.clearing.core.engine.api.CrossUnitPart;
import io.clearing.core.engine.api.RunCertificate;
import io.clearing.core.engine.api.RunConversion;
import io.clearing.core.engine.api.RunHierarchy;
import io.clearing.core.engine.api.NovatedCertificate;
import io.clearing.core.engine.api.RunNovation;
import io.clearing.core.engine.api.TreasuryExposure;
import io.clearing.core.engine.api.UnitRate;
import io.clearing.core.policy.PriorityRule;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.clearing.core.engine.state.CommandCodec.*;

/**
 * The clearing engine's business logic: a pure deterministic state machine over {@link CommandCodec} commands.
 * Validates each command, then changes the {@link Ledger} or returns a rejection code leaving everything as it
 * was. Submissions are idempotent by obligation id; payments by payment id; batch runs by increasing run id.
 * The community policies (disputes, exclusion rules, opt-outs, units, proposals held for acceptance, demurrage) are
 * applied by {@link PolicyCommands} on the same state.
 * <p>
 * Single-threaded (see {@link CommandStateMachine}); the submit path allocates nothing once arrays have grown.
 */
public final class ClearingStateMachine implements CommandStateMachine, ClearingStateView, PolicyStateView
{
    private static final int SNAPSHOT_MAGIC = 0x434C5253;
    /**
     * The current layout; every earlier version (1 to 5, the constants below) still loads: {@link #writeSnapshot}
     * and {@link #loadSnapshot} say what each version added.
     */
    private static final int SNAPSHOT_VERSION = 6;
    static final int SNAPSHOT_VERSION_WITHOUT_NOVATION_PROOF = 5;
    static final int SNAPSHOT_VERSION_WITHOUT_NOVATION = 4;
    static final int SNAPSHOT_VERSION_WITHOUT_CERTIFICATES = 3;
    static final int SNAPSHOT_VERSION_WITHOUT_RUN_RULES = 2;
    static final int SNAPSHOT_VERSION_WITHOUT_POLICIES = 1;

    private static final int ACCEPTED = ResultCode.ACCEPTED.code();
    private static final int DUPLICATE = ResultCode.DUPLICATE.code();
    private static final int ID_CONFLICT = ResultCode.ID_CONFLICT.code();
    private static final int INVALID_ID = ResultCode.INVALID_ID.code();
    private static final int INVALID_AMOUNT = ResultCode.INVALID_AMOUNT.code();
    private static final int UNKNOWN_PARTICIPANT = ResultCode.UNKNOWN_PARTICIPANT.code();
    private static final int SAME_PARTICIPANT = ResultCode.SAME_PARTICIPANT.code();
    private static final int UNKNOWN_OBLIGATION = ResultCode.UNKNOWN_OBLIGATION.code();
    private static final int OBLIGATION_CLOSED = ResultCode.OBLIGATION_CLOSED.code();
    private static final int PAYMENT_EXCEEDS_OPEN = ResultCode.PAYMENT_EXCEEDS_OPEN.code();
    private static final int TOTAL_DEBT_OVERFLOW = ResultCode.TOTAL_DEBT_OVERFLOW.code();
    private static final int INVALID_SETTING = ResultCode.INVALID_SETTING.code();
    private static final int MALFORMED = ResultCode.MALFORMED.code();
    private static final int UNKNOWN_UNIT = ResultCode.UNKNOWN_UNIT.code();
    private static final int INVALID_POLICY = ResultCode.INVALID_POLICY.code();
    private static final int PROPOSAL_PENDING = ResultCode.PROPOSAL_PENDING.code();
    private static final int HIERARCHY_WITH_LIQUIDITY = ResultCode.HIERARCHY_WITH_LIQUIDITY.code();
    private static final int POLICY_OVERFLOW = ResultCode.POLICY_OVERFLOW.code();
    private static final int NOVATION_UNSUPPORTED = ResultCode.NOVATION_UNSUPPORTED.code();

    private final ClearingSolver solver = new ClearingSolver(() -> 0L);
    private Ledger ledger;
    private Payments payments;
    private Policies policies;
    private CycleSearch cycleSearch;
    private ClearingRuns runs = new ClearingRuns();
    private PolicyCommands policyCommands;
    private RunRuleCommands runRuleCommands;
    private boolean continuousEnabled;
    private int maxCycleLength = ContinuousPolicy.DISABLED.maxCycleLength();
    private int maxVisitedNodes = ContinuousPolicy.DISABLED.maxVisitedNodes();
    private int maxEdgeScans = ContinuousPolicy.DISABLED.maxEdgeScans();
    private long resultValue;
    private long participantHints = ParticipantHints.NONE;
    // The counts a snapshot loaded into this state makes its arrays for at least; not state.
    private final int expectedParticipants;
    private final int expectedObligations;
    // What prepare() read, kept so that its reads are not optimised away; not state.
    private long prepared;

    public ClearingStateMachine()
    {
        this(1024, 16 * 1024);
    }

    /**
     * @param expectedParticipants initial capacity (grows as needed).
     * @param expectedObligations  initial capacity (grows as needed).
     */
    public ClearingStateMachine(final int expectedParticipants, final int expectedObligations)
    {
        this(expectedParticipants, expectedObligations, expectedParticipants, expectedObligations);
    }

    /**
     * A state to load a snapshot into, its arrays made small: loading makes them for the snapshot's counts and a
     * quarter more, or for the expected counts when those are larger. A state made with the expected counts would
     * make its arrays twice, the first time in vain (with 12 M expected obligations a restart from a 9 M snapshot
     * took seconds longer, docs/engine.md).
     */
    public static ClearingStateMachine sizedOnLoad(final int expectedParticipants, final int expectedObligations)
    {
        return new ClearingStateMachine(16, 16, expectedParticipants, expectedObligations);
    }

    private ClearingStateMachine(final int participantCapacity, final int obligationCapacity,
        final int expectedParticipants, final int expectedObligations)
    {
        this.expectedParticipants = expectedParticipants;
        this.expectedObligations = expectedObligations;
        ledger = new Ledger(participantCapacity, obligationCapacity);
        payments = new Payments(1024);
        policies = new Policies();
        cycleSearch = new CycleSearch(ledger, policies);
        policyCommands = new PolicyCommands(ledger, policies, runs, solver);
        runRuleCommands = new RunRuleCommands(ledger, policies, policies.rules);
    }

    /**
     * Participants the arrays hold before they grow (for tests).
     */
    int participantCapacity()
    {
        return ledger.displayName.length;
    }

    /**
     * Obligations the arrays hold before they grow (for tests).
     */
    int obligationCapacity()
    {
        return ledger.debtor.length;
    }

    /**
     * From now on every participant the state accepts (registrations, clearing accounts of novated runs) is passed
     * to {@code hints} ({@link ParticipantHints#learn}, on this thread), which teaches it to the thread that makes
     * hints. Not part of the state: no effect on outcomes, snapshots or the hash.
     */
    public void teach(final ParticipantHints hints)
    {
        ledger.hintsToTeach = hints;
    }

    public int participantCount()
    {
        return ledger.participantCount;
    }

    /**
     * @return the id of participant {@code index} (0 to {@link #participantCount()} - 1).
     */
    public String participantIdText(final int index)
    {
        return ledger.participantIdText[index];
    }

    @Override
    public int apply(final DirectBuffer buffer, final int offset, final int length)
    {
        return apply(buffer, offset, length, ParticipantHints.NONE);
    }

    @Override
    public int apply(final DirectBuffer buffer, final int offset, final int length, final long participantHints)
    {
        this.participantHints = participantHints;
        resultValue = 0;
        if (length < BODY_OFFSET || offset < 0 || length > buffer.capacity() - offset)
        {
            // A range past the buffer is refused here, once: the hot commands' fields are then read unchecked.
            return MALFORMED;
        }
        final long timestampMs = UncheckedReads.getLong(buffer, offset + TIMESTAMP_OFFSET);
        final int type = UncheckedReads.getInt(buffer, offset + TYPE_OFFSET);
        switch (type)
        {
            case TYPE_SUBMIT_OBLIGATION:
                return submit(buffer, offset, length, timestampMs);
            case TYPE_SUBMIT_IN_UNIT:
                return submitInUnit(buffer, offset, length, timestampMs);
            case TYPE_REGISTER_PARTICIPANT:
                return register(buffer, offset, length, timestampMs);
            case TYPE_RECORD_PAYMENT:
                return pay(buffer, offset, length, timestampMs);
            case TYPE_RUN_HIERARCHICAL:
                if (length == RUN_MODE_COMMAND_LENGTH)
                {
                    return buffer.getInt(offset + RUN_MODE_OFFSET) == RUN_MODE_NOVATED ?
                        runNovated(buffer.getLong(offset + RUN_ID_OFFSET), timestampMs) : MALFORMED;
                }
                return length == LONG_COMMAND_LENGTH ?
                    runClearing(buffer.getLong(offset + RUN_ID_OFFSET), timestampMs, true) : MALFORMED;
            case TYPE_RUN_CLEARING:
                return length == LONG_COMMAND_LENGTH ?
                    runClearing(buffer.getLong(offset + RUN_ID_OFFSET), timestampMs, false) :
                    MALFORMED;
            case TYPE_TAKE_SNAPSHOT:
                resultValue = length == LONG_COMMAND_LENGTH ? buffer.getLong(offset + SNAPSHOT_ID_OFFSET) : 0;
                return length == LONG_COMMAND_LENGTH ? ACCEPTED : MALFORMED;
            case TYPE_CONFIGURE_CONTINUOUS:
                return length == CONTINUOUS_COMMAND_LENGTH ? configure(buffer, offset) : MALFORMED;
            default:
                if (type > TYPE_SUBMIT_IN_UNIT && type <= TYPE_SET_RUN_LIMIT)
                {
                    final int code = policyCommands.apply(type, buffer, offset, length, timestampMs);
                    resultValue = policyCommands.resultValue;
                    return code;
                }
                if (type >= TYPE_SET_TREASURY && type <= TYPE_SET_REGION)
                {
                    policies.ensureParticipants(ledger.participantCount);
                    final int code = runRuleCommands.apply(type, buffer, offset, length);
                    resultValue = runRuleCommands.resultValue;
                    return code;
                }
                return MALFORMED;
        }
    }

    /**
     * Reads the records of the participants the hints name, and the first slot each submission's id lookup will
     * read. A load that misses holds up the core until it is served, and one submission's work fills the core's
     * window for running ahead, so applying one command at a time waits for each of these in turn; read together
     * here, the misses overlap. With 100,000 participants (6.4 MB of records) and 10 M ids (a 256 MB table) applying
     * in batches of 256 gained 5 to 9 % from the participants and about 11 % more from the id slots
     * ({@code ApplyFromMemoryBenchmark}, {@code -Dprepare}); computing the placements here instead of on the thread
     * before cost more than it saved.
     */
    @Override
    public void prepare(final long[] participantHints, final long[] idPlacements, final int from, final int to)
    {
        final Ledger ledger = this.ledger;
        final ByteKeyIndex obligationIds = ledger.obligationIds;
        long read = 0;
        for (int i = from; i < to; i++)
        {
            final long hints = participantHints[i];
            read += ledger.touchParticipant(ParticipantHints.debtor(hints)) +
                ledger.touchParticipant(ParticipantHints.creditor(hints)) + obligationIds.touchSlot(idPlacements[i]);
        }
        prepared = read;
    }

    /**
     * For {@link #prepare}, on a thread before the logic thread: where the lookup of a submission's obligation id will
     * start ({@link ByteKeyIndex#placementHash}), in the default unit or another; 0 for any other command or a
     * malformed one.
     */
    public static long idPlacement(final DirectBuffer buffer, final int offset, final int length)
    {
        final int layout = CommandCodec.submissionLayout(buffer, offset, length);
        final int idLength = CommandCodec.idLengthOf(layout);
        return layout == CommandCodec.NO_SUBMISSION || idLength == 0 ? 0 :
            ByteKeyIndex.placementHash(buffer, offset + CommandCodec.keysAt(layout), idLength);
    }

    @Override
    public long lastResultValue()
    {
        return resultValue;
    }

    private int register(final DirectBuffer buffer, final int offset, final int length, final long timestampMs)
    {
        if (length < REGISTER_KEYS_OFFSET)
        {
            return MALFORMED;
        }
        final int idLength = buffer.getShort(offset + REGISTER_ID_LENGTH_OFFSET);
        final int nameLength = buffer.getShort(offset + REGISTER_NAME_LENGTH_OFFSET);
        if (idLength < 0 || nameLength < 0 || idLength > MAX_ID_BYTES || nameLength > MAX_ID_BYTES ||
            REGISTER_KEYS_OFFSET + idLength + nameLength != length)
        {
            return MALFORMED;
        }
        if (idLength == 0)
        {
            return INVALID_ID;
        }
        final int idOffset = offset + REGISTER_KEYS_OFFSET;
        final String name = buffer.getStringWithoutLengthUtf8(idOffset + idLength, nameLength);
        final int existing = ledger.participantIds.find(buffer, idOffset, idLength);
        if (existing != ByteKeyIndex.MISSING)
        {
            resultValue = existing;
            return ledger.displayName[existing].equals(name) ? DUPLICATE : ID_CONFLICT;
        }
        resultValue = ledger.addParticipant(buffer, idOffset, idLength, name, timestampMs);
        if (policies.unitCount > 0)
        {
            policies.ensureParticipants(ledger.participantCount);
        }
        return ACCEPTED;
    }

    private int submit(final DirectBuffer buffer, final int offset, final int length, final long timestampMs)
    {
        if (length < SUBMIT_KEYS_OFFSET)
        {
            return MALFORMED;
        }
        final int idLength = UncheckedReads.getShort(buffer, offset + SUBMIT_ID_LENGTH_OFFSET);
        final int debtorLength = UncheckedReads.getShort(buffer, offset + SUBMIT_DEBTOR_LENGTH_OFFSET);
        final int creditorLength = UncheckedReads.getShort(buffer, offset + SUBMIT_CREDITOR_LENGTH_OFFSET);
        if (idLength < 0 || debtorLength < 0 || creditorLength < 0 || idLength > MAX_ID_BYTES ||
            debtorLength > MAX_ID_BYTES || creditorLength > MAX_ID_BYTES ||
            SUBMIT_KEYS_OFFSET + idLength + debtorLength + creditorLength != length)
        {
            return MALFORMED;
        }
        if (idLength == 0 || debtorLength == 0 || creditorLength == 0)
        {
            return INVALID_ID;
        }
        return addObligation(buffer, offset + SUBMIT_KEYS_OFFSET, idLength, debtorLength, creditorLength,
            UncheckedReads.getLong(buffer, offset + SUBMIT_AMOUNT_OFFSET), Policies.DEFAULT_UNIT, 0, timestampMs);
    }

    private int submitInUnit(final DirectBuffer buffer, final int offset, final int length, final long timestampMs)
    {
        if (!keysFit(buffer, offset, length, UNIT_SUBMIT_LENGTHS_OFFSET, 4, UNIT_SUBMIT_KEYS_OFFSET))
        {
            return MALFORMED;
        }
        final int lengths = offset + UNIT_SUBMIT_LENGTHS_OFFSET;
        final int idLength = buffer.getShort(lengths);
        final int debtorLength = buffer.getShort(lengths + 2);
        final int creditorLength = buffer.getShort(lengths + 4);
        final int unitLength = buffer.getShort(lengths + 6);
        if (idLength == 0 || debtorLength == 0 || creditorLength == 0)
        {
            return INVALID_ID;
        }
        final int idOffset = offset + UNIT_SUBMIT_KEYS_OFFSET;
        final int unit = policies.findUnit(buffer, idOffset + idLength + debtorLength + creditorLength, unitLength);
        return addObligation(buffer, idOffset, idLength, debtorLength, creditorLength,
            buffer.getLong(offset + UNIT_SUBMIT_AMOUNT_OFFSET), unit, buffer.getLong(offset + UNIT_SUBMIT_DUE_OFFSET),
            timestampMs);
    }

    /**
     * The checks and effect of a submission; {@code unit} is {@link Policies#NONE} when the unit id is not defined.
     */
    private int addObligation(
        final DirectBuffer buffer,
        final int idOffset,
        final int idLength,
        final int debtorLength,
        final int creditorLength,
        final long amount,
        final int unit,
        final long dueAtMs,
        final long timestampMs)
    {
        final int debtor = ledger.findParticipant(buffer, idOffset + idLength, debtorLength,
            ParticipantHints.debtor(participantHints));
        final int creditor = ledger.findParticipant(buffer, idOffset + idLength + debtorLength, creditorLength,
            ParticipantHints.creditor(participantHints));
        final int existing = ledger.obligationIds.find(buffer, idOffset, idLength);
        if (existing != ByteKeyIndex.MISSING)
        {
            resultValue = existing;
            final boolean same = ledger.debtor[existing] == debtor && ledger.creditor[existing] == creditor &&
                ledger.amountMinor[existing] == amount && policies.unitOf(existing) == unit &&
                policies.dueOf(existing) == dueAtMs;
            return same ? DUPLICATE : ID_CONFLICT;
        }
        if (unit == Policies.NONE)
        {
            return UNKNOWN_UNIT;
        }
        if (dueAtMs < 0)
        {
            return INVALID_POLICY;
        }
        if (amount <= 0)
        {
            return INVALID_AMOUNT;
        }
        if (debtor == ByteKeyIndex.MISSING || creditor == ByteKeyIndex.MISSING)
        {
            return UNKNOWN_PARTICIPANT;
        }
        if (debtor == creditor)
        {
            return SAME_PARTICIPANT;
        }
        if (ledger.submittedMinor > Long.MAX_VALUE - amount)
        {
            return TOTAL_DEBT_OVERFLOW;
        }
        final int o = ledger.addObligation(buffer, idOffset, idLength, debtor, creditor, amount, timestampMs);
        policies.onObligationAdded(o, unit, dueAtMs);
        if (unit != Policies.DEFAULT_UNIT || dueAtMs != 0)
        {
            policies.used = true;
        }
        if (continuousEnabled && policies.exclusion(ledger, o, timestampMs) == 0)
        {
            resultValue = cycleSearch.clear(o, maxCycleLength, maxVisitedNodes, maxEdgeScans, timestampMs);
        }
        return ACCEPTED;
    }

    private int pay(final DirectBuffer buffer, final int offset, final int length, final long timestampMs)
    {
        if (length < PAYMENT_KEYS_OFFSET)
        {
            return MALFORMED;
        }
        final int paymentLength = UncheckedReads.getShort(buffer, offset + PAYMENT_ID_LENGTH_OFFSET);
        final int obligationLength = UncheckedReads.getShort(buffer, offset + PAYMENT_OBLIGATION_LENGTH_OFFSET);
        if (paymentLength < 0 || obligationLength < 0 || paymentLength > MAX_ID_BYTES ||
            obligationLength > MAX_ID_BYTES || PAYMENT_KEYS_OFFSET + paymentLength + obligationLength != length)
        {
            return MALFORMED;
        }
        if (paymentLength == 0 || obligationLength == 0)
        {
            return INVALID_ID;
        }
        final long amount = UncheckedReads.getLong(buffer, offset + PAYMENT_AMOUNT_OFFSET);
        final int paymentOffset = offset + PAYMENT_KEYS_OFFSET;
        final int o = ledger.obligationIds.find(buffer, paymentOffset + paymentLength, obligationLength);
        final int existing = payments.ids.find(buffer, paymentOffset, paymentLength);
        if (existing != ByteKeyIndex.MISSING)
        {
            resultValue = existing;
            return payments.obligation[existing] == o && payments.amountMinor[existing] == amount ? DUPLICATE :
                ID_CONFLICT;
        }
        if (o == ByteKeyIndex.MISSING)
        {
            return UNKNOWN_OBLIGATION;
        }
        if (amount <= 0)
        {
            return INVALID_AMOUNT;
        }
        if (ledger.openMinor[o] == 0)
        {
            return OBLIGATION_CLOSED;
        }
        if (amount > ledger.openMinor[o])
        {
            return PAYMENT_EXCEEDS_OPEN;
        }
        payments.add(buffer, paymentOffset, paymentLength, o, amount, timestampMs);
        ledger.pay(o, amount, timestampMs);
        policies.onPayment(o, ledger.debtor[o], ledger.creditor[o], amount);
        resultValue = ledger.openMinor[o];
        return ACCEPTED;
    }

    /**
     * A batch run: flat, or level by level through the communities and regions when {@code hierarchical}.
     */
    private int runClearing(final long runId, final long timestampMs, final boolean hierarchical)
    {
        final int refused = refuseRun(runId, hierarchical);
        if (refused != ACCEPTED)
        {
            return refused;
        }
        final ClearingPlan plan = new ClearingPlan();
        try
        {
            if (hierarchical)
            {
                plan.list(ledger, policies, timestampMs, Policies.ANSWERS_IGNORED);
                plan.solveHierarchical(ledger, policies);
            }
            else
            {
                plan.solve(ledger, policies, solver, timestampMs, Policies.ANSWERS_IGNORED);
            }
        }
        catch (final ArithmeticException ex)
        {
            return POLICY_OVERFLOW;
        }
        if (hierarchical)
        {
            // a hierarchical run is a policy command: the state hash then covers the policies
            policies.used = true;
            policies.rules.used = true;
        }
        final ClearingRunRecord run = new ClearingRunRecord();
        resultValue = run.apply(ledger, policies, plan, runId, timestampMs, timestampMs);
        return recorded(run);
    }

    /**
     * The refusals every batch run shares, in order: a bad or already used run id (the earlier result stands), a
     * pending proposal, and for a run by levels committed liquidity.
     *
     * @return {@code ACCEPTED} when the run may go ahead, else the refusal.
     */
    private int refuseRun(final long runId, final boolean byLevels)
    {
        if (runId <= 0)
        {
            return INVALID_ID;
        }
        if (runId <= runs.last().runId)
        {
            resultValue = runs.last().clearedMinor;
            return DUPLICATE;
        }
        if (policies.proposalRunId != 0)
        {
            return PROPOSAL_PENDING;
        }
        if (byLevels && policies.committedLiquidityAny())
        {
            return HIERARCHY_WITH_LIQUIDITY;
        }
        return ACCEPTED;
    }

    /**
     * Keeps a run that was applied and ends the terms that held for it only.
     */
    private int recorded(final ClearingRunRecord run)
    {
        runs.add(run);
        policies.endNextRunTerms(ledger.participantCount);
        return ACCEPTED;
    }

    /**
     * A batch run cleared by novation through community and region accounts ({@link NovationRecord}): refused as a
     * hierarchical run is, while receivable caps are set for the run, and when only some of the run's communities are
     * in a region. Obligations in other units, with a party in no community or a clearing account are left untouched.
     */
    private int runNovated(final long runId, final long timestampMs)
    {
        final int refused = refuseRun(runId, true);
        if (refused != ACCEPTED)
        {
            return refused;
        }
        if (policies.limitCount > 0)
        {
            return NOVATION_UNSUPPORTED;
        }
        final ClearingPlan plan = new ClearingPlan();
        plan.list(ledger, policies, timestampMs, Policies.ANSWERS_IGNORED);
        final NovationRecord novation = new NovationRecord();
        try
        {
            final int code = novation.prepare(ledger, policies, runs, plan, runId);
            if (code != ACCEPTED)
            {
                return code;
            }
        }
        catch (final ArithmeticException ex)
        {
            return POLICY_OVERFLOW;
        }
        policies.used = true;
        policies.rules.used = true;
        final long debtBefore = ledger.totalDebtMinor;
        novation.applyTo(ledger, policies, timestampMs);
        final ClearingRunRecord run = new ClearingRunRecord();
        resultValue = run.recordNovated(ledger, plan, novation, runId, timestampMs, debtBefore);
        return recorded(run);
    }

    private int configure(final DirectBuffer buffer, final int offset)
    {
        final ContinuousPolicy policy = new ContinuousPolicy(
            buffer.getInt(offset + CONTINUOUS_ENABLED_OFFSET) != 0,
            buffer.getInt(offset + CONTINUOUS_DEPTH_OFFSET),
            buffer.getInt(offset + CONTINUOUS_VISITED_OFFSET),
            buffer.getInt(offset + CONTINUOUS_EDGES_OFFSET));
        if (policy.validationError() != null)
        {
            return INVALID_SETTING;
        }
        continuousEnabled = policy.enabled();
        maxCycleLength = policy.maxCycleLength();
        maxVisitedNodes = policy.maxVisitedNodes();
        maxEdgeScans = policy.maxEdgeScans();
        return ACCEPTED;
    }

    @Override
    public void writeSnapshot(final SnapshotOutput out)
    {
        writeSnapshot(out, SNAPSHOT_VERSION);
    }

    /**
     * Writes the current version, or the layout of version 1 (the last run only, without policies or certificates:
     * only meaningful while no policy is in use), so that loading what an earlier engine wrote stays tested.
     * <p>
     * Version 6: version 5, then per novated run its proof (groups, arc nodes, every stage's potentials).
     * Version 5: version 4, then per run whether it was novated and its {@link NovationRecord}.
     * Version 4: version 3, then each run's certificate and the rules it was solved under ({@link RunProof}), and
     * the pending proposal's. Version 3: version 2, then each run's cross-unit parts and hierarchy figures, the pending proposal's, and the
     * run rules. Version 2: ledger, payments, run count and each run's notices, continuous settings, then each run's
     * exclusion reasons, money and certificate, then the policies. Version 1: ledger, payments, the last run's
     * notices, continuous settings.
     */
    void writeSnapshot(final SnapshotOutput out, final int version)
    {
        out.putInt(SNAPSHOT_MAGIC);
        out.putInt(version);
        ledger.writeTo(out);
        payments.writeTo(out);
        final boolean withRuns = version >= SNAPSHOT_VERSION_WITHOUT_RUN_RULES;
        if (withRuns)
        {
            out.putInt(runs.size());
            for (int i = 0; i < runs.size(); i++)
            {
                runs.get(i).writeTo(out);
            }
        }
        else
        {
            runs.last().writeTo(out);
        }
        out.putInt(continuousEnabled ? 1 : 0);
        out.putInt(maxCycleLength);
        out.putInt(maxVisitedNodes);
        out.putInt(maxEdgeScans);
        if (withRuns)
        {
            for (int i = 0; i < runs.size(); i++)
            {
                runs.get(i).writeExtrasTo(out);
            }
            policies.writeTo(out, ledger.participantCount, ledger.obligationCount);
        }
        if (version >= SNAPSHOT_VERSION_WITHOUT_CERTIFICATES)
        {
            for (int i = 0; i < runs.size(); i++)
            {
                runs.get(i).writeConversionTo(out);
            }
            policies.proposal.writeConversionTo(out);
            policies.rules.writeTo(out, ledger.participantCount, ledger.obligationCount, policies.unitCount);
        }
        if (version >= SNAPSHOT_VERSION_WITHOUT_NOVATION)
        {
            for (int i = 0; i < runs.size(); i++)
            {
                runs.get(i).proof.writeTo(out);
            }
            policies.proposal.proof.writeTo(out);
        }
        if (version >= SNAPSHOT_VERSION_WITHOUT_NOVATION_PROOF)
        {
            for (int i = 0; i < runs.size(); i++)
            {
                runs.get(i).writeNovationTo(out);
            }
        }
        if (version >= SNAPSHOT_VERSION)
        {
            for (int i = 0; i < runs.size(); i++)
            {
                runs.get(i).writeNovationProofTo(out);
            }
        }
    }

    @Override
    public void loadSnapshot(final SnapshotInput in)
    {
        final int magic = in.getInt();
        final int version = in.getInt();
        if (magic != SNAPSHOT_MAGIC || version < SNAPSHOT_VERSION_WITHOUT_POLICIES || version > SNAPSHOT_VERSION)
        {
            throw new SnapshotDamagedException("not a state snapshot of version " + SNAPSHOT_VERSION +
                " (magic " + Integer.toHexString(magic) + ", version " + version + ")");
        }
        final Ledger newLedger = new Ledger(16, 16);
        newLedger.readFrom(in, expectedParticipants, expectedObligations);
        final Payments newPayments = new Payments(16);
        newPayments.readFrom(in);
        final ClearingRuns newRuns = new ClearingRuns();
        final boolean withRuns = version >= SNAPSHOT_VERSION_WITHOUT_RUN_RULES;
        final int runCount = withRuns ? in.getCount(Integer.MAX_VALUE - 16) : 1;
        for (int i = 0; i < runCount; i++)
        {
            final ClearingRunRecord run = new ClearingRunRecord();
            run.readFrom(in);
            if (run.runId > 0)
            {
                if (run.runId <= newRuns.last().runId)
                {
                    throw new SnapshotDamagedException("clearing run ids out of order: " + run.runId);
                }
                newRuns.add(run);
            }
            else if (withRuns)
            {
                throw new SnapshotDamagedException("clearing run without an id");
            }
        }
        final boolean enabled = in.getInt() != 0;
        final int depth = in.getInt();
        final int visited = in.getInt();
        final int edges = in.getInt();
        final Policies newPolicies = new Policies();
        if (withRuns)
        {
            for (int i = 0; i < newRuns.size(); i++)
            {
                newRuns.get(i).readExtrasFrom(in);
            }
            newPolicies.readFrom(in, newLedger.participantCount, newLedger.obligationCount);
        }
        if (version >= SNAPSHOT_VERSION_WITHOUT_CERTIFICATES)
        {
            for (int i = 0; i < newRuns.size(); i++)
            {
                newRuns.get(i).readConversionFrom(in);
            }
            newPolicies.proposal.readConversionFrom(in);
            newPolicies.rules.readFrom(in, newLedger.participantCount, newLedger.obligationCount,
                newPolicies.unitCount);
        }
        if (version >= SNAPSHOT_VERSION_WITHOUT_NOVATION)
        {
            for (int i = 0; i < newRuns.size(); i++)
            {
                newRuns.get(i).proof.readFrom(in);
            }
            newPolicies.proposal.proof.readFrom(in);
        }
        if (version >= SNAPSHOT_VERSION_WITHOUT_NOVATION_PROOF)
        {
            for (int i = 0; i < newRuns.size(); i++)
            {
                newRuns.get(i).readNovationFrom(in, newLedger.participantCount, newLedger.obligationCount);
            }
        }
        if (version >= SNAPSHOT_VERSION)
        {
            for (int i = 0; i < newRuns.size(); i++)
            {
                newRuns.get(i).readNovationProofFrom(in, newLedger.participantCount);
            }
        }
        in.verifyChecksum();
        newLedger.hintsToTeach = ledger.hintsToTeach;
        ledger = newLedger;
        payments = newPayments;
        runs = newRuns;
        policies = newPolicies;
        cycleSearch = new CycleSearch(ledger, policies);
        policyCommands = new PolicyCommands(ledger, policies, runs, solver);
        runRuleCommands = new RunRuleCommands(ledger, policies, policies.rules);
        continuousEnabled = enabled;
        maxCycleLength = depth;
        maxVisitedNodes = visited;
        maxEdgeScans = edges;
    }

    @Override
    public long stateHash()
    {
        long h = ledger.hash(0x5EED);
        h = payments.hash(h);
        h = runs.hash(h);
        h = HashMix.mix(h, continuousEnabled ? 1 : 0);
        h = HashMix.mix(h, maxCycleLength);
        h = HashMix.mix(h, maxVisitedNodes);
        h = HashMix.mix(h, maxEdgeScans);
        h = policies.hash(h, ledger.participantCount, ledger.obligationCount);
        return policies.rules.hash(h, ledger.participantCount, ledger.obligationCount, policies.unitCount);
    }

    @Override
    public ParticipantPosition participant(final String participantId)
    {
        final int p = findParticipant(participantId);
        if (p == ByteKeyIndex.MISSING)
        {
            return null;
        }
        return position(p);
    }

    private ParticipantPosition position(final int p)
    {
        return new ParticipantPosition(ledger.participantIdText[p], ledger.displayName[p], ledger.net(p),
            ledger.owes(p), ledger.owed(p), ledger.openAsDebtor(p), ledger.openAsCreditor(p),
            ledger.registeredAtMs(p));
    }

    @Override
    public List<ObligationState> openObligations(final String participantId)
    {
        final int p = findParticipant(participantId);
        final List<ObligationState> open = new ArrayList<>();
        if (p == ByteKeyIndex.MISSING)
        {
            return open;
        }
        int out = ledger.outHead(p);
        int in = ledger.inHead(p);
        while (out != Ledger.NONE || in != Ledger.NONE)
        {
            if (in == Ledger.NONE || (out != Ledger.NONE && out < in))
            {
                open.add(obligationState(out));
                out = ledger.outNext[out];
            }
            else
            {
                open.add(obligationState(in));
                in = ledger.inNext[in];
            }
        }
        return open;
    }

    @Override
    public ObligationState obligation(final String obligationId)
    {
        final byte[] bytes = obligationId.getBytes(StandardCharsets.UTF_8);
        final int o = ledger.obligationIds.find(new UnsafeBuffer(bytes), 0, bytes.length);
        return o == ByteKeyIndex.MISSING ? null : obligationState(o);
    }

    @Override
    public EngineTotals totals()
    {
        return new EngineTotals(ledger.participantCount, ledger.obligationCount, ledger.openObligations,
            payments.count, ledger.totalDebtMinor, ledger.netInternalDebtMinor, ledger.submittedMinor,
            ledger.paidTotalMinor, ledger.continuousSetOffMinor, ledger.batchSetOffMinor, ledger.continuousCycles);
    }

    @Override
    public ClearingRunSummary lastClearingRun()
    {
        return summary(runs.last());
    }

    @Override
    public List<SetOffNotice> lastSetOffNotices()
    {
        return notices(runs.last(), ByteKeyIndex.MISSING, 0, runs.last().obligations);
    }

    @Override
    public List<ParticipantPosition> participants(final int fromIndex, final int limit)
    {
        checkPage(fromIndex, limit);
        final int end = (int)Math.min(ledger.participantCount, (long)fromIndex + limit);
        final List<ParticipantPosition> page = new ArrayList<>(Math.max(0, end - fromIndex));
        for (int p = fromIndex; p < end; p++)
        {
            page.add(position(p));
        }
        return page;
    }

    @Override
    public List<ObligationState> obligations(final String participantId, final ObligationStatus status,
        final int fromIndex, final int limit)
    {
        checkPage(fromIndex, limit);
        final List<ObligationState> page = new ArrayList<>();
        final int p = participantId == null ? ByteKeyIndex.MISSING : findParticipant(participantId);
        if (participantId != null && p == ByteKeyIndex.MISSING)
        {
            return page;
        }
        int skip = fromIndex;
        for (int o = 0; o < ledger.obligationCount && page.size() < limit; o++)
        {
            if ((p == ByteKeyIndex.MISSING || ledger.debtor[o] == p || ledger.creditor[o] == p) &&
                status.matches(ledger.openMinor[o]))
            {
                if (skip > 0)
                {
                    skip--;
                }
                else
                {
                    page.add(obligationState(o));
                }
            }
        }
        return page;
    }

    @Override
    public List<ClearingRunSummary> clearingRuns()
    {
        final List<ClearingRunSummary> all = new ArrayList<>(runs.size());
        for (int i = 0; i < runs.size(); i++)
        {
            all.add(summary(runs.get(i)));
        }
        return all;
    }

    @Override
    public ClearingRunSummary clearingRun(final long runId)
    {
        final ClearingRunRecord run = runs.find(runId);
        return run == null ? null : summary(run);
    }

    @Override
    public List<SetOffNotice> setOffNotices(final long runId, final String participantId, final int fromIndex,
        final int limit)
    {
        checkPage(fromIndex, limit);
        final ClearingRunRecord run = runs.find(runId);
        if (run == null)
        {
            return null;
        }
        if (participantId == null)
        {
            return notices(run, ByteKeyIndex.MISSING, fromIndex, limit);
        }
        final int p = findParticipant(participantId);
        return p == ByteKeyIndex.MISSING ? new ArrayList<>() : notices(run, p, fromIndex, limit);
    }

    @Override
    public ClearingCertificate clearingCertificate(final long runId)
    {
        final ClearingRunRecord run = runs.find(runId);
        if (run == null)
        {
            return null;
        }
        return new ClearingCertificate(run.runId, Arrays.asList(Arrays.copyOf(ledger.participantIdText,
            run.participants)), run.potentials.clone());
    }

    @Override
    public RunCertificate runCertificate(final long runId)
    {
        final ClearingRunRecord run = runs.find(runId);
        if (run == null)
        {
            return null;
        }
        return new RunCertificate(run.runId, run.proof.adopted, run.proof.certifiedRun(ledger, policies, run));
    }

    /**
     * @return the run's record, or null; lets the package's tests tamper with what a run keeps.
     */
    ClearingRunRecord runRecord(final long runId)
    {
        return runs.find(runId);
    }

    @Override
    public NovatedCertificate novatedCertificate(final long runId)
    {
        final ClearingRunRecord run = runs.find(runId);
        return run == null || run.novation == null ? null : run.novation.certificate(ledger, runId);
    }

    /**
     * @param participant ledger index to filter on, or {@link ByteKeyIndex#MISSING} for every notice.
     */
    private List<SetOffNotice> notices(final ClearingRunRecord run, final int participant, final int fromIndex,
        final int limit)
    {
        final List<SetOffNotice> page = new ArrayList<>();
        int skip = fromIndex;
        for (int i = 0; i < run.obligations && page.size() < limit; i++)
        {
            final int o = run.noticeObligation[i];
            if (participant != ByteKeyIndex.MISSING && ledger.debtor[o] != participant &&
                ledger.creditor[o] != participant)
            {
                continue;
            }
            if (skip > 0)
            {
                skip--;
                continue;
            }
            final long open = run.noticeOpenMinor[i];
            final long setOff = run.noticeSetOffMinor[i];
            page.add(new SetOffNotice(ledger.obligationIds.keyString(o),
                ledger.participantIdText[ledger.debtor[o]], ledger.participantIdText[ledger.creditor[o]],
                open, setOff, open - setOff, ExclusionReason.of(run.noticeExclusion[i])));
        }
        return page;
    }

    private static ClearingRunSummary summary(final ClearingRunRecord run)
    {
        return new ClearingRunSummary(run.runId, run.timestampMs, run.obligations, run.totalDebtBeforeMinor,
            run.netInternalDebtMinor, run.clearedMinor);
    }

    private static void checkPage(final int fromIndex, final int limit)
    {
        if (fromIndex < 0 || limit < 0)
        {
            throw new IllegalArgumentException("fromIndex and limit must be >= 0: " + fromIndex + ", " + limit);
        }
    }

    @Override
    public ContinuousPolicy continuousPolicy()
    {
        return new ContinuousPolicy(continuousEnabled, maxCycleLength, maxVisitedNodes, maxEdgeScans);
    }

    @Override
    public PolicyStateView policies()
    {
        return this;
    }

    @Override
    public List<UnitSummary> units()
    {
        final List<UnitSummary> units = new ArrayList<>(policies.unitCount);
        for (int u = 1; u <= policies.unitCount; u++)
        {
            final int fund = policies.fund[u];
            units.add(new UnitSummary(policies.unitIdText(u), policies.community[u],
                fund == Policies.NONE ? null : ledger.participantIdText[fund], policies.rateBasisPoints[u],
                policies.lastPeriodId[u], policies.lastPeriodChargedMinor[u], policies.chargedTotalMinor[u]));
        }
        return units;
    }

    @Override
    public List<AccountBalance> accounts(final String unitId)
    {
        final List<AccountBalance> accounts = new ArrayList<>();
        final byte[] bytes = unitId.getBytes(StandardCharsets.UTF_8);
        final int u = policies.findUnit(new UnsafeBuffer(bytes), 0, bytes.length);
        if (u == Policies.NONE || u == Policies.DEFAULT_UNIT)
        {
            return accounts;
        }
        for (int p = 0; p < ledger.participantCount; p++)
        {
            accounts.add(new AccountBalance(ledger.participantIdText[p], unitId, policies.settlementMinor[u][p],
                policies.savingsMinor[u][p], policies.demurrageLastMinor[u][p], policies.demurrageTotalMinor[u][p]));
        }
        return accounts;
    }

    @Override
    public ParticipantPolicy participantPolicy(final String participantId)
    {
        final int p = findParticipant(participantId);
        if (p == ByteKeyIndex.MISSING)
        {
            return null;
        }
        final List<String> related = new ArrayList<>();
        for (int q = 0; q < ledger.participantCount; q++)
        {
            if (policies.relatedCount > 0 && policies.isRelated(p, q))
            {
                related.add(ledger.participantIdText[q]);
            }
        }
        final byte optOut = policies.optOutOf(p);
        return new ParticipantPolicy(participantId, optOut == Policies.OPTED_OUT_NEXT_RUN,
            optOut == Policies.OPTED_OUT_UNTIL_IN, policies.minimumOf(p), policies.dueWindowOf(p), related);
    }

    @Override
    public ProposalState pendingProposal()
    {
        if (policies.proposalRunId == 0)
        {
            return null;
        }
        final ClearingPlan plan = policies.proposal;
        final boolean[] affected = plan.affected(ledger);
        final List<String> affectedIds = new ArrayList<>();
        final List<String> accepted = new ArrayList<>();
        final List<String> rejected = new ArrayList<>();
        for (int p = 0; p < ledger.participantCount; p++)
        {
            if (affected[p])
            {
                affectedIds.add(ledger.participantIdText[p]);
            }
            final byte answer = policies.answerOf(p);
            if (answer == Policies.ANSWER_ACCEPT)
            {
                accepted.add(ledger.participantIdText[p]);
            }
            else if (answer == Policies.ANSWER_REJECT)
            {
                rejected.add(ledger.participantIdText[p]);
            }
        }
        final List<SetOffNotice> notices = new ArrayList<>(plan.count);
        for (int i = 0; i < plan.count; i++)
        {
            final int o = plan.obligation[i];
            notices.add(new SetOffNotice(ledger.obligationIds.keyString(o), ledger.participantIdText[ledger.debtor[o]],
                ledger.participantIdText[ledger.creditor[o]], plan.openMinor[i], plan.setOffMinor[i],
                plan.openMinor[i] - plan.setOffMinor[i], ExclusionReason.of(plan.exclusion[i])));
        }
        return new ProposalState(policies.proposalRunId, policies.proposalCutOffMs, policies.proposalAcceptByDefault,
            policies.proposalDeadlineMs, plan.clearedMinor, affectedIds, accepted, rejected, notices);
    }

    @Override
    public List<RunLimit> runLimits()
    {
        final List<RunLimit> limits = new ArrayList<>(policies.limitCount);
        for (int i = 0; i < policies.limitCount; i++)
        {
            final long key = policies.limitKeys[i];
            limits.add(new RunLimit(ledger.participantIdText[Policies.limitParticipant(key)],
                policies.unitIdText(Policies.limitUnit(key)), Policies.limitKind(key) == Policies.LIMIT_LIQUIDITY,
                policies.limitValues[i]));
        }
        return limits;
    }

    @Override
    public List<RunMoney> lastRunMoney()
    {
        final ClearingPlan money = runs.last().money;
        final List<RunMoney> moved = new ArrayList<>(money.moneyCount);
        for (int m = 0; m < money.moneyCount; m++)
        {
            moved.add(new RunMoney(ledger.participantIdText[money.moneyParticipant[m]],
                policies.unitIdText(money.moneyUnit[m]), money.moneyPaidMinor[m], money.moneyReceivedMinor[m]));
        }
        return moved;
    }

    @Override
    public String treasury()
    {
        final int t = policies.rules.treasury;
        return t == RunRules.NONE ? null : ledger.participantIdText[t];
    }

    @Override
    public List<UnitRate> unitRates()
    {
        final RunRules rules = policies.rules;
        final List<UnitRate> rates = new ArrayList<>();
        for (int u = 0; u <= policies.unitCount; u++)
        {
            if (rules.hasRate(u))
            {
                rates.add(new UnitRate(policies.unitIdText(u), rules.rateNumerator[u], rules.rateDenominator[u]));
            }
        }
        return rates;
    }

    @Override
    public PriorityRule standingPriority()
    {
        return PriorityRule.values()[policies.rules.standingPriority];
    }

    @Override
    public PriorityRule nextRunPriority()
    {
        final int rule = policies.rules.nextRunPriority;
        return rule == RunRules.NO_NEXT_RUN_PRIORITY ? null : PriorityRule.values()[rule];
    }

    @Override
    public List<String> urgentObligations()
    {
        final List<String> urgent = new ArrayList<>();
        for (int o = 0; o < ledger.obligationCount; o++)
        {
            if (policies.rules.isUrgent(o))
            {
                urgent.add(ledger.obligationIds.keyString(o));
            }
        }
        return urgent;
    }

    @Override
    public List<CommunityMembership> communities()
    {
        final RunRules rules = policies.rules;
        final int count = rules.communityIds.size();
        final List<List<String>> members = new ArrayList<>(count);
        for (int c = 0; c < count; c++)
        {
            members.add(new ArrayList<>());
        }
        for (int p = 0; p < ledger.participantCount; p++)
        {
            final int c = rules.communityOf(p);
            if (c != RunRules.NONE)
            {
                members.get(c).add(ledger.participantIdText[p]);
            }
        }
        final List<CommunityMembership> communities = new ArrayList<>(count);
        for (int c = 0; c < count; c++)
        {
            final int r = rules.regionOf(c);
            communities.add(new CommunityMembership(rules.communityIds.keyString(c),
                r == RunRules.NONE ? null : rules.regionIds.keyString(r), members.get(c)));
        }
        return communities;
    }

    @Override
    public RunConversion runConversion(final long runId)
    {
        final ClearingRunRecord run = runs.find(runId);
        if (run != null)
        {
            return conversion(runId, run.conversion, run.noticeObligation, run.noticeSetOffMinor);
        }
        if (runId != 0 && runId == policies.proposalRunId)
        {
            final ClearingPlan plan = policies.proposal;
            return conversion(runId, plan, plan.obligation, plan.setOffMinor);
        }
        return null;
    }

    private RunConversion conversion(final long runId, final ClearingPlan plan, final int[] noticeObligation,
        final long[] setOffMinor)
    {
        final List<CrossUnitPart> parts = new ArrayList<>();
        for (int i = 0; i < plan.count; i++)
        {
            if (plan.crossUnitMinor[i] != 0)
            {
                final int o = noticeObligation[i];
                parts.add(new CrossUnitPart(ledger.obligationIds.keyString(o),
                    policies.unitIdText(policies.unitOf(o)), setOffMinor[i], plan.crossUnitMinor[i]));
            }
        }
        final List<TreasuryExposure> exposure = new ArrayList<>(plan.exposureCount);
        for (int e = 0; e < plan.exposureCount; e++)
        {
            exposure.add(new TreasuryExposure(policies.unitIdText(plan.exposureUnit[e]), plan.exposureMinor[e]));
        }
        return new RunConversion(runId, parts, exposure);
    }

    @Override
    public RunHierarchy runHierarchy(final long runId)
    {
        final ClearingRunRecord run = runs.find(runId);
        if (run == null || !run.conversion.hierarchical)
        {
            return null;
        }
        final long[] levels = run.conversion.levelClearedMinor;
        final long flat = run.conversion.flatClearedMinor;
        return new RunHierarchy(runId, levels[0], levels[1], levels[2], run.clearedMinor, flat,
            flat - run.clearedMinor);
    }

    @Override
    public RunNovation runNovation(final long runId, final String participantId)
    {
        final ClearingRunRecord run = runs.find(runId);
        if (run == null || run.novation == null)
        {
            return null;
        }
        final int participant = participantId == null ? ByteKeyIndex.MISSING : findParticipant(participantId);
        if (participantId != null && participant == ByteKeyIndex.MISSING)
        {
            return null;
        }
        return run.novation.view(ledger, runId, participant);
    }

    private ObligationState obligationState(final int o)
    {
        return new ObligationState(ledger.obligationIds.keyString(o), ledger.participantIdText[ledger.debtor[o]],
            ledger.participantIdText[ledger.creditor[o]], ledger.amountMinor[o], ledger.openMinor[o],
            ledger.paidMinor[o], ledger.setOffMinor(o), ledger.submittedAtMs[o], ledger.closedAtMs[o],
            policies.unitIdText(policies.unitOf(o)), policies.dueOf(o),
            (policies.disputesOf(o) & Policies.DISPUTED_BY_DEBTOR) != 0,
            (policies.disputesOf(o) & Policies.DISPUTED_BY_CREDITOR) != 0);
    }

    private int findParticipant(final String participantId)
    {
        final byte[] bytes = participantId.getBytes(StandardCharsets.UTF_8);
        return ledger.participantIds.find(new UnsafeBuffer(bytes), 0, bytes.length);
    }
}
