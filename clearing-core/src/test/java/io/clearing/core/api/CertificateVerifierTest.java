package io.clearing.core.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hand-made certificates. The network: a triangle A -> B -> C -> A of 5, 5 and 3, plus D -> A of 4 off every cycle.
 * The optimum sets off 3 around the triangle; the potentials of {@link #provingPotentials()} prove it.
 */
class CertificateVerifierTest
{
    private static final int AB = 0;
    private static final int BC = 1;
    private static final int CA = 2;
    private static final int DA = 3;

    private final ObligationNetwork network = triangleWithTail();

    private static ObligationNetwork triangleWithTail()
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        builder.add("ab", "A", "B", 5);
        builder.add("bc", "B", "C", 5);
        builder.add("ca", "C", "A", 3);
        builder.add("da", "D", "A", 4);
        return builder.build();
    }

    /**
     * Rises: A -> B 1 (partly set off: needs exactly 1), B -> C 1 (partly: 1), C -> A -2 (wholly set off: at most 1),
     * D -> A 1 (not set off: at least 1).
     */
    private static long[] provingPotentials()
    {
        return new long[] {0, 1, 2, -1};
    }

    @Test
    void shouldPassWithTheClearedTotalWhenTheResultIsOptimalAndCertified()
    {
        final Verification verification =
            CertificateVerifier.verifyOptimal(network, new long[] {3, 3, 3, 0}, provingPotentials());

        assertThat(verification.ok()).as(verification.message()).isTrue();
        assertThat(verification.message()).isEmpty();
        assertThat(verification.clearedMinor()).isEqualTo(9);
    }

    @Test
    void shouldPassFeasibilityButFailOptimalityWhenNothingIsSetOff()
    {
        final long[] none = new long[4];

        assertThat(CertificateVerifier.verifyFeasible(network, none).ok()).isTrue();
        assertThat(CertificateVerifier.verifyFeasible(network, none).clearedMinor()).isZero();
        final Verification verification = CertificateVerifier.verifyOptimal(network, none, provingPotentials());
        assertThat(verification.ok()).isFalse();
        assertThat(verification.message()).isEqualTo("obligation ca: 3 left but potentials rise by -2 < 1: " +
            "a cycle through it could set off more");
    }

    @Test
    void shouldFailRatherThanThrowWhenPotentialsAreTooFarApartForALong()
    {
        final long[] hostile = {Long.MIN_VALUE, Long.MAX_VALUE, 0, 0};

        final Verification verification = CertificateVerifier.verifyOptimal(network, new long[] {3, 3, 3, 0}, hostile);

        assertThat(verification.ok()).isFalse();
        assertThat(verification.message()).isEqualTo("obligation ab: potentials " + Long.MIN_VALUE + " and " +
            Long.MAX_VALUE + " differ by more than a long holds");
    }

    @Test
    void shouldNameTheObligationWhenASetOffIsNegative()
    {
        final Verification verification = CertificateVerifier.verifyFeasible(network, new long[] {3, 3, 3, -1});

        assertThat(verification.ok()).isFalse();
        assertThat(verification.message()).isEqualTo("obligation da: set-off -1 outside [0, 4]");
        assertThat(verification.clearedMinor()).isEqualTo(-1);
    }

    @Test
    void shouldNameTheObligationWhenASetOffExceedsItsAmount()
    {
        final Verification verification =
            CertificateVerifier.verifyOptimal(network, new long[] {4, 4, 4, 0}, provingPotentials());

        assertThat(verification.ok()).isFalse();
        assertThat(verification.message()).isEqualTo("obligation ca: set-off 4 outside [0, 3]");
    }

    @Test
    void shouldNameTheParticipantWhenTheSetOffIsNotACirculation()
    {
        final Verification verification = CertificateVerifier.verifyFeasible(network, new long[] {3, 2, 3, 0});

        assertThat(verification.ok()).isFalse();
        assertThat(verification.message())
            .isEqualTo("participant B: set-off is not a circulation, net position would change by 1");
    }

    @Test
    void shouldRefuseWhenTheNumberOfSetOffsIsWrong()
    {
        final Verification verification = CertificateVerifier.verifyFeasible(network, new long[] {3, 3, 3});

        assertThat(verification.ok()).isFalse();
        assertThat(verification.message()).isEqualTo("3 set-offs for 4 obligations");
    }

    @Test
    void shouldRefuseWhenTheNumberOfPotentialsIsWrong()
    {
        final Verification verification =
            CertificateVerifier.verifyOptimal(network, new long[] {3, 3, 3, 0}, new long[] {0, 1, 2});

        assertThat(verification.ok()).isFalse();
        assertThat(verification.message()).isEqualTo("3 potentials for 4 participants");
    }

    @Test
    void shouldNameTheObligationWhenASetOffArcRisesMoreThanOne()
    {
        final Verification verification =
            CertificateVerifier.verifyOptimal(network, new long[] {3, 3, 3, 0}, new long[] {0, 2, 3, -1});

        assertThat(verification.ok()).isFalse();
        assertThat(verification.message())
            .isEqualTo("obligation ab: set off 3 but potentials rise by 2 > 1 from debtor to creditor");
    }

    @Test
    void shouldNameTheObligationWhenAnArcWithRemainderRisesLessThanOne()
    {
        final Verification verification =
            CertificateVerifier.verifyOptimal(network, new long[] {3, 3, 3, 0}, new long[] {0, 1, 2, 0});

        assertThat(verification.ok()).isFalse();
        assertThat(verification.message())
            .isEqualTo("obligation da: 4 left but potentials rise by 0 < 1: a cycle through it could set off more");
    }

    @Test
    void shouldNameRowNumbersWhenTheNetworkHasNoIds()
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        builder.add("A", "B", 5);
        builder.add("B", "A", 5);

        final Verification verification =
            CertificateVerifier.verifyFeasible(builder.build(), new long[] {5, 6});

        assertThat(verification.message()).isEqualTo("obligation 2: set-off 6 outside [0, 5]");
    }

    @Test
    void shouldAcceptAnyPotentialsWhenTheNetworkIsEmpty()
    {
        final ObligationNetwork empty = ObligationNetwork.builder().build();

        final Verification verification = CertificateVerifier.verifyOptimal(empty, new long[0], new long[0]);

        assertThat(verification.ok()).isTrue();
        assertThat(verification.clearedMinor()).isZero();
    }
}
