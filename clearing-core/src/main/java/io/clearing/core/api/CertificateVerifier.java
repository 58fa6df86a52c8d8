package io.clearing.core.api;

/**
 * Checks a set-off result against its network, independently of the solver that produced it: anybody holding the
 * obligations, the set-offs and the potentials can run it. Costs O(obligations + participants).
 * <p>
 * Feasibility: {@code 0 <= setOff <= amount} for every obligation, and the set-offs form a circulation (each
 * participant's set-off as debtor equals its set-off as creditor), so every net position is unchanged.
 * <p>
 * Optimality: the potentials satisfy complementary slackness with the set-off. Maximising set-off is the linear
 * program {@code max sum x_e, 0 <= x_e <= w_e, x a circulation}; its dual prices {@code p} give each obligation
 * {@code d -> c} a reduced profit {@code 1 - (p[c] - p[d])}. If every partly or wholly set-off obligation has
 * {@code p[c] - p[d] <= 1} and every not wholly set-off one has {@code p[c] - p[d] >= 1}, the primal and dual
 * objectives meet and no circulation sets off more (Ahuja, Magnanti &amp; Orlin 1993, ch. 9, theorem 9.4).
 */
public final class CertificateVerifier
{
    private CertificateVerifier()
    {
    }

    /**
     * Checks bounds and the circulation property only.
     */
    public static Verification verifyFeasible(final ObligationNetwork network, final long[] setOffMinor)
    {
        final int obligations = network.obligationCount();
        if (setOffMinor.length != obligations)
        {
            return Verification.failed(setOffMinor.length + " set-offs for " + obligations + " obligations");
        }
        final long[] balance = new long[network.participantCount()];
        long cleared = 0;
        for (int i = 0; i < obligations; i++)
        {
            final long setOff = setOffMinor[i];
            final long amount = network.amountMinor(i);
            if (setOff < 0 || setOff > amount)
            {
                return Verification.failed("obligation " + network.obligationId(i) + ": set-off " + setOff +
                    " outside [0, " + amount + "]");
            }
            balance[network.debtor(i)] -= setOff;
            balance[network.creditor(i)] += setOff;
            cleared += setOff;
        }
        for (int p = 0; p < balance.length; p++)
        {
            if (balance[p] != 0)
            {
                return Verification.failed("participant " + network.participantId(p) +
                    ": set-off is not a circulation, net position would change by " + balance[p]);
            }
        }
        return Verification.passed(cleared);
    }

    /**
     * Checks feasibility and that the potentials prove optimality.
     *
     * @param potentials one integer potential per participant.
     */
    public static Verification verifyOptimal(
        final ObligationNetwork network, final long[] setOffMinor, final long[] potentials)
    {
        final Verification feasible = verifyFeasible(network, setOffMinor);
        if (!feasible.ok())
        {
            return feasible;
        }
        if (potentials.length != network.participantCount())
        {
            return Verification.failed(potentials.length + " potentials for " + network.participantCount() +
                " participants");
        }
        for (int i = 0, n = network.obligationCount(); i < n; i++)
        {
            final long creditorPotential = potentials[network.creditor(i)];
            final long debtorPotential = potentials[network.debtor(i)];
            final long rise = creditorPotential - debtorPotential;
            if (((creditorPotential ^ debtorPotential) & (creditorPotential ^ rise)) < 0)
            {
                return Verification.failed("obligation " + network.obligationId(i) +
                    ": potentials " + debtorPotential + " and " + creditorPotential + " differ by more than a long holds");
            }
            final long setOff = setOffMinor[i];
            if (setOff > 0 && rise > 1)
            {
                return Verification.failed("obligation " + network.obligationId(i) + ": set off " + setOff +
                    " but potentials rise by " + rise + " > 1 from debtor to creditor");
            }
            if (setOff < network.amountMinor(i) && rise < 1)
            {
                return Verification.failed("obligation " + network.obligationId(i) + ": " +
                    (network.amountMinor(i) - setOff) + " left but potentials rise by " + rise +
                    " < 1: a cycle through it could set off more");
            }
        }
        return feasible;
    }
}
