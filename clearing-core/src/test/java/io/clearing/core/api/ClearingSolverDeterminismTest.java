package io.clearing.core.api;

import io.clearing.core.generate.DeepCycleNetworkGenerator;
import io.clearing.core.support.ResultInvariants;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ClearingSolverDeterminismTest
{
    @Test
    void shouldGiveIdenticalSetOffsAndPotentialsWhenSolvingTheSameNetworkTwice()
    {
        final ObligationNetwork network = new DeepCycleNetworkGenerator(3, 1_000, 10_000).generate();

        final ClearingResult first = new ClearingSolver().solve(network);
        final ClearingResult second = new ClearingSolver().solve(network);

        assertThat(second.setOffs()).containsExactly(first.setOffs());
        assertThat(second.potentials()).containsExactly(first.potentials());
        ResultInvariants.assertValid(network, first);
    }

    @Test
    void shouldTimeEachPhaseWithTheGivenClock()
    {
        final ObligationNetwork network = new DeepCycleNetworkGenerator(3, 100, 1_000).generate();
        final AtomicLong ticks = new AtomicLong();

        final ClearingResult result = new ClearingSolver(() -> ticks.addAndGet(10)).solve(network);

        final PhaseTimings timings = result.timings();
        assertThat(new long[] {timings.sccNs(), timings.mergeNs(), timings.solveNs(), timings.certifyNs(),
            timings.splitNs(), timings.verifyNs()}).containsOnly(10L);
        assertThat(timings.totalNs()).isEqualTo(60);
    }

    @Test
    void shouldReportOnCycleFiguresWhenPartOfTheNetworkIsAcyclic()
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        builder.add("A", "B", 4);
        builder.add("B", "A", 6);
        builder.add("C", "D", 5);
        builder.add("D", "C", 2);
        builder.add("B", "C", 100);
        builder.add("E", "A", 1);
        final ObligationNetwork network = builder.build();

        final ClearingResult result = new ClearingSolver().solve(network);

        assertThat(result.onCycleObligations()).isEqualTo(4);
        assertThat(result.onCycleDebtMinor()).isEqualTo(17);
        assertThat(result.cyclicComponents()).isEqualTo(2);
        assertThat(result.largestComponentParticipants()).isEqualTo(2);
        assertThat(result.clearedMinor()).isEqualTo(12);
        assertThat(result.clearedPercent()).isCloseTo(100.0 * 12 / 118, org.assertj.core.data.Offset.offset(1e-9));
        ResultInvariants.assertValid(network, result);
    }
}
