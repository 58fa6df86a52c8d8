package io.clearing.core.support;

import io.clearing.core.api.ObligationNetwork;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares networks by content: participants in order, and every obligation's id, parties and amount.
 */
public final class NetworkAssertions
{
    private NetworkAssertions()
    {
    }

    public static void assertSameNetwork(final ObligationNetwork actual, final ObligationNetwork expected)
    {
        assertThat(actual.participantCount()).as("participants").isEqualTo(expected.participantCount());
        for (int p = 0; p < expected.participantCount(); p++)
        {
            assertThat(actual.participantId(p)).as("participant %d", p).isEqualTo(expected.participantId(p));
        }
        assertThat(actual.obligationCount()).as("obligations").isEqualTo(expected.obligationCount());
        for (int i = 0; i < expected.obligationCount(); i++)
        {
            assertThat(actual.obligationId(i)).as("id of obligation %d", i).isEqualTo(expected.obligationId(i));
            assertThat(actual.debtor(i)).as("debtor of obligation %d", i).isEqualTo(expected.debtor(i));
            assertThat(actual.creditor(i)).as("creditor of obligation %d", i).isEqualTo(expected.creditor(i));
            assertThat(actual.amountMinor(i)).as("amount of obligation %d", i).isEqualTo(expected.amountMinor(i));
        }
        assertThat(actual.totalDebtMinor()).as("total debt").isEqualTo(expected.totalDebtMinor());
    }

    /**
     * @return whether two networks have the same obligations (ids, parties by id, amounts) in the same order.
     */
    public static boolean sameObligations(final ObligationNetwork a, final ObligationNetwork b)
    {
        if (a.obligationCount() != b.obligationCount())
        {
            return false;
        }
        for (int i = 0; i < a.obligationCount(); i++)
        {
            if (a.amountMinor(i) != b.amountMinor(i) ||
                !a.participantId(a.debtor(i)).equals(b.participantId(b.debtor(i))) ||
                !a.participantId(a.creditor(i)).equals(b.participantId(b.creditor(i))))
            {
                return false;
            }
        }
        return true;
    }
}
