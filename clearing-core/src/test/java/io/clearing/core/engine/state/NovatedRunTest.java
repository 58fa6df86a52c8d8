package io.clearing.core.engine.state;

import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.api.Verification;
import io.clearing.core.engine.api.NovatedCertificate;
import io.clearing.core.engine.api.ObligationState;
import io.clearing.core.engine.api.ObligationStatus;
import io.clearing.core.engine.api.ParticipantPosition;
import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.engine.api.RunNovation;
import io.clearing.core.policy.HierarchicalClearing;
import io.clearing.core.policy.NovatedHierarchyResult;
import io.clearing.core.engine.state.LambdaCommands.Command;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.clearing.core.engine.state.CommandCodec.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Novated runs in the state machine: every notice, leg between accounts and account figure exactly as
 * {@link HierarchicalClearing#solveNovated} gives them on the same data built by the test; every net position kept;
 * the legs recorded as obligations; replay and restart from snapshots give the same hash and record; every refusal
 * leaves the state hash unchanged.
 */
class NovatedRunTest
{
    private static final long START_MS = 1_780_000_000_000L;
    private static final long DAY_MS = 86_400_000L;

    private final LambdaCommands encoded = new LambdaCommands();

    /**
     * The example of docs/policies.md: valley (baker, miller) and town (grocer, cafe) in region north, coast
     * (fisher, boatyard) in region south.
     */
    private ClearingStateMachine example()
    {
        final ClearingStateMachine machine = new ClearingStateMachine(4, 4);
        final String[][] members = {
            {"baker", "valley", "north"}, {"miller", "valley", "north"}, {"grocer", "town", "north"},
            {"cafe", "town", "north"}, {"fisher", "coast", "south"}, {"boatyard", "coast", "south"}};
        for (final String[] member : members)
        {
            encoded.accept(machine, b -> encodeRegisterParticipant(b, 0, START_MS, member[0], member[0]));
            encoded.accept(machine, b -> encodeSetCommunity(b, 0, START_MS, member[0], member[1]));
            encoded.apply(machine, b -> encodeSetRegion(b, 0, START_MS, member[1], member[2]));
        }
        final Object[][] obligations = {
            {"1", "grocer", "baker", 800L}, {"2", "baker", "miller", 500L}, {"3", "miller", "grocer", 300L},
            {"4", "cafe", "fisher", 400L}, {"5", "fisher", "boatyard", 600L}, {"6", "boatyard", "cafe", 200L},
            {"7", "baker", "fisher", 250L}, {"8", "boatyard", "miller", 150L}, {"9", "cafe", "grocer", 100L}};
        for (final Object[] o : obligations)
        {
            encoded.accept(machine, b -> encodeSubmitObligation(b, 0, START_MS, (String)o[0], (String)o[1], (String)o[2],
                (Long)o[3]));
        }
        return machine;
    }

    @Test
    void shouldNovateTheWorkedExampleAsTheLibraryDoes()
    {
        final ClearingStateMachine machine = example();
        final Map<String, Long> netBefore = nets(machine);
        encoded.accept(machine, b -> encodeRunNovated(b, 0, START_MS, 1));
        final RunNovation run = machine.runNovation(1, null);

        assertThat(run.firmDebtDischargedMinor()).isEqualTo(2150);
        assertThat(run.firmClaimsDischargedMinor()).isEqualTo(2150);
        assertThat(run.flatClearedMinor()).isEqualTo(2000);
        assertThat(run.levelByLevelClearedMinor()).isEqualTo(1700);
        assertThat(run.stages()).containsExactly(
            new RunNovation.Stage(1, 3100, 2000, 0, 1100), new RunNovation.Stage(2, 1000, 700, 0, 300));
        assertThat(run.accounts()).containsExactly(
            new RunNovation.Account("community:valley", 500, 500), new RunNovation.Account("community:town", 700, 700),
            new RunNovation.Account("community:coast", 300, 300), new RunNovation.Account("region:north", 300, 300),
            new RunNovation.Account("region:south", 300, 300));
        assertThat(run.notices()).contains(new RunNovation.Notice("7", "baker", "fisher", 250, 250, 0,
            "community:valley", "", 0, 250, "community:coast", "n1/7/creditor"));
        assertThat(machine.lastClearingRun().clearedMinor()).isEqualTo(2150);
        final ObligationState leg = obligation(machine, "n1/7/creditor");
        assertThat(leg.debtorId()).isEqualTo("community:coast");
        assertThat(leg.creditorId()).isEqualTo("fisher");
        assertThat(leg.openMinor()).isEqualTo(250);
        assertThat(obligation(machine, "7").openMinor()).isZero();
        assertNetsKept(machine, netBefore);
        assertThat(machine.totals().totalDebtMinor()).isEqualTo(debtAfter(run, 0));

        final RunNovation baker = machine.runNovation(1, "baker");
        assertThat(baker.notices()).extracting(RunNovation.Notice::obligationId).containsExactly("1", "2", "7");
        assertThat(baker.legs()).isEmpty();
        assertThat(baker.accounts()).isEmpty();
        assertThat(machine.runNovation(1, "nobody")).isNull();
        assertThat(machine.runNovation(2, null)).isNull();
        assertThat(machine.runCertificate(1).run()).isNull();
    }

    @Test
    void shouldGiveExactlyTheLibrarysResultOnSeededWorkloads()
    {
        int sidesDiffer = 0;
        int topLegsLeft = 0;
        int aboveFlat = 0;
        for (long seed = 1; seed <= 25; seed++)
        {
            final Workload workload = new Workload(seed, seed % 3 != 0);
            final ClearingStateMachine machine = new ClearingStateMachine(4, 4);
            for (final Command command : workload.commands)
            {
                encoded.apply(machine, command);
            }
            final Map<String, Long> netBefore = nets(machine);
            final NovatedHierarchyResult expected = workload.solve(machine);
            assertThat(encoded.apply(machine, b -> encodeRunNovated(b, 0, workload.time, 1))).as("seed %d", seed)
                .isEqualTo(ResultCode.ACCEPTED);
            final RunNovation run = machine.runNovation(1, null);
            assertSameAsLibrary(seed, machine, workload, expected, run, 1);
            assertProofKept(seed, machine, expected, 1);
            assertNetsKept(machine, netBefore);
            assertThat(machine.totals().totalDebtMinor()).as("seed %d", seed)
                .isEqualTo(debtAfter(run, workload.debtOutside));
            sidesDiffer += run.notices().stream()
                .anyMatch(n -> n.debtorDischargedMinor() != n.creditorDischargedMinor()) ? 1 : 0;
            topLegsLeft += run.legs().stream().anyMatch(l -> l.stage() == 2 && l.remainderMinor() > 0) ? 1 : 0;
            aboveFlat += run.firmDebtDischargedMinor() > run.flatClearedMinor() ? 1 : 0;

            // a second run over new obligations: the accounts exist, their own obligations take no part
            final List<Command> more = workload.more(50);
            for (final Command command : more)
            {
                encoded.apply(machine, command);
            }
            final Map<String, Long> netBeforeSecond = nets(machine);
            final NovatedHierarchyResult expectedSecond = workload.solve(machine);
            encoded.accept(machine, b -> encodeRunNovated(b, 0, workload.time + DAY_MS, 2));
            assertSameAsLibrary(seed, machine, workload, expectedSecond, machine.runNovation(2, null), 2);
            assertProofKept(seed, machine, expectedSecond, 2);
            assertNetsKept(machine, netBeforeSecond);
        }
        // the workloads exercise what novation adds: sides that differ, legs left between regions, more than flat
        assertThat(sidesDiffer).isGreaterThan(10);
        assertThat(topLegsLeft).isGreaterThan(5);
        assertThat(aboveFlat).isGreaterThan(10);
    }

    private static void assertSameAsLibrary(final long seed, final ClearingStateMachine machine,
        final Workload workload, final NovatedHierarchyResult expected, final RunNovation run, final long runId)
    {
        final ObligationNetwork network = expected.network();
        assertThat(run.notices()).as("seed %d", seed).hasSize(network.obligationCount());
        assertThat(run.levels()).isEqualTo(expected.levels());
        for (int j = 0; j < network.obligationCount(); j++)
        {
            final RunNovation.Notice notice = run.notices().get(j);
            final String id = network.obligationId(j);
            assertThat(notice.obligationId()).isEqualTo(id);
            assertThat(notice.openMinor()).isEqualTo(network.amountMinor(j));
            assertThat(notice.debtorDischargedMinor()).as("seed %d %s", seed, id)
                .isEqualTo(expected.debtorDischargedMinor(j));
            assertThat(notice.creditorDischargedMinor()).as("seed %d %s", seed, id)
                .isEqualTo(expected.creditorDischargedMinor(j));
            final String debtor = network.participantId(network.debtor(j));
            final String creditor = network.participantId(network.creditor(j));
            if (expected.isInsideCommunity(j))
            {
                assertThat(notice.debtorNowOwes()).isEqualTo(creditor);
                assertThat(notice.creditorNowOwedBy()).isEqualTo(debtor);
                assertThat(obligation(machine, id).openMinor()).isEqualTo(notice.debtorRemainderMinor());
                continue;
            }
            assertThat(notice.debtorNowOwes()).isEqualTo("community:" + workload.communityOf.get(debtor));
            assertThat(notice.creditorNowOwedBy()).isEqualTo("community:" + workload.communityOf.get(creditor));
            assertThat(obligation(machine, id).openMinor()).isZero();
            assertLeg(machine, notice.debtorLegId(), "n" + runId + "/" + id + "/debtor", debtor,
                notice.debtorNowOwes(), notice.debtorRemainderMinor());
            assertLeg(machine, notice.creditorLegId(), "n" + runId + "/" + id + "/creditor",
                notice.creditorNowOwedBy(), creditor, notice.creditorRemainderMinor());
        }
        assertThat(run.legs()).hasSize(expected.accountArcCount());
        long stageDebt = 0;
        for (int a = 0; a < expected.accountArcCount(); a++)
        {
            final RunNovation.Leg leg = run.legs().get(a);
            assertThat(leg.stage()).isEqualTo(expected.accountArcStage(a));
            assertThat(leg.fromAccount()).isEqualTo(workload.accountName(expected, expected.accountArcTail(a)));
            assertThat(leg.toAccount()).isEqualTo(workload.accountName(expected, expected.accountArcHead(a)));
            assertThat(leg.amountMinor()).isEqualTo(expected.accountArcAmountMinor(a));
            assertThat(leg.nettedMinor()).isEqualTo(expected.accountArcNettedMinor(a));
            assertThat(leg.clearedMinor()).isEqualTo(expected.accountArcClearedMinor(a));
            assertLeg(machine, leg.legId(), "n" + runId + "/" + leg.fromAccount() + "/" + leg.toAccount(),
                leg.fromAccount(), leg.toAccount(), expected.accountArcRemainderMinor(a));
            stageDebt += leg.stage() == 1 ? leg.amountMinor() : 0;
        }
        assertThat(run.stages().get(0).debtMinor()).isEqualTo(stageDebt);
        for (final RunNovation.Account account : run.accounts())
        {
            final int node = workload.accountNode(expected, account.accountId());
            assertThat(account.receivableMinor()).isEqualTo(expected.receivableAfterMinor(node));
            assertThat(account.payableMinor()).isEqualTo(expected.payableAfterMinor(node));
        }
        assertThat(run.firmDebtDischargedMinor()).isEqualTo(expected.firmDebtDischargedMinor());
        assertThat(run.flatClearedMinor()).isEqualTo(expected.flatClearedMinor());
        assertThat(machine.lastClearingRun().clearedMinor()).isEqualTo(expected.firmDebtDischargedMinor());
    }

    private static void assertLeg(final ClearingStateMachine machine, final String legId, final String expectedId,
        final String debtor, final String creditor, final long remainderMinor)
    {
        if (remainderMinor == 0)
        {
            assertThat(legId).isEmpty();
            return;
        }
        assertThat(legId).isEqualTo(expectedId);
        final ObligationState leg = obligation(machine, legId);
        assertThat(leg.debtorId()).isEqualTo(debtor);
        assertThat(leg.creditorId()).isEqualTo(creditor);
        assertThat(leg.amountMinor()).isEqualTo(remainderMinor);
    }

    private static ObligationState obligation(final ClearingStateMachine machine, final String id)
    {
        for (final ObligationState o : machine.obligations(null, ObligationStatus.ANY, 0, Integer.MAX_VALUE))
        {
            if (o.obligationId().equals(id))
            {
                return o;
            }
        }
        throw new AssertionError("no obligation " + id);
    }

    private static Map<String, Long> nets(final ClearingStateMachine machine)
    {
        final Map<String, Long> nets = new LinkedHashMap<>();
        for (final ParticipantPosition p : machine.participants(0, Integer.MAX_VALUE))
        {
            nets.put(p.participantId(), p.netPositionMinor());
        }
        return nets;
    }

    /**
     * Every participant keeps its net position; accounts are registered with net zero.
     */
    private static void assertNetsKept(final ClearingStateMachine machine, final Map<String, Long> before)
    {
        long positive = 0;
        for (final ParticipantPosition p : machine.participants(0, Integer.MAX_VALUE))
        {
            assertThat(p.netPositionMinor()).as(p.participantId())
                .isEqualTo(before.getOrDefault(p.participantId(), 0L));
            positive += Math.max(0, p.netPositionMinor());
        }
        assertThat(machine.totals().netInternalDebtMinor()).isEqualTo(positive);
    }

    /**
     * The open debt after the run as the library's figures give it: what stayed open before (outside the network),
     * remainders inside communities, both sides' remainders to / from the accounts and what stays between accounts.
     */
    private static long debtAfter(final RunNovation run, final long outsideMinor)
    {
        return run.notices().stream().mapToLong(n -> n.insideCommunity() ? n.debtorRemainderMinor() :
            n.debtorRemainderMinor() + n.creditorRemainderMinor()).sum() +
            run.legs().stream().mapToLong(RunNovation.Leg::remainderMinor).sum() + outsideMinor;
    }

    @Test
    void shouldReachTheSameHashByReplayAndFromSnapshots()
    {
        for (long seed = 1; seed <= 4; seed++)
        {
            final Workload workload = new Workload(seed, true);
            final List<Command> commands = new ArrayList<>(workload.commands);
            final long at = workload.time;
            commands.add(b -> encodeRunNovated(b, 0, at, 1));
            commands.addAll(workload.more(30));
            commands.add(b -> encodeRunNovated(b, 0, at + 2 * DAY_MS, 2));
            commands.add(b -> encodeRunClearing(b, 0, at + 3 * DAY_MS, 3));
            final ClearingStateMachine full = new ClearingStateMachine(4, 4);
            final List<ResultCode> codes = new ArrayList<>();
            for (final Command command : commands)
            {
                codes.add(encoded.apply(full, command));
            }
            assertThat(full.runNovation(2, null)).isNotNull();
            final ClearingStateMachine replay = new ClearingStateMachine(4, 4);
            for (int i = 0; i < commands.size(); i++)
            {
                assertThat(encoded.apply(replay, commands.get(i))).isEqualTo(codes.get(i));
            }
            assertThat(replay.stateHash()).isEqualTo(full.stateHash());
            assertSameProof(replay.novatedCertificate(2), full.novatedCertificate(2));
            assertThat(full.novatedCertificate(3)).as("a plain run keeps its proof elsewhere").isNull();
            for (final int cut : new int[] {workload.commands.size() + 1, commands.size() - 2, commands.size()})
            {
                final ClearingStateMachine before = new ClearingStateMachine(4, 4);
                for (int i = 0; i < cut; i++)
                {
                    encoded.apply(before, commands.get(i));
                }
                final ClearingStateMachine restarted = load(ClearingStateMachineTest.snapshotOf(before));
                assertThat(restarted.stateHash()).isEqualTo(before.stateHash());
                for (int i = cut; i < commands.size(); i++)
                {
                    assertThat(encoded.apply(restarted, commands.get(i))).isEqualTo(codes.get(i));
                }
                assertThat(restarted.stateHash()).as("seed %d cut %d", seed, cut).isEqualTo(full.stateHash());
                assertThat(restarted.runNovation(1, null)).isEqualTo(full.runNovation(1, null));
                assertThat(restarted.runNovation(2, null)).isEqualTo(full.runNovation(2, null));
                for (final long runId : new long[] {1, 2})
                {
                    assertSameProof(restarted.novatedCertificate(runId), full.novatedCertificate(runId));
                    assertThat(restarted.novatedCertificate(runId).verify().ok()).isTrue();
                }
            }
        }
    }

    @Test
    void shouldKeepAProofThatFailsWhenAPotentialOrDischargeIsTampered()
    {
        final ClearingStateMachine machine = example();
        encoded.accept(machine, b -> encodeRunNovated(b, 0, START_MS, 1));
        final NovatedCertificate kept = machine.novatedCertificate(1);
        assertThat(kept.verify().ok()).isTrue();
        assertThat(kept.verify().clearedMinor()).isEqualTo(2 * 2150);
        assertThat(kept.network().obligationId(0)).isEqualTo("1");
        assertThat(kept.nodeIds()).contains("baker", "community:valley", "region:south");
        final long hash = machine.stateHash();
        final NovationRecord record = machine.runRecord(1).novation;

        // stage 0: lowering the baker's potential breaks slackness on an obligation it is discharged of
        record.potentials[0][0] -= 1_000;
        assertThat(machine.stateHash()).as("the proof is outside the state hash").isEqualTo(hash);
        assertThat(machine.novatedCertificate(1).verify().message()).startsWith("stage 0: ");
        record.potentials[0][0] += 1_000;
        // a region stage's potentials
        final long[] top = record.potentials[2];
        final long[] saved = top.clone();
        java.util.Arrays.fill(top, 0);
        top[record.arcTailNode[firstArc(record, 2)]] = 5;
        assertThat(machine.novatedCertificate(1).verify().message()).startsWith("stage 2: ");
        System.arraycopy(saved, 0, top, 0, top.length);
        assertThat(machine.novatedCertificate(1).verify().ok()).isTrue();

        // a discharge: one side of a novated obligation moved by one breaks conservation
        final int novated = firstNovated(record);
        record.creditorDischargedMinor[novated] -= 1;
        assertThat(machine.novatedCertificate(1).verify().ok()).isFalse();
        record.creditorDischargedMinor[novated] += 1;
        record.arcClearedMinor[0] += 1;
        assertThat(machine.novatedCertificate(1).verify().ok()).isFalse();
        record.arcClearedMinor[0] -= 1;
        // the groups: moving a firm to another community makes the kept legs wrong
        record.groups[0][0] = record.groups[0][4];
        assertThat(machine.novatedCertificate(1).verify().ok()).isFalse();
    }

    @Test
    void shouldLoadVersion5SnapshotsWithoutTheProof()
    {
        final ClearingStateMachine machine = example();
        encoded.accept(machine, b -> encodeRunNovated(b, 0, START_MS, 1));
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final SnapshotOutput out = new SnapshotOutput(Channels.newChannel(bytes));
        machine.writeSnapshot(out, ClearingStateMachine.SNAPSHOT_VERSION_WITHOUT_NOVATION_PROOF);
        out.finish();
        final ClearingStateMachine loaded = load(bytes.toByteArray());
        assertThat(loaded.stateHash()).isEqualTo(machine.stateHash());
        assertThat(loaded.runNovation(1, null)).isEqualTo(machine.runNovation(1, null));
        assertThat(loaded.novatedCertificate(1)).isNull();
        assertThat(load(ClearingStateMachineTest.snapshotOf(loaded)).novatedCertificate(1)).isNull();
        encoded.accept(loaded, b -> encodeSubmitObligation(b, 0, START_MS, "z", "cafe", "baker", 40));
        encoded.accept(loaded, b -> encodeRunNovated(b, 0, START_MS, 2));
        assertThat(load(ClearingStateMachineTest.snapshotOf(loaded)).novatedCertificate(2).verify().ok()).isTrue();
    }

    private static int firstArc(final NovationRecord record, final int stage)
    {
        for (int a = 0; a < record.arcCount; a++)
        {
            if (record.arcStage[a] == stage && record.arcAmountMinor[a] > record.arcNettedMinor[a])
            {
                return a;
            }
        }
        throw new AssertionError("no arc left after netting at stage " + stage);
    }

    private static int firstNovated(final NovationRecord record)
    {
        for (int j = 0; j < record.count; j++)
        {
            if (record.debtorAccount[j] != Ledger.NONE && record.creditorDischargedMinor[j] > 0)
            {
                return j;
            }
        }
        throw new AssertionError("no novated obligation with a discharged creditor side");
    }

    private static void assertProofKept(
        final long seed, final ClearingStateMachine machine, final NovatedHierarchyResult expected, final long runId)
    {
        final NovatedCertificate kept = machine.novatedCertificate(runId);
        final Verification verification = kept.verify();
        assertThat(verification.ok()).as("seed %d run %d: %s", seed, runId, verification.message()).isTrue();
        assertThat(verification.clearedMinor()).isEqualTo(expected.firmSidesDischargedMinor());
        final NovatedHierarchyResult result = kept.result();
        assertThat(result.nodeCount()).isEqualTo(expected.nodeCount());
        for (int stage = 0; stage <= expected.levels(); stage++)
        {
            for (int node = 0; node < expected.nodeCount(); node++)
            {
                assertThat(result.potential(stage, node)).as("seed %d stage %d node %d", seed, stage, node)
                    .isEqualTo(expected.potential(stage, node));
            }
        }
    }

    private static void assertSameProof(final NovatedCertificate actual, final NovatedCertificate expected)
    {
        assertThat(actual.nodeIds()).isEqualTo(expected.nodeIds());
        assertThat(actual.groupsPerLevel()).isDeepEqualTo(expected.groupsPerLevel());
        final NovatedHierarchyResult a = actual.result();
        final NovatedHierarchyResult e = expected.result();
        assertThat(a.network().obligationCount()).isEqualTo(e.network().obligationCount());
        for (int j = 0; j < e.network().obligationCount(); j++)
        {
            assertThat(a.network().obligationId(j)).isEqualTo(e.network().obligationId(j));
            assertThat(a.network().amountMinor(j)).isEqualTo(e.network().amountMinor(j));
            assertThat(a.debtorDischargedMinor(j)).isEqualTo(e.debtorDischargedMinor(j));
            assertThat(a.creditorDischargedMinor(j)).isEqualTo(e.creditorDischargedMinor(j));
        }
        assertThat(a.accountArcCount()).isEqualTo(e.accountArcCount());
        for (int arc = 0; arc < e.accountArcCount(); arc++)
        {
            assertThat(a.accountArcTail(arc)).isEqualTo(e.accountArcTail(arc));
            assertThat(a.accountArcHead(arc)).isEqualTo(e.accountArcHead(arc));
            assertThat(a.accountArcClearedMinor(arc)).isEqualTo(e.accountArcClearedMinor(arc));
        }
        for (int stage = 0; stage <= e.levels(); stage++)
        {
            for (int node = 0; node < e.nodeCount(); node++)
            {
                assertThat(a.potential(stage, node)).isEqualTo(e.potential(stage, node));
            }
        }
    }

    @Test
    void shouldRefuseImpossibleRunsWithTheStateHashUnchanged()
    {
        final ClearingStateMachine machine = example();
        refused(machine, b -> encodeRunNovated(b, 0, START_MS, 0), ResultCode.INVALID_ID);
        refused(machine, b ->
        {
            final int length = encodeRunNovated(b, 0, START_MS, 1);
            b.putInt(RUN_MODE_OFFSET, 7);
            return length;
        }, ResultCode.MALFORMED);

        encoded.accept(machine, b -> encodeSetRunLimit(b, 0, START_MS, "fisher", "", LIMIT_RECEIVABLE_CAP, 100));
        refused(machine, b -> encodeRunNovated(b, 0, START_MS, 1), ResultCode.NOVATION_UNSUPPORTED);
        encoded.accept(machine, b -> encodeSetRunLimit(b, 0, START_MS, "fisher", "", LIMIT_REMOVE_RECEIVABLE_CAP, 0));
        encoded.accept(machine, b -> encodeSetRunLimit(b, 0, START_MS, "fisher", "", LIMIT_LIQUIDITY, 100));
        refused(machine, b -> encodeRunNovated(b, 0, START_MS, 1), ResultCode.HIERARCHY_WITH_LIQUIDITY);
        encoded.accept(machine, b -> encodeSetRunLimit(b, 0, START_MS, "fisher", "", LIMIT_REMOVE_LIQUIDITY, 0));

        encoded.accept(machine, b -> encodeProposeClearing(b, 0, START_MS, 1, START_MS + DAY_MS, true));
        refused(machine, b -> encodeRunNovated(b, 0, START_MS, 2), ResultCode.PROPOSAL_PENDING);
        encoded.accept(machine, b -> encodeProposeClearing(b, 0, START_MS, 2, START_MS + DAY_MS, true));
        encoded.accept(machine, b -> encodeCommitClearing(b, 0, START_MS + 2 * DAY_MS, 2));
        refused(machine, b -> encodeRunNovated(b, 0, START_MS, 2), ResultCode.DUPLICATE);

        // a community in no region beside communities in regions
        encoded.accept(machine, b -> encodeRegisterParticipant(b, 0, START_MS, "smith", "smith"));
        encoded.accept(machine, b -> encodeSetCommunity(b, 0, START_MS, "smith", "forge"));
        encoded.accept(machine, b -> encodeSubmitObligation(b, 0, START_MS, "x3", "smith", "cafe", 90));
        refused(machine, b -> encodeRunNovated(b, 0, START_MS, 3), ResultCode.NOVATION_UNSUPPORTED);
        encoded.accept(machine, b -> encodeSetRegion(b, 0, START_MS, "forge", "south"));

        // a real participant holding an account's id; then an obligation id a leg would take
        encoded.accept(machine, b -> encodeRegisterParticipant(b, 0, START_MS, "community:town", "impostor"));
        refused(machine, b -> encodeRunNovated(b, 0, START_MS, 3), ResultCode.NOVATION_ACCOUNT_TAKEN);
        final ClearingStateMachine other = example();
        encoded.accept(other, b -> encodeSubmitObligation(b, 0, START_MS, "n3/7/creditor", "baker", "miller", 5));
        refused(other, b -> encodeRunNovated(b, 0, START_MS, 3), ResultCode.ID_CONFLICT);
        encoded.accept(other, b -> encodeRunNovated(b, 0, START_MS, 4));
        refused(other, b -> encodeRunNovated(b, 0, START_MS, 4), ResultCode.DUPLICATE);
    }

    @Test
    void shouldLoadVersion4SnapshotsWrittenBeforeNovatedRuns()
    {
        final ClearingStateMachine machine = example();
        encoded.accept(machine, b -> encodeRunHierarchical(b, 0, START_MS, 1));
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final SnapshotOutput out = new SnapshotOutput(Channels.newChannel(bytes));
        machine.writeSnapshot(out, ClearingStateMachine.SNAPSHOT_VERSION_WITHOUT_NOVATION);
        out.finish();
        final ClearingStateMachine loaded = load(bytes.toByteArray());
        assertThat(loaded.stateHash()).isEqualTo(machine.stateHash());
        assertThat(loaded.runNovation(1, null)).isNull();
        encoded.accept(loaded, b -> encodeSubmitObligation(b, 0, START_MS, "z", "cafe", "baker", 40));
        encoded.accept(loaded, b -> encodeRunNovated(b, 0, START_MS, 2));
        assertThat(loaded.runNovation(2, null).notices()).isNotEmpty();
    }

    @Test
    void shouldLeaveObligationsOfOutsidersAndOtherUnitsUntouched()
    {
        final ClearingStateMachine machine = example();
        encoded.accept(machine, b -> encodeRegisterParticipant(b, 0, START_MS, "loner", "loner"));
        encoded.accept(machine, b -> encodeSubmitObligation(b, 0, START_MS, "x1", "loner", "cafe", 70));
        encoded.accept(machine, b -> encodeSubmitObligation(b, 0, START_MS, "x2", "fisher", "loner", 70));
        encoded.accept(machine, b -> encodeDefineUnit(b, 0, START_MS, "EUR", false, 0, ""));
        encoded.accept(machine, b -> encodeSubmitInUnit(b, 0, START_MS, "x3", "cafe", "fisher", 70, "EUR", 0));
        encoded.accept(machine, b -> encodeRunNovated(b, 0, START_MS, 1));
        final RunNovation run = machine.runNovation(1, null);
        assertThat(run.notices()).extracting(RunNovation.Notice::obligationId)
            .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(run.firmDebtDischargedMinor()).as("the loop through loner stays out").isEqualTo(2150);
        for (final String id : new String[] {"x1", "x2", "x3"})
        {
            assertThat(obligation(machine, id).openMinor()).isEqualTo(70);
        }
    }

    private void refused(final ClearingStateMachine machine, final Command command, final ResultCode code)
    {
        final long hash = machine.stateHash();
        final int participants = machine.totals().participants();
        final int obligations = machine.totals().obligations();
        assertThat(encoded.apply(machine, command)).isEqualTo(code);
        assertThat(machine.stateHash()).isEqualTo(hash);
        assertThat(machine.totals().participants()).isEqualTo(participants);
        assertThat(machine.totals().obligations()).isEqualTo(obligations);
    }

    private static ClearingStateMachine load(final byte[] snapshot)
    {
        final ClearingStateMachine machine = new ClearingStateMachine(4, 4);
        machine.loadSnapshot(new SnapshotInput(Channels.newChannel(new ByteArrayInputStream(snapshot))));
        return machine;
    }

    /**
     * A seeded federation: 3 to 5 communities of 3 to 6 firms, in 2 regions (or none), obligations mostly inside
     * communities, some between, some disputed, some partly paid. Keeps the communities and regions the test hands
     * the library itself.
     */
    private static final class Workload
    {
        final List<Command> commands = new ArrayList<>();
        final Map<String, String> communityOf = new HashMap<>();
        final Map<String, String> regionOf = new HashMap<>();
        final List<String> communities = new ArrayList<>();
        final List<String> regions = new ArrayList<>();
        final List<String> firms = new ArrayList<>();
        final Random random;
        long time = START_MS;
        long debtOutside;
        int next;

        Workload(final long seed, final boolean withRegions)
        {
            random = new Random(seed);
            final int communityCount = 3 + random.nextInt(3);
            for (int c = 0; c < communityCount; c++)
            {
                final String community = "c" + c;
                communities.add(community);
                final int size = 3 + random.nextInt(4);
                for (int f = 0; f < size; f++)
                {
                    final String firm = community + "f" + f;
                    firms.add(firm);
                    communityOf.put(firm, community);
                    commands.add(b -> encodeRegisterParticipant(b, 0, START_MS, firm, firm));
                    commands.add(b -> encodeSetCommunity(b, 0, START_MS, firm, community));
                }
                if (withRegions)
                {
                    final String region = "r" + (c % 2);
                    if (!regions.contains(region))
                    {
                        regions.add(region);
                    }
                    regionOf.put(community, region);
                    commands.add(b -> encodeSetRegion(b, 0, START_MS, community, region));
                }
            }
            commands.addAll(more(40 + random.nextInt(40)));
        }

        List<Command> more(final int count)
        {
            final List<Command> added = new ArrayList<>();
            for (int k = 0; k < count; k++)
            {
                final String debtor = firms.get(random.nextInt(firms.size()));
                String creditor = firms.get(random.nextInt(firms.size()));
                if (random.nextInt(3) != 0)
                {
                    final List<String> same = firms.stream()
                        .filter(f -> communityOf.get(f).equals(communityOf.get(debtor))).toList();
                    creditor = same.get(random.nextInt(same.size()));
                }
                if (creditor.equals(debtor))
                {
                    continue;
                }
                final String id = "o" + next++;
                final String to = creditor;
                final long amount = 1 + random.nextInt(1_000);
                final long at = time;
                added.add(b -> encodeSubmitObligation(b, 0, at, id, debtor, to, amount));
                final int roll = random.nextInt(10);
                if (roll == 0)
                {
                    added.add(b -> encodeSetDispute(b, 0, at, id, debtor, true));
                }
                else if (roll == 1)
                {
                    added.add(b -> encodeRecordPayment(b, 0, at, "p" + id, id, 1 + amount / 3));
                }
            }
            time += DAY_MS;
            return added;
        }

        /**
         * The library's result on the machine's open obligations that the run takes: not disputed, no account as a
         * party; participants in the ledger's order (accounts included: they are groups of their own).
         */
        NovatedHierarchyResult solve(final ClearingStateMachine machine)
        {
            final ObligationNetwork.Builder builder = ObligationNetwork.builder();
            final List<ParticipantPosition> participants = machine.participants(0, Integer.MAX_VALUE);
            for (final ParticipantPosition p : participants)
            {
                builder.participant(p.participantId());
            }
            debtOutside = 0;
            for (final ObligationState o : machine.obligations(null, ObligationStatus.OPEN, 0, Integer.MAX_VALUE))
            {
                if (o.disputedByDebtor() || o.disputedByCreditor() || !communityOf.containsKey(o.debtorId()) ||
                    !communityOf.containsKey(o.creditorId()))
                {
                    debtOutside += o.openMinor();
                    continue;
                }
                builder.add(o.obligationId(), o.debtorId(), o.creditorId(), o.openMinor());
            }
            final int[] community = new int[participants.size()];
            final int[] region = new int[participants.size()];
            for (int p = 0; p < participants.size(); p++)
            {
                final String c = communityOf.get(participants.get(p).participantId());
                community[p] = c == null ? communities.size() + p : communities.indexOf(c);
                region[p] = c == null ? regions.size() + community[p] : regions.indexOf(regionOf.get(c));
            }
            return new HierarchicalClearing().solveNovated(builder.build(),
                regions.isEmpty() ? new int[][] {community} : new int[][] {community, region});
        }

        String accountName(final NovatedHierarchyResult result, final int node)
        {
            final int group = result.accountGroup(node);
            return result.accountLevel(node) == 0 ? "community:" + communities.get(group) :
                "region:" + regions.get(group);
        }

        int accountNode(final NovatedHierarchyResult result, final String accountId)
        {
            return accountId.startsWith("community:") ?
                result.accountNode(0, communities.indexOf(accountId.substring("community:".length()))) :
                result.accountNode(1, regions.indexOf(accountId.substring("region:".length())));
        }
    }
}
