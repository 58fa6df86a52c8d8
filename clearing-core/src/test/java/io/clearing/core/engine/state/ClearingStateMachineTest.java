package io.clearing.core.engine.state;

import io.clearing.core.engine.api.ResultCode;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClearingStateMachineTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandCodec.MAX_COMMAND_BYTES]);
    private final ClearingStateMachine machine = new ClearingStateMachine(4, 4);

    private ResultCode apply(final TestCommand command)
    {
        return ResultCode.of(machine.apply(buffer, 0, command.encode(buffer)));
    }

    private void registerAll(final String... ids)
    {
        for (final String id : ids)
        {
            assertThat(apply(new TestCommand.Register(1, id, "Firm " + id))).isEqualTo(ResultCode.ACCEPTED);
        }
    }

    @Test
    void shouldKeepNetPositionsAndDebtWhenObligationsAreSubmitted()
    {
        registerAll("A", "B", "C");
        assertThat(apply(new TestCommand.Submit(2, "o1", "A", "B", 100))).isEqualTo(ResultCode.ACCEPTED);
        assertThat(apply(new TestCommand.Submit(3, "o2", "B", "C", 70))).isEqualTo(ResultCode.ACCEPTED);

        assertThat(machine.participant("A").netPositionMinor()).isEqualTo(-100);
        assertThat(machine.participant("B").netPositionMinor()).isEqualTo(30);
        assertThat(machine.participant("C").netPositionMinor()).isEqualTo(70);
        assertThat(machine.totals().totalDebtMinor()).isEqualTo(170);
        assertThat(machine.totals().netInternalDebtMinor()).isEqualTo(100);
        assertThat(machine.openObligations("B")).extracting(o -> o.obligationId()).containsExactly("o1", "o2");
    }

    @Test
    void shouldReturnDuplicateWhenSameObligationIsResubmittedAndConflictWhenContentDiffers()
    {
        registerAll("A", "B");
        apply(new TestCommand.Submit(2, "o1", "A", "B", 100));
        final long hash = machine.stateHash();

        assertThat(apply(new TestCommand.Submit(9, "o1", "A", "B", 100))).isEqualTo(ResultCode.DUPLICATE);
        assertThat(apply(new TestCommand.Submit(9, "o1", "A", "B", 101))).isEqualTo(ResultCode.ID_CONFLICT);
        assertThat(apply(new TestCommand.Submit(9, "o1", "B", "A", 100))).isEqualTo(ResultCode.ID_CONFLICT);
        assertThat(machine.stateHash()).isEqualTo(hash);
        assertThat(machine.totals().obligations()).isEqualTo(1);
    }

    @Test
    void shouldRejectBadSubmissionsWithTheirCodes()
    {
        registerAll("A", "B");
        assertThat(apply(new TestCommand.Submit(2, "o1", "A", "X", 100))).isEqualTo(ResultCode.UNKNOWN_PARTICIPANT);
        assertThat(apply(new TestCommand.Submit(2, "o1", "A", "B", 0))).isEqualTo(ResultCode.INVALID_AMOUNT);
        assertThat(apply(new TestCommand.Submit(2, "o1", "A", "B", -5))).isEqualTo(ResultCode.INVALID_AMOUNT);
        assertThat(apply(new TestCommand.Submit(2, "o1", "A", "A", 5))).isEqualTo(ResultCode.SAME_PARTICIPANT);
        assertThat(apply(new TestCommand.Submit(2, "", "A", "B", 5))).isEqualTo(ResultCode.INVALID_ID);
        assertThat(apply(new TestCommand.Submit(2, "o1", "A", "B", Long.MAX_VALUE))).isEqualTo(ResultCode.ACCEPTED);
        assertThat(apply(new TestCommand.Submit(2, "o2", "B", "A", 1))).isEqualTo(ResultCode.TOTAL_DEBT_OVERFLOW);
    }

    @Test
    void shouldRejectMalformedCommandsWithoutChangingState()
    {
        registerAll("A", "B");
        final long hash = machine.stateHash();
        final int length = new TestCommand.Submit(2, "o1", "A", "B", 100).encode(buffer);
        assertThat(machine.apply(buffer, 0, length - 1)).isEqualTo(ResultCode.MALFORMED.code());
        assertThat(machine.apply(buffer, 0, 5)).isEqualTo(ResultCode.MALFORMED.code());
        buffer.putShort(CommandCodec.SUBMIT_ID_LENGTH_OFFSET, (short)300);
        assertThat(machine.apply(buffer, 0, length + 298)).isEqualTo(ResultCode.MALFORMED.code());
        buffer.putInt(0, 99);
        assertThat(machine.apply(buffer, 0, length)).isEqualTo(ResultCode.MALFORMED.code());
        assertThat(machine.stateHash()).isEqualTo(hash);
    }

    /**
     * A command said to be longer than what is left of its buffer: its header and lengths lie inside, its ids would
     * run past the end. Refused as a whole before any field is read (the hot commands' fields are read unchecked).
     */
    @Test
    void shouldRefuseACommandReachingPastItsBufferWithoutChangingState()
    {
        registerAll("A", "B");
        final long hash = machine.stateHash();
        final int length = new TestCommand.Submit(2, "o1", "A", "B", 100).encode(buffer);
        final UnsafeBuffer heap = new UnsafeBuffer(new byte[length - 2]);
        final UnsafeBuffer direct =
            new UnsafeBuffer(java.nio.ByteBuffer.allocateDirect(length - 2));
        for (final UnsafeBuffer shorter : new UnsafeBuffer[]{heap, direct})
        {
            shorter.putBytes(0, buffer, 0, shorter.capacity());
            assertThat(machine.apply(shorter, 0, length)).isEqualTo(ResultCode.MALFORMED.code());
            assertThat(machine.apply(shorter, 4, length - 4)).isEqualTo(ResultCode.MALFORMED.code());
            assertThat(machine.apply(shorter, -1, length)).isEqualTo(ResultCode.MALFORMED.code());
        }
        assertThat(machine.stateHash()).isEqualTo(hash);
        assertThat(machine.apply(buffer, 0, length)).isEqualTo(ResultCode.ACCEPTED.code());
    }

    /**
     * Preparing reads participant records and id slots for hints and placements that may be wrong, stale or out of
     * range: it must change nothing and throw for none of them.
     */
    @Test
    void shouldChangeNothingWhenPreparingCommandsWhateverTheirHints()
    {
        registerAll("A", "B", "C");
        assertThat(apply(new TestCommand.Submit(2, "o1", "A", "B", 100))).isEqualTo(ResultCode.ACCEPTED);
        final long hash = machine.stateHash();
        final long[] hints = {
            ParticipantHints.NONE, ParticipantHints.pack(0, 1), ParticipantHints.pack(2, 3), ParticipantHints.pack(1, -7),
            ParticipantHints.pack(Integer.MAX_VALUE, Integer.MIN_VALUE), ParticipantHints.pack(-1, 2), 0L};
        final int length = new TestCommand.Submit(3, "o2", "B", "C", 50).encode(buffer);
        final long[] placements = {0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 12345L,
            ClearingStateMachine.idPlacement(buffer, 0, length), Integer.MIN_VALUE};
        machine.prepare(hints, placements, 0, hints.length);
        machine.prepare(hints, placements, 2, 5);
        assertThat(machine.stateHash()).isEqualTo(hash);
        assertThat(apply(new TestCommand.Submit(3, "o2", "B", "C", 50))).isEqualTo(ResultCode.ACCEPTED);
    }

    @Test
    void shouldPlaceASubmissionsIdAsTheIdIndexDoesAndNothingElse()
    {
        final int length = new TestCommand.Submit(3, "INV-000042", "B", "C", 50).encode(buffer);
        assertThat(ClearingStateMachine.idPlacement(buffer, 0, length))
            .isEqualTo(ByteKeyIndex.placementHash(buffer, CommandCodec.SUBMIT_KEYS_OFFSET, 10))
            .isNotZero();
        assertThat(ClearingStateMachine.idPlacement(buffer, 0, length - 3)).as("cut short").isZero();
        assertThat(ClearingStateMachine.idPlacement(buffer, 0, length + 1_000_000)).as("past the buffer").isZero();
        final int payment = new TestCommand.Pay(4, "PAY-1", "INV-000042", 5).encode(buffer);
        assertThat(ClearingStateMachine.idPlacement(buffer, 0, payment)).isZero();
        final int inUnit = CommandCodec.encodeSubmitInUnit(buffer, 0, 5, "INV-000043", "B", "C", 50, "hours", 0);
        assertThat(ClearingStateMachine.idPlacement(buffer, 0, inUnit)).as("a submission in a unit")
            .isEqualTo(ByteKeyIndex.placementHash(buffer, CommandCodec.UNIT_SUBMIT_KEYS_OFFSET, 10));
    }

    @Test
    void shouldDischargePartlyThenCloseWhenPaymentsArrive()
    {
        registerAll("A", "B");
        apply(new TestCommand.Submit(2, "o1", "A", "B", 100));
        assertThat(apply(new TestCommand.Pay(3, "p1", "o1", 101))).isEqualTo(ResultCode.PAYMENT_EXCEEDS_OPEN);
        assertThat(apply(new TestCommand.Pay(3, "p1", "o1", 40))).isEqualTo(ResultCode.ACCEPTED);
        assertThat(machine.lastResultValue()).isEqualTo(60);
        assertThat(apply(new TestCommand.Pay(4, "p1", "o1", 40))).isEqualTo(ResultCode.DUPLICATE);
        assertThat(apply(new TestCommand.Pay(4, "p2", "o1", 60))).isEqualTo(ResultCode.ACCEPTED);
        assertThat(apply(new TestCommand.Pay(5, "p3", "o1", 1))).isEqualTo(ResultCode.OBLIGATION_CLOSED);
        assertThat(apply(new TestCommand.Pay(5, "p3", "nope", 1))).isEqualTo(ResultCode.UNKNOWN_OBLIGATION);

        assertThat(machine.obligation("o1").openMinor()).isZero();
        assertThat(machine.obligation("o1").paidMinor()).isEqualTo(100);
        assertThat(machine.obligation("o1").closedAtMs()).isEqualTo(4);
        assertThat(machine.participant("A").netPositionMinor()).isZero();
        assertThat(machine.openObligations("A")).isEmpty();
        assertThat(machine.totals().netInternalDebtMinor()).isZero();
    }

    @Test
    void shouldSetOffTheOptimumWhenBatchRunIsApplied()
    {
        registerAll("A", "B", "C", "D");
        apply(new TestCommand.Submit(2, "ab", "A", "B", 100));
        apply(new TestCommand.Submit(2, "bc", "B", "C", 70));
        apply(new TestCommand.Submit(2, "ca", "C", "A", 50));
        apply(new TestCommand.Submit(2, "cd", "C", "D", 20));

        assertThat(apply(new TestCommand.RunClearing(10, 1))).isEqualTo(ResultCode.ACCEPTED);
        assertThat(machine.lastResultValue()).isEqualTo(150);
        assertThat(machine.lastClearingRun().clearedMinor()).isEqualTo(150);
        assertThat(machine.lastClearingRun().totalDebtBeforeMinor()).isEqualTo(240);
        assertThat(machine.totals().totalDebtMinor()).isEqualTo(90);
        assertThat(machine.obligation("ca").openMinor()).isZero();
        assertThat(machine.obligation("ca").setOffMinor()).isEqualTo(50);
        assertThat(machine.lastSetOffNotices()).hasSize(4);
        assertThat(apply(new TestCommand.RunClearing(11, 1))).isEqualTo(ResultCode.DUPLICATE);
    }

    @Test
    void shouldSetOffCycleAtOnceWhenContinuousClearingIsOn()
    {
        registerAll("A", "B", "C");
        assertThat(apply(new TestCommand.Configure(1, true, 8, 100, 100))).isEqualTo(ResultCode.ACCEPTED);
        apply(new TestCommand.Submit(2, "ab", "A", "B", 100));
        apply(new TestCommand.Submit(2, "bc", "B", "C", 70));
        assertThat(apply(new TestCommand.Submit(3, "ca", "C", "A", 50))).isEqualTo(ResultCode.ACCEPTED);

        assertThat(machine.lastResultValue()).isEqualTo(150);
        assertThat(machine.obligation("ab").openMinor()).isEqualTo(50);
        assertThat(machine.obligation("ca").closedAtMs()).isEqualTo(3);
        assertThat(machine.totals().continuousCycles()).isEqualTo(1);
    }

    @Test
    void shouldMissCycleLongerThanTheBoundWhenContinuousClearingIsOn()
    {
        registerAll("A", "B", "C", "D");
        apply(new TestCommand.Configure(1, true, 3, 100, 100));
        apply(new TestCommand.Submit(2, "ab", "A", "B", 10));
        apply(new TestCommand.Submit(2, "bc", "B", "C", 10));
        apply(new TestCommand.Submit(2, "cd", "C", "D", 10));
        apply(new TestCommand.Submit(3, "da", "D", "A", 10));

        assertThat(machine.lastResultValue()).isZero();
        assertThat(machine.totals().totalDebtMinor()).isEqualTo(40);
    }

    @Test
    void shouldMatchReferenceModelOnSeededWorkloads()
    {
        long continuousCycles = 0;
        long batchSetOff = 0;
        long paid = 0;
        for (long seed = 1; seed <= 12; seed++)
        {
            final io.clearing.core.engine.api.EngineTotals totals = compareWithReference(seed, 3_000, 20 + (int)seed * 3);
            continuousCycles += totals.continuousCycles();
            batchSetOff += totals.batchSetOffMinor();
            paid += totals.paidMinor();
        }
        assertThat(continuousCycles).as("workloads exercise continuous clearing").isGreaterThan(100);
        assertThat(batchSetOff).as("workloads exercise batch runs").isGreaterThan(0);
        assertThat(paid).as("workloads exercise payments").isGreaterThan(0);
    }

    private io.clearing.core.engine.api.EngineTotals compareWithReference(
        final long seed, final int count, final int participants)
    {
        final List<TestCommand> commands = Workloads.mixed(seed, count, participants);
        final ClearingStateMachine engine = new ClearingStateMachine(2, 2);
        final ReferenceModel reference = new ReferenceModel();
        int step = 0;
        for (final TestCommand command : commands)
        {
            final int code = engine.apply(buffer, 0, command.encode(buffer));
            final ReferenceModel.Result expected = reference.apply(command);
            final String where = "seed " + seed + " command " + step + " " + command;
            assertThat(ResultCode.of(code)).as(where).isEqualTo(expected.code());
            assertThat(engine.lastResultValue()).as(where).isEqualTo(expected.value());
            if (step % 500 == 0 || step == commands.size() - 1)
            {
                assertSameState(engine, reference, where);
            }
            step++;
        }
        return engine.totals();
    }

    static void assertSameState(final ClearingStateMachine engine, final ReferenceModel reference, final String where)
    {
        assertThat(engine.totals()).as(where).isEqualTo(reference.totals());
        assertThat(engine.lastClearingRun()).as(where).isEqualTo(reference.lastClearingRun());
        assertThat(engine.lastSetOffNotices()).as(where).isEqualTo(reference.lastSetOffNotices());
        assertThat(engine.continuousPolicy()).as(where).isEqualTo(reference.continuousPolicy());
        for (final String id : reference.participantIds())
        {
            assertThat(engine.participant(id)).as(where + " participant " + id).isEqualTo(reference.participant(id));
            assertThat(engine.openObligations(id)).as(where + " open of " + id)
                .isEqualTo(reference.openObligations(id));
        }
        for (final String id : reference.obligationIds())
        {
            assertThat(engine.obligation(id)).as(where + " obligation " + id).isEqualTo(reference.obligation(id));
        }
    }

    @Test
    void shouldLeaveStateAndHashUnchangedWhenCommandIsRejected()
    {
        final List<TestCommand> commands = Workloads.mixed(77, 4_000, 30);
        int rejected = 0;
        for (final TestCommand command : commands)
        {
            final long before = machine.stateHash();
            final ResultCode code = apply(command);
            if (code != ResultCode.ACCEPTED)
            {
                rejected++;
                assertThat(machine.stateHash()).as(command + " -> " + code).isEqualTo(before);
            }
        }
        assertThat(rejected).isGreaterThan(200);
    }

    @Test
    void shouldReachSameHashWhenRestartedFromAnySnapshot()
    {
        for (long seed = 100; seed < 102; seed++)
        {
            final List<TestCommand> commands = Workloads.mixed(seed, 2_000, 25);
            final ClearingStateMachine full = new ClearingStateMachine();
            final java.util.ArrayList<byte[]> snapshots = new java.util.ArrayList<>();
            final java.util.ArrayList<Integer> snapshotAt = new java.util.ArrayList<>();
            for (int i = 0; i < commands.size(); i++)
            {
                final TestCommand command = commands.get(i);
                full.apply(buffer, 0, command.encode(buffer));
                if (command instanceof TestCommand.Snapshot)
                {
                    snapshots.add(snapshotOf(full));
                    snapshotAt.add(i);
                }
            }
            assertThat(snapshots).hasSizeGreaterThan(20);
            for (int s = 0; s < snapshots.size(); s++)
            {
                final ClearingStateMachine restarted = new ClearingStateMachine();
                restarted.loadSnapshot(new SnapshotInput(Channels.newChannel(new ByteArrayInputStream(snapshots.get(s)))));
                for (int i = snapshotAt.get(s) + 1; i < commands.size(); i++)
                {
                    restarted.apply(buffer, 0, commands.get(i).encode(buffer));
                }
                assertThat(restarted.stateHash()).as("seed " + seed + " snapshot at " + snapshotAt.get(s))
                    .isEqualTo(full.stateHash());
            }
        }
    }

    @Test
    void shouldRefuseSnapshotWhenChecksumDoesNotMatch()
    {
        registerAll("A", "B");
        apply(new TestCommand.Submit(2, "o1", "A", "B", 100));
        final byte[] snapshot = snapshotOf(machine);
        snapshot[snapshot.length / 2] ^= 0x40;
        final ClearingStateMachine other = new ClearingStateMachine();
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                other.loadSnapshot(new SnapshotInput(Channels.newChannel(new ByteArrayInputStream(snapshot)))))
            .isInstanceOf(SnapshotDamagedException.class);
    }

    /**
     * A restart's state is made as its snapshot loads, for the snapshot's counts and a quarter more or the expected
     * counts when larger, so that the engine need not make its arrays twice.
     */
    @Test
    void shouldMakeALoadedStatesArraysForTheExpectedCountsWhenTheSnapshotHoldsFewer()
    {
        final ClearingStateMachine machine = new ClearingStateMachine();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandCodec.MAX_COMMAND_BYTES]);
        for (int p = 0; p < 40; p++)
        {
            machine.apply(buffer, 0, CommandCodec.encodeRegisterParticipant(buffer, 0, 1, "P" + p, "Firm " + p));
        }
        for (int o = 0; o < 400; o++)
        {
            machine.apply(buffer, 0, CommandCodec.encodeSubmitObligation(buffer, 0, 2, "O" + o, "P" + o % 40,
                "P" + (o + 1) % 40, 10));
        }
        final byte[] snapshot = snapshotOf(machine);

        final ClearingStateMachine sized = ClearingStateMachine.sizedOnLoad(3_000, 70_000);
        assertThat(sized.obligationCapacity()).as("small until loaded").isLessThan(1_000);
        sized.loadSnapshot(new SnapshotInput(Channels.newChannel(new ByteArrayInputStream(snapshot))));
        assertThat(sized.stateHash()).isEqualTo(machine.stateHash());
        assertThat(sized.obligationCapacity()).isEqualTo(70_000);
        assertThat(sized.participantCapacity()).isEqualTo(3_000);

        final ClearingStateMachine small = ClearingStateMachine.sizedOnLoad(16, 16);
        small.loadSnapshot(new SnapshotInput(Channels.newChannel(new ByteArrayInputStream(snapshot))));
        assertThat(small.obligationCapacity()).as("the snapshot's count and a quarter").isEqualTo(500);
        assertThat(small.participantCapacity()).isEqualTo(50);
    }

    static byte[] snapshotOf(final ClearingStateMachine machine)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final SnapshotOutput out = new SnapshotOutput(Channels.newChannel(bytes));
        machine.writeSnapshot(out);
        out.finish();
        return bytes.toByteArray();
    }

    @Test
    void shouldGiveSameHashWhenSameCommandsAreAppliedTwice()
    {
        final List<TestCommand> commands = Workloads.mixed(5, 3_000, 40);
        final ClearingStateMachine first = new ClearingStateMachine();
        final ClearingStateMachine second = new ClearingStateMachine(1, 1);
        final ExpandableArrayBuffer other = new ExpandableArrayBuffer(2048);
        for (final TestCommand command : commands)
        {
            first.apply(buffer, 0, command.encode(buffer));
            second.apply(other, 0, command.encode(other));
        }
        assertThat(first.stateHash()).isEqualTo(second.stateHash());
        assertThat(first.totals().obligations()).isGreaterThan(1000);
    }
}
