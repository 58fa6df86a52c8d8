package io.clearing.core.engine.state;

import io.clearing.core.policy.ExclusionReason;
import io.clearing.core.engine.api.ProposalState;
import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.engine.api.SetOffNotice;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;

import static io.clearing.core.engine.state.CommandCodec.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The community policies one at a time on small networks whose optimum is known by hand.
 */
class PolicyStateMachineTest
{
    private static final long DAY_MS = 86_400_000L;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandCodec.MAX_COMMAND_BYTES]);
    private final ClearingStateMachine machine = new ClearingStateMachine(4, 4);

    private ResultCode apply(final TestCommand command)
    {
        return ResultCode.of(machine.apply(buffer, 0, command.encode(buffer)));
    }

    private void accept(final TestCommand command)
    {
        assertThat(apply(command)).as(command.toString()).isEqualTo(ResultCode.ACCEPTED);
    }

    private void registerAll(final String... ids)
    {
        for (final String id : ids)
        {
            accept(new TestCommand.Register(1, id, "Firm " + id));
        }
    }

    /**
     * A -> B -> C -> A, 100 each, plus C -> D 20: the optimum sets off 300.
     */
    private void triangle()
    {
        registerAll("A", "B", "C", "D");
        accept(new TestCommand.Submit(2, "ab", "A", "B", 100));
        accept(new TestCommand.Submit(2, "bc", "B", "C", 100));
        accept(new TestCommand.Submit(2, "ca", "C", "A", 100));
        accept(new TestCommand.Submit(2, "cd", "C", "D", 20));
    }

    private SetOffNotice notice(final String obligationId)
    {
        for (final SetOffNotice notice : machine.lastSetOffNotices())
        {
            if (notice.obligationId().equals(obligationId))
            {
                return notice;
            }
        }
        throw new AssertionError("no notice for " + obligationId);
    }

    @Test
    void shouldLeaveDisputedObligationUntouchedAndSayWhyWhenBatchRuns()
    {
        triangle();
        accept(new TestCommand.Dispute(3, "bc", "C", true));
        assertThat(machine.obligation("bc").disputedByCreditor()).isTrue();

        accept(new TestCommand.RunClearing(4, 1));

        assertThat(machine.lastClearingRun().clearedMinor()).isZero();
        assertThat(notice("bc").exclusion()).isEqualTo(ExclusionReason.DISPUTED);
        assertThat(notice("ab").exclusion()).isEqualTo(ExclusionReason.NONE);
        assertThat(machine.obligation("bc").openMinor()).isEqualTo(100);
    }

    @Test
    void shouldClearAgainWhenDisputeIsWithdrawn()
    {
        triangle();
        accept(new TestCommand.Dispute(3, "bc", "B", true));
        accept(new TestCommand.Dispute(3, "bc", "C", true));
        accept(new TestCommand.Dispute(4, "bc", "B", false));
        assertThat(machine.obligation("bc").isDisputed()).isTrue();
        accept(new TestCommand.Dispute(4, "bc", "C", false));

        accept(new TestCommand.RunClearing(5, 1));

        assertThat(machine.lastClearingRun().clearedMinor()).isEqualTo(300);
    }

    @Test
    void shouldRefuseDisputeFromNonPartyAndOnClosedObligationWithoutChangingState()
    {
        triangle();
        accept(new TestCommand.Pay(3, "p1", "cd", 20));
        final long hash = machine.stateHash();

        assertThat(apply(new TestCommand.Dispute(4, "ab", "C", true))).isEqualTo(ResultCode.NOT_A_PARTY);
        assertThat(apply(new TestCommand.Dispute(4, "cd", "C", true))).isEqualTo(ResultCode.OBLIGATION_CLOSED);
        assertThat(apply(new TestCommand.Dispute(4, "zz", "C", true))).isEqualTo(ResultCode.UNKNOWN_OBLIGATION);
        assertThat(apply(new TestCommand.Dispute(4, "ab", "X", true))).isEqualTo(ResultCode.UNKNOWN_PARTICIPANT);
        assertThat(apply(new TestCommand.Dispute(4, "ab", "A", false))).isEqualTo(ResultCode.DUPLICATE);
        assertThat(apply(new TestCommand.Dispute(4, "", "A", true))).isEqualTo(ResultCode.INVALID_ID);
        assertThat(machine.stateHash()).isEqualTo(hash);
    }

    @Test
    void shouldSkipDisputedObligationWhenClearingContinuously()
    {
        registerAll("A", "B", "C");
        accept(new TestCommand.Configure(1, true, 6, 64, 256));
        accept(new TestCommand.Submit(2, "ab", "A", "B", 100));
        accept(new TestCommand.Submit(2, "bc", "B", "C", 100));
        accept(new TestCommand.Dispute(3, "bc", "B", true));
        accept(new TestCommand.Submit(4, "ca", "C", "A", 100));

        assertThat(machine.lastResultValue()).isZero();
        assertThat(machine.totals().continuousSetOffMinor()).isZero();
    }

    @Test
    void shouldExcludeRelatedPartiesInBothDirections()
    {
        triangle();
        accept(new TestCommand.Rule(3, "B", RULE_ADD_RELATED, 0, "A"));
        assertThat(apply(new TestCommand.Rule(3, "B", RULE_ADD_RELATED, 0, "A"))).isEqualTo(ResultCode.DUPLICATE);
        assertThat(machine.participantPolicy("B").relatedParticipantIds()).containsExactly("A");

        accept(new TestCommand.RunClearing(4, 1));

        assertThat(machine.lastClearingRun().clearedMinor()).isZero();
        assertThat(notice("ab").exclusion()).isEqualTo(ExclusionReason.RELATED_PARTY);

        accept(new TestCommand.Rule(5, "B", RULE_REMOVE_RELATED, 0, "A"));
        accept(new TestCommand.RunClearing(6, 2));
        assertThat(machine.lastClearingRun().clearedMinor()).isEqualTo(300);
    }

    @Test
    void shouldExcludeObligationsBelowEitherPartysMinimum()
    {
        registerAll("A", "B", "C");
        accept(new TestCommand.Submit(2, "ab", "A", "B", 100));
        accept(new TestCommand.Submit(2, "bc", "B", "C", 100));
        accept(new TestCommand.Submit(2, "ca", "C", "A", 100));
        accept(new TestCommand.Submit(2, "ab2", "A", "B", 30));
        accept(new TestCommand.Submit(2, "bc2", "B", "C", 30));
        accept(new TestCommand.Submit(2, "ca2", "C", "A", 30));
        accept(new TestCommand.Rule(3, "C", RULE_MINIMUM_AMOUNT, 50, ""));

        accept(new TestCommand.RunClearing(4, 1));

        assertThat(machine.lastClearingRun().clearedMinor()).isEqualTo(300);
        assertThat(notice("bc2").exclusion()).isEqualTo(ExclusionReason.BELOW_MINIMUM);
        assertThat(notice("ca2").exclusion()).isEqualTo(ExclusionReason.BELOW_MINIMUM);
        assertThat(notice("ab2").exclusion()).isEqualTo(ExclusionReason.NONE);
        assertThat(notice("ab2").setOffMinor()).isZero();
    }

    @Test
    void shouldExcludeObligationsDueAfterTheWindowAtTheCutOff()
    {
        registerAll("A", "B", "C");
        final long start = 1_000 * DAY_MS;
        accept(new TestCommand.SubmitInUnit(start, "ab", "A", "B", 100, "", start + 10 * DAY_MS));
        accept(new TestCommand.SubmitInUnit(start, "bc", "B", "C", 100, "", start + 40 * DAY_MS));
        accept(new TestCommand.SubmitInUnit(start, "ca", "C", "A", 100, "", 0));
        accept(new TestCommand.Rule(start, "B", RULE_DUE_WINDOW, 30 * DAY_MS, ""));
        assertThat(machine.obligation("bc").dueAtMs()).isEqualTo(start + 40 * DAY_MS);

        accept(new TestCommand.RunClearing(start, 1));
        assertThat(machine.lastClearingRun().clearedMinor()).isZero();
        assertThat(notice("bc").exclusion()).isEqualTo(ExclusionReason.OUTSIDE_DUE_WINDOW);

        accept(new TestCommand.RunClearing(start + 10 * DAY_MS, 2));
        assertThat(machine.lastClearingRun().clearedMinor()).isEqualTo(300);
    }

    @Test
    void shouldRefuseBadRulesWithoutChangingState()
    {
        triangle();
        final long hash = machine.stateHash();
        assertThat(apply(new TestCommand.Rule(3, "A", 99, 0, ""))).isEqualTo(ResultCode.INVALID_POLICY);
        assertThat(apply(new TestCommand.Rule(3, "A", RULE_MINIMUM_AMOUNT, -1, ""))).isEqualTo(ResultCode.INVALID_AMOUNT);
        assertThat(apply(new TestCommand.Rule(3, "A", RULE_DUE_WINDOW, -1, ""))).isEqualTo(ResultCode.INVALID_POLICY);
        assertThat(apply(new TestCommand.Rule(3, "A", RULE_MINIMUM_AMOUNT, 5, "B"))).isEqualTo(ResultCode.INVALID_POLICY);
        assertThat(apply(new TestCommand.Rule(3, "A", RULE_ADD_RELATED, 0, ""))).isEqualTo(ResultCode.INVALID_ID);
        assertThat(apply(new TestCommand.Rule(3, "A", RULE_ADD_RELATED, 0, "A"))).isEqualTo(ResultCode.SAME_PARTICIPANT);
        assertThat(apply(new TestCommand.Rule(3, "A", RULE_ADD_RELATED, 0, "X"))).isEqualTo(ResultCode.UNKNOWN_PARTICIPANT);
        assertThat(apply(new TestCommand.Rule(3, "X", RULE_MINIMUM_AMOUNT, 5, ""))).isEqualTo(ResultCode.UNKNOWN_PARTICIPANT);
        assertThat(apply(new TestCommand.Rule(3, "A", RULE_REMOVE_RELATED, 0, "B"))).isEqualTo(ResultCode.DUPLICATE);
        assertThat(apply(new TestCommand.Rule(3, "A", RULE_CLEAR_DUE_WINDOW, 0, ""))).isEqualTo(ResultCode.DUPLICATE);
        assertThat(apply(new TestCommand.OptOut(3, "A", 7))).isEqualTo(ResultCode.INVALID_POLICY);
        assertThat(apply(new TestCommand.OptOut(3, "A", OPT_IN))).isEqualTo(ResultCode.DUPLICATE);
        assertThat(apply(new TestCommand.SubmitInUnit(3, "x1", "A", "B", 5, "", -1))).isEqualTo(ResultCode.INVALID_POLICY);
        assertThat(apply(new TestCommand.SubmitInUnit(3, "x1", "A", "B", 5, "EUR", 0))).isEqualTo(ResultCode.UNKNOWN_UNIT);
        assertThat(machine.stateHash()).isEqualTo(hash);
    }

    @Test
    void shouldOptOutOfTheNextRunOnly()
    {
        triangle();
        accept(new TestCommand.OptOut(3, "B", OPT_OUT_NEXT_RUN));
        accept(new TestCommand.RunClearing(4, 1));
        assertThat(machine.lastClearingRun().clearedMinor()).isZero();
        assertThat(notice("ab").exclusion()).isEqualTo(ExclusionReason.OPTED_OUT);
        assertThat(machine.participantPolicy("B").optedOutNextRun()).isFalse();

        accept(new TestCommand.RunClearing(5, 2));
        assertThat(machine.lastClearingRun().clearedMinor()).isEqualTo(300);
    }

    @Test
    void shouldStayOutOfEveryRunUntilOptedBackIn()
    {
        triangle();
        accept(new TestCommand.OptOut(3, "A", OPT_OUT_UNTIL_OPT_IN));
        accept(new TestCommand.RunClearing(4, 1));
        accept(new TestCommand.RunClearing(5, 2));
        assertThat(machine.lastClearingRun().clearedMinor()).isZero();

        accept(new TestCommand.OptOut(6, "A", OPT_IN));
        accept(new TestCommand.RunClearing(7, 3));
        assertThat(machine.lastClearingRun().clearedMinor()).isEqualTo(300);
    }

    @Test
    void shouldClearWithinEachUnitAndNeverAcrossUnits()
    {
        registerAll("A", "B", "C");
        accept(new TestCommand.DefineUnit(1, "EUR", false, 0, ""));
        accept(new TestCommand.DefineUnit(1, "TALER", true, 0, ""));
        accept(new TestCommand.SubmitInUnit(2, "ab", "A", "B", 100, "EUR", 0));
        accept(new TestCommand.SubmitInUnit(2, "bc", "B", "C", 100, "EUR", 0));
        accept(new TestCommand.SubmitInUnit(2, "ca", "C", "A", 100, "TALER", 0));
        accept(new TestCommand.SubmitInUnit(2, "ba", "B", "A", 40, "EUR", 0));
        accept(new TestCommand.Submit(2, "cb", "C", "B", 70));
        accept(new TestCommand.Submit(2, "bc0", "B", "C", 50));

        accept(new TestCommand.RunClearing(3, 1));

        assertThat(machine.obligation("ca").setOffMinor()).isZero();
        assertThat(machine.obligation("ca").unitId()).isEqualTo("TALER");
        assertThat(machine.obligation("ab").setOffMinor()).isEqualTo(40);
        assertThat(machine.obligation("ba").setOffMinor()).isEqualTo(40);
        assertThat(machine.obligation("bc").setOffMinor()).isZero();
        assertThat(machine.obligation("cb").setOffMinor()).isEqualTo(50);
        assertThat(machine.lastClearingRun().clearedMinor()).isEqualTo(180);
    }

    @Test
    void shouldFollowOnlyTheNewObligationsUnitWhenClearingContinuously()
    {
        registerAll("A", "B", "C");
        accept(new TestCommand.DefineUnit(1, "EUR", false, 0, ""));
        accept(new TestCommand.Configure(1, true, 6, 64, 256));
        accept(new TestCommand.SubmitInUnit(2, "ab", "A", "B", 100, "EUR", 0));
        accept(new TestCommand.Submit(2, "bc", "B", "C", 100));
        accept(new TestCommand.SubmitInUnit(2, "ca", "C", "A", 100, "EUR", 0));
        assertThat(machine.lastResultValue()).isZero();
        accept(new TestCommand.SubmitInUnit(2, "bc2", "B", "C", 60, "EUR", 0));
        assertThat(machine.lastResultValue()).isEqualTo(180);
    }

    @Test
    void shouldRefuseBadUnitDefinitionsWithoutChangingState()
    {
        registerAll("A", "FUND");
        accept(new TestCommand.DefineUnit(1, "TALER", true, 50, "FUND"));
        final long hash = machine.stateHash();
        assertThat(apply(new TestCommand.DefineUnit(2, "TALER", true, 50, "FUND"))).isEqualTo(ResultCode.DUPLICATE);
        assertThat(apply(new TestCommand.DefineUnit(2, "TALER", true, 60, "FUND"))).isEqualTo(ResultCode.ID_CONFLICT);
        assertThat(apply(new TestCommand.DefineUnit(2, "EUR", false, 50, "FUND"))).isEqualTo(ResultCode.INVALID_POLICY);
        assertThat(apply(new TestCommand.DefineUnit(2, "X", true, 10_001, "FUND"))).isEqualTo(ResultCode.INVALID_POLICY);
        assertThat(apply(new TestCommand.DefineUnit(2, "X", true, 10, ""))).isEqualTo(ResultCode.INVALID_POLICY);
        assertThat(apply(new TestCommand.DefineUnit(2, "X", true, 10, "NOBODY"))).isEqualTo(ResultCode.UNKNOWN_PARTICIPANT);
        assertThat(apply(new TestCommand.DefineUnit(2, "", true, 0, ""))).isEqualTo(ResultCode.INVALID_ID);
        assertThat(apply(new TestCommand.Demurrage(2, "EUR", 1))).isEqualTo(ResultCode.UNKNOWN_UNIT);
        assertThat(apply(new TestCommand.Demurrage(2, "TALER", 0))).isEqualTo(ResultCode.INVALID_ID);
        assertThat(apply(new TestCommand.Savings(2, "A", "TALER", 1))).isEqualTo(ResultCode.INSUFFICIENT_BALANCE);
        assertThat(apply(new TestCommand.Savings(2, "A", "TALER", -1))).isEqualTo(ResultCode.INVALID_AMOUNT);
        assertThat(apply(new TestCommand.Savings(2, "A", "", 1))).isEqualTo(ResultCode.UNKNOWN_UNIT);
        assertThat(machine.stateHash()).isEqualTo(hash);
    }

    @Test
    void shouldCommitExactlyTheProposalWhenEveryAffectedParticipantAccepts()
    {
        triangle();
        accept(new TestCommand.Propose(10, 1, 100, false));
        assertThat(machine.lastResultValue()).isEqualTo(300);
        final ProposalState proposal = machine.pendingProposal();
        assertThat(proposal.affected()).containsExactly("A", "B", "C");
        assertThat(machine.totals().totalDebtMinor()).as("nothing applied before commit").isEqualTo(320);
        assertThat(apply(new TestCommand.RunClearing(11, 2))).isEqualTo(ResultCode.PROPOSAL_PENDING);

        accept(new TestCommand.Respond(20, 1, "A", true));
        accept(new TestCommand.Respond(20, 1, "B", true));
        assertThat(apply(new TestCommand.Commit(30, 1))).isEqualTo(ResultCode.AWAITING_ACCEPTANCE);
        accept(new TestCommand.Respond(40, 1, "C", true));
        assertThat(apply(new TestCommand.Respond(41, 1, "C", false))).isEqualTo(ResultCode.ALREADY_ANSWERED);
        accept(new TestCommand.Commit(50, 1));

        assertThat(machine.lastResultValue()).isEqualTo(300);
        assertThat(machine.lastClearingRun().runId()).isEqualTo(1);
        assertThat(machine.lastClearingRun().timestampMs()).as("cut-off of the proposal").isEqualTo(10);
        assertThat(machine.obligation("ab").closedAtMs()).isEqualTo(50);
        assertThat(machine.pendingProposal()).isNull();
        for (final SetOffNotice notice : proposal.notices())
        {
            assertThat(machine.obligation(notice.obligationId()).setOffMinor()).isEqualTo(notice.setOffMinor());
        }
        assertThat(apply(new TestCommand.Commit(60, 1))).isEqualTo(ResultCode.DUPLICATE);
    }

    @Test
    void shouldResolveWithoutTheParticipantWhenItRejects()
    {
        registerAll("A", "B", "C", "D");
        accept(new TestCommand.Submit(2, "ab", "A", "B", 160));
        accept(new TestCommand.Submit(2, "bc", "B", "C", 100));
        accept(new TestCommand.Submit(2, "ca", "C", "A", 100));
        accept(new TestCommand.Submit(2, "bd", "B", "D", 60));
        accept(new TestCommand.Submit(2, "da", "D", "A", 60));
        accept(new TestCommand.Propose(10, 1, 100, true));
        assertThat(machine.lastResultValue()).isEqualTo(480);

        accept(new TestCommand.Respond(20, 1, "C", false));

        assertThat(machine.lastResultValue()).isEqualTo(180);
        final ProposalState proposal = machine.pendingProposal();
        assertThat(proposal.rejected()).containsExactly("C");
        assertThat(proposal.affected()).containsExactly("A", "B", "D");
        accept(new TestCommand.Respond(21, 1, "A", true));
        accept(new TestCommand.Respond(21, 1, "B", true));
        accept(new TestCommand.Respond(21, 1, "D", true));
        accept(new TestCommand.Commit(22, 1));
        assertThat(machine.obligation("bc").setOffMinor()).isZero();
        assertThat(machine.obligation("bd").setOffMinor()).isEqualTo(60);
        assertThat(notice("ca").exclusion()).isEqualTo(ExclusionReason.REJECTED_RUN);
    }

    @Test
    void shouldApplyTheDefaultForSilentParticipantsAfterTheCutOff()
    {
        triangle();
        accept(new TestCommand.Propose(10, 1, 100, true));
        accept(new TestCommand.Respond(20, 1, "A", true));
        assertThat(apply(new TestCommand.Respond(101, 1, "B", true))).isEqualTo(ResultCode.CUT_OFF_PASSED);
        accept(new TestCommand.Commit(101, 1));
        assertThat(machine.lastResultValue()).as("accept by default").isEqualTo(300);

        final ClearingStateMachine other = new ClearingStateMachine();
        final TestCommand[] commands = {
            new TestCommand.Register(1, "A", "a"), new TestCommand.Register(1, "B", "b"),
            new TestCommand.Register(1, "C", "c"), new TestCommand.Submit(2, "ab", "A", "B", 100),
            new TestCommand.Submit(2, "bc", "B", "C", 100), new TestCommand.Submit(2, "ca", "C", "A", 100),
            new TestCommand.Propose(10, 1, 100, false), new TestCommand.Respond(20, 1, "A", true),
            new TestCommand.Respond(20, 1, "B", true), new TestCommand.Commit(101, 1)};
        for (final TestCommand command : commands)
        {
            assertThat(ResultCode.of(other.apply(buffer, 0, command.encode(buffer)))).isEqualTo(ResultCode.ACCEPTED);
        }
        assertThat(other.lastResultValue()).as("reject by default: C was silent").isZero();
        assertThat(other.lastSetOffNotices().get(1).exclusion()).isEqualTo(ExclusionReason.NOT_ACCEPTED);
    }

    @Test
    void shouldResolveAtCommitWhenTheProposalNoLongerFits()
    {
        triangle();
        accept(new TestCommand.Propose(10, 1, 100, true));
        accept(new TestCommand.Pay(11, "p1", "ab", 70));
        accept(new TestCommand.Commit(101, 1));

        assertThat(machine.lastResultValue()).isEqualTo(90);
        assertThat(machine.obligation("ab").openMinor()).isZero();
        assertThat(machine.totals().netInternalDebtMinor()).isEqualTo(machine.lastClearingRun().netInternalDebtMinor());
    }

    @Test
    void shouldRefuseBadProposalCommandsWithoutChangingState()
    {
        triangle();
        final long before = machine.stateHash();
        assertThat(apply(new TestCommand.Propose(10, 0, 100, true))).isEqualTo(ResultCode.INVALID_ID);
        assertThat(apply(new TestCommand.Propose(10, 4, 9, true))).isEqualTo(ResultCode.INVALID_POLICY);
        assertThat(apply(new TestCommand.Respond(10, 4, "A", true))).isEqualTo(ResultCode.NO_PENDING_PROPOSAL);
        assertThat(apply(new TestCommand.Commit(10, 4))).isEqualTo(ResultCode.NO_PENDING_PROPOSAL);
        assertThat(machine.stateHash()).isEqualTo(before);
        accept(new TestCommand.Propose(10, 4, 100, true));
        final long pending = machine.stateHash();
        assertThat(apply(new TestCommand.Propose(10, 4, 100, true))).isEqualTo(ResultCode.DUPLICATE);
        assertThat(apply(new TestCommand.Propose(10, 3, 100, true))).isEqualTo(ResultCode.DUPLICATE);
        assertThat(apply(new TestCommand.Respond(10, 5, "A", true))).isEqualTo(ResultCode.NO_PENDING_PROPOSAL);
        assertThat(apply(new TestCommand.Respond(10, 4, "X", true))).isEqualTo(ResultCode.UNKNOWN_PARTICIPANT);
        assertThat(apply(new TestCommand.Commit(10, 4))).isEqualTo(ResultCode.AWAITING_ACCEPTANCE);
        assertThat(apply(new TestCommand.RunClearing(10, 9))).isEqualTo(ResultCode.PROPOSAL_PENDING);
        assertThat(machine.stateHash()).isEqualTo(pending);
    }

    @Test
    void shouldChargeDemurrageOnPositiveSettlementBalancesOnlyAndCreditTheFund()
    {
        registerAll("A", "B", "C", "FUND");
        accept(new TestCommand.DefineUnit(1, "TALER", true, 100, "FUND"));
        accept(new TestCommand.SubmitInUnit(2, "ab", "A", "B", 1_000_000, "TALER", 0));
        accept(new TestCommand.SubmitInUnit(2, "ac", "A", "C", 5_000, "TALER", 0));
        accept(new TestCommand.Pay(3, "p1", "ab", 1_000_000));
        accept(new TestCommand.Pay(3, "p2", "ac", 5_000));
        accept(new TestCommand.Savings(4, "C", "TALER", 2_000));

        accept(new TestCommand.Demurrage(5, "TALER", 1));

        assertThat(machine.lastResultValue()).isEqualTo(10_000 + 30);
        assertThat(machine.accounts("TALER")).extracting(a -> a.settlementMinor())
            .containsExactly(-1_005_000L, 990_000L, 2_970L, 10_030L);
        assertThat(machine.accounts("TALER").get(2).savingsMinor()).isEqualTo(2_000);
        assertThat(machine.units().get(0).demurrageTotalMinor()).isEqualTo(10_030);
        assertThat(apply(new TestCommand.Demurrage(6, "TALER", 1))).isEqualTo(ResultCode.DUPLICATE);
        assertThat(machine.lastResultValue()).isEqualTo(10_030);
    }

    @Test
    void shouldLoadSnapshotsOfTheVersionBeforePolicies()
    {
        triangle();
        accept(new TestCommand.RunClearing(4, 1));
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final SnapshotOutput out = new SnapshotOutput(Channels.newChannel(bytes));
        machine.writeSnapshot(out, ClearingStateMachine.SNAPSHOT_VERSION_WITHOUT_POLICIES);
        out.finish();
        final byte[] version1 = bytes.toByteArray();
        assertThat(version1.length).isLessThan(ClearingStateMachineTest.snapshotOf(machine).length);
        final ClearingStateMachine loaded = new ClearingStateMachine();
        loaded.loadSnapshot(new SnapshotInput(Channels.newChannel(new ByteArrayInputStream(version1))));
        assertThat(loaded.stateHash()).isEqualTo(machine.stateHash());
    }
}
