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
        builder.dispute(0).dispute(1).optOut(1);
        builder.related(0, 2);
        final ClearingPolicy policy = builder.build();

        assertThat(policy.exclusion(0)).as("opted out beats disputed").isEqualTo(ExclusionReason.OPTED_OUT);
        assertThat(policy.exclusion(1)).isEqualTo(ExclusionReason.OPTED_OUT);
        assertThat(policy.exclusion(2)).as("related in either direction").isEqualTo(ExclusionReason.RELATED_FIRM);
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
