package io.clearing.core.engine.state;

import org.agrona.MutableDirectBuffer;

/**
 * A command in readable form for workloads and the reference model; {@link #encode} gives the engine's binary form.
 */
sealed interface TestCommand
{
    int encode(MutableDirectBuffer buffer);

    record Register(long timestampMs, String id, String name) implements TestCommand
    {
        public int encode(final MutableDirectBuffer buffer)
        {
            return CommandCodec.encodeRegisterParticipant(buffer, 0, timestampMs, id, name);
        }
    }

    record Submit(long timestampMs, String id, String debtor, String creditor, long amountMinor) implements TestCommand
    {
        public int encode(final MutableDirectBuffer buffer)
        {
            return CommandCodec.encodeSubmitObligation(buffer, 0, timestampMs, id, debtor, creditor, amountMinor);
        }
    }

    record Pay(long timestampMs, String paymentId, String obligationId, long amountMinor) implements TestCommand
    {
        public int encode(final MutableDirectBuffer buffer)
        {
            return CommandCodec.encodeRecordPayment(buffer, 0, timestampMs, paymentId, obligationId, amountMinor);
        }
    }

    record RunClearing(long timestampMs, long runId) implements TestCommand
    {
        public int encode(final MutableDirectBuffer buffer)
        {
            return CommandCodec.encodeRunClearing(buffer, 0, timestampMs, runId);
        }
    }

    record Snapshot(long timestampMs, long snapshotId) implements TestCommand
    {
        public int encode(final MutableDirectBuffer buffer)
        {
            return CommandCodec.encodeTakeSnapshot(buffer, 0, timestampMs, snapshotId);
        }
    }

    record Configure(long timestampMs, boolean enabled, int maxCycleLength, int maxVisited, int maxEdges)
        implements TestCommand
    {
        public int encode(final MutableDirectBuffer buffer)
        {
            return CommandCodec.encodeConfigureContinuous(buffer, 0, timestampMs, enabled, maxCycleLength, maxVisited,
                maxEdges);
        }
    }

    record SubmitInUnit(long timestampMs, String id, String debtor, String creditor, long amountMinor, String unit,
        long dueAtMs) implements TestCommand
    {
        public int encode(final MutableDirectBuffer buffer)
        {
            return CommandCodec.encodeSubmitInUnit(buffer, 0, timestampMs, id, debtor, creditor, amountMinor, unit,
                dueAtMs);
        }
    }

    record Dispute(long timestampMs, String obligationId, String participant, boolean disputed) implements TestCommand
    {
        public int encode(final MutableDirectBuffer buffer)
        {
            return CommandCodec.encodeSetDispute(buffer, 0, timestampMs, obligationId, participant, disputed);
        }
    }

    record Rule(long timestampMs, String participant, int kind, long value, String other) implements TestCommand
    {
        public int encode(final MutableDirectBuffer buffer)
        {
            return CommandCodec.encodeSetRule(buffer, 0, timestampMs, participant, kind, value, other);
        }
    }

    record OptOut(long timestampMs, String participant, int mode) implements TestCommand
    {
        public int encode(final MutableDirectBuffer buffer)
        {
            return CommandCodec.encodeSetOptOut(buffer, 0, timestampMs, participant, mode);
        }
    }

    record DefineUnit(long timestampMs, String unit, boolean community, int basisPoints, String fund)
        implements TestCommand
    {
        public int encode(final MutableDirectBuffer buffer)
        {
            return CommandCodec.encodeDefineUnit(buffer, 0, timestampMs, unit, community, basisPoints, fund);
        }
    }

    record Propose(long timestampMs, long runId, long deadlineMs, boolean acceptByDefault) implements TestCommand
    {
        public int encode(final MutableDirectBuffer buffer)
        {
            return CommandCodec.encodeProposeClearing(buffer, 0, timestampMs, runId, deadlineMs, acceptByDefault);
        }
    }

    record Respond(long timestampMs, long runId, String participant, boolean accept) implements TestCommand
    {
        public int encode(final MutableDirectBuffer buffer)
        {
            return CommandCodec.encodeRespondToProposal(buffer, 0, timestampMs, runId, participant, accept);
        }
    }

    record Commit(long timestampMs, long runId) implements TestCommand
    {
        public int encode(final MutableDirectBuffer buffer)
        {
            return CommandCodec.encodeCommitClearing(buffer, 0, timestampMs, runId);
        }
    }

    record Demurrage(long timestampMs, String unit, long periodId) implements TestCommand
    {
        public int encode(final MutableDirectBuffer buffer)
        {
            return CommandCodec.encodeChargeDemurrage(buffer, 0, timestampMs, unit, periodId);
        }
    }

    record Savings(long timestampMs, String participant, String unit, long savingsMinor) implements TestCommand
    {
        public int encode(final MutableDirectBuffer buffer)
        {
            return CommandCodec.encodeSetSavings(buffer, 0, timestampMs, participant, unit, savingsMinor);
        }
    }

    record RunLimit(long timestampMs, String participant, String unit, int kind, long amountMinor)
        implements TestCommand
    {
        public int encode(final MutableDirectBuffer buffer)
        {
            return CommandCodec.encodeSetRunLimit(buffer, 0, timestampMs, participant, unit, kind, amountMinor);
        }
    }
}
