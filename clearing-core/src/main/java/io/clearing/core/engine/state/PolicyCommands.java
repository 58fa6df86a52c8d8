package io.clearing.core.engine.state;

import io.clearing.core.api.ClearingSolver;
import io.clearing.core.engine.api.ResultCode;
import org.agrona.DirectBuffer;

import static io.clearing.core.engine.state.CommandCodec.*;

/**
 * The community-policy commands of {@link ClearingStateMachine}: disputes, standing exclusion rules, opt-outs, units
 * of account, clearing proposals held for acceptance, demurrage and savings. Each validates everything before it
 * changes anything, so a rejection leaves the state (and its hash) as it was. Single-threaded.
 */
final class PolicyCommands
{
    private static final int ACCEPTED = ResultCode.ACCEPTED.code();
    private static final int DUPLICATE = ResultCode.DUPLICATE.code();
    private static final int ID_CONFLICT = ResultCode.ID_CONFLICT.code();
    private static final int INVALID_ID = ResultCode.INVALID_ID.code();
    private static final int INVALID_AMOUNT = ResultCode.INVALID_AMOUNT.code();
    private static final int UNKNOWN_PARTICIPANT = ResultCode.UNKNOWN_PARTICIPANT.code();
    private static final int SAME_PARTICIPANT = ResultCode.SAME_PARTICIPANT.code();
    private static final int UNKNOWN_OBLIGATION = ResultCode.UNKNOWN_OBLIGATION.code();
    private static final int OBLIGATION_CLOSED = ResultCode.OBLIGATION_CLOSED.code();
    private static final int TOTAL_DEBT_OVERFLOW = ResultCode.TOTAL_DEBT_OVERFLOW.code();
    private static final int MALFORMED = ResultCode.MALFORMED.code();
    private static final int UNKNOWN_UNIT = ResultCode.UNKNOWN_UNIT.code();
    private static final int NOT_A_PARTY = ResultCode.NOT_A_PARTY.code();
    private static final int INVALID_POLICY = ResultCode.INVALID_POLICY.code();
    private static final int NO_PENDING_PROPOSAL = ResultCode.NO_PENDING_PROPOSAL.code();
    private static final int CUT_OFF_PASSED = ResultCode.CUT_OFF_PASSED.code();
    private static final int AWAITING_ACCEPTANCE = ResultCode.AWAITING_ACCEPTANCE.code();
    private static final int ALREADY_ANSWERED = ResultCode.ALREADY_ANSWERED.code();
    private static final int INSUFFICIENT_BALANCE = ResultCode.INSUFFICIENT_BALANCE.code();
    private static final int NO_DEMURRAGE = ResultCode.NO_DEMURRAGE.code();
    private static final int PROPOSAL_PENDING = ResultCode.PROPOSAL_PENDING.code();
    private static final int POLICY_OVERFLOW = ResultCode.POLICY_OVERFLOW.code();

    private final Ledger ledger;
    private final Policies policies;
    private final ClearingRuns runs;
    private final ClearingSolver solver;
    long resultValue;

    PolicyCommands(final Ledger ledger, final Policies policies, final ClearingRuns runs,
        final ClearingSolver solver)
    {
        this.ledger = ledger;
        this.policies = policies;
        this.runs = runs;
        this.solver = solver;
    }

    /**
     * @return the result code of a command of type 8 onwards, or {@code MALFORMED} for any other type.
     */
    int apply(final int type, final DirectBuffer buffer, final int offset, final int length, final long timestampMs)
    {
        resultValue = 0;
        policies.ensureParticipants(ledger.participantCount);
        final int code;
        switch (type)
        {
            case TYPE_SET_DISPUTE:
                code = setDispute(buffer, offset, length);
                break;
            case TYPE_SET_RULE:
                code = setRule(buffer, offset, length);
                break;
            case TYPE_SET_OPT_OUT:
                code = setOptOut(buffer, offset, length);
                break;
            case TYPE_DEFINE_UNIT:
                code = defineUnit(buffer, offset, length);
                break;
            case TYPE_PROPOSE_CLEARING:
                code = length == PROPOSE_COMMAND_LENGTH ? propose(buffer, offset, timestampMs) : MALFORMED;
                break;
            case TYPE_RESPOND_TO_PROPOSAL:
                code = respond(buffer, offset, length, timestampMs);
                break;
            case TYPE_COMMIT_CLEARING:
                code = length == LONG_COMMAND_LENGTH ? commit(buffer.getLong(offset + RUN_ID_OFFSET), timestampMs) :
                    MALFORMED;
                break;
            case TYPE_CHARGE_DEMURRAGE:
                code = chargeDemurrage(buffer, offset, length);
                break;
            case TYPE_SET_SAVINGS:
                code = setSavings(buffer, offset, length);
                break;
            case TYPE_SET_RUN_LIMIT:
                code = setRunLimit(buffer, offset, length);
                break;
            default:
                code = MALFORMED;
        }
        if (code == ACCEPTED)
        {
            policies.used = true;
        }
        return code;
    }

    private int setDispute(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!keysFit(buffer, offset, length, DISPUTE_LENGTHS_OFFSET, 2, DISPUTE_KEYS_OFFSET))
        {
            return MALFORMED;
        }
        final int flag = buffer.getInt(offset + DISPUTE_FLAG_OFFSET);
        final int obligationLength = buffer.getShort(offset + DISPUTE_LENGTHS_OFFSET);
        final int participantLength = buffer.getShort(offset + DISPUTE_LENGTHS_OFFSET + 2);
        if (flag != 0 && flag != 1)
        {
            return MALFORMED;
        }
        if (obligationLength == 0 || participantLength == 0)
        {
            return INVALID_ID;
        }
        final int keys = offset + DISPUTE_KEYS_OFFSET;
        final int o = ledger.obligationIds.find(buffer, keys, obligationLength);
        if (o == ByteKeyIndex.MISSING)
        {
            return UNKNOWN_OBLIGATION;
        }
        final int p = ledger.participantIds.find(buffer, keys + obligationLength, participantLength);
        if (p == ByteKeyIndex.MISSING)
        {
            return UNKNOWN_PARTICIPANT;
        }
        if (p != ledger.debtor[o] && p != ledger.creditor[o])
        {
            return NOT_A_PARTY;
        }
        final byte bit = p == ledger.debtor[o] ? Policies.DISPUTED_BY_DEBTOR : Policies.DISPUTED_BY_CREDITOR;
        final byte before = policies.disputesOf(o);
        final byte after = (byte)(flag == 1 ? before | bit : before & ~bit);
        resultValue = after;
        if (after == before)
        {
            return DUPLICATE;
        }
        if (flag == 1 && ledger.openMinor[o] == 0)
        {
            return OBLIGATION_CLOSED;
        }
        policies.setDisputes(o, after);
        return ACCEPTED;
    }

    private int setRule(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!keysFit(buffer, offset, length, RULE_LENGTHS_OFFSET, 2, RULE_KEYS_OFFSET))
        {
            return MALFORMED;
        }
        final int kind = buffer.getInt(offset + RULE_KIND_OFFSET);
        final long value = buffer.getLong(offset + RULE_VALUE_OFFSET);
        final int participantLength = buffer.getShort(offset + RULE_LENGTHS_OFFSET);
        final int otherLength = buffer.getShort(offset + RULE_LENGTHS_OFFSET + 2);
        if (kind < RULE_ADD_RELATED || kind > RULE_CLEAR_DUE_WINDOW)
        {
            return INVALID_POLICY;
        }
        if (participantLength == 0)
        {
            return INVALID_ID;
        }
        final int keys = offset + RULE_KEYS_OFFSET;
        final int p = ledger.participantIds.find(buffer, keys, participantLength);
        if (p == ByteKeyIndex.MISSING)
        {
            return UNKNOWN_PARTICIPANT;
        }
        final boolean relatedKind = kind == RULE_ADD_RELATED || kind == RULE_REMOVE_RELATED;
        if (relatedKind != (otherLength > 0))
        {
            return relatedKind ? INVALID_ID : INVALID_POLICY;
        }
        switch (kind)
        {
            case RULE_ADD_RELATED:
            case RULE_REMOVE_RELATED:
            {
                final int q = ledger.participantIds.find(buffer, keys + participantLength, otherLength);
                if (q == ByteKeyIndex.MISSING)
                {
                    return UNKNOWN_PARTICIPANT;
                }
                if (q == p)
                {
                    return SAME_PARTICIPANT;
                }
                final boolean changed = kind == RULE_ADD_RELATED ? policies.addRelated(p, q) :
                    policies.removeRelated(p, q);
                return changed ? ACCEPTED : DUPLICATE;
            }
            case RULE_MINIMUM_AMOUNT:
                if (value < 0)
                {
                    return INVALID_AMOUNT;
                }
                if (policies.minimumMinor[p] == value)
                {
                    return DUPLICATE;
                }
                policies.minimumMinor[p] = value;
                return ACCEPTED;
            case RULE_DUE_WINDOW:
                if (value < 0)
                {
                    return INVALID_POLICY;
                }
                return setDueWindow(p, value);
            default:
                return setDueWindow(p, Policies.NO_DUE_WINDOW);
        }
    }

    private int setDueWindow(final int p, final long windowMs)
    {
        if (policies.dueWindowMs[p] == windowMs)
        {
            return DUPLICATE;
        }
        policies.dueWindowMs[p] = windowMs;
        return ACCEPTED;
    }

    private int setOptOut(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!keysFit(buffer, offset, length, OPT_OUT_LENGTHS_OFFSET, 1, OPT_OUT_KEYS_OFFSET))
        {
            return MALFORMED;
        }
        final int mode = buffer.getInt(offset + OPT_OUT_MODE_OFFSET);
        final int participantLength = buffer.getShort(offset + OPT_OUT_LENGTHS_OFFSET);
        if (mode < OPT_IN || mode > OPT_OUT_UNTIL_OPT_IN)
        {
            return INVALID_POLICY;
        }
        if (participantLength == 0)
        {
            return INVALID_ID;
        }
        final int p = ledger.participantIds.find(buffer, offset + OPT_OUT_KEYS_OFFSET, participantLength);
        if (p == ByteKeyIndex.MISSING)
        {
            return UNKNOWN_PARTICIPANT;
        }
        if (policies.optOut[p] == mode)
        {
            return DUPLICATE;
        }
        policies.optOut[p] = (byte)mode;
        return ACCEPTED;
    }

    private int defineUnit(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!keysFit(buffer, offset, length, UNIT_LENGTHS_OFFSET, 2, UNIT_KEYS_OFFSET))
        {
            return MALFORMED;
        }
        final int communityFlag = buffer.getInt(offset + UNIT_COMMUNITY_OFFSET);
        final int rate = buffer.getInt(offset + UNIT_RATE_OFFSET);
        final int unitLength = buffer.getShort(offset + UNIT_LENGTHS_OFFSET);
        final int fundLength = buffer.getShort(offset + UNIT_LENGTHS_OFFSET + 2);
        if (communityFlag != 0 && communityFlag != 1)
        {
            return MALFORMED;
        }
        if (unitLength == 0 || unitLength > MAX_UNIT_ID_BYTES)
        {
            return INVALID_ID;
        }
        final int keys = offset + UNIT_KEYS_OFFSET;
        final int fundParticipant = fundLength == 0 ? Policies.NONE :
            ledger.participantIds.find(buffer, keys + unitLength, fundLength);
        final int existing = policies.findUnit(buffer, keys, unitLength);
        if (existing != Policies.NONE)
        {
            resultValue = existing;
            final boolean same = policies.community[existing] == (communityFlag == 1) &&
                policies.rateBasisPoints[existing] == rate && policies.fund[existing] == fundParticipant &&
                (fundLength == 0 || fundParticipant != ByteKeyIndex.MISSING);
            return same ? DUPLICATE : ID_CONFLICT;
        }
        if (rate < 0 || rate > Policies.BASIS_POINTS || (rate > 0 && (communityFlag == 0 || fundLength == 0)) ||
            policies.unitCount + 1 >= Policies.MAX_UNITS)
        {
            return INVALID_POLICY;
        }
        if (fundLength > 0 && fundParticipant == ByteKeyIndex.MISSING)
        {
            return UNKNOWN_PARTICIPANT;
        }
        resultValue = policies.defineUnit(buffer, keys, unitLength, communityFlag == 1, rate, fundParticipant,
            ledger.participantCount);
        return ACCEPTED;
    }

    private int propose(final DirectBuffer buffer, final int offset, final long timestampMs)
    {
        final long runId = buffer.getLong(offset + PROPOSE_RUN_ID_OFFSET);
        final long deadlineMs = buffer.getLong(offset + PROPOSE_DEADLINE_OFFSET);
        final int acceptByDefault = buffer.getInt(offset + PROPOSE_DEFAULT_OFFSET);
        if (acceptByDefault != 0 && acceptByDefault != 1)
        {
            return MALFORMED;
        }
        if (runId <= 0)
        {
            return INVALID_ID;
        }
        if (runId <= runs.last().runId || runId <= policies.proposalRunId)
        {
            resultValue = runId == policies.proposalRunId ? policies.proposal.clearedMinor : 0;
            return DUPLICATE;
        }
        if (deadlineMs < timestampMs)
        {
            return INVALID_POLICY;
        }
        // solved before anything changes (a new proposal has no answers yet, so the earlier proposal's are ignored)
        final ClearingPlan plan = new ClearingPlan();
        try
        {
            plan.solve(ledger, policies, solver, timestampMs, Policies.ANSWERS_IGNORED);
        }
        catch (final ArithmeticException ex)
        {
            return POLICY_OVERFLOW;
        }
        policies.clearProposal(ledger.participantCount);
        policies.proposalRunId = runId;
        policies.proposalCutOffMs = timestampMs;
        policies.proposalDeadlineMs = deadlineMs;
        policies.proposalAcceptByDefault = acceptByDefault == 1;
        policies.proposal.copyFrom(plan);
        resultValue = policies.proposal.clearedMinor;
        return ACCEPTED;
    }

    private int respond(final DirectBuffer buffer, final int offset, final int length, final long timestampMs)
    {
        if (!keysFit(buffer, offset, length, RESPOND_LENGTHS_OFFSET, 1, RESPOND_KEYS_OFFSET))
        {
            return MALFORMED;
        }
        final long runId = buffer.getLong(offset + RESPOND_RUN_ID_OFFSET);
        final int accept = buffer.getInt(offset + RESPOND_ACCEPT_OFFSET);
        final int participantLength = buffer.getShort(offset + RESPOND_LENGTHS_OFFSET);
        if (accept != 0 && accept != 1)
        {
            return MALFORMED;
        }
        if (participantLength == 0)
        {
            return INVALID_ID;
        }
        if (policies.proposalRunId == 0 || runId != policies.proposalRunId)
        {
            return NO_PENDING_PROPOSAL;
        }
        final int p = ledger.participantIds.find(buffer, offset + RESPOND_KEYS_OFFSET, participantLength);
        if (p == ByteKeyIndex.MISSING)
        {
            return UNKNOWN_PARTICIPANT;
        }
        final byte wanted = accept == 1 ? Policies.ANSWER_ACCEPT : Policies.ANSWER_REJECT;
        final byte given = policies.answer[p];
        if (given == wanted)
        {
            resultValue = policies.proposal.clearedMinor;
            return DUPLICATE;
        }
        if (given != Policies.NO_ANSWER)
        {
            return ALREADY_ANSWERED;
        }
        if (timestampMs > policies.proposalDeadlineMs)
        {
            return CUT_OFF_PASSED;
        }
        policies.answer[p] = wanted;
        if (wanted == Policies.ANSWER_REJECT)
        {
            final ClearingPlan plan = new ClearingPlan();
            try
            {
                plan.solve(ledger, policies, solver, policies.proposalCutOffMs, Policies.ANSWERS_EXCLUDE_REJECTING);
            }
            catch (final ArithmeticException ex)
            {
                policies.answer[p] = given;
                return POLICY_OVERFLOW;
            }
            policies.proposal.copyFrom(plan);
        }
        resultValue = policies.proposal.clearedMinor;
        return ACCEPTED;
    }

    /**
     * Commits the pending proposal: before its deadline only once every affected participant has answered; after
     * it, the default stands for those that did not. The held set-offs are applied when each still fits the state
     * (nothing they touch was paid, set off, disputed or excluded since, and every party consents); otherwise the
     * run is solved again at its cut-off over the consenting participants' obligations.
     */
    private int commit(final long runId, final long timestampMs)
    {
        if (policies.proposalRunId == 0 || runId != policies.proposalRunId)
        {
            if (runId > 0 && runId == runs.last().runId)
            {
                resultValue = runs.last().clearedMinor;
                return DUPLICATE;
            }
            return NO_PENDING_PROPOSAL;
        }
        if (timestampMs <= policies.proposalDeadlineMs && awaitingAnswers())
        {
            return AWAITING_ACCEPTANCE;
        }
        final int answers = policies.proposalAcceptByDefault ? Policies.ANSWERS_EXCLUDE_REJECTING :
            Policies.ANSWERS_ONLY_ACCEPTING;
        final ClearingPlan plan = new ClearingPlan();
        plan.list(ledger, policies, policies.proposalCutOffMs, answers);
        if (!plan.adopt(policies.proposal))
        {
            try
            {
                plan.solveUnits(ledger, policies, solver);
            }
            catch (final ArithmeticException ex)
            {
                return POLICY_OVERFLOW;
            }
        }
        final ClearingRunRecord run = new ClearingRunRecord();
        resultValue = run.apply(ledger, policies, plan, runId, policies.proposalCutOffMs, timestampMs);
        runs.add(run);
        policies.endNextRunTerms(ledger.participantCount);
        policies.clearProposal(ledger.participantCount);
        return ACCEPTED;
    }

    private boolean awaitingAnswers()
    {
        final boolean[] affected = policies.proposal.affected(ledger);
        for (int p = 0; p < affected.length; p++)
        {
            if (affected[p] && policies.answer[p] == Policies.NO_ANSWER)
            {
                return true;
            }
        }
        return false;
    }

    private int chargeDemurrage(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!keysFit(buffer, offset, length, DEMURRAGE_LENGTHS_OFFSET, 1, DEMURRAGE_KEYS_OFFSET))
        {
            return MALFORMED;
        }
        final long periodId = buffer.getLong(offset + DEMURRAGE_PERIOD_OFFSET);
        final int unitLength = buffer.getShort(offset + DEMURRAGE_LENGTHS_OFFSET);
        if (unitLength == 0 || periodId <= 0)
        {
            return INVALID_ID;
        }
        final int u = policies.findUnit(buffer, offset + DEMURRAGE_KEYS_OFFSET, unitLength);
        if (u == Policies.NONE)
        {
            return UNKNOWN_UNIT;
        }
        if (policies.rateBasisPoints[u] == 0)
        {
            return NO_DEMURRAGE;
        }
        if (periodId <= policies.lastPeriodId[u])
        {
            resultValue = policies.lastPeriodChargedMinor[u];
            return DUPLICATE;
        }
        resultValue = policies.chargeDemurrage(u, periodId, ledger.participantCount);
        return ACCEPTED;
    }

    private int setSavings(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!keysFit(buffer, offset, length, SAVINGS_LENGTHS_OFFSET, 2, SAVINGS_KEYS_OFFSET))
        {
            return MALFORMED;
        }
        final long target = buffer.getLong(offset + SAVINGS_AMOUNT_OFFSET);
        final int participantLength = buffer.getShort(offset + SAVINGS_LENGTHS_OFFSET);
        final int unitLength = buffer.getShort(offset + SAVINGS_LENGTHS_OFFSET + 2);
        if (participantLength == 0 || unitLength == 0)
        {
            return participantLength == 0 ? INVALID_ID : UNKNOWN_UNIT;
        }
        final int keys = offset + SAVINGS_KEYS_OFFSET;
        final int p = ledger.participantIds.find(buffer, keys, participantLength);
        if (p == ByteKeyIndex.MISSING)
        {
            return UNKNOWN_PARTICIPANT;
        }
        final int u = policies.findUnit(buffer, keys + participantLength, unitLength);
        if (u == Policies.NONE)
        {
            return UNKNOWN_UNIT;
        }
        if (target < 0)
        {
            return INVALID_AMOUNT;
        }
        final long savings = policies.savingsMinor[u][p];
        final long settlement = policies.settlementMinor[u][p];
        final long moved = target - savings;
        resultValue = target;
        if (moved == 0)
        {
            return DUPLICATE;
        }
        if (moved > 0 && settlement < moved)
        {
            return INSUFFICIENT_BALANCE;
        }
        if (moved < 0 && settlement > Long.MAX_VALUE + moved)
        {
            return TOTAL_DEBT_OVERFLOW;
        }
        policies.settlementMinor[u][p] = settlement - moved;
        policies.savingsMinor[u][p] = target;
        return ACCEPTED;
    }

    /**
     * Caps and commitments are for the next run; they cannot change under a pending proposal, whose set-offs were
     * solved with them.
     */
    private int setRunLimit(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!keysFit(buffer, offset, length, LIMIT_LENGTHS_OFFSET, 2, LIMIT_KEYS_OFFSET))
        {
            return MALFORMED;
        }
        final int kind = buffer.getInt(offset + LIMIT_KIND_OFFSET);
        final long amount = buffer.getLong(offset + LIMIT_AMOUNT_OFFSET);
        final int participantLength = buffer.getShort(offset + LIMIT_LENGTHS_OFFSET);
        final int unitLength = buffer.getShort(offset + LIMIT_LENGTHS_OFFSET + 2);
        if (kind < LIMIT_RECEIVABLE_CAP || kind > LIMIT_REMOVE_LIQUIDITY)
        {
            return INVALID_POLICY;
        }
        if (participantLength == 0)
        {
            return INVALID_ID;
        }
        final int keys = offset + LIMIT_KEYS_OFFSET;
        final int p = ledger.participantIds.find(buffer, keys, participantLength);
        if (p == ByteKeyIndex.MISSING)
        {
            return UNKNOWN_PARTICIPANT;
        }
        final int u = policies.findUnit(buffer, keys + participantLength, unitLength);
        if (u == Policies.NONE)
        {
            return UNKNOWN_UNIT;
        }
        final boolean liquidity = kind == LIMIT_LIQUIDITY || kind == LIMIT_REMOVE_LIQUIDITY;
        final boolean remove = kind >= LIMIT_REMOVE_RECEIVABLE_CAP;
        if (remove ? amount != 0 : (liquidity ? amount <= 0 : amount < 0))
        {
            return remove ? INVALID_POLICY : INVALID_AMOUNT;
        }
        final long key = Policies.limitKey(p, u, liquidity ? Policies.LIMIT_LIQUIDITY : Policies.LIMIT_CAP);
        final long current = policies.limit(key);
        final long wanted = remove ? -1 : amount;
        if (current == wanted)
        {
            return DUPLICATE;
        }
        if (policies.proposalRunId != 0)
        {
            return PROPOSAL_PENDING;
        }
        if (liquidity && !remove && policies.committedLiquidity(u) - Math.max(current, 0) > Long.MAX_VALUE - amount)
        {
            return TOTAL_DEBT_OVERFLOW;
        }
        policies.setLimit(key, wanted);
        return ACCEPTED;
    }
}
