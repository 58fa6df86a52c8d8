package io.clearing.core.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedding example of README.md, kept true.
 */
class ReadmeExampleTest
{
    @Test
    void shouldClearTheReadmeExampleAsTheReadmeSays()
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        assertThat(builder.add("INV-1", "alpha", "beta", 100_00)).isEqualTo(AddResult.ACCEPTED);
        assertThat(builder.add("INV-2", "beta", "gamma", 250_00)).isEqualTo(AddResult.ACCEPTED);
        assertThat(builder.add("INV-3", "gamma", "alpha", 80_00)).isEqualTo(AddResult.ACCEPTED);

        final ClearingResult result = new ClearingSolver().solve(builder.build());

        assertThat(result.clearedMinor()).isEqualTo(240_00);
        assertThat(result.setOffMinor(0)).isEqualTo(80_00);
        assertThat(CertificateVerifier.verifyOptimal(result.network(), result.setOffs(), result.potentials()).ok())
            .isTrue();
    }
}
