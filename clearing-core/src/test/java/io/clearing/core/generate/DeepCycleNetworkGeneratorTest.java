package io.clearing.core.generate;

import io.clearing.core.api.ClearingResult;
import io.clearing.core.api.ClearingSolver;
import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.flow.StronglyConnectedComponents;
import io.clearing.core.support.ResultInvariants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.clearing.core.support.NetworkAssertions.assertSameNetwork;
import static io.clearing.core.support.NetworkAssertions.sameObligations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeepCycleNetworkGeneratorTest
{
    @Test
    void shouldGenerateTheSameNetworkWhenSeedAndSizesAreTheSame()
    {
        final ObligationNetwork first = new DeepCycleNetworkGenerator(42, 500, 5_000).generate();
        final ObligationNetwork second = new DeepCycleNetworkGenerator(42, 500, 5_000).generate();

        assertSameNetwork(second, first);
    }

    @Test
    void shouldGenerateADifferentNetworkWhenTheSeedDiffers()
    {
        final ObligationNetwork first = new DeepCycleNetworkGenerator(42, 500, 5_000).generate();
        final ObligationNetwork second = new DeepCycleNetworkGenerator(43, 500, 5_000).generate();

        assertThat(sameObligations(first, second)).isFalse();
    }

    @Test
    void shouldProduceTheRequestedCountsAndWellFormedIdsWhenGenerating()
    {
        final ObligationNetwork network = new DeepCycleNetworkGenerator(1, 300, 2_000).generate();

        assertThat(network.obligationCount()).isEqualTo(2_000);
        assertThat(network.participantCount()).isBetween(2, 300);
        assertThat(network.obligationId(0)).isEqualTo("INV-0000001");
        assertThat(network.obligationId(1_999)).isEqualTo("INV-0002000");
        for (int p = 0; p < network.participantCount(); p++)
        {
            assertThat(network.participantId(p)).matches("F\\d{6}");
        }
        for (int i = 0; i < network.obligationCount(); i++)
        {
            assertThat(network.amountMinor(i)).isPositive();
            assertThat(network.debtor(i)).isNotEqualTo(network.creditor(i));
        }
    }

    @ParameterizedTest(name = "firms={0} obligations={1}")
    @CsvSource({"2, 1", "2, 50", "3, 10", "7, 100"})
    void shouldGenerateValidNetworksWhenTheEconomyIsTiny(final int firms, final int obligations)
    {
        final ObligationNetwork network = new DeepCycleNetworkGenerator(5, firms, obligations).generate();

        assertThat(network.obligationCount()).isEqualTo(obligations);
        assertThat(network.participantCount()).isBetween(2, firms);
        new ClearingSolver().solve(network);
    }

    @Test
    void shouldRefuseSizesWhenOutOfRange()
    {
        assertThatThrownBy(() -> new DeepCycleNetworkGenerator(1, 1, 10))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("firms");
        assertThatThrownBy(() -> new DeepCycleNetworkGenerator(1, 10, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("obligations");
    }

    @Test
    void shouldFormDeepCyclesThroughTheWholeSupplyChainWhenLarge()
    {
        final ObligationNetwork network = new DeepCycleNetworkGenerator(42, 2_000, 20_000).generate();
        final StronglyConnectedComponents scc = StronglyConnectedComponents.compute(
            network.participantCount(), network.debtorArray(), network.creditorArray(), network.obligationCount());

        final int[] size = new int[scc.componentCount()];
        int largest = 0;
        for (final int component : scc.componentOf())
        {
            largest = Math.max(largest, ++size[component]);
        }
        assertThat(largest).as("largest strongly connected component").isGreaterThan(network.participantCount() * 8 / 10);
    }

    @ParameterizedTest(name = "seed={0} firms={1} obligations={2}")
    @CsvSource({"42, 5000, 50000", "7, 5000, 50000"})
    void shouldLeaveAboutFortyPercentClearableWhenModeratelyLarge(final long seed, final int firms, final int obligations)
    {
        final ObligationNetwork network = new DeepCycleNetworkGenerator(seed, firms, obligations).generate();

        final ClearingResult result = new ClearingSolver().solve(network);

        assertThat(result.clearedPercent()).as("cleared share of total debt, seed " + seed).isBetween(33.0, 47.0);
        ResultInvariants.assertValid(network, result);
    }
}
