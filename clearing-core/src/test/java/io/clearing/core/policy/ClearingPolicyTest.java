package io.clearing.core.policy;

import io.clearing.core.api.ObligationNetwork;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rules one at a time on hand-made networks: the reasons reported, refused rules, and the worked examples of
 * docs/policies.md (liquidity through a chain, conversion through the treasury, caps).
 */
class ClearingPolicyTest
{
    private final PolicySolver solver = new PolicySolver();

    @Test
    void shouldReportTheFirstReasonThatAppliesWhenObligationsAreExcluded()
    {
        final ObligationNetwork network = triangle(100);
        final ClearingPolicy.Builder builder = ClearingPolicy.builder(network);
        builder.dispute(0).optOut(1);
        builder.related(0, 2);
        final ClearingPolicy policy = builder.build();

        assertThat(policy.exclusion(0)).as("disputed beats opted out, as in the engine")
            .isEqualTo(ExclusionReason.DISPUTED);
        assertThat(policy.exclusion(1)).as("a party opted out").isEqualTo(ExclusionReason.OPTED_OUT);
        assertThat(policy.exclusion(2)).as("related in either direction").isEqualTo(ExclusionReason.RELATED_PARTY);
        final PolicyResult result = solver.solve(policy);
        assertThat(result.setOffs()).containsOnly(0L);
    }

    @Test
    void shouldExcludeBelowMinimumAndOutsideTheDueWindowWhenAPartyHasSuchRules()
    {
        final ObligationNetwork network = triangle(100);
        final ClearingPolicy.Builder builder = ClearingPolicy.builder(network);
        assertThat(builder.minimumAmount(0, 101)).isEqualTo(PolicyRuleResult.ACCEPTED);
        final ClearingPolicy minimum = builder.build();
        final ClearingPolicy.Builder windowed = ClearingPolicy.builder(network);
        windowed.dueDay(1, 40);
        assertThat(windowed.dueWindow(2, 0, 30)).isEqualTo(PolicyRuleResult.ACCEPTED);
        final ClearingPolicy window = windowed.build();

        assertThat(minimum.exclusion(0)).isEqualTo(ExclusionReason.BELOW_MINIMUM);
        assertThat(minimum.exclusion(1)).isEqualTo(ExclusionReason.NONE);
        assertThat(minimum.exclusion(2)).isEqualTo(ExclusionReason.BELOW_MINIMUM);
        assertThat(window.exclusion(1)).isEqualTo(ExclusionReason.OUTSIDE_DUE_WINDOW);
        assertThat(window.exclusion(0)).isEqualTo(ExclusionReason.NONE);
        assertThat(solver.solve(window).clearedMinor(0)).isZero();
    }

    @Test
    void shouldRefuseBadRulesAndKeepTheBuilderUnchanged()
    {
        final ObligationNetwork network = triangle(100);
        final ClearingPolicy.Builder builder = ClearingPolicy.builder(network);

        assertThat(builder.receivableCap(0, "EUR", -1)).isEqualTo(PolicyRuleResult.AMOUNT_NEGATIVE);
        assertThat(builder.liquidity(0, "EUR", 0)).isEqualTo(PolicyRuleResult.AMOUNT_NOT_POSITIVE);
        assertThat(builder.liquidity(0, "EUR", Long.MAX_VALUE)).isEqualTo(PolicyRuleResult.ACCEPTED);
        assertThat(builder.liquidity(0, "EUR", 5)).isEqualTo(PolicyRuleResult.ALREADY_SET);
        assertThat(builder.liquidity(1, "EUR", 5)).isEqualTo(PolicyRuleResult.COMMITMENT_OVERFLOW);
        assertThat(builder.rate("EUR", 0, 1)).isEqualTo(PolicyRuleResult.RATE_NOT_POSITIVE);
        assertThat(builder.related(1, 1)).isEqualTo(PolicyRuleResult.SAME_PARTICIPANT);
        assertThat(builder.dueWindow(1, 5, 4)).isEqualTo(PolicyRuleResult.EMPTY_WINDOW);
        assertThat(builder.unit(0, "")).isEqualTo(PolicyRuleResult.EMPTY_UNIT);
        assertThat(builder.treasury(2)).isEqualTo(PolicyRuleResult.ACCEPTED);
        assertThat(builder.treasury(1)).isEqualTo(PolicyRuleResult.TREASURY_ALREADY_SET);
        assertThatThrownBy(() -> builder.dispute(3)).isInstanceOf(IllegalArgumentException.class);
        final ClearingPolicy policy = builder.build();

        assertThat(policy.receivableCapMinor(0, policy.unitIndex("EUR"))).isEqualTo(-1);
        assertThat(policy.liquidityCommitments()).isEqualTo(1);
        assertThat(policy.treasury()).isEqualTo(2);
        assertThat(policy.exclusion(0)).isEqualTo(ExclusionReason.NONE);
    }

    @Test
    void shouldSettleAnOpenChainThroughTheCommittedMoneyWhenALiquiditySourceJoins()
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        builder.add("A", "B", 100);
        builder.add("B", "C", 80);
        builder.add("C", "D", 120);
        final ObligationNetwork network = builder.build();
        final ClearingPolicy.Builder policy = ClearingPolicy.builder(network);
        policy.liquidity(0, ClearingPolicy.DEFAULT_UNIT, 50);

        final PolicyResult result = solver.solve(policy.build());

        assertThat(result.clearedWithoutLiquidityMinor(0)).as("no cycle").isZero();
        assertThat(result.setOffs()).containsExactly(50, 50, 50);
        assertThat(result.extraClearedByLiquidityMinor(0)).isEqualTo(150);
        assertThat(result.liquidityUsedMinor(0)).isEqualTo(50);
        assertThat(result.receipts()).isEqualTo(1);
        assertThat(network.participantId(result.receiptParticipant(0))).isEqualTo("D");
        assertThat(result.receiptMinor(0)).isEqualTo(50);
    }

    @Test
    void shouldCloseACrossUnitCycleInWholeLotsWhenTheTreasuryPublishesRates()
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        builder.add("P", "Q", 1_000);
        builder.add("Q", "R", 5);
        builder.add("R", "P", 700);
        final ObligationNetwork network = builder.build();
        final ClearingPolicy.Builder rules = ClearingPolicy.builder(network);
        rules.unit(0, "EUR");
        rules.unit(1, "VCH");
        rules.unit(2, "EUR");
        rules.treasury(network.participantCount() - 1);
        rules.rate("EUR", 1, 1);
        rules.rate("VCH", 150, 1);
        final ClearingPolicy policy = rules.build();

        final PolicyResult result = solver.solve(policy);

        final int eur = policy.unitIndex("EUR");
        final int vch = policy.unitIndex("VCH");
        assertThat(result.lotMinor(eur)).isEqualTo(150);
        assertThat(result.lotMinor(vch)).isEqualTo(1);
        assertThat(result.setOffs()).as("4 lots: 600 cents and 4 vouchers").containsExactly(600, 4, 600);
        assertThat(result.crossUnitSetOffs()).containsExactly(600, 4, 600);
        assertThat(result.treasuryExposureMinor(eur)).isEqualTo(600);
        assertThat(result.treasuryExposureMinor(vch)).isEqualTo(4);
        assertThat(result.conversions()).isEqualTo(2);
    }

    @Test
    void shouldStopAtTheCapWhenAParticipantLimitsItsReceivables()
    {
        final ObligationNetwork network = triangle(100);
        final ClearingPolicy.Builder rules = ClearingPolicy.builder(network);
        rules.receivableCap(1, ClearingPolicy.DEFAULT_UNIT, 30);

        final PolicyResult result = solver.solve(rules.build());

        assertThat(result.setOffs()).containsExactly(30, 30, 30);
    }

    @Test
    void shouldSetOffTheOlderCycleWhenTwoCyclesCompeteForOneObligation()
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        builder.add("A", "B", 10);
        builder.add("B", "C", 10);
        builder.add("C", "A", 10);
        builder.add("B", "D", 10);
        builder.add("D", "A", 10);
        final ObligationNetwork network = builder.build();
        // Both cycles need all of A -> B and clear 30: only the priority decides which one.
        final ClearingPolicy.Builder viaC = ClearingPolicy.builder(network).priority(PriorityRule.OLDER_FIRST);
        viaC.dueDay(0, 5).dueDay(1, 1).dueDay(2, 9).dueDay(3, 9).dueDay(4, 9);
        final ClearingPolicy.Builder viaD = ClearingPolicy.builder(network).priority(PriorityRule.OLDER_FIRST);
        viaD.dueDay(0, 5).dueDay(1, 9).dueDay(2, 9).dueDay(3, 9).dueDay(4, 2);

        assertThat(solver.solve(viaC.build()).setOffs()).as("B -> C is older").containsExactly(10, 10, 10, 0, 0);
        assertThat(solver.solve(viaD.build()).setOffs()).as("D -> A is older").containsExactly(10, 0, 0, 10, 10);
    }

    @Test
    void shouldFailVerificationWhenAVariantsRuleIsBroken()
    {
        final ObligationNetwork network = triangle(100);
        final ClearingPolicy.Builder capped = ClearingPolicy.builder(network);
        capped.receivableCap(1, ClearingPolicy.DEFAULT_UNIT, 30);
        final PolicyResult capResult = solver.solve(capped.build());
        final ClearingPolicy.Builder disputed = ClearingPolicy.builder(network);
        disputed.dispute(2);
        final PolicyResult disputeResult = solver.solve(disputed.build());

        final String overCap = PolicyVerifier.verify(
            Results.withSetOffs(capResult, new long[]{100, 100, 100}, new long[3])).message();
        final String excludedTouched = PolicyVerifier.verify(
            Results.withSetOffs(disputeResult, new long[]{100, 100, 100}, new long[3])).message();

        assertThat(overCap).isEqualTo("within units: receivable cap of P1 in '': flow 100 outside [0, 30]");
        assertThat(excludedTouched).isEqualTo("obligation 3: excluded (disputed by a party) but discharged 100");
    }

    @Test
    void shouldFailVerificationWhenMoreLiquidityIsSpentThanCommitted()
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        builder.add("A", "B", 100);
        builder.add("B", "C", 80);
        final ObligationNetwork network = builder.build();
        final ClearingPolicy.Builder rules = ClearingPolicy.builder(network);
        rules.liquidity(0, ClearingPolicy.DEFAULT_UNIT, 50);
        final PolicyResult result = solver.solve(rules.build());

        final PolicyResult overspent = new PolicyResult(result.policy(), new long[]{80, 80}, new long[2],
            new long[]{160}, new long[]{0}, new long[]{80}, new int[]{2}, new int[]{0}, new long[]{80}, new int[0],
            new int[0], new int[0], new long[0], null, new long[1], result.withinUnitPotentials(), null);

        assertThat(PolicyVerifier.verify(overspent).message())
            .isEqualTo("within units: liquidity commitment of A: flow 80 outside [0, 50]");
    }

    /**
     * P0 -> P1 -> P2 -> P0, each owing the amount.
     */
    private static ObligationNetwork triangle(final long amount)
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        builder.add("P0", "P1", amount);
        builder.add("P1", "P2", amount);
        builder.add("P2", "P0", amount);
        return builder.build();
    }
}
