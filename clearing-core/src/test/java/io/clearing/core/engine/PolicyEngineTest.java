package io.clearing.core.engine;

import io.clearing.core.engine.api.ClearingStateView;
import io.clearing.core.engine.api.CommandReply;
import io.clearing.core.policy.ExclusionReason;
import io.clearing.core.engine.api.ExclusionRule;
import io.clearing.core.engine.api.OptOutMode;
import io.clearing.core.engine.api.ProposalState;
import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.engine.api.RunConversion;
import io.clearing.core.engine.api.RunHierarchy;
import io.clearing.core.policy.PriorityRule;
import io.clearing.core.engine.api.SetOffNotice;
import io.clearing.core.engine.state.CommandCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The community policies through the running engine: journaled, acknowledged, and recovered after a restart from
 * a snapshot and from a full replay with the same state hash.
 */
class PolicyEngineTest
{
    @TempDir
    Path directory;

    private final AtomicLong fakeTime = new AtomicLong(1_000);
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    private Context context(final boolean fromSnapshots)
    {
        return new Context()
            .journalDirectory(directory.resolve("journal"))
            .ringSize(1024)
            .clock(fakeTime::incrementAndGet)
            .errorHandler(errors::add)
            .recoverFromSnapshots(fromSnapshots)
            .shutdownTimeoutMs(10_000);
    }

    private static void accepted(final CommandReply reply)
    {
        assertThat(reply.code()).isEqualTo(ResultCode.ACCEPTED);
    }

    @Test
    void shouldRunTheAcceptanceFlowEndToEndAndRecoverItAfterRestart()
    {
        final long hash;
        final ProposalState pending;
        try (ClearingEngine engine = ClearingEngine.launch(context(true)))
        {
            for (final String id : new String[] {"A", "B", "C", "D", "FUND"})
            {
                accepted(engine.registerParticipantSync(id, "Firm " + id));
            }
            accepted(engine.defineUnitSync("TALER", true, 200, "FUND"));
            accepted(engine.submitObligationInUnitSync("ab", "A", "B", 100, "TALER", 0));
            accepted(engine.submitObligationInUnitSync("bc", "B", "C", 100, "TALER", 5_000));
            accepted(engine.submitObligationInUnitSync("ca", "C", "A", 100, "TALER", 0));
            accepted(engine.submitObligationSync("cd", "C", "D", 50));
            accepted(engine.submitObligationSync("dc", "D", "C", 50));
            accepted(engine.recordPaymentSync("p1", "cd", 10));
            accepted(engine.setDisputeSync("dc", "D", true));
            accepted(engine.setRuleSync("A", ExclusionRule.MINIMUM_AMOUNT, 20, ""));
            accepted(engine.setOptOutSync("D", OptOutMode.NEXT_RUN));

            final long deadline = fakeTime.get() + 1_000;
            final CommandReply proposed = engine.proposeClearingSync(1, deadline, false);
            accepted(proposed);
            assertThat(proposed.value()).isEqualTo(300);
            accepted(engine.respondToProposalSync(1, "A", true));
            accepted(engine.takeSnapshot().join());
            accepted(engine.respondToProposalSync(1, "B", true));
            assertThat(engine.commitClearingSync(1).code()).isEqualTo(ResultCode.AWAITING_ACCEPTANCE);
            pending = engine.querySync(v -> v.policies().pendingProposal());
            assertThat(pending.accepted()).containsExactly("A", "B");
            assertThat(engine.setSavingsSync("B", "TALER", 0).code()).isEqualTo(ResultCode.DUPLICATE);
            assertThat(engine.setSavingsSync("B", "TALER", 1).code()).isEqualTo(ResultCode.INSUFFICIENT_BALANCE);
            assertThat(engine.chargeDemurrageSync("NOPE", 1).code()).isEqualTo(ResultCode.UNKNOWN_UNIT);
            hash = engine.stateHash();
        }
        for (final boolean fromSnapshots : new boolean[] {true, false})
        {
            try (ClearingEngine engine = ClearingEngine.launch(context(fromSnapshots)))
            {
                assertThat(engine.stateHash()).as("recovered from snapshots: " + fromSnapshots).isEqualTo(hash);
                assertThat(engine.<ProposalState>querySync(v -> v.policies().pendingProposal())).isEqualTo(pending);
            }
        }
        try (ClearingEngine engine = ClearingEngine.launch(context(true)))
        {
            accepted(engine.respondToProposalSync(1, "C", true));
            final CommandReply committed = engine.commitClearingSync(1);
            accepted(committed);
            assertThat(committed.value()).isEqualTo(300);
            final List<SetOffNotice> notices = engine.querySync(ClearingStateView::lastSetOffNotices);
            assertThat(notices).extracting(SetOffNotice::exclusion).containsExactly(ExclusionReason.NONE,
                ExclusionReason.NONE, ExclusionReason.NONE, ExclusionReason.OPTED_OUT, ExclusionReason.DISPUTED);
            assertThat(engine.<Long>querySync(v -> v.participant("B").owedMinor())).isZero();
            accepted(engine.recordPaymentSync("p2", "cd", 40));
            accepted(engine.chargeDemurrageSync("TALER", 1));
            assertThat(engine.<Boolean>querySync(v -> v.policies().participantPolicy("D").optedOutNextRun())).isFalse();
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldRefuseTooLongPolicyIdsAtTheEdge()
    {
        try (ClearingEngine engine = ClearingEngine.launch(context(true)))
        {
            final long hash = engine.stateHash();
            assertThat(engine.defineUnitSync("u".repeat(300), false, 0, "").code()).isEqualTo(ResultCode.TOO_LONG);
            assertThat(engine.setDisputeSync("o".repeat(256), "A", true).code()).isEqualTo(ResultCode.TOO_LONG);
            assertThat(engine.defineUnitSync("u".repeat(65), false, 0, "").code()).isEqualTo(ResultCode.TOO_LONG);
            final String longest = "x".repeat(CommandCodec.MAX_ID_BYTES);
            assertThat(engine.submitObligationInUnitSync(longest, longest, longest, 1, "u".repeat(65), 0).code())
                .isEqualTo(ResultCode.TOO_LONG);
            assertThat(engine.submitObligationInUnitSync(longest, longest, longest, 1, "\u00e9".repeat(64), 0).code())
                .isEqualTo(ResultCode.TOO_LONG);
            assertThat(engine.submitObligationInUnitSync(longest, longest, longest, 1, "u".repeat(64), 0).code())
                .as("the longest ids fit a ring entry").isEqualTo(ResultCode.UNKNOWN_UNIT);
            assertThat(engine.stateHash()).isEqualTo(hash);
        }
    }
    @Test
    void shouldJournalTreasuryPriorityAndHierarchyAndRecoverThemAfterRestart()
    {
        final long hash;
        final RunHierarchy hierarchy;
        final RunConversion conversion;
        try (ClearingEngine engine = ClearingEngine.launch(context(true)))
        {
            for (final String id : new String[] {"A", "B", "C", "T"})
            {
                accepted(engine.registerParticipantSync(id, "Firm " + id));
            }
            accepted(engine.defineUnitSync("EUR", false, 0, ""));
            accepted(engine.defineUnitSync("SRD", true, 0, ""));
            accepted(engine.submitObligationInUnitSync("ab", "A", "B", 300, "EUR", 0));
            accepted(engine.submitObligationInUnitSync("ba", "B", "A", 3, "SRD", 0));
            accepted(engine.submitObligationSync("bc", "B", "C", 40));
            accepted(engine.submitObligationSync("cb", "C", "B", 40));
            accepted(engine.setTreasurySync("T"));
            accepted(engine.setRateSync("EUR", 1, 1));
            accepted(engine.setRateSync("SRD", 100, 1));
            accepted(engine.setUrgentSync("bc", "C", true));
            accepted(engine.setPrioritySync(PriorityRule.URGENT_FIRST, true));
            accepted(engine.takeSnapshot().join());
            accepted(engine.setCommunitySync("B", "east"));
            accepted(engine.setCommunitySync("C", "east"));
            accepted(engine.setRegionSync("east", "coast"));
            assertThat(engine.setUrgentSync("ab", "C", true).code()).isEqualTo(ResultCode.NOT_A_PARTY);
            final CommandReply run = engine.runHierarchicalClearingSync(1);
            accepted(run);
            assertThat(run.value()).isEqualTo(300 + 3 + 80);
            hierarchy = engine.querySync(v -> v.policies().runHierarchy(1));
            conversion = engine.querySync(v -> v.policies().runConversion(1));
            hash = engine.stateHash();
        }
        assertThat(hierarchy.byCommunityMinor()).isEqualTo(80);
        assertThat(hierarchy.atTopMinor()).isEqualTo(303);
        assertThat(conversion.crossUnit()).hasSize(2);
        for (final boolean fromSnapshots : new boolean[] {true, false})
        {
            try (ClearingEngine engine = ClearingEngine.launch(context(fromSnapshots)))
            {
                assertThat(engine.stateHash()).as("from snapshots %s", fromSnapshots).isEqualTo(hash);
                final RunHierarchy recoveredHierarchy = engine.querySync(v -> v.policies().runHierarchy(1));
                final RunConversion recoveredConversion = engine.querySync(v -> v.policies().runConversion(1));
                final String treasury = engine.querySync(v -> v.policies().treasury());
                assertThat(recoveredHierarchy).isEqualTo(hierarchy);
                assertThat(recoveredConversion).isEqualTo(conversion);
                assertThat(treasury).isEqualTo("T");
            }
        }
        assertThat(errors).isEmpty();
    }
}
