package io.clearing.core.policy;

import io.clearing.core.api.ClearingSolver;
import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.api.Verification;
import io.clearing.core.support.NaiveMinCostCirculation;
import io.clearing.core.support.ResultInvariants;
import io.clearing.core.support.SmallNetworks;
import org.junit.jupiter.api.Test;

import static io.clearing.core.support.SeededCases.forEachSeed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The policy solver against the naive oracle on an independently built extended graph, on thousands of small seeded
 * networks with random policies; every result checked for its invariants and its certificate.
 */
class PolicySolverOracleTest
{
    private static final int CASES = 3_000;

    private final PolicySolver solver = new PolicySolver();

    @Test
    void shouldDischargeTheOracleOptimumInEveryUnitWhenRulesCapsAndLiquidityApply()
    {
        forEachSeed(10_000_000, CASES, seed ->
        {
            final RandomPolicy rp = new RandomPolicy(SmallNetworks.random(seed), seed, false);

            final PolicyResult result = solver.solve(rp.policy);

            PolicyInvariants.assertValid(rp, result);
            for (int u = 0; u < rp.unitCount; u++)
            {
                final int unit = rp.policy.unitIndex(RandomPolicy.UNITS[u]);
                if (unit < 0)
                {
                    continue;
                }
                final long[] best = PolicyOracle.withinUnit(rp, u, true);
                assertThat(result.clearedMinor(unit)).as("cleared in %s", RandomPolicy.UNITS[u]).isEqualTo(best[0]);
                assertThat(result.clearedWithoutLiquidityMinor(unit)).as("cleared without liquidity")
                    .isEqualTo(PolicyOracle.withinUnit(rp, u, false)[0]);
                if (PolicyOracle.prioritiesFit(rp))
                {
                    assertThat(score(rp, result, u)).as("priority score in %s", RandomPolicy.UNITS[u]).isEqualTo(best[1]);
                }
            }
        });
    }

    @Test
    void shouldNeverLowerTheTotalWhenAPriorityRuleIsAdded()
    {
        forEachSeed(11_000_000, CASES, seed ->
        {
            final ObligationNetwork network = SmallNetworks.random(seed);
            final ClearingPolicy.Builder older = ClearingPolicy.builder(network).priority(PriorityRule.OLDER_FIRST);
            final ClearingPolicy.Builder urgent = ClearingPolicy.builder(network).priority(PriorityRule.URGENT_FIRST);
            for (int i = 0; i < network.obligationCount(); i++)
            {
                older.dueDay(i, Math.floorMod(seed * 7 + i * 13, 5));
                if ((seed + i) % 3 == 0)
                {
                    urgent.urgent(i);
                }
            }
            final long plain = NaiveMinCostCirculation.maxSetOff(network.participantCount(),
                ResultInvariants.debtors(network), ResultInvariants.creditors(network), ResultInvariants.amounts(network));

            assertThat(solver.solve(older.build()).clearedMinor(0)).as("older first").isEqualTo(plain);
            assertThat(solver.solve(urgent.build()).clearedMinor(0)).as("urgent first").isEqualTo(plain);
        });
    }

    @Test
    void shouldDischargeTheOracleOptimumOfWholeLotsAcrossUnitsThroughTheTreasury()
    {
        final int[] crossed = new int[1];
        forEachSeed(12_000_000, CASES, seed ->
        {
            final RandomPolicy rp = new RandomPolicy(SmallNetworks.random(seed), seed, true);

            final PolicyResult result = solver.solve(rp.policy);

            PolicyInvariants.assertValid(rp, result);
            final ObligationNetwork network = rp.network;
            final long[] remainder = new long[network.obligationCount()];
            final long[][] capLeft = new long[network.participantCount()][rp.unitCount];
            for (int p = 0; p < capLeft.length; p++)
            {
                for (int u = 0; u < rp.unitCount; u++)
                {
                    capLeft[p][u] = rp.cap[p][u];
                }
            }
            long lotsCrossed = 0;
            final long[] lot = PolicyOracle.lots(rp.unitCount);
            for (int i = 0; i < remainder.length; i++)
            {
                final long within = result.setOffMinor(i) - result.crossUnitMinor(i);
                remainder[i] = network.amountMinor(i) - within;
                if (capLeft[network.creditor(i)][rp.unitOf[i]] >= 0)
                {
                    capLeft[network.creditor(i)][rp.unitOf[i]] -= within;
                }
                lotsCrossed += result.crossUnitMinor(i) / lot[rp.unitOf[i]];
            }
            final long expected = rp.unitCount < 2 ? 0 : PolicyOracle.acrossUnits(rp, remainder, capLeft);
            assertThat(lotsCrossed).as("lots discharged across units").isEqualTo(expected);
            if (expected > 0)
            {
                crossed[0]++;
            }
        });
        assertThat(crossed[0]).as("networks with cross-unit discharges").isGreaterThan(CASES / 50);
    }

    @Test
    void shouldClearWhatThePlainSolverClearsWhenMediumNetworksHaveNoRules()
    {
        final ClearingSolver plain = new ClearingSolver(() -> 0L);
        forEachSeed(14_000_000, 60, seed ->
        {
            final ObligationNetwork network = SmallNetworks.medium(seed);

            final PolicyResult result = solver.solve(ClearingPolicy.none(network));

            assertThat(result.clearedMinor(0)).as("cleared vs ClearingSolver").isEqualTo(plain.solve(network).clearedMinor());
        });
    }

    @Test
    void shouldFailVerificationWhenAResultIsWorsenedOrBroken()
    {
        final int[] worsened = new int[1];
        forEachSeed(13_000_000, CASES / 2, seed ->
        {
            final RandomPolicy rp = new RandomPolicy(SmallNetworks.random(seed), seed, seed % 2 == 0);
            final PolicyResult result = solver.solve(rp.policy);
            final int obligations = rp.network.obligationCount();

            final int one = Math.floorMod(seed, obligations);
            final long[] nudged = result.setOffs();
            nudged[one] += nudged[one] < rp.network.amountMinor(one) ? 1 : -1;
            assertThat(PolicyVerifier.verify(Results.withSetOffs(result, nudged, result.crossUnitSetOffs())).ok())
                .as("one discharge changed by one").isFalse();

            final long total = PolicyVerifier.verify(result).clearedMinor();
            if (total > 0)
            {
                final Verification nothing = PolicyVerifier.verify(Results.nothingDischarged(result));
                assertThat(nothing.ok()).as("nothing discharged although %d could be", total).isFalse();
                assertThat(nothing.message()).contains("reduced cost");
                worsened[0]++;
            }
        });
        assertThat(worsened[0]).isGreaterThan(CASES / 20);
    }

    private static long score(final RandomPolicy rp, final PolicyResult result, final int unit)
    {
        long score = 0;
        for (int i = 0; i < rp.network.obligationCount(); i++)
        {
            if (rp.unitOf[i] == unit)
            {
                score += (result.setOffMinor(i) - result.crossUnitMinor(i)) * rp.weight(i);
            }
        }
        return score;
    }
}
