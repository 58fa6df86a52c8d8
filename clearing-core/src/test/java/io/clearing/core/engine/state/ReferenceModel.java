package io.clearing.core.engine.state;

import io.clearing.core.api.ClearingResult;
import io.clearing.core.api.ClearingSolver;
import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.engine.api.AccountBalance;
import io.clearing.core.engine.api.ClearingRunSummary;
import io.clearing.core.engine.api.ContinuousPolicy;
import io.clearing.core.engine.api.EngineTotals;
import io.clearing.core.policy.ExclusionReason;
import io.clearing.core.engine.api.ObligationState;
import io.clearing.core.engine.api.ParticipantPolicy;
import io.clearing.core.engine.api.ParticipantPosition;
import io.clearing.core.engine.api.ProposalState;
import io.clearing.core.engine.api.RunLimit;
import io.clearing.core.engine.api.RunMoney;
import io.clearing.core.policy.ClearingPolicy;
import io.clearing.core.policy.PolicyResult;
import io.clearing.core.policy.PolicySolver;
import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.engine.api.SetOffNotice;
import io.clearing.core.engine.api.UnitSummary;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The engine's rules written the plain way (maps, lists, objects), to compare with {@link ClearingStateMachine} on
 * seeded workloads, as exchange-core compares its naive and optimised order books. The community policies too:
 * exclusions checked rule by rule, one network per unit (or one policy run when caps or liquidity are given), proposals
 * kept as lists of notices, money applied per participant, demurrage in BigInteger.
 */
final class ReferenceModel
{
    record Result(ResultCode code, long value)
    {
    }

    private static final class Participant
    {
        final int index;
        final String id;
        final String name;
        final long registeredAtMs;
        long net;
        long owes;
        long owed;
        final List<Obligation> out = new ArrayList<>();
        final List<Obligation> in = new ArrayList<>();
        int optOut;
        long minimum;
        long dueWindow = -1;
        final Set<Participant> related = new HashSet<>();
        int answer;

        Participant(final int index, final String id, final String name, final long registeredAtMs)
        {
            this.index = index;
            this.id = id;
            this.name = name;
            this.registeredAtMs = registeredAtMs;
        }
    }

    private static final class Obligation
    {
        final int index;
        final String id;
        final Participant debtor;
        final Participant creditor;
        final long amount;
        final long submittedAtMs;
        long open;
        long paid;
        long setOff;
        long closedAtMs;
        String unit = "";
        long due;
        boolean disputedByDebtor;
        boolean disputedByCreditor;

        Obligation(final int index, final String id, final Participant debtor, final Participant creditor,
            final long amount, final long submittedAtMs)
        {
            this.index = index;
            this.id = id;
            this.debtor = debtor;
            this.creditor = creditor;
            this.amount = amount;
            this.submittedAtMs = submittedAtMs;
            this.open = amount;
        }

        ObligationState state()
        {
            return new ObligationState(id, debtor.id, creditor.id, amount, open, paid, setOff, submittedAtMs,
                closedAtMs, unit, due, disputedByDebtor, disputedByCreditor);
        }
    }

    private record Payment(Obligation obligation, long amount)
    {
    }

    private static final class Unit
    {
        final int number;
        final String id;
        final boolean community;
        final int rate;
        final Participant fund;
        long lastPeriod;
        long lastCharged;
        long chargedTotal;
        final Map<Participant, long[]> accounts = new HashMap<>();

        Unit(final int number, final String id, final boolean community, final int rate, final Participant fund)
        {
            this.number = number;
            this.id = id;
            this.community = community;
            this.rate = rate;
            this.fund = fund;
        }

        /**
         * @return settlement, savings, demurrage last period, demurrage in total.
         */
        long[] account(final Participant p)
        {
            return accounts.computeIfAbsent(p, k -> new long[4]);
        }
    }

    /**
     * A plan the plain way: open obligations in order, why each is excluded, the set-offs chosen.
     */
    private static final class Plan
    {
        final List<Obligation> open = new ArrayList<>();
        final List<Long> openBefore = new ArrayList<>();
        final List<ExclusionReason> reasons = new ArrayList<>();
        final List<Long> setOff = new ArrayList<>();
        long cleared;
        /**
         * Money per participant index and unit number (key index * 2^32 + unit): paid, received.
         */
        TreeMap<Long, long[]> money = new TreeMap<>();

        List<SetOffNotice> notices()
        {
            final List<SetOffNotice> notices = new ArrayList<>();
            for (int i = 0; i < open.size(); i++)
            {
                final Obligation o = open.get(i);
                notices.add(new SetOffNotice(o.id, o.debtor.id, o.creditor.id, openBefore.get(i), setOff.get(i),
                    openBefore.get(i) - setOff.get(i), reasons.get(i)));
            }
            return notices;
        }
    }

    private static final int IGNORE_ANSWERS = 0;
    private static final int EXCLUDE_REJECTING = 1;
    private static final int ONLY_ACCEPTING = 2;

    private final Map<String, Participant> participants = new HashMap<>();
    private final List<Participant> participantList = new ArrayList<>();
    private final Map<String, Obligation> obligations = new HashMap<>();
    private final List<Obligation> obligationList = new ArrayList<>();
    private final Map<String, Payment> payments = new HashMap<>();
    private final List<String> paymentOrder = new ArrayList<>();
    private long submitted;
    private long paidTotal;
    private long continuousSetOff;
    private long batchSetOff;
    private long continuousCycles;
    private ContinuousPolicy policy = ContinuousPolicy.DISABLED;
    private ClearingRunSummary lastRun = new ClearingRunSummary(0, 0, 0, 0, 0, 0);
    private List<SetOffNotice> lastNotices = new ArrayList<>();
    private final Map<String, Unit> units = new HashMap<>();
    private final List<Unit> unitList = new ArrayList<>();
    private long proposalRunId;
    private long proposalCutOff;
    private long proposalDeadline;
    private boolean proposalAcceptDefault;
    private Plan proposal;
    /**
     * Caps and commitments for the next run by participant index, unit number, kind (cap 0, liquidity 1).
     */
    private final TreeMap<List<Integer>, Long> limits = new TreeMap<>((a, b) ->
    {
        for (int i = 0; i < 3; i++)
        {
            final int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0)
            {
                return c;
            }
        }
        return 0;
    });
    private TreeMap<Long, long[]> lastMoney = new TreeMap<>();

    Result apply(final TestCommand command)
    {
        if (command instanceof TestCommand.Register r)
        {
            return register(r);
        }
        if (command instanceof TestCommand.Submit s)
        {
            return submit(s.id(), s.debtor(), s.creditor(), s.amountMinor(), "", 0, s.timestampMs());
        }
        if (command instanceof TestCommand.SubmitInUnit s)
        {
            return submit(s.id(), s.debtor(), s.creditor(), s.amountMinor(), s.unit(), s.dueAtMs(), s.timestampMs());
        }
        if (command instanceof TestCommand.Dispute d)
        {
            return dispute(d);
        }
        if (command instanceof TestCommand.Rule r)
        {
            return rule(r);
        }
        if (command instanceof TestCommand.OptOut o)
        {
            return optOut(o);
        }
        if (command instanceof TestCommand.DefineUnit u)
        {
            return defineUnit(u);
        }
        if (command instanceof TestCommand.Propose p)
        {
            return propose(p);
        }
        if (command instanceof TestCommand.Respond r)
        {
            return respond(r);
        }
        if (command instanceof TestCommand.Commit c)
        {
            return commit(c);
        }
        if (command instanceof TestCommand.Demurrage d)
        {
            return demurrage(d);
        }
        if (command instanceof TestCommand.RunLimit l)
        {
            return runLimit(l);
        }
        if (command instanceof TestCommand.Savings v)
        {
            return savings(v);
        }
        if (command instanceof TestCommand.Pay p)
        {
            return pay(p);
        }
        if (command instanceof TestCommand.RunClearing c)
        {
            return runClearing(c);
        }
        if (command instanceof TestCommand.Snapshot s)
        {
            return new Result(ResultCode.ACCEPTED, s.snapshotId());
        }
        final TestCommand.Configure c = (TestCommand.Configure)command;
        final ContinuousPolicy candidate = new ContinuousPolicy(c.enabled(), c.maxCycleLength(), c.maxVisited(),
            c.maxEdges());
        if (candidate.validationError() != null)
        {
            return new Result(ResultCode.INVALID_SETTING, 0);
        }
        policy = candidate;
        return new Result(ResultCode.ACCEPTED, 0);
    }

    private Result register(final TestCommand.Register r)
    {
        if (r.id().isEmpty())
        {
            return new Result(ResultCode.INVALID_ID, 0);
        }
        final Participant existing = participants.get(r.id());
        if (existing != null)
        {
            return new Result(existing.name.equals(r.name()) ? ResultCode.DUPLICATE : ResultCode.ID_CONFLICT,
                existing.index);
        }
        final Participant p = new Participant(participantList.size(), r.id(), r.name(), r.timestampMs());
        participants.put(r.id(), p);
        participantList.add(p);
        return new Result(ResultCode.ACCEPTED, p.index);
    }

    private Result submit(final String id, final String debtorId, final String creditorId, final long amount,
        final String unit, final long due, final long timestampMs)
    {
        if (id.isEmpty() || debtorId.isEmpty() || creditorId.isEmpty())
        {
            return new Result(ResultCode.INVALID_ID, 0);
        }
        final Participant debtor = participants.get(debtorId);
        final Participant creditor = participants.get(creditorId);
        final Obligation existing = obligations.get(id);
        if (existing != null)
        {
            final boolean same = existing.debtor == debtor && existing.creditor == creditor &&
                existing.amount == amount && existing.unit.equals(unit) && existing.due == due;
            return new Result(same ? ResultCode.DUPLICATE : ResultCode.ID_CONFLICT, existing.index);
        }
        if (!unit.isEmpty() && !units.containsKey(unit))
        {
            return new Result(ResultCode.UNKNOWN_UNIT, 0);
        }
        if (due < 0)
        {
            return new Result(ResultCode.INVALID_POLICY, 0);
        }
        if (amount <= 0)
        {
            return new Result(ResultCode.INVALID_AMOUNT, 0);
        }
        if (debtor == null || creditor == null)
        {
            return new Result(ResultCode.UNKNOWN_PARTICIPANT, 0);
        }
        if (debtor == creditor)
        {
            return new Result(ResultCode.SAME_PARTICIPANT, 0);
        }
        final Obligation o = new Obligation(obligationList.size(), id, debtor, creditor, amount, timestampMs);
        o.unit = unit;
        o.due = due;
        obligations.put(id, o);
        obligationList.add(o);
        debtor.out.add(o);
        creditor.in.add(o);
        debtor.owes += o.amount;
        creditor.owed += o.amount;
        debtor.net -= o.amount;
        creditor.net += o.amount;
        submitted = Math.addExact(submitted, o.amount);
        long cleared = 0;
        if (policy.enabled() && exclusion(o, timestampMs, IGNORE_ANSWERS) == ExclusionReason.NONE)
        {
            cleared = clearContinuously(o, timestampMs);
        }
        return new Result(ResultCode.ACCEPTED, cleared);
    }

    private long clearContinuously(final Obligation o, final long timestampMs)
    {
        final int[] visitBudget = {policy.maxVisitedNodes()};
        final int[] edgeBudget = {policy.maxEdgeScans()};
        long cleared = 0;
        while (o.open > 0)
        {
            final List<Obligation> path = shortestPath(o.creditor, o.debtor, policy.maxCycleLength() - 1,
                visitBudget, edgeBudget, o.unit, timestampMs);
            if (path == null)
            {
                break;
            }
            long bottleneck = o.open;
            for (final Obligation e : path)
            {
                bottleneck = Math.min(bottleneck, e.open);
            }
            for (final Obligation e : path)
            {
                discharge(e, bottleneck, timestampMs, false);
                continuousSetOff += bottleneck;
            }
            discharge(o, bottleneck, timestampMs, false);
            continuousSetOff += bottleneck;
            continuousCycles++;
            cleared += bottleneck * (path.size() + 1);
        }
        return cleared;
    }

    private List<Obligation> shortestPath(final Participant from, final Participant target,
        final int maxPathLength, final int[] visitBudget, final int[] edgeBudget, final String unit,
        final long timestampMs)
    {
        final Map<Participant, Obligation> parent = new HashMap<>();
        final Map<Participant, Integer> depth = new HashMap<>();
        final ArrayDeque<Participant> queue = new ArrayDeque<>();
        depth.put(from, 0);
        queue.add(from);
        while (!queue.isEmpty() && visitBudget[0] > 0)
        {
            final Participant u = queue.poll();
            visitBudget[0]--;
            if (depth.get(u) >= maxPathLength)
            {
                continue;
            }
            for (final Obligation e : u.out)
            {
                if (edgeBudget[0] <= 0)
                {
                    return null;
                }
                edgeBudget[0]--;
                if (!e.unit.equals(unit) || exclusion(e, timestampMs, IGNORE_ANSWERS) != ExclusionReason.NONE)
                {
                    continue;
                }
                if (e.creditor == target)
                {
                    final List<Obligation> path = new ArrayList<>();
                    Obligation step = e;
                    while (true)
                    {
                        path.add(step);
                        if (step.debtor == from)
                        {
                            return path;
                        }
                        step = parent.get(step.debtor);
                    }
                }
                if (!depth.containsKey(e.creditor))
                {
                    depth.put(e.creditor, depth.get(u) + 1);
                    parent.put(e.creditor, e);
                    queue.add(e.creditor);
                }
            }
        }
        return null;
    }

    private Result pay(final TestCommand.Pay p)
    {
        if (p.paymentId().isEmpty() || p.obligationId().isEmpty())
        {
            return new Result(ResultCode.INVALID_ID, 0);
        }
        final Obligation o = obligations.get(p.obligationId());
        final Payment existing = payments.get(p.paymentId());
        if (existing != null)
        {
            final boolean same = existing.obligation == o && existing.amount == p.amountMinor();
            return new Result(same ? ResultCode.DUPLICATE : ResultCode.ID_CONFLICT, paymentIndex(p.paymentId()));
        }
        if (o == null)
        {
            return new Result(ResultCode.UNKNOWN_OBLIGATION, 0);
        }
        if (p.amountMinor() <= 0)
        {
            return new Result(ResultCode.INVALID_AMOUNT, 0);
        }
        if (o.open == 0)
        {
            return new Result(ResultCode.OBLIGATION_CLOSED, 0);
        }
        if (p.amountMinor() > o.open)
        {
            return new Result(ResultCode.PAYMENT_EXCEEDS_OPEN, 0);
        }
        paymentOrder.add(p.paymentId());
        payments.put(p.paymentId(), new Payment(o, p.amountMinor()));
        o.debtor.net += p.amountMinor();
        o.creditor.net -= p.amountMinor();
        paidTotal += p.amountMinor();
        discharge(o, p.amountMinor(), p.timestampMs(), true);
        if (!o.unit.isEmpty())
        {
            final Unit unit = units.get(o.unit);
            unit.account(o.debtor)[0] -= p.amountMinor();
            unit.account(o.creditor)[0] += p.amountMinor();
        }
        return new Result(ResultCode.ACCEPTED, o.open);
    }

    private long paymentIndex(final String paymentId)
    {
        return paymentOrder.indexOf(paymentId);
    }

    private void discharge(final Obligation o, final long amount, final long timestampMs, final boolean payment)
    {
        o.open -= amount;
        if (payment)
        {
            o.paid += amount;
        }
        else
        {
            o.setOff += amount;
        }
        o.debtor.owes -= amount;
        o.creditor.owed -= amount;
        if (o.open == 0)
        {
            o.closedAtMs = timestampMs;
            o.debtor.out.remove(o);
            o.creditor.in.remove(o);
        }
    }

    private Result runClearing(final TestCommand.RunClearing c)
    {
        if (c.runId() <= 0)
        {
            return new Result(ResultCode.INVALID_ID, 0);
        }
        if (c.runId() <= lastRun.runId())
        {
            return new Result(ResultCode.DUPLICATE, lastRun.clearedMinor());
        }
        if (proposalRunId != 0)
        {
            return new Result(ResultCode.PROPOSAL_PENDING, 0);
        }
        final Plan plan = solve(list(c.timestampMs(), IGNORE_ANSWERS));
        applyRun(plan, c.runId(), c.timestampMs(), c.timestampMs());
        return new Result(ResultCode.ACCEPTED, plan.cleared);
    }

    private Plan list(final long cutOff, final int answers)
    {
        final Plan plan = new Plan();
        for (final Obligation o : obligationList)
        {
            if (o.open > 0)
            {
                plan.open.add(o);
                plan.openBefore.add(o.open);
                plan.reasons.add(exclusion(o, cutOff, answers));
                plan.setOff.add(0L);
            }
        }
        return plan;
    }

    private int unitNumber(final String unit)
    {
        return unit.isEmpty() ? 0 : units.get(unit).number;
    }

    private String unitName(final int number)
    {
        return number == 0 ? "" : unitList.get(number - 1).id;
    }

    /**
     * With caps or commitments: every unit's eligible obligations in one policy run.
     */
    private Plan solveWithLimits(final Plan plan)
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        for (final Participant p : participantList)
        {
            builder.participant(p.id);
        }
        final List<Integer> members = new ArrayList<>();
        for (int i = 0; i < plan.open.size(); i++)
        {
            if (plan.reasons.get(i) == ExclusionReason.NONE)
            {
                final Obligation o = plan.open.get(i);
                builder.add(o.debtor.id, o.creditor.id, o.open);
                members.add(i);
            }
        }
        final ClearingPolicy.Builder rules = ClearingPolicy.builder(builder.build());
        for (int j = 0; j < members.size(); j++)
        {
            final String unit = plan.open.get(members.get(j)).unit;
            if (!unit.isEmpty())
            {
                rules.unit(j, unit);
            }
        }
        for (final Map.Entry<List<Integer>, Long> limit : limits.entrySet())
        {
            final int p = limit.getKey().get(0);
            final String unit = unitName(limit.getKey().get(1));
            if (limit.getKey().get(2) == 0)
            {
                rules.receivableCap(p, unit, limit.getValue());
            }
            else
            {
                rules.liquidity(p, unit, limit.getValue());
            }
        }
        final ClearingPolicy policy = rules.build();
        final PolicyResult result = new PolicySolver().solve(policy);
        for (int j = 0; j < members.size(); j++)
        {
            plan.setOff.set(members.get(j), result.setOffMinor(j));
            plan.cleared += result.setOffMinor(j);
        }
        for (int c = 0; c < policy.liquidityCommitments(); c++)
        {
            final long key = ((long)policy.liquidityParticipant(c) << 32) |
                unitNumber(policy.unitName(policy.liquidityUnit(c)));
            plan.money.computeIfAbsent(key, k -> new long[2])[0] += result.liquidityUsedMinor(c);
        }
        for (int r = 0; r < result.receipts(); r++)
        {
            final long key = ((long)result.receiptParticipant(r) << 32) |
                unitNumber(policy.unitName(result.receiptUnit(r)));
            plan.money.computeIfAbsent(key, k -> new long[2])[1] += result.receiptMinor(r);
        }
        plan.money.values().removeIf(m -> m[0] == 0 && m[1] == 0);
        return plan;
    }

    private Plan solve(final Plan plan)
    {
        if (!limits.isEmpty())
        {
            return solveWithLimits(plan);
        }
        final List<String> unitOrder = new ArrayList<>();
        unitOrder.add("");
        for (final Unit u : unitList)
        {
            unitOrder.add(u.id);
        }
        for (final String unit : unitOrder)
        {
            final ObligationNetwork.Builder builder = ObligationNetwork.builder();
            for (final Participant p : participantList)
            {
                builder.participant(p.id);
            }
            final List<Integer> members = new ArrayList<>();
            for (int i = 0; i < plan.open.size(); i++)
            {
                final Obligation o = plan.open.get(i);
                if (plan.reasons.get(i) == ExclusionReason.NONE && o.unit.equals(unit))
                {
                    builder.add(o.debtor.id, o.creditor.id, o.open);
                    members.add(i);
                }
            }
            if (members.isEmpty())
            {
                continue;
            }
            final ClearingResult result = new ClearingSolver(() -> 0L).solve(builder.build());
            for (int j = 0; j < members.size(); j++)
            {
                plan.setOff.set(members.get(j), result.setOffMinor(j));
                plan.cleared += result.setOffMinor(j);
            }
        }
        return plan;
    }

    private void applyRun(final Plan plan, final long runId, final long cutOff, final long appliedAt)
    {
        final long totalBefore = totalDebt();
        for (int i = 0; i < plan.open.size(); i++)
        {
            final long setOff = plan.setOff.get(i);
            if (setOff > 0)
            {
                discharge(plan.open.get(i), setOff, appliedAt, false);
                batchSetOff += setOff;
            }
        }
        for (final Map.Entry<Long, long[]> money : plan.money.entrySet())
        {
            final Participant p = participantList.get((int)(money.getKey() >>> 32));
            final long paid = money.getValue()[0];
            final long received = money.getValue()[1];
            p.net += paid - received;
            final int unit = (int)(long)money.getKey();
            if (unit != 0)
            {
                unitList.get(unit - 1).account(p)[0] += received - paid;
            }
        }
        lastMoney = plan.money;
        limits.clear();
        lastRun = new ClearingRunSummary(runId, cutOff, plan.open.size(), totalBefore, nid(), plan.cleared);
        lastNotices = plan.notices();
        for (final Participant p : participantList)
        {
            if (p.optOut == CommandCodec.OPT_OUT_NEXT_RUN)
            {
                p.optOut = 0;
            }
        }
    }

    private ExclusionReason exclusion(final Obligation o, final long cutOff, final int answers)
    {
        final Participant d = o.debtor;
        final Participant c = o.creditor;
        if (o.disputedByDebtor || o.disputedByCreditor)
        {
            return ExclusionReason.DISPUTED;
        }
        if (d.optOut != 0 || c.optOut != 0)
        {
            return ExclusionReason.OPTED_OUT;
        }
        if (d.related.contains(c) || c.related.contains(d))
        {
            return ExclusionReason.RELATED_PARTY;
        }
        if (o.amount < d.minimum || o.amount < c.minimum)
        {
            return ExclusionReason.BELOW_MINIMUM;
        }
        if (o.due != 0 && (beyond(o.due, cutOff, d.dueWindow) || beyond(o.due, cutOff, c.dueWindow)))
        {
            return ExclusionReason.OUTSIDE_DUE_WINDOW;
        }
        if (answers != IGNORE_ANSWERS && (d.answer == 2 || c.answer == 2))
        {
            return ExclusionReason.REJECTED_RUN;
        }
        if (answers == ONLY_ACCEPTING && (d.answer != 1 || c.answer != 1))
        {
            return ExclusionReason.NOT_ACCEPTED;
        }
        return ExclusionReason.NONE;
    }

    private static boolean beyond(final long due, final long cutOff, final long window)
    {
        return window >= 0 && BigInteger.valueOf(due).compareTo(
            BigInteger.valueOf(cutOff).add(BigInteger.valueOf(window))) > 0;
    }

    private Result dispute(final TestCommand.Dispute d)
    {
        if (d.obligationId().isEmpty() || d.participant().isEmpty())
        {
            return new Result(ResultCode.INVALID_ID, 0);
        }
        final Obligation o = obligations.get(d.obligationId());
        if (o == null)
        {
            return new Result(ResultCode.UNKNOWN_OBLIGATION, 0);
        }
        final Participant p = participants.get(d.participant());
        if (p == null)
        {
            return new Result(ResultCode.UNKNOWN_PARTICIPANT, 0);
        }
        if (p != o.debtor && p != o.creditor)
        {
            return new Result(ResultCode.NOT_A_PARTY, 0);
        }
        final boolean byDebtor = p == o.debtor ? d.disputed() : o.disputedByDebtor;
        final boolean byCreditor = p == o.creditor ? d.disputed() : o.disputedByCreditor;
        final long flags = (byDebtor ? 1 : 0) | (byCreditor ? 2 : 0);
        if (byDebtor == o.disputedByDebtor && byCreditor == o.disputedByCreditor)
        {
            return new Result(ResultCode.DUPLICATE, flags);
        }
        if (d.disputed() && o.open == 0)
        {
            return new Result(ResultCode.OBLIGATION_CLOSED, flags);
        }
        o.disputedByDebtor = byDebtor;
        o.disputedByCreditor = byCreditor;
        return new Result(ResultCode.ACCEPTED, flags);
    }

    private Result rule(final TestCommand.Rule r)
    {
        if (r.kind() < 1 || r.kind() > 5)
        {
            return new Result(ResultCode.INVALID_POLICY, 0);
        }
        if (r.participant().isEmpty())
        {
            return new Result(ResultCode.INVALID_ID, 0);
        }
        final Participant p = participants.get(r.participant());
        if (p == null)
        {
            return new Result(ResultCode.UNKNOWN_PARTICIPANT, 0);
        }
        final boolean relatedKind = r.kind() <= 2;
        if (relatedKind && r.other().isEmpty())
        {
            return new Result(ResultCode.INVALID_ID, 0);
        }
        if (!relatedKind && !r.other().isEmpty())
        {
            return new Result(ResultCode.INVALID_POLICY, 0);
        }
        if (relatedKind)
        {
            final Participant q = participants.get(r.other());
            if (q == null)
            {
                return new Result(ResultCode.UNKNOWN_PARTICIPANT, 0);
            }
            if (q == p)
            {
                return new Result(ResultCode.SAME_PARTICIPANT, 0);
            }
            final boolean changed = r.kind() == 1 ? p.related.add(q) : p.related.remove(q);
            return new Result(changed ? ResultCode.ACCEPTED : ResultCode.DUPLICATE, 0);
        }
        if (r.kind() == 3 && r.value() < 0)
        {
            return new Result(ResultCode.INVALID_AMOUNT, 0);
        }
        if (r.kind() == 4 && r.value() < 0)
        {
            return new Result(ResultCode.INVALID_POLICY, 0);
        }
        if (r.kind() == 3)
        {
            final boolean changed = p.minimum != r.value();
            p.minimum = r.value();
            return new Result(changed ? ResultCode.ACCEPTED : ResultCode.DUPLICATE, 0);
        }
        final long window = r.kind() == 4 ? r.value() : -1;
        final boolean changed = p.dueWindow != window;
        p.dueWindow = window;
        return new Result(changed ? ResultCode.ACCEPTED : ResultCode.DUPLICATE, 0);
    }

    private Result optOut(final TestCommand.OptOut o)
    {
        if (o.mode() < 0 || o.mode() > 2)
        {
            return new Result(ResultCode.INVALID_POLICY, 0);
        }
        if (o.participant().isEmpty())
        {
            return new Result(ResultCode.INVALID_ID, 0);
        }
        final Participant p = participants.get(o.participant());
        if (p == null)
        {
            return new Result(ResultCode.UNKNOWN_PARTICIPANT, 0);
        }
        final boolean changed = p.optOut != o.mode();
        p.optOut = o.mode();
        return new Result(changed ? ResultCode.ACCEPTED : ResultCode.DUPLICATE, 0);
    }

    private Result defineUnit(final TestCommand.DefineUnit u)
    {
        if (u.unit().isEmpty())
        {
            return new Result(ResultCode.INVALID_ID, 0);
        }
        final Participant fund = u.fund().isEmpty() ? null : participants.get(u.fund());
        final Unit existing = units.get(u.unit());
        if (existing != null)
        {
            final boolean same = existing.community == u.community() && existing.rate == u.basisPoints() &&
                existing.fund == fund && (u.fund().isEmpty() || fund != null);
            return new Result(same ? ResultCode.DUPLICATE : ResultCode.ID_CONFLICT, existing.number);
        }
        if (u.basisPoints() < 0 || u.basisPoints() > 10_000 ||
            (u.basisPoints() > 0 && (!u.community() || u.fund().isEmpty())))
        {
            return new Result(ResultCode.INVALID_POLICY, 0);
        }
        if (!u.fund().isEmpty() && fund == null)
        {
            return new Result(ResultCode.UNKNOWN_PARTICIPANT, 0);
        }
        final Unit unit = new Unit(unitList.size() + 1, u.unit(), u.community(), u.basisPoints(), fund);
        units.put(u.unit(), unit);
        unitList.add(unit);
        return new Result(ResultCode.ACCEPTED, unit.number);
    }

    private Result propose(final TestCommand.Propose p)
    {
        if (p.runId() <= 0)
        {
            return new Result(ResultCode.INVALID_ID, 0);
        }
        if (p.runId() <= lastRun.runId() || p.runId() <= proposalRunId)
        {
            return new Result(ResultCode.DUPLICATE, p.runId() == proposalRunId ? proposal.cleared : 0);
        }
        if (p.deadlineMs() < p.timestampMs())
        {
            return new Result(ResultCode.INVALID_POLICY, 0);
        }
        clearProposal();
        proposalRunId = p.runId();
        proposalCutOff = p.timestampMs();
        proposalDeadline = p.deadlineMs();
        proposalAcceptDefault = p.acceptByDefault();
        proposal = solve(list(proposalCutOff, EXCLUDE_REJECTING));
        return new Result(ResultCode.ACCEPTED, proposal.cleared);
    }

    private void clearProposal()
    {
        proposalRunId = 0;
        proposalCutOff = 0;
        proposalDeadline = 0;
        proposalAcceptDefault = false;
        proposal = null;
        for (final Participant p : participantList)
        {
            p.answer = 0;
        }
    }

    private Result respond(final TestCommand.Respond r)
    {
        if (r.participant().isEmpty())
        {
            return new Result(ResultCode.INVALID_ID, 0);
        }
        if (proposalRunId == 0 || r.runId() != proposalRunId)
        {
            return new Result(ResultCode.NO_PENDING_PROPOSAL, 0);
        }
        final Participant p = participants.get(r.participant());
        if (p == null)
        {
            return new Result(ResultCode.UNKNOWN_PARTICIPANT, 0);
        }
        final int wanted = r.accept() ? 1 : 2;
        if (p.answer == wanted)
        {
            return new Result(ResultCode.DUPLICATE, proposal.cleared);
        }
        if (p.answer != 0)
        {
            return new Result(ResultCode.ALREADY_ANSWERED, 0);
        }
        if (r.timestampMs() > proposalDeadline)
        {
            return new Result(ResultCode.CUT_OFF_PASSED, 0);
        }
        p.answer = wanted;
        if (wanted == 2)
        {
            proposal = solve(list(proposalCutOff, EXCLUDE_REJECTING));
        }
        return new Result(ResultCode.ACCEPTED, proposal.cleared);
    }

    private Result commit(final TestCommand.Commit c)
    {
        if (proposalRunId == 0 || c.runId() != proposalRunId)
        {
            if (c.runId() > 0 && c.runId() == lastRun.runId())
            {
                return new Result(ResultCode.DUPLICATE, lastRun.clearedMinor());
            }
            return new Result(ResultCode.NO_PENDING_PROPOSAL, 0);
        }
        if (c.timestampMs() <= proposalDeadline)
        {
            for (final Participant p : affected(proposal))
            {
                if (p.answer == 0)
                {
                    return new Result(ResultCode.AWAITING_ACCEPTANCE, 0);
                }
            }
        }
        final Plan plan = list(proposalCutOff, proposalAcceptDefault ? EXCLUDE_REJECTING : ONLY_ACCEPTING);
        boolean fits = true;
        final Map<Obligation, Long> held = new HashMap<>();
        for (int i = 0; i < proposal.open.size(); i++)
        {
            if (proposal.setOff.get(i) > 0)
            {
                held.put(proposal.open.get(i), proposal.setOff.get(i));
            }
        }
        for (final Map.Entry<Obligation, Long> entry : held.entrySet())
        {
            final int at = plan.open.indexOf(entry.getKey());
            if (at < 0 || plan.reasons.get(at) != ExclusionReason.NONE || plan.openBefore.get(at) < entry.getValue())
            {
                fits = false;
            }
        }
        if (fits)
        {
            for (final Map.Entry<Obligation, Long> entry : held.entrySet())
            {
                plan.setOff.set(plan.open.indexOf(entry.getKey()), entry.getValue());
                plan.cleared += entry.getValue();
            }
            plan.money = proposal.money;
        }
        else
        {
            solve(plan);
        }
        final long runId = proposalRunId;
        final long cutOff = proposalCutOff;
        applyRun(plan, runId, cutOff, c.timestampMs());
        clearProposal();
        return new Result(ResultCode.ACCEPTED, plan.cleared);
    }

    private List<Participant> affected(final Plan plan)
    {
        final Set<Participant> affected = new HashSet<>();
        for (int i = 0; i < plan.open.size(); i++)
        {
            if (plan.setOff.get(i) > 0)
            {
                affected.add(plan.open.get(i).debtor);
                affected.add(plan.open.get(i).creditor);
            }
        }
        final List<Participant> inOrder = new ArrayList<>();
        for (final Participant p : participantList)
        {
            if (affected.contains(p))
            {
                inOrder.add(p);
            }
        }
        return inOrder;
    }

    private Result demurrage(final TestCommand.Demurrage d)
    {
        if (d.unit().isEmpty() || d.periodId() <= 0)
        {
            return new Result(ResultCode.INVALID_ID, 0);
        }
        final Unit unit = units.get(d.unit());
        if (unit == null)
        {
            return new Result(ResultCode.UNKNOWN_UNIT, 0);
        }
        if (unit.rate == 0)
        {
            return new Result(ResultCode.NO_DEMURRAGE, 0);
        }
        if (d.periodId() <= unit.lastPeriod)
        {
            return new Result(ResultCode.DUPLICATE, unit.lastCharged);
        }
        long total = 0;
        for (final Participant p : participantList)
        {
            final long[] account = unit.account(p);
            long charge = 0;
            if (p != unit.fund && account[0] > 0)
            {
                charge = BigInteger.valueOf(account[0]).multiply(BigInteger.valueOf(unit.rate))
                    .divide(BigInteger.valueOf(10_000)).longValueExact();
            }
            account[0] -= charge;
            account[2] = charge;
            account[3] += charge;
            total += charge;
        }
        unit.account(unit.fund)[0] += total;
        unit.lastPeriod = d.periodId();
        unit.lastCharged = total;
        unit.chargedTotal += total;
        return new Result(ResultCode.ACCEPTED, total);
    }

    private Result runLimit(final TestCommand.RunLimit l)
    {
        if (l.kind() < 1 || l.kind() > 4)
        {
            return new Result(ResultCode.INVALID_POLICY, 0);
        }
        if (l.participant().isEmpty())
        {
            return new Result(ResultCode.INVALID_ID, 0);
        }
        final Participant p = participants.get(l.participant());
        if (p == null)
        {
            return new Result(ResultCode.UNKNOWN_PARTICIPANT, 0);
        }
        if (!l.unit().isEmpty() && !units.containsKey(l.unit()))
        {
            return new Result(ResultCode.UNKNOWN_UNIT, 0);
        }
        final boolean liquidity = l.kind() == 2 || l.kind() == 4;
        final boolean remove = l.kind() >= 3;
        if (remove && l.amountMinor() != 0)
        {
            return new Result(ResultCode.INVALID_POLICY, 0);
        }
        if (!remove && (liquidity ? l.amountMinor() <= 0 : l.amountMinor() < 0))
        {
            return new Result(ResultCode.INVALID_AMOUNT, 0);
        }
        final List<Integer> key = List.of(p.index, unitNumber(l.unit()), liquidity ? 1 : 0);
        final Long current = limits.get(key);
        if (remove ? current == null : Long.valueOf(l.amountMinor()).equals(current))
        {
            return new Result(ResultCode.DUPLICATE, 0);
        }
        if (proposalRunId != 0)
        {
            return new Result(ResultCode.PROPOSAL_PENDING, 0);
        }
        if (liquidity && !remove)
        {
            BigInteger total = BigInteger.valueOf(l.amountMinor());
            for (final Map.Entry<List<Integer>, Long> limit : limits.entrySet())
            {
                if (limit.getKey().get(2) == 1 && limit.getKey().get(1) == key.get(1) && !limit.getKey().equals(key))
                {
                    total = total.add(BigInteger.valueOf(limit.getValue()));
                }
            }
            if (total.compareTo(BigInteger.valueOf(Long.MAX_VALUE)) > 0)
            {
                return new Result(ResultCode.TOTAL_DEBT_OVERFLOW, 0);
            }
        }
        if (remove)
        {
            limits.remove(key);
        }
        else
        {
            limits.put(key, l.amountMinor());
        }
        return new Result(ResultCode.ACCEPTED, 0);
    }

    List<RunLimit> runLimits()
    {
        final List<RunLimit> list = new ArrayList<>();
        for (final Map.Entry<List<Integer>, Long> limit : limits.entrySet())
        {
            list.add(new RunLimit(participantList.get(limit.getKey().get(0)).id, unitName(limit.getKey().get(1)),
                limit.getKey().get(2) == 1, limit.getValue()));
        }
        return list;
    }

    List<RunMoney> lastRunMoney()
    {
        final List<RunMoney> list = new ArrayList<>();
        for (final Map.Entry<Long, long[]> money : lastMoney.entrySet())
        {
            list.add(new RunMoney(participantList.get((int)(money.getKey() >>> 32)).id,
                unitName((int)(long)money.getKey()), money.getValue()[0], money.getValue()[1]));
        }
        return list;
    }

    private Result savings(final TestCommand.Savings v)
    {
        if (v.participant().isEmpty())
        {
            return new Result(ResultCode.INVALID_ID, 0);
        }
        if (v.unit().isEmpty())
        {
            return new Result(ResultCode.UNKNOWN_UNIT, 0);
        }
        final Participant p = participants.get(v.participant());
        if (p == null)
        {
            return new Result(ResultCode.UNKNOWN_PARTICIPANT, 0);
        }
        final Unit unit = units.get(v.unit());
        if (unit == null)
        {
            return new Result(ResultCode.UNKNOWN_UNIT, 0);
        }
        if (v.savingsMinor() < 0)
        {
            return new Result(ResultCode.INVALID_AMOUNT, 0);
        }
        final long[] account = unit.account(p);
        final long moved = v.savingsMinor() - account[1];
        if (moved == 0)
        {
            return new Result(ResultCode.DUPLICATE, v.savingsMinor());
        }
        if (moved > 0 && account[0] < moved)
        {
            return new Result(ResultCode.INSUFFICIENT_BALANCE, v.savingsMinor());
        }
        account[0] -= moved;
        account[1] = v.savingsMinor();
        return new Result(ResultCode.ACCEPTED, v.savingsMinor());
    }

    private long totalDebt()
    {
        long total = 0;
        for (final Obligation o : obligationList)
        {
            total += o.open;
        }
        return total;
    }

    private long nid()
    {
        long nid = 0;
        for (final Participant p : participantList)
        {
            nid += Math.max(0, p.net);
        }
        return nid;
    }

    List<String> participantIds()
    {
        final List<String> ids = new ArrayList<>();
        for (final Participant p : participantList)
        {
            ids.add(p.id);
        }
        return ids;
    }

    List<String> obligationIds()
    {
        final List<String> ids = new ArrayList<>();
        for (final Obligation o : obligationList)
        {
            ids.add(o.id);
        }
        return ids;
    }

    ParticipantPosition participant(final String id)
    {
        final Participant p = participants.get(id);
        return p == null ? null : new ParticipantPosition(p.id, p.name, p.net, p.owes, p.owed, p.out.size(),
            p.in.size(), p.registeredAtMs);
    }

    List<ObligationState> openObligations(final String id)
    {
        final Participant p = participants.get(id);
        final List<ObligationState> open = new ArrayList<>();
        if (p != null)
        {
            final List<Obligation> both = new ArrayList<>(p.out);
            both.addAll(p.in);
            both.sort((a, b) -> Integer.compare(a.index, b.index));
            for (final Obligation o : both)
            {
                open.add(o.state());
            }
        }
        return open;
    }

    ObligationState obligation(final String id)
    {
        final Obligation o = obligations.get(id);
        return o == null ? null : o.state();
    }

    EngineTotals totals()
    {
        int open = 0;
        for (final Obligation o : obligationList)
        {
            open += o.open > 0 ? 1 : 0;
        }
        return new EngineTotals(participantList.size(), obligationList.size(), open, payments.size(), totalDebt(),
            nid(), submitted, paidTotal, continuousSetOff, batchSetOff, continuousCycles);
    }

    ClearingRunSummary lastClearingRun()
    {
        return lastRun;
    }

    List<SetOffNotice> lastSetOffNotices()
    {
        return lastNotices;
    }

    ContinuousPolicy continuousPolicy()
    {
        return policy;
    }

    List<UnitSummary> units()
    {
        final List<UnitSummary> summaries = new ArrayList<>();
        for (final Unit u : unitList)
        {
            summaries.add(new UnitSummary(u.id, u.community, u.fund == null ? null : u.fund.id, u.rate, u.lastPeriod,
                u.lastCharged, u.chargedTotal));
        }
        return summaries;
    }

    List<String> unitIds()
    {
        final List<String> ids = new ArrayList<>();
        for (final Unit u : unitList)
        {
            ids.add(u.id);
        }
        return ids;
    }

    List<AccountBalance> accounts(final String unitId)
    {
        final List<AccountBalance> accounts = new ArrayList<>();
        final Unit unit = units.get(unitId);
        if (unit != null)
        {
            for (final Participant p : participantList)
            {
                final long[] a = unit.account(p);
                accounts.add(new AccountBalance(p.id, unitId, a[0], a[1], a[2], a[3]));
            }
        }
        return accounts;
    }

    ParticipantPolicy participantPolicy(final String id)
    {
        final Participant p = participants.get(id);
        if (p == null)
        {
            return null;
        }
        final List<String> related = new ArrayList<>();
        for (final Participant q : participantList)
        {
            if (p.related.contains(q))
            {
                related.add(q.id);
            }
        }
        return new ParticipantPolicy(id, p.optOut == 1, p.optOut == 2, p.minimum, p.dueWindow, related);
    }

    ProposalState pendingProposal()
    {
        if (proposalRunId == 0)
        {
            return null;
        }
        final List<String> affected = new ArrayList<>();
        for (final Participant p : affected(proposal))
        {
            affected.add(p.id);
        }
        final List<String> accepted = new ArrayList<>();
        final List<String> rejected = new ArrayList<>();
        for (final Participant p : participantList)
        {
            if (p.answer == 1)
            {
                accepted.add(p.id);
            }
            else if (p.answer == 2)
            {
                rejected.add(p.id);
            }
        }
        return new ProposalState(proposalRunId, proposalCutOff, proposalAcceptDefault, proposalDeadline,
            proposal.cleared, affected, accepted, rejected, proposal.notices());
    }
}
