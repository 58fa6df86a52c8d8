package io.clearing.core.policy;

import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.api.Verification;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every policy result must satisfy, checked from the plain rules without the verifier (and then with it):
 * exclusions untouched, bounds, caps, commitments, money paid equals money received per unit, every participant's
 * position in every unit changed exactly by its money and conversions, the treasury flat in every unit.
 */
final class PolicyInvariants
{
    private PolicyInvariants()
    {
    }

    static void assertValid(final RandomPolicy rp, final PolicyResult result)
    {
        final ObligationNetwork network = rp.network;
        final ClearingPolicy policy = rp.policy;
        final int participants = network.participantCount();
        final int units = policy.unitCount();
        final long[][] change = new long[participants][units];
        final long[][] received = new long[participants][units];
        long total = 0;
        for (int i = 0; i < network.obligationCount(); i++)
        {
            final long setOff = result.setOffMinor(i);
            final String id = network.obligationId(i);
            if (!rp.eligible(i))
            {
                assertThat(setOff).as("excluded obligation %s", id).isZero();
                assertThat(result.exclusion(i)).as("reason of %s", id).isNotEqualTo(ExclusionReason.NONE);
            }
            else
            {
                assertThat(result.exclusion(i)).as("reason of %s", id).isEqualTo(ExclusionReason.NONE);
            }
            assertThat(setOff).as("discharge of %s", id).isBetween(0L, network.amountMinor(i));
            assertThat(result.crossUnitMinor(i)).as("across units of %s", id).isBetween(0L, setOff);
            final int unit = policy.unit(i);
            assertThat(policy.unitName(unit)).isEqualTo(RandomPolicy.UNITS[rp.unitOf[i]]);
            change[network.creditor(i)][unit] -= setOff;
            change[network.debtor(i)][unit] += setOff;
            received[network.creditor(i)][unit] += setOff;
            total += setOff;
        }
        for (int p = 0; p < participants; p++)
        {
            for (int u = 0; u < rp.unitCount; u++)
            {
                final int unit = policy.unitIndex(RandomPolicy.UNITS[u]);
                if (unit >= 0 && rp.cap[p][u] >= 0)
                {
                    assertThat(received[p][unit]).as("receivables of %d discharged in %s", p, RandomPolicy.UNITS[u])
                        .isLessThanOrEqualTo(rp.cap[p][u]);
                }
            }
        }
        final long[] paidInUnit = new long[units];
        for (int c = 0; c < policy.liquidityCommitments(); c++)
        {
            final long used = result.liquidityUsedMinor(c);
            assertThat(used).as("liquidity used").isBetween(0L, policy.liquidityAmountMinor(c));
            change[policy.liquidityParticipant(c)][policy.liquidityUnit(c)] -= used;
            paidInUnit[policy.liquidityUnit(c)] += used;
        }
        for (int r = 0; r < result.receipts(); r++)
        {
            change[result.receiptParticipant(r)][result.receiptUnit(r)] += result.receiptMinor(r);
            paidInUnit[result.receiptUnit(r)] -= result.receiptMinor(r);
        }
        assertThat(paidInUnit).as("money paid minus money received per unit").containsOnly(0L);
        final long[] exposure = new long[units];
        for (int c = 0; c < result.conversions(); c++)
        {
            final int from = result.conversionFromUnit(c);
            final int to = result.conversionToUnit(c);
            final long lots = result.conversionLots(c);
            change[result.conversionParticipant(c)][from] += lots * result.lotMinor(from);
            change[result.conversionParticipant(c)][to] -= lots * result.lotMinor(to);
            exposure[from] += lots * result.lotMinor(from);
            exposure[to] -= lots * result.lotMinor(to);
        }
        for (int p = 0; p < participants; p++)
        {
            assertThat(change[p]).as("position change of %s per unit", network.participantId(p)).containsOnly(0L);
        }
        for (int u = 0; u < units; u++)
        {
            assertThat(exposure[u]).as("treasury ends flat in unit %s", policy.unitName(u)).isZero();
        }
        final long[] takenOver = new long[units];
        for (int c = 0; c < result.conversions(); c++)
        {
            takenOver[result.conversionFromUnit(c)] += result.conversionLots(c) * result.lotMinor(result.conversionFromUnit(c));
        }
        for (int u = 0; u < units; u++)
        {
            assertThat(result.treasuryExposureMinor(u)).as("treasury exposure").isEqualTo(takenOver[u]);
        }
        final Verification verification = PolicyVerifier.verify(result);
        assertThat(verification.ok()).as("verification: %s", verification.message()).isTrue();
        assertThat(verification.clearedMinor()).isEqualTo(total);
    }
}
