package io.clearing.core.engine.state;

import io.clearing.core.policy.ExclusionReason;
import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.engine.api.RunMoney;
import io.clearing.core.engine.api.SetOffNotice;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The state machine with the community policies against {@link ReferenceModel} on seeded workloads of
 * {@link Workloads#withPolicies}: every result code and value, and regularly the whole state including units,
 * accounts, rules and a pending proposal; set-offs only on eligible obligations and a circulation within each unit;
 * rejected commands leave the hash unchanged; restart from any snapshot reaches the same hash.
 */
class PolicyWorkloadTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandCodec.MAX_COMMAND_BYTES]);

    @Test
    void shouldMatchReferenceModelWithPoliciesOnSeededWorkloads()
    {
        final Map<Class<?>, Integer> accepted = new HashMap<>();
        final Map<ExclusionReason, Integer> exclusions = new EnumMap<>(ExclusionReason.class);
        long setOff = 0;
        for (long seed = 1; seed <= 8; seed++)
        {
            setOff += compareWithReference(seed, 2_500, 16 + (int)seed * 2, accepted, exclusions);
        }
        assertThat(setOff).as("batch runs and commits set something off").isGreaterThan(0);
        assertThat(accepted.getOrDefault(RunMoney.class, 0))
            .as("runs that moved committed money").isGreaterThan(3);
        for (final Class<?> type : List.of(TestCommand.SubmitInUnit.class, TestCommand.Dispute.class,
            TestCommand.Rule.class, TestCommand.OptOut.class, TestCommand.DefineUnit.class, TestCommand.Propose.class,
            TestCommand.Respond.class, TestCommand.Commit.class, TestCommand.Demurrage.class,
            TestCommand.Savings.class, TestCommand.RunLimit.class))
        {
            assertThat(accepted.getOrDefault(type, 0)).as("accepted " + type.getSimpleName()).isGreaterThan(3);
        }
        for (final ExclusionReason reason : ExclusionReason.values())
        {
            if (reason != ExclusionReason.NONE)
            {
                assertThat(exclusions.getOrDefault(reason, 0)).as("notices excluded as " + reason).isGreaterThan(0);
            }
        }
    }

    private long compareWithReference(final long seed, final int count, final int participants,
        final Map<Class<?>, Integer> accepted, final Map<ExclusionReason, Integer> exclusions)
    {
        final List<TestCommand> commands = Workloads.withPolicies(seed, count, participants, true);
        final ClearingStateMachine engine = new ClearingStateMachine(2, 2);
        final ReferenceModel reference = new ReferenceModel();
        long setOff = 0;
        for (int step = 0; step < commands.size(); step++)
        {
            final TestCommand command = commands.get(step);
            final int code = engine.apply(buffer, 0, command.encode(buffer));
            final ReferenceModel.Result expected = reference.apply(command);
            final String where = "seed " + seed + " command " + step + " " + command;
            assertThat(ResultCode.of(code)).as(where).isEqualTo(expected.code());
            assertThat(engine.lastResultValue()).as(where).isEqualTo(expected.value());
            if (code == ResultCode.ACCEPTED.code())
            {
                accepted.merge(command.getClass(), 1, Integer::sum);
                if (command instanceof TestCommand.RunClearing || command instanceof TestCommand.Commit)
                {
                    setOff += checkRun(engine, where, exclusions);
                    if (!engine.lastRunMoney().isEmpty())
                    {
                        accepted.merge(RunMoney.class, 1, Integer::sum);
                    }
                }
            }
            if (step % 250 == 0 || step == commands.size() - 1)
            {
                assertSamePolicyState(engine, reference, where);
            }
        }
        return setOff;
    }

    /**
     * Excluded obligations are never set off; within each unit, what a participant's claims gave up minus what its
     * debts gave up equals the committed money it received minus what it paid (zero without liquidity: the set-offs
     * form a circulation).
     *
     * @return total set off by the run.
     */
    private static long checkRun(final ClearingStateMachine engine, final String where,
        final Map<ExclusionReason, Integer> exclusions)
    {
        final Map<String, Long> balance = new HashMap<>();
        long total = 0;
        for (final SetOffNotice notice : engine.lastSetOffNotices())
        {
            exclusions.merge(notice.exclusion(), 1, Integer::sum);
            assertThat(notice.setOffMinor()).as(where + " " + notice).isBetween(0L, notice.openMinor());
            if (notice.exclusion() != ExclusionReason.NONE)
            {
                assertThat(notice.setOffMinor()).as(where + " excluded " + notice).isZero();
            }
            final String unit = engine.obligation(notice.obligationId()).unitId();
            balance.merge(unit + "/" + notice.debtorId(), -notice.setOffMinor(), Long::sum);
            balance.merge(unit + "/" + notice.creditorId(), notice.setOffMinor(), Long::sum);
            total += notice.setOffMinor();
        }
        for (final RunMoney money : engine.lastRunMoney())
        {
            balance.merge(money.unitId() + "/" + money.participantId(), money.paidMinor() - money.receivedMinor(),
                Long::sum);
        }
        assertThat(balance.values()).as(where + " within each unit, discharged receivables - payables = money " +
            "received - paid (a circulation when no money moved)").allMatch(b -> b == 0);
        assertThat(total).as(where).isEqualTo(engine.lastClearingRun().clearedMinor());
        return total;
    }

    private static void assertSamePolicyState(final ClearingStateMachine engine, final ReferenceModel reference,
        final String where)
    {
        ClearingStateMachineTest.assertSameState(engine, reference, where);
        assertThat(engine.units()).as(where).isEqualTo(reference.units());
        for (final String unit : reference.unitIds())
        {
            assertThat(engine.accounts(unit)).as(where + " accounts " + unit).isEqualTo(reference.accounts(unit));
        }
        for (final String id : reference.participantIds())
        {
            assertThat(engine.participantPolicy(id)).as(where + " policy " + id)
                .isEqualTo(reference.participantPolicy(id));
        }
        assertThat(engine.pendingProposal()).as(where + " proposal").isEqualTo(reference.pendingProposal());
        assertThat(engine.runLimits()).as(where + " run limits").isEqualTo(reference.runLimits());
        assertThat(engine.lastRunMoney()).as(where + " money of the last run").isEqualTo(reference.lastRunMoney());
    }

    @Test
    void shouldLeaveStateAndHashUnchangedWhenPolicyCommandIsRejected()
    {
        final ClearingStateMachine machine = new ClearingStateMachine();
        final Map<ResultCode, Integer> rejections = new EnumMap<>(ResultCode.class);
        int runsMovingMoney = 0;
        for (final TestCommand command : Workloads.withPolicies(77, 4_000, 24, true))
        {
            final long before = machine.stateHash();
            final ResultCode code = ResultCode.of(machine.apply(buffer, 0, command.encode(buffer)));
            if (code == ResultCode.ACCEPTED && !machine.lastRunMoney().isEmpty() &&
                (command instanceof TestCommand.RunClearing || command instanceof TestCommand.Commit))
            {
                runsMovingMoney++;
            }
            if (code != ResultCode.ACCEPTED)
            {
                rejections.merge(code, 1, Integer::sum);
                assertThat(machine.stateHash()).as(command + " -> " + code).isEqualTo(before);
            }
        }
        assertThat(rejections.keySet()).contains(ResultCode.NOT_A_PARTY, ResultCode.UNKNOWN_UNIT,
            ResultCode.INVALID_POLICY, ResultCode.NO_PENDING_PROPOSAL, ResultCode.AWAITING_ACCEPTANCE,
            ResultCode.CUT_OFF_PASSED, ResultCode.NO_DEMURRAGE, ResultCode.PROPOSAL_PENDING);
        assertThat(runsMovingMoney).as("runs that moved committed money").isGreaterThan(0);
    }

    @Test
    void shouldReachSameHashWhenRestartedFromAnySnapshotWithPolicies()
    {
        for (long seed = 200; seed < 202; seed++)
        {
            final List<TestCommand> commands = Workloads.withPolicies(seed, 1_500, 20, true);
            final ClearingStateMachine full = new ClearingStateMachine();
            final List<byte[]> snapshots = new ArrayList<>();
            final List<Integer> snapshotAt = new ArrayList<>();
            for (int i = 0; i < commands.size(); i++)
            {
                final TestCommand command = commands.get(i);
                full.apply(buffer, 0, command.encode(buffer));
                if (command instanceof TestCommand.Snapshot)
                {
                    snapshots.add(ClearingStateMachineTest.snapshotOf(full));
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
                assertThat(restarted.accounts("TALER")).isEqualTo(full.accounts("TALER"));
                assertThat(restarted.pendingProposal()).isEqualTo(full.pendingProposal());
            }
        }
    }
}
