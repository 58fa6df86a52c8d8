package io.clearing.benchmarks;

import io.clearing.core.api.CertificateVerifier;
import io.clearing.core.api.ClearingResult;
import io.clearing.core.api.ClearingSolver;
import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.api.Verification;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class OrToolsMtcsTest
{
    @Test
    void shouldClearTheCycleAndLeaveTheTailWhenOneObligationHangsOffIt()
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        builder.add("1", "10", "20", 100);
        builder.add("2", "20", "30", 100);
        builder.add("3", "30", "10", 200);
        builder.add("4", "40", "30", 100);
        final ObligationNetwork network = builder.build();

        final long[] setOff = solveWithOrTools(network);

        assertThat(setOff).containsExactly(100, 100, 100, 0);
    }

    @Test
    void shouldMatchClearingSolverOptimumWhenNetworksAreRandom()
    {
        for (long seed = 1; seed <= 20; seed++)
        {
            final ObligationNetwork network = randomNetwork(seed, 30, 120);

            final long[] setOff = solveWithOrTools(network);
            final ClearingResult ours = new ClearingSolver().solve(network);

            final Verification feasible = CertificateVerifier.verifyFeasible(network, setOff);
            assertThat(feasible.ok()).as("seed %d: %s", seed, feasible.message()).isTrue();
            assertThat(feasible.clearedMinor()).as("seed %d", seed).isEqualTo(ours.clearedMinor());
        }
    }

    @Test
    void shouldReportRemainderConsistentWithFlowsWhenSolved()
    {
        final ObligationNetwork network = randomNetwork(99, 50, 400);
        final OrToolsMtcs solver = new OrToolsMtcs(network);
        solver.build();

        final long[] setOff = solver.solve();
        final long remainder = solver.optimalRemainderMinor();
        solver.release();

        long cleared = 0;
        for (final long s : setOff)
        {
            cleared += s;
        }
        assertThat(cleared).isPositive().isEqualTo(network.totalDebtMinor() - remainder);
    }

    private static long[] solveWithOrTools(final ObligationNetwork network)
    {
        final OrToolsMtcs solver = new OrToolsMtcs(network);
        try
        {
            solver.build();
            return solver.solve();
        }
        finally
        {
            solver.release();
        }
    }

    /**
     * Dense enough that most participants lie on cycles; amounts up to 1e12 so 32-bit sums would overflow.
     */
    static ObligationNetwork randomNetwork(final long seed, final int participants, final int obligations)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final ObligationNetwork.Builder builder = ObligationNetwork.builder(obligations);
        while (builder.obligationCount() < obligations)
        {
            final int debtor = random.nextInt(participants);
            final int creditor = random.nextInt(participants);
            if (debtor != creditor)
            {
                builder.add("P" + debtor, "P" + creditor, 1 + random.nextLong(1_000_000_000_000L));
            }
        }
        return builder.build();
    }
}
