package io.clearing.server.cli;

import io.clearing.core.api.ClearingResult;
import io.clearing.core.api.ClearingSolver;
import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.csv.ObligationCsvWriter;
import io.clearing.core.csv.SetOffCsvWriter;
import io.clearing.core.generate.DeepCycleNetworkGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VerifyCommandTest
{
    @TempDir
    Path directory;

    private ObligationNetwork network;
    private ClearingResult result;
    private Path obligations;
    private Path setOffs;
    private Path certificate;

    @BeforeEach
    void clearAGeneratedNetwork() throws Exception
    {
        network = new DeepCycleNetworkGenerator(21, 400, 5_000).generate();
        result = new ClearingSolver().solve(network);
        obligations = directory.resolve("obligations.csv");
        setOffs = directory.resolve("setoff.csv");
        certificate = directory.resolve("certificate.csv");
        ObligationCsvWriter.write(obligations, network);
        SetOffCsvWriter.writeSetOffs(setOffs, result, 0);
        SetOffCsvWriter.writeCertificate(certificate, result);
    }

    private CliRun verify(final boolean withCertificate)
    {
        return withCertificate ?
            CliRun.run("verify", obligations.toString(), setOffs.toString(), "--certificate", certificate.toString()) :
            CliRun.run("verify", obligations.toString(), setOffs.toString());
    }

    /**
     * @return index of the first obligation with {@code 0 < setOff < amount}, or with a positive set-off when
     * {@code partly} is false.
     */
    private int firstObligation(final boolean partly)
    {
        for (int i = 0; i < network.obligationCount(); i++)
        {
            if (result.setOffMinor(i) > 0 && (!partly || result.remainderMinor(i) > 0))
            {
                return i;
            }
        }
        throw new AssertionError("the generated network has no such obligation");
    }

    @Test
    void shouldAcceptAnOptimalResultWithItsCertificate()
    {
        final CliRun run = verify(true);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("OK: " + network.obligationCount() +
            " set-offs are feasible and optimal (certificate holds); cleared " + result.clearedMinor() + " of " +
            result.totalDebtMinor());
    }

    @Test
    void shouldCheckFeasibilityOnlyWhenNoCertificateIsGiven()
    {
        final CliRun run = verify(false);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("are feasible (no certificate given: optimality not checked)");
    }

    @Test
    void shouldFailWhenOneSetOffIsTamperedWith() throws Exception
    {
        // One more unit set off on one obligation, its row kept consistent: the set-off is no longer a circulation.
        final int tampered = firstObligation(true);
        final List<String> rows = new ArrayList<>(Files.readAllLines(setOffs));
        rows.set(tampered + 1, network.obligationId(tampered) + "," +
            network.participantId(network.debtor(tampered)) + "," +
            network.participantId(network.creditor(tampered)) + "," + network.amountMinor(tampered) + "," +
            (result.setOffMinor(tampered) + 1) + "," + (result.remainderMinor(tampered) - 1));
        Files.write(setOffs, rows);

        final CliRun run = verify(true);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("FAIL: participant ").contains("set-off is not a circulation");
    }

    @Test
    void shouldFailWhenOnePotentialOfTheCertificateIsTamperedWith() throws Exception
    {
        // Lift the creditor of a set-off obligation 2 above its debtor: complementary slackness allows at most 1.
        final int obligation = firstObligation(false);
        final long[] potentials = result.potentials();
        final int creditor = network.creditor(obligation);
        potentials[creditor] = potentials[network.debtor(obligation)] + 2;
        final List<String> rows = new ArrayList<>();
        rows.add("participant,potential");
        for (int p = 0; p < network.participantCount(); p++)
        {
            rows.add(network.participantId(p) + "," + potentials[p]);
        }
        Files.write(certificate, rows);

        final CliRun run = verify(true);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("FAIL: obligation ").contains("but potentials rise by");
    }

    @Test
    void shouldFailOptimalityButPassFeasibilityWhenNothingIsSetOff() throws Exception
    {
        final List<String> rows = new ArrayList<>();
        rows.add(SetOffCsvWriter.SET_OFF_HEADER);
        for (int i = 0; i < network.obligationCount(); i++)
        {
            rows.add(network.obligationId(i) + "," + network.participantId(network.debtor(i)) + "," +
                network.participantId(network.creditor(i)) + "," + network.amountMinor(i) + ",0," +
                network.amountMinor(i));
        }
        Files.write(setOffs, rows);

        assertThat(verify(false).exitCode()).isZero();
        final CliRun withCertificate = verify(true);
        assertThat(withCertificate.exitCode()).isEqualTo(1);
        assertThat(withCertificate.out()).startsWith("FAIL: ").contains("a cycle through it could set off more");
    }

    @Test
    void shouldRefuseWithFileAndLineWhenARowDoesNotMatchItsObligation() throws Exception
    {
        final List<String> rows = new ArrayList<>(Files.readAllLines(setOffs));
        rows.set(3, rows.get(3).replaceFirst("^[^,]*,", "SOMETHING-ELSE,"));
        Files.write(setOffs, rows);

        final CliRun run = verify(true);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(setOffs + ":4: id 'SOMETHING-ELSE' differs from obligation 3's id '" +
            network.obligationId(2) + "'" + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldRefuseWhenTheCertificateLacksAParticipant() throws Exception
    {
        final List<String> rows = new ArrayList<>(Files.readAllLines(certificate));
        final String removed = rows.remove(rows.size() - 1);
        Files.write(certificate, rows);

        final CliRun run = verify(true);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(certificate + ":" + rows.size() + ": file ends without a potential for " +
            "participant '" + removed.substring(0, removed.indexOf(',')) + "'" + System.lineSeparator());
    }

    @Test
    void shouldRefuseWhenTheObligationsAreBad() throws Exception
    {
        Files.writeString(obligations, "debtor,creditor,amount\nA,B,x\n");

        final CliRun run = verify(true);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(obligations + ":2: amount 'x' is not a number" + System.lineSeparator());
    }

    @Test
    void shouldVerifyWhatClearWroteWhenAmountsHaveDecimals() throws Exception
    {
        final Path input = directory.resolve("cents.csv");
        Files.writeString(input, "debtor,creditor,amount\nA,B,1.5\nB,C,1.25\nC,A,2.05\nD,C,0.07\n");
        final Path out = directory.resolve("cents-setoff.csv");
        final Path cert = directory.resolve("cents-cert.csv");
        assertThat(CliRun.run("clear", input.toString(), "--out", out.toString(), "--certificate", cert.toString(),
            "--scale", "2").exitCode()).isZero();

        final CliRun run = CliRun.run("verify", input.toString(), out.toString(), "--certificate", cert.toString(),
            "--scale", "2");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("cleared 3.75 of 4.87 (77.00 %)");
    }
}
