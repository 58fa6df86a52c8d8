package io.clearing.core.engine.state;

import io.clearing.core.api.ClearingResult;
import io.clearing.core.api.ClearingSolver;
import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.engine.api.ClearingRunSummary;
import io.clearing.core.engine.api.ContinuousPolicy;
import io.clearing.core.engine.api.EngineTotals;
import io.clearing.core.engine.api.ObligationState;
import io.clearing.core.engine.api.ParticipantPosition;
import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.engine.api.SetOffNotice;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's rules written the plain way (maps, lists, objects), to compare with {@link ClearingStateMachine} on
 * seeded workloads, as exchange-core compares its naive and optimised order books.
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
                closedAtMs);
        }
    }

    private record Payment(Obligation obligation, long amount)
    {
    }

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

    Result apply(final TestCommand command)
    {
        if (command instanceof TestCommand.Register r)
        {
            return register(r);
        }
        if (command instanceof TestCommand.Submit s)
        {
            return submit(s);
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

    private Result submit(final TestCommand.Submit s)
    {
        if (s.id().isEmpty() || s.debtor().isEmpty() || s.creditor().isEmpty())
        {
            return new Result(ResultCode.INVALID_ID, 0);
        }
        final Participant debtor = participants.get(s.debtor());
        final Participant creditor = participants.get(s.creditor());
        final Obligation existing = obligations.get(s.id());
        if (existing != null)
        {
            final boolean same = existing.debtor == debtor && existing.creditor == creditor &&
                existing.amount == s.amountMinor();
            return new Result(same ? ResultCode.DUPLICATE : ResultCode.ID_CONFLICT, existing.index);
        }
        if (s.amountMinor() <= 0)
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
        final Obligation o = new Obligation(obligationList.size(), s.id(), debtor, creditor, s.amountMinor(),
            s.timestampMs());
        obligations.put(s.id(), o);
        obligationList.add(o);
        debtor.out.add(o);
        creditor.in.add(o);
        debtor.owes += o.amount;
        creditor.owed += o.amount;
        debtor.net -= o.amount;
        creditor.net += o.amount;
        submitted = Math.addExact(submitted, o.amount);
        long cleared = 0;
        if (policy.enabled())
        {
            cleared = clearContinuously(o, s.timestampMs());
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
                visitBudget, edgeBudget);
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

    private static List<Obligation> shortestPath(final Participant from, final Participant target,
        final int maxPathLength, final int[] visitBudget, final int[] edgeBudget)
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
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        for (final Participant p : participantList)
        {
            builder.participant(p.id);
        }
        final List<Obligation> open = new ArrayList<>();
        for (final Obligation o : obligationList)
        {
            if (o.open > 0)
            {
                builder.add(o.debtor.id, o.creditor.id, o.open);
                open.add(o);
            }
        }
        final ClearingResult result = new ClearingSolver(() -> 0L).solve(builder.build());
        final long totalBefore = totalDebt();
        final List<SetOffNotice> notices = new ArrayList<>();
        for (int i = 0; i < open.size(); i++)
        {
            final Obligation o = open.get(i);
            final long before = o.open;
            final long setOff = result.setOffMinor(i);
            if (setOff > 0)
            {
                discharge(o, setOff, c.timestampMs(), false);
                batchSetOff += setOff;
            }
            notices.add(new SetOffNotice(o.id, o.debtor.id, o.creditor.id, before, setOff, before - setOff));
        }
        lastRun = new ClearingRunSummary(c.runId(), c.timestampMs(), open.size(), totalBefore, nid(),
            result.clearedMinor());
        lastNotices = notices;
        return new Result(ResultCode.ACCEPTED, result.clearedMinor());
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
}
