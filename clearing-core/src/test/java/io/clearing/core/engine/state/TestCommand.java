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
}
