package io.clearing.core.api;

import io.clearing.core.csv.ObligationCsvReader;
import io.clearing.core.support.ResultInvariants;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ClearingSolverEdgeCaseTest
{
    private final ClearingSolver solver = new ClearingSolver();

    @Test
    void shouldClearNothingWhenTheNetworkIsEmpty() throws Exception
    {
        final String csv = "id,debtor,creditor,amount\n";
        final ObligationNetwork network = new ObligationCsvReader().read(
            new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "empty.csv", csv.length());

        final ClearingResult result = solver.solve(network);

        assertThat(network.obligationCount()).isZero();
        assertThat(result.clearedMinor()).isZero();
        assertThat(result.totalDebtMinor()).isZero();
        assertThat(result.clearedPercent()).isZero();
        assertThat(result.setOffs()).isEmpty();
        ResultInvariants.assertValid(network, result);
    }

    @Test
    void shouldClearNothingWhenThereIsOneObligation()
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        builder.add("A", "B", 42);
        final ObligationNetwork network = builder.build();

        final ClearingResult result = solver.solve(network);

        assertThat(result.setOffMinor(0)).isZero();
        assertThat(result.remainderMinor(0)).isEqualTo(42);
        assertThat(result.onCycleObligations()).isZero();
        ResultInvariants.assertValid(network, result);
    }

    @Test
    void shouldSetOffTheSmallerAmountBothWaysWhenTwoParticipantsOweEachOther()
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        builder.add("A", "B", 10);
        builder.add("B", "A", 7);
        final ObligationNetwork network = builder.build();

        final ClearingResult result = solver.solve(network);

        assertThat(result.setOffs()).containsExactly(7, 7);
        assertThat(result.clearedMinor()).isEqualTo(14);
        assertThat(result.onCycleObligations()).isEqualTo(2);
        assertThat(result.cyclicComponents()).isEqualTo(1);
        ResultInvariants.assertValid(network, result);
    }

    @Test
    void shouldSplitMergedSetOffInInputOrderWhenObligationsAreParallel()
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        builder.add("first", "A", "B", 5);
        builder.add("back", "B", "A", 8);
        builder.add("second", "A", "B", 7);
        builder.add("third", "A", "B", 4);
        final ObligationNetwork network = builder.build();

        final ClearingResult result = solver.solve(network);

        assertThat(result.setOffs()).containsExactly(5, 8, 3, 0);
        ResultInvariants.assertValid(network, result);
    }

    @Test
    void shouldKeepParticipantsWithoutObligationsWhenSolving()
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        builder.participant("idle-1");
        builder.add("A", "B", 3);
        builder.participant("idle-2");
        builder.add("B", "C", 3);
        builder.add("C", "A", 2);
        final ObligationNetwork network = builder.build();

        final ClearingResult result = solver.solve(network);

        assertThat(network.participantCount()).isEqualTo(5);
        assertThat(result.potentials()).hasSize(5);
        assertThat(result.clearedMinor()).isEqualTo(6);
        ResultInvariants.assertValid(network, result);
    }

    @Test
    void shouldClearExactlyWhenAmountsSumToLongMaxValue()
    {
        final long half = Long.MAX_VALUE / 2;
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        builder.add("A", "B", half);
        builder.add("B", "A", Long.MAX_VALUE - half);
        final ObligationNetwork network = builder.build();

        final ClearingResult result = solver.solve(network);

        assertThat(network.totalDebtMinor()).isEqualTo(Long.MAX_VALUE);
        assertThat(result.clearedMinor()).isEqualTo(2 * half);
        assertThat(result.remainderMinor()).isEqualTo(1);
        ResultInvariants.assertValid(network, result);
    }

    @Test
    void shouldClearTheSmallestAmountAroundWhenAThreeCycleSumsToLongMaxValue()
    {
        final long third = Long.MAX_VALUE / 3;
        final long rest = Long.MAX_VALUE - 2 * third;
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        builder.add("A", "B", third);
        builder.add("B", "C", third);
        builder.add("C", "A", rest);
        final ObligationNetwork network = builder.build();

        final ClearingResult result = solver.solve(network);

        assertThat(network.totalDebtMinor()).isEqualTo(Long.MAX_VALUE);
        assertThat(result.clearedMinor()).isEqualTo(3 * third);
        assertThat(result.remainderMinor(2)).isEqualTo(rest - third);
        ResultInvariants.assertValid(network, result);
    }

    @Test
    void shouldRefuseAnObligationWhenTheTotalWouldExceedLongMaxValue()
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        builder.add("A", "B", Long.MAX_VALUE);

        assertThat(builder.add("B", "A", 1)).isEqualTo(AddResult.TOTAL_DEBT_OVERFLOW);
        assertThat(builder.obligationCount()).isEqualTo(1);
    }
}
