package io.clearing.core.support;

import io.clearing.core.api.CertificateVerifier;
import io.clearing.core.api.ClearingResult;
import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.api.Verification;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The invariants every clearing result must satisfy, checked here without the verifier's help (and then with it).
 */
public final class ResultInvariants
{
    private ResultInvariants()
    {
    }

    public static void assertValid(final ObligationNetwork network, final ClearingResult result)
    {
        final int obligations = network.obligationCount();
        final long[] before = network.netPositions();
        final long[] after = new long[network.participantCount()];
        long cleared = 0;
        for (int i = 0; i < obligations; i++)
        {
            final long setOff = result.setOffMinor(i);
            final long amount = network.amountMinor(i);
            assertThat(setOff).as("set-off of obligation %s", network.obligationId(i)).isBetween(0L, amount);
            assertThat(result.remainderMinor(i)).as("remainder of obligation %s", network.obligationId(i))
                .isEqualTo(amount - setOff);
            after[network.creditor(i)] += amount - setOff;
            after[network.debtor(i)] -= amount - setOff;
            cleared = Math.addExact(cleared, setOff);
        }
        assertThat(after).as("net positions after clearing").containsExactly(before);
        assertThat(result.clearedMinor()).as("cleared").isEqualTo(cleared);
        assertThat(result.totalDebtMinor()).as("total debt").isEqualTo(network.totalDebtMinor());
        assertThat(result.remainderMinor()).as("remainder").isEqualTo(network.totalDebtMinor() - cleared);
        assertThat(result.netInternalDebtMinor()).as("NID").isEqualTo(network.netInternalDebtMinor());
        assertThat(result.remainderMinor()).as("remainder is at least NID")
            .isGreaterThanOrEqualTo(network.netInternalDebtMinor());
        assertThat(result.setOffs()).hasSize(obligations);
        assertThat(result.potentials()).hasSize(network.participantCount());
        final Verification verification =
            CertificateVerifier.verifyOptimal(network, result.setOffs(), result.potentials());
        assertThat(verification.ok()).as("certificate: %s", verification.message()).isTrue();
        assertThat(verification.clearedMinor()).isEqualTo(cleared);
    }

    /**
     * The network as the oracles take it: arrays of debtor, creditor and amount per obligation.
     */
    public static int[] debtors(final ObligationNetwork network)
    {
        final int[] debtors = new int[network.obligationCount()];
        for (int i = 0; i < debtors.length; i++)
        {
            debtors[i] = network.debtor(i);
        }
        return debtors;
    }

    public static int[] creditors(final ObligationNetwork network)
    {
        final int[] creditors = new int[network.obligationCount()];
        for (int i = 0; i < creditors.length; i++)
        {
            creditors[i] = network.creditor(i);
        }
        return creditors;
    }

    public static long[] amounts(final ObligationNetwork network)
    {
        final long[] amounts = new long[network.obligationCount()];
        for (int i = 0; i < amounts.length; i++)
        {
            amounts[i] = network.amountMinor(i);
        }
        return amounts;
    }
}
