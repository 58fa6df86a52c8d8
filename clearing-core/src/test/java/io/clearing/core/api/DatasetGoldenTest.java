package io.clearing.core.api;

import io.clearing.core.csv.ObligationCsvReader;
import io.clearing.core.support.Datasets;
import io.clearing.core.support.ResultInvariants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Known optima of the shared datasets (see their README: three independent solvers agree on them). Skipped when
 * the datasets are absent.
 */
class DatasetGoldenTest
{
    @Test
    void shouldClearThreeHundredWhenTheNetworkIsTheMtcsMicroExample() throws Exception
    {
        final ObligationNetwork network = new ObligationCsvReader().read(Datasets.require("mtcs/micro.csv"));

        final ClearingResult result = new ClearingSolver().solve(network);

        assertThat(result.totalDebtMinor()).isEqualTo(500);
        assertThat(result.netInternalDebtMinor()).isEqualTo(100);
        assertThat(result.clearedMinor()).isEqualTo(300);
        assertThat(result.remainderMinor()).isEqualTo(200);
        ResultInvariants.assertValid(network, result);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "mtcspy/network-01.csv, 100471, 61202827278, 56345168066, 535494678",
        "mtcspy/network-02.csv, 179586, 148096373150, 136317122089, 1809489714",
        "mtcspy/network-03.csv, 284739, 218490329521, 198211956760, 3863952179"})
    void shouldReachTheKnownOptimumWhenTheNetworkIsAnMtcsPyBenchmark(
        final String file, final int obligations, final long totalDebt, final long nid, final long optimum)
        throws Exception
    {
        final ObligationNetwork network = new ObligationCsvReader().read(Datasets.require(file));

        final ClearingResult result = new ClearingSolver().solve(network);

        assertThat(network.obligationCount()).isEqualTo(obligations);
        assertThat(result.totalDebtMinor()).isEqualTo(totalDebt);
        assertThat(result.netInternalDebtMinor()).isEqualTo(nid);
        assertThat(result.clearedMinor()).isEqualTo(optimum);
        ResultInvariants.assertValid(network, result);
        // docs/algorithm.md: the early optimality test ends cost scaling after one or two of its six or seven phases
        assertThat(result.scalingPhases()).as("cost-scaling phases").isBetween(1, 2);
    }
}
