package io.clearing.core.engine.state;

import io.clearing.core.api.ClearingSolver;
import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.policy.ExclusionReason;
import io.clearing.core.engine.api.ObligationState;
import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.engine.api.RunLimit;
import io.clearing.core.engine.api.RunMoney;
import io.clearing.core.engine.api.SetOffNotice;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.clearing.core.engine.state.CommandCodec.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Receivable caps and liquidity commitments for a run, solved by the policy solver inside the engine: chains settle
 * through committed money, caps bound what a participant's receivables give up, each participant's position
 * including money is unchanged, and the limits end with the run they were given for.
 */
class RunLimitTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandCodec.MAX_COMMAND_BYTES]);
    private final ClearingStateMachine machine = new ClearingStateMachine(4, 4);

    private ResultCode apply(final ClearingStateMachine target, final TestCommand command)
    {
        return ResultCode.of(target.apply(buffer, 0, command.encode(buffer)));
    }

    private void accept(final TestCommand command)
    {
        assertThat(apply(machine, command)).as(command.toString()).isEqualTo(ResultCode.ACCEPTED);
    }

    @Test
    void shouldSettleAnOpenChainThroughCommittedLiquidity()
    {
        for (final String id : new String[] {"A", "B", "C", "D", "FUND"})
        {
            accept(new TestCommand.Register(1, id, id));
        }
        accept(new TestCommand.DefineUnit(1, "TALER", true, 0, ""));
        accept(new TestCommand.SubmitInUnit(2, "ab", "A", "B", 100, "TALER", 0));
        accept(new TestCommand.SubmitInUnit(2, "bc", "B", "C", 100, "TALER", 0));
        accept(new TestCommand.SubmitInUnit(2, "cd", "C", "D", 70, "TALER", 0));
        accept(new TestCommand.RunLimit(3, "A", "TALER", LIMIT_LIQUIDITY, 100));
        assertThat(machine.runLimits()).containsExactly(new RunLimit("A", "TALER", true, 100));

        accept(new TestCommand.RunClearing(4, 1));

        assertThat(machine.lastResultValue()).isEqualTo(270);
        assertThat(machine.totals().totalDebtMinor()).isZero();
        assertThat(machine.lastRunMoney()).containsExactly(new RunMoney("A", "TALER", 100, 0),
            new RunMoney("C", "TALER", 0, 30), new RunMoney("D", "TALER", 0, 70));
        assertThat(machine.participant("A").netPositionMinor()).isZero();
        assertThat(machine.participant("C").netPositionMinor()).as("its claim of 30 became 30 of money").isZero();
        assertThat(machine.accounts("TALER")).extracting(a -> a.settlementMinor())
            .containsExactly(-100L, 0L, 30L, 70L, 0L);
        assertThat(machine.runLimits()).as("limits end with the run").isEmpty();
        accept(new TestCommand.RunClearing(5, 2));
        assertThat(machine.lastResultValue()).isZero();
    }

    @Test
    void shouldDischargeNoMoreOfAParticipantsReceivablesThanItsCap()
    {
        for (final String id : new String[] {"A", "B", "C"})
        {
            accept(new TestCommand.Register(1, id, id));
        }
        accept(new TestCommand.Submit(2, "ab", "A", "B", 100));
        accept(new TestCommand.Submit(2, "bc", "B", "C", 100));
        accept(new TestCommand.Submit(2, "ca", "C", "A", 100));
        accept(new TestCommand.RunLimit(3, "B", "", LIMIT_RECEIVABLE_CAP, 40));

        accept(new TestCommand.RunClearing(4, 1));

        assertThat(machine.lastResultValue()).isEqualTo(120);
        assertThat(machine.obligation("ab").setOffMinor()).isEqualTo(40);
        assertThat(machine.lastRunMoney()).isEmpty();
    }

    @Test
    void shouldRefuseBadLimitsWithoutChangingState()
    {
        for (final String id : new String[] {"A", "B", "C"})
        {
            accept(new TestCommand.Register(1, id, id));
        }
        accept(new TestCommand.RunLimit(2, "A", "", LIMIT_LIQUIDITY, Long.MAX_VALUE - 5));
        final long hash = machine.stateHash();
        assertThat(apply(machine, new TestCommand.RunLimit(2, "B", "", LIMIT_LIQUIDITY, 6)))
            .isEqualTo(ResultCode.TOTAL_DEBT_OVERFLOW);
        assertThat(apply(machine, new TestCommand.RunLimit(2, "B", "", LIMIT_LIQUIDITY, 0)))
            .isEqualTo(ResultCode.INVALID_AMOUNT);
        assertThat(apply(machine, new TestCommand.RunLimit(2, "B", "", LIMIT_RECEIVABLE_CAP, -1)))
            .isEqualTo(ResultCode.INVALID_AMOUNT);
        assertThat(apply(machine, new TestCommand.RunLimit(2, "B", "", LIMIT_REMOVE_RECEIVABLE_CAP, 5)))
            .isEqualTo(ResultCode.INVALID_POLICY);
        assertThat(apply(machine, new TestCommand.RunLimit(2, "B", "", LIMIT_REMOVE_RECEIVABLE_CAP, 0)))
            .isEqualTo(ResultCode.DUPLICATE);
        assertThat(apply(machine, new TestCommand.RunLimit(2, "B", "", 9, 5))).isEqualTo(ResultCode.INVALID_POLICY);
        assertThat(apply(machine, new TestCommand.RunLimit(2, "X", "", LIMIT_LIQUIDITY, 5)))
            .isEqualTo(ResultCode.UNKNOWN_PARTICIPANT);
        assertThat(apply(machine, new TestCommand.RunLimit(2, "B", "EUR", LIMIT_LIQUIDITY, 5)))
            .isEqualTo(ResultCode.UNKNOWN_UNIT);
        assertThat(machine.stateHash()).isEqualTo(hash);
        accept(new TestCommand.Submit(3, "ab", "A", "B", 10));
        accept(new TestCommand.Propose(4, 1, 10, true));
        assertThat(apply(machine, new TestCommand.RunLimit(5, "B", "", LIMIT_LIQUIDITY, 5)))
            .isEqualTo(ResultCode.PROPOSAL_PENDING);
        accept(new TestCommand.Commit(11, 1));
        assertThat(machine.lastRunMoney()).containsExactly(new RunMoney("A", "", 10, 0), new RunMoney("B", "", 0, 10));
    }

    /**
     * Random networks in two units with random exclusions, caps and commitments: after every run the per-participant
     * and per-unit identity {@code discharged receivables - discharged payables = received - paid} holds, caps and
     * commitments are kept, excluded obligations are untouched, and a run with commitments only never clears less
     * than the plain optimum without them.
     */
    @Test
    void shouldKeepEveryPositionIncludingMoneyOnRandomNetworks()
    {
        long extraByLiquidity = 0;
        for (long seed = 1; seed <= 60; seed++)
        {
            extraByLiquidity += randomRun(seed);
        }
        assertThat(extraByLiquidity).as("liquidity settled chains that are not cycles").isGreaterThan(0);
    }

    private long randomRun(final long seed)
    {
        final Random random = new Random(seed);
        final ClearingStateMachine engine = new ClearingStateMachine();
        final int participants = 4 + random.nextInt(6);
        final String[] units = {"", "TALER"};
        for (int p = 0; p < participants; p++)
        {
            apply(engine, new TestCommand.Register(1, "P" + p, "P" + p));
        }
        apply(engine, new TestCommand.DefineUnit(1, "TALER", true, 0, ""));
        final int obligations = 5 + random.nextInt(20);
        for (int i = 0; i < obligations; i++)
        {
            final int d = random.nextInt(participants);
            final int c = (d + 1 + random.nextInt(participants - 1)) % participants;
            apply(engine, new TestCommand.SubmitInUnit(2, "O" + i, "P" + d, "P" + c, 1 + random.nextInt(100),
                units[random.nextInt(2)], 0));
            if (random.nextInt(8) == 0)
            {
                apply(engine, new TestCommand.Dispute(2, "O" + i, "P" + d, true));
            }
        }
        final boolean capsToo = random.nextBoolean();
        final Map<String, Long> caps = new HashMap<>();
        final Map<String, Long> commitments = new HashMap<>();
        for (int k = 0; k < 1 + random.nextInt(4); k++)
        {
            final String p = "P" + random.nextInt(participants);
            final String unit = units[random.nextInt(2)];
            final boolean cap = capsToo && random.nextBoolean();
            final long amount = cap ? random.nextInt(80) : 1 + random.nextInt(150);
            if (apply(engine, new TestCommand.RunLimit(3, p, unit, cap ? LIMIT_RECEIVABLE_CAP : LIMIT_LIQUIDITY,
                amount)) == ResultCode.ACCEPTED)
            {
                (cap ? caps : commitments).put(p + "/" + unit, amount);
            }
        }
        final long plain = capsToo ? 0 : plainOptimum(engine);
        final Map<String, Long> before = new HashMap<>();
        for (int p = 0; p < participants; p++)
        {
            before.put("P" + p, engine.participant("P" + p).netPositionMinor());
        }
        final byte[] snapshot = ClearingStateMachineTest.snapshotOf(engine);

        assertThat(apply(engine, new TestCommand.RunClearing(4, 1))).isEqualTo(ResultCode.ACCEPTED);

        final String where = "seed " + seed;
        final Map<String, Long> identity = new HashMap<>();
        final Map<String, Long> receivablesDischarged = new HashMap<>();
        for (final SetOffNotice notice : engine.lastSetOffNotices())
        {
            final ObligationState o = engine.obligation(notice.obligationId());
            if (notice.exclusion() != ExclusionReason.NONE)
            {
                assertThat(notice.setOffMinor()).as(where).isZero();
            }
            identity.merge(o.creditorId() + "/" + o.unitId(), notice.setOffMinor(), Long::sum);
            identity.merge(o.debtorId() + "/" + o.unitId(), -notice.setOffMinor(), Long::sum);
            receivablesDischarged.merge(o.creditorId() + "/" + o.unitId(), notice.setOffMinor(), Long::sum);
        }
        for (final RunMoney money : engine.lastRunMoney())
        {
            final String key = money.participantId() + "/" + money.unitId();
            identity.merge(key, money.paidMinor() - money.receivedMinor(), Long::sum);
            assertThat(money.paidMinor()).as(where + " commitment of " + key)
                .isLessThanOrEqualTo(commitments.getOrDefault(key, 0L));
        }
        assertThat(identity.values()).as(where + " discharged receivables - payables = received - paid")
            .allMatch(v -> v == 0);
        caps.forEach((key, cap) -> assertThat(receivablesDischarged.getOrDefault(key, 0L)).as(where + " cap " + key)
            .isLessThanOrEqualTo(cap));
        for (int p = 0; p < participants; p++)
        {
            long paid = 0;
            long received = 0;
            for (final RunMoney money : engine.lastRunMoney())
            {
                if (money.participantId().equals("P" + p))
                {
                    paid += money.paidMinor();
                    received += money.receivedMinor();
                }
            }
            assertThat(engine.participant("P" + p).netPositionMinor()).as(where + " net of P" + p)
                .isEqualTo(before.get("P" + p) + paid - received);
        }
        final ClearingStateMachine restarted = new ClearingStateMachine();
        restarted.loadSnapshot(new SnapshotInput(Channels.newChannel(new ByteArrayInputStream(snapshot))));
        apply(restarted, new TestCommand.RunClearing(4, 1));
        assertThat(restarted.stateHash()).as(where + " replay from snapshot").isEqualTo(engine.stateHash());
        if (!capsToo)
        {
            assertThat(engine.lastClearingRun().clearedMinor()).as(where + " liquidity never lowers the total")
                .isGreaterThanOrEqualTo(plain);
            return engine.lastClearingRun().clearedMinor() - plain;
        }
        return 0;
    }

    /**
     * The plain optimum per unit over the undisputed open obligations, without any limit.
     */
    private static long plainOptimum(final ClearingStateMachine engine)
    {
        long total = 0;
        final List<String> participants = new ArrayList<>();
        for (int p = 0; engine.participant("P" + p) != null; p++)
        {
            participants.add("P" + p);
        }
        for (final String unit : new String[] {"", "TALER"})
        {
            final ObligationNetwork.Builder builder = ObligationNetwork.builder();
            participants.forEach(builder::participant);
            for (int i = 0; engine.obligation("O" + i) != null; i++)
            {
                final ObligationState o = engine.obligation("O" + i);
                if (o.unitId().equals(unit) && !o.isDisputed())
                {
                    builder.add(o.debtorId(), o.creditorId(), o.openMinor());
                }
            }
            total += new ClearingSolver(() -> 0L).solve(builder.build()).clearedMinor();
        }
        return total;
    }
}
