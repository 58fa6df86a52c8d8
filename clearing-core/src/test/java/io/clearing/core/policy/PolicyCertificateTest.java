package io.clearing.core.policy;

import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.api.Verification;
import io.clearing.core.csv.CsvFormatException;
import io.clearing.core.csv.PolicyCertificateCsv;
import io.clearing.core.support.SmallNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.clearing.core.support.SeededCases.forEachSeed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The certificate of a policy run as a file: written, read back and checked from the discharges alone, it proves
 * every solver result; a lowered discharge, a tampered or incomplete certificate, or a policy the result does not
 * follow, fails.
 */
class PolicyCertificateTest
{
    private static final int CASES = 600;
    /**
     * Participants are numbered in order of first appearance: A, B, C.
     */
    private static final int PARTICIPANT_C = 2;

    private final PolicySolver solver = new PolicySolver();

    @TempDir
    Path directory;

    @Test
    void shouldVerifyEveryResultFromItsFileWhenWrittenAndReadBack()
    {
        forEachSeed(40_000_000, CASES, seed ->
        {
            final RandomPolicy rp = new RandomPolicy(SmallNetworks.random(seed), seed, seed % 2 == 0);
            final PolicyResult result = solver.solve(rp.policy);

            final PolicyCertificate read = roundTrip(rp.policy, PolicyCertificate.of(result));
            final Verification verification =
                PolicyCertificate.verify(rp.policy, result.setOffs(), result.crossUnitSetOffs(), read);

            assertThat(verification.ok()).as(verification.message()).isTrue();
            assertThat(verification.clearedMinor()).isEqualTo(sum(result.setOffs()));
        });
    }

    @Test
    void shouldFailWhenOneDischargeIsLoweredByOne()
    {
        final int[] lowered = new int[1];
        forEachSeed(41_000_000, CASES, seed ->
        {
            final RandomPolicy rp = new RandomPolicy(SmallNetworks.random(seed), seed, seed % 2 == 0);
            final PolicyResult result = solver.solve(rp.policy);
            final PolicyCertificate certificate = PolicyCertificate.of(result);
            final long[] setOff = result.setOffs();
            final long[] cross = result.crossUnitSetOffs();
            for (int i = 0; i < setOff.length; i++)
            {
                if (setOff[i] - cross[i] > 0)
                {
                    setOff[i]--;
                    final Verification verification = PolicyCertificate.verify(rp.policy, setOff, cross, certificate);
                    assertThat(verification.ok()).as("obligation %d lowered", i).isFalse();
                    setOff[i]++;
                    lowered[0]++;
                }
            }
        });
        assertThat(lowered[0]).isGreaterThan(CASES);
    }

    @Test
    void shouldFailWhenALotConvertedAcrossUnitsIsTakenBack()
    {
        final int[] taken = new int[1];
        forEachSeed(42_000_000, CASES, seed ->
        {
            final RandomPolicy rp = new RandomPolicy(SmallNetworks.random(seed), seed, true);
            final PolicyResult result = solver.solve(rp.policy);
            final PolicyCertificate certificate = PolicyCertificate.of(result);
            final long[] setOff = result.setOffs();
            final long[] cross = result.crossUnitSetOffs();
            for (int i = 0; i < setOff.length; i++)
            {
                if (cross[i] > 0)
                {
                    final long lot = result.lotMinor(rp.policy.unit(i));
                    setOff[i] -= lot;
                    cross[i] -= lot;
                    assertThat(PolicyCertificate.verify(rp.policy, setOff, cross, certificate).ok()).isFalse();
                    setOff[i] += lot;
                    cross[i] += lot;
                    taken[0]++;
                }
            }
        });
        assertThat(taken[0]).isPositive();
    }

    @Test
    void shouldFailWhenAPotentialIsMovedFarOrMissingOrUnknown()
    {
        final PolicyResult result = solver.solve(triangleWithCap().build());
        final ClearingPolicy policy = result.policy();
        final PolicyCertificate certificate = PolicyCertificate.of(result);
        assertThat(verify(result, certificate).ok()).isTrue();

        final String text = csv(certificate);
        final String moved = text.replaceAll("within,participant,A,EUR,,-?[0-9]+", "within,participant,A,EUR,,1000000");
        assertThat(moved).isNotEqualTo(text);
        assertThat(verify(result, read(moved, policy)).message()).contains("reduced cost");

        final String missing = text.replaceAll("within,participant,B,EUR,,-?[0-9]+\n", "");
        assertThat(verify(result, read(missing, policy)).message())
            .isEqualTo("certificate has no potential for within participant 'B' in 'EUR'");

        final String unknown = text + "within,liquidity,,EUR,,0\n";
        assertThat(verify(result, read(unknown, policy)).message())
            .isEqualTo("certificate gives a potential for within liquidity in 'EUR', a node the policy's graph does " +
                "not have");
    }

    @Test
    void shouldFailWhenTheResultDoesNotFollowThePolicyItIsCheckedAgainst()
    {
        final PolicyResult result = solver.solve(triangleWithCap().build());
        final ObligationNetwork network = result.network();

        final ClearingPolicy.Builder disputed = triangleWithCap();
        disputed.dispute(0);
        final ClearingPolicy disputedPolicy = disputed.build();
        assertThat(PolicyCertificate.verify(disputedPolicy, result.setOffs(), result.crossUnitSetOffs(),
            read(csv(PolicyCertificate.of(result)), disputedPolicy)).message())
            .isEqualTo("obligation " + network.obligationId(0) + ": excluded (disputed by a party) but discharged 30");

        final ClearingPolicy.Builder tighter = ClearingPolicy.builder(network);
        for (int i = 0; i < 3; i++)
        {
            tighter.unit(i, "EUR");
        }
        tighter.receivableCap(PARTICIPANT_C, "EUR", 10);
        final ClearingPolicy tighterPolicy = tighter.build();
        assertThat(PolicyCertificate.verify(tighterPolicy, result.setOffs(), result.crossUnitSetOffs(),
            read(csv(PolicyCertificate.of(result)), tighterPolicy)).message())
            .isEqualTo("within units: receivable cap of C in 'EUR': flow 30 outside [0, 10]");
    }

    @Test
    void shouldRefuseABadCertificateLineWithFileAndLine()
    {
        final ClearingPolicy policy = triangleWithCap().build();
        final String header = PolicyCertificateCsv.HEADER + "\n";
        assertRefused(policy, header + "within,participant,A,EUR,,1\nmiddle,participant,A,EUR,,1\n",
            "cert.csv:3: stage 'middle': expected within or across");
        assertRefused(policy, header + "within,node,A,EUR,,1\n",
            "cert.csv:2: kind 'node': expected participant, receivables, payables, liquidity or conversion");
        assertRefused(policy, header + "within,participant,Z,EUR,,1\n",
            "cert.csv:2: participant 'Z' does not appear in the obligations");
        assertRefused(policy, header + "within,participant,A,USD,,1\n",
            "cert.csv:2: unit 'USD' is not a unit of the obligations or the policy");
        assertRefused(policy, header + "within,participant,A,EUR,,1.5\n", "cert.csv:2: value '1.5' is not an integer");
        assertRefused(policy, header + "within,participant,A,EUR,,1\nwithin,participant,A,EUR,,2\n",
            "cert.csv:3: the same participant is already given on line 2");
        assertRefused(policy, header + "within,participant,A,EUR,EUR,1\n",
            "cert.csv:2: to_unit is only for a conversion: found 'EUR'");
        assertRefused(policy, header + "within,liquidity,A,EUR,,1\n",
            "cert.csv:2: a liquidity node has no participant: found 'A'");
        assertRefused(policy, "stage,kind,participant,unit,value\n",
            "cert.csv:1: header lacks the column to_unit: expected " + PolicyCertificateCsv.HEADER);
    }

    /**
     * A -> B -> C -> A, 50 each in EUR, with C's receivables capped at 30: 30 of each is set off.
     */
    private static ClearingPolicy.Builder triangleWithCap()
    {
        final ObligationNetwork.Builder network = ObligationNetwork.builder();
        network.add("1", "A", "B", 50);
        network.add("2", "B", "C", 50);
        network.add("3", "C", "A", 50);
        final ObligationNetwork built = network.build();
        final ClearingPolicy.Builder builder = ClearingPolicy.builder(built);
        for (int i = 0; i < 3; i++)
        {
            builder.unit(i, "EUR");
        }
        builder.receivableCap(PARTICIPANT_C, "EUR", 30);
        return builder;
    }

    private static Verification verify(final PolicyResult result, final PolicyCertificate certificate)
    {
        return PolicyCertificate.verify(result.policy(), result.setOffs(), result.crossUnitSetOffs(), certificate);
    }

    private static void assertRefused(final ClearingPolicy policy, final String text, final String message)
    {
        assertThatThrownBy(() -> PolicyCertificateCsv.read(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "cert.csv", policy))
            .isInstanceOf(CsvFormatException.class)
            .hasMessage(message);
    }

    private PolicyCertificate roundTrip(final ClearingPolicy policy, final PolicyCertificate certificate)
    {
        return read(csv(certificate), policy);
    }

    private String csv(final PolicyCertificate certificate)
    {
        try
        {
            final Path file = directory.resolve("cert.csv");
            PolicyCertificateCsv.write(file, certificate);
            return Files.readString(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static PolicyCertificate read(final String text, final ClearingPolicy policy)
    {
        try
        {
            return PolicyCertificateCsv.read(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "cert.csv", policy);
        }
        catch (final IOException | CsvFormatException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static long sum(final long[] values)
    {
        long total = 0;
        for (final long value : values)
        {
            total += value;
        }
        return total;
    }
}
