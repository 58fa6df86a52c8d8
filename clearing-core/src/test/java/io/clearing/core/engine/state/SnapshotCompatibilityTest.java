package io.clearing.core.engine.state;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.channels.Channels;
import java.util.List;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory layout of the state may change for speed; the snapshot bytes and the state hash may not. The
 * expected values were printed by the engine as it was before the id indexes placed keys by prefix and the
 * participants' index held short keys inline, on the same seeded workloads (policies included, capacities small
 * enough that every array grows), with the run proofs already in the snapshot. The pins catch layout work that
 * changes the format by accident; a change of the format made on purpose (new fields, a new version) re-pins the
 * lengths and digests, and should leave the state hashes as they are.
 */
class SnapshotCompatibilityTest
{
    private static final int POLICY_SNAPSHOT_LENGTH = 600_266;
    private static final String POLICY_SNAPSHOT_SHA256 =
        "54f1b42fbc0dc9672574f52bc2ffaf58b5326a9794f8ca64edb5fac2b9a87e36";
    private static final long POLICY_STATE_HASH = 0xc54b2b36c5393b05L;
    private static final int LONG_ID_SNAPSHOT_LENGTH = 992_381;
    private static final String LONG_ID_SNAPSHOT_SHA256 =
        "a65ae827c7ae3fab0c02729b2c06f4277373ce93c603aa7eea095a4e22c88445";
    private static final long LONG_ID_STATE_HASH = 0x0d12eb70b65cdd0dL;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandCodec.MAX_COMMAND_BYTES]);

    @Test
    void shouldWriteTheEarlierSnapshotBytesWhenPoliciesAreUsed()
    {
        final ClearingStateMachine machine = applied(Workloads.withPolicies(17, 4_000, 60, true));
        final byte[] snapshot = ClearingStateMachineTest.snapshotOf(machine);

        assertThat(snapshot.length).isEqualTo(POLICY_SNAPSHOT_LENGTH);
        assertThat(sha256(snapshot)).isEqualTo(POLICY_SNAPSHOT_SHA256);
        assertThat(machine.stateHash()).isEqualTo(POLICY_STATE_HASH);
        assertThat(ClearingStateMachineTest.snapshotOf(reloaded(snapshot))).isEqualTo(snapshot);
    }

    @Test
    void shouldWriteTheEarlierSnapshotBytesWhenIdsAreLongerThanEightBytes()
    {
        final ClearingStateMachine machine = applied(Workloads.mixed(23, 4_000, 300).stream()
            .map(SnapshotCompatibilityTest::withLongIds).toList());
        final byte[] snapshot = ClearingStateMachineTest.snapshotOf(machine);

        assertThat(snapshot.length).isEqualTo(LONG_ID_SNAPSHOT_LENGTH);
        assertThat(sha256(snapshot)).isEqualTo(LONG_ID_SNAPSHOT_SHA256);
        assertThat(machine.stateHash()).isEqualTo(LONG_ID_STATE_HASH);
        assertThat(ClearingStateMachineTest.snapshotOf(reloaded(snapshot))).isEqualTo(snapshot);
    }

    private ClearingStateMachine applied(final List<TestCommand> commands)
    {
        final ClearingStateMachine machine = new ClearingStateMachine(4, 16);
        for (final TestCommand command : commands)
        {
            machine.apply(buffer, 0, command.encode(buffer));
        }
        return machine;
    }

    private static ClearingStateMachine reloaded(final byte[] snapshot)
    {
        final ClearingStateMachine machine = new ClearingStateMachine(4, 16);
        machine.loadSnapshot(new SnapshotInput(Channels.newChannel(new ByteArrayInputStream(snapshot))));
        return machine;
    }

    /**
     * Participant ids from 9 to 12 bytes that share their first 8 (a prefix that makes "P1" and "P10" differ only
     * past it).
     */
    private static TestCommand withLongIds(final TestCommand command)
    {
        if (command instanceof TestCommand.Register r)
        {
            return new TestCommand.Register(r.timestampMs(), longId(r.id()), r.name());
        }
        if (command instanceof TestCommand.Submit s)
        {
            return new TestCommand.Submit(s.timestampMs(), s.id(), longId(s.debtor()), longId(s.creditor()),
                s.amountMinor());
        }
        return command;
    }

    private static String longId(final String id)
    {
        return "PARTICIP" + id;
    }

    /**
     * SHA-256 in hex (not a CRC: a snapshot ends with its own CRC32C, and the CRC of data followed by its CRC is the
     * same for all data).
     */
    private static String sha256(final byte[] bytes)
    {
        try
        {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
