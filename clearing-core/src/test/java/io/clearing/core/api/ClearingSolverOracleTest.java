package io.clearing.core.api;

import io.clearing.core.support.JGraphTClearingOracle;
import io.clearing.core.support.NaiveMinCostCirculation;
import io.clearing.core.support.ResultInvariants;
import io.clearing.core.support.SmallNetworks;
import org.junit.jupiter.api.Test;

import static io.clearing.core.support.ResultInvariants.amounts;
import static io.clearing.core.support.ResultInvariants.creditors;
import static io.clearing.core.support.ResultInvariants.debtors;
import static io.clearing.core.support.SeededCases.forEachSeed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The solver against two independent oracles on thousands of small seeded networks, and its certificate against
 * deliberately worsened results.
 */
class ClearingSolverOracleTest
{
    private static final int CASES = 10_000;

    private final ClearingSolver solver = new ClearingSolver(() -> 0L);

    @Test
    void shouldClearTheOptimumOfTheNaiveOracleWhenNetworksAreSmallAndRandom()
    {
        forEachSeed(1_000_000, CASES, seed ->
        {
            final ObligationNetwork network = SmallNetworks.random(seed);

            final ClearingResult result = solver.solve(network);

            final long optimum = NaiveMinCostCirculation.maxSetOff(
                network.participantCount(), debtors(network), creditors(network), amounts(network));
            assertThat(result.clearedMinor()).as("cleared vs naive oracle").isEqualTo(optimum);
            ResultInvariants.assertValid(network, result);
        });
    }

    @Test
    void shouldClearTheOptimumOfJGraphTWhenAmountsFitInInt()
    {
        final int[] compared = new int[1];
        forEachSeed(2_000_000, CASES, seed ->
        {
            final ObligationNetwork network = SmallNetworks.random(seed);
            if (JGraphTClearingOracle.fits(network))
            {
                final ClearingResult result = solver.solve(network);

                assertThat(result.clearedMinor()).as("cleared vs JGraphT")
                    .isEqualTo(JGraphTClearingOracle.maxSetOff(network));
                compared[0]++;
            }
        });
        assertThat(compared[0]).as("networks small enough for JGraphT").isGreaterThan(CASES / 3);
    }

    @Test
    void shouldClearTheOptimumOfJGraphTWhenNetworksAreMediumSized()
    {
        forEachSeed(2_500_000, 150, seed ->
        {
            final ObligationNetwork network = SmallNetworks.medium(seed);

            final ClearingResult result = solver.solve(network);

            assertThat(result.clearedMinor()).as("cleared vs JGraphT").isEqualTo(JGraphTClearingOracle.maxSetOff(network));
            ResultInvariants.assertValid(network, result);
        });
    }

    @Test
    void shouldFailOptimalityButStayFeasibleWhenSetOffIsRemovedAroundACycle()
    {
        final int[] worsened = new int[1];
        forEachSeed(3_000_000, CASES / 4, seed ->
        {
            final ObligationNetwork network = SmallNetworks.random(seed);
            final ClearingResult result = solver.solve(network);
            if (result.clearedMinor() > 0)
            {
                final long[] setOff = Worsening.removeOneCycle(network, result.setOffs());

                assertThat(CertificateVerifier.verifyFeasible(network, setOff).ok()).as("still feasible").isTrue();
                final Verification verification =
                    CertificateVerifier.verifyOptimal(network, setOff, result.potentials());
                assertThat(verification.ok()).as("certificate of a worse result").isFalse();
                assertThat(verification.message()).startsWith("obligation ");
                worsened[0]++;
            }
        });
        assertThat(worsened[0]).isGreaterThan(CASES / 20);
    }

    @Test
    void shouldFailFeasibilityWhenOneSetOffIsPerturbed()
    {
        forEachSeed(4_000_000, CASES / 4, seed ->
        {
            final ObligationNetwork network = SmallNetworks.random(seed);
            final ClearingResult result = solver.solve(network);
            final int obligation = Math.floorMod(seed, network.obligationCount());
            final long[] setOff = result.setOffs();
            setOff[obligation] += setOff[obligation] < network.amountMinor(obligation) ? 1 : -1;

            final Verification verification = CertificateVerifier.verifyOptimal(network, setOff, result.potentials());

            assertThat(verification.ok()).as("perturbed set-off").isFalse();
            assertThat(verification.message()).contains("is not a circulation");
            assertThat(CertificateVerifier.verifyFeasible(network, setOff).ok()).isFalse();
        });
    }

    @Test
    void shouldFailVerificationWhenAPotentialBreaksACondition()
    {
        forEachSeed(5_000_000, CASES / 4, seed ->
        {
            final ObligationNetwork network = SmallNetworks.random(seed);
            final ClearingResult result = solver.solve(network);
            final int obligation = Math.floorMod(seed, network.obligationCount());
            final long[] potentials = result.potentials();
            final int debtor = network.debtor(obligation);
            final int creditor = network.creditor(obligation);
            // Set off at all: needs a rise of at most 1; anything left: needs at least 1. Break whichever applies.
            potentials[creditor] = result.setOffMinor(obligation) > 0 ? potentials[debtor] + 2 : potentials[debtor];

            final Verification verification = CertificateVerifier.verifyOptimal(network, result.setOffs(), potentials);

            assertThat(verification.ok()).as("broken potential").isFalse();
            assertThat(verification.message()).contains("potentials rise by");
        });
    }
}
