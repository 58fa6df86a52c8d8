package io.clearing.server.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code clear --policy --certificate} then {@code verify --policy}: the worked example verifies from its files;
 * a worsened set-off file, a tampered certificate and a policy the result does not follow each fail with a reason
 * (exit 1); a malformed certificate line is refused as {@code FILE:LINE: reason} (exit 2).
 */
class VerifyPolicyCommandTest
{
    private static final Path EXAMPLES = Path.of("..", "docs", "examples", "policies");
    private static final String OBLIGATIONS = EXAMPLES.resolve("obligations.csv").toString();
    private static final String POLICY = EXAMPLES.resolve("policy.csv").toString();

    @TempDir
    Path directory;

    private Path setOff;
    private Path certificate;

    @BeforeEach
    void clearTheWorkedExample()
    {
        setOff = directory.resolve("setoff.csv");
        certificate = directory.resolve("cert.csv");
        final CliRun run = CliRun.run("clear", OBLIGATIONS, "--policy", POLICY, "--out", setOff.toString(),
            "--certificate", certificate.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void shouldVerifyTheWorkedExampleFromItsFiles() throws IOException
    {
        final CliRun run = verify(POLICY, setOff, certificate);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("OK: 19 set-offs follow the policy and are optimal (certificate of both " +
            "stages holds); cleared EUR 152000 of 325000, SRD 1320 of 1770\n");
        assertThat(Files.readAllLines(certificate)).first().isEqualTo("stage,kind,participant,unit,to_unit,value");
        assertThat(Files.readAllLines(certificate)).contains("across,conversion,hotel,EUR,SRD,400");
    }

    @Test
    void shouldFailWhenASetOffIsLowered() throws IOException
    {
        replace(setOff, "14,laundry,brewery,SRD,120,120,0,0,", "14,laundry,brewery,SRD,120,119,1,0,");

        final CliRun run = verify(POLICY, setOff, certificate);

        assertThat(run.exitCode()).isEqualTo(ClearingCli.FAILURE);
        assertThat(run.out()).startsWith("FAIL: within units: ");
    }

    @Test
    void shouldFailWhenTheCertificateIsTampered() throws IOException
    {
        final String text = Files.readString(certificate);
        Files.writeString(certificate, text.replaceAll("within,participant,laundry,SRD,,-?[0-9]+",
            "within,participant,laundry,SRD,,5000"));

        final CliRun run = verify(POLICY, setOff, certificate);

        assertThat(run.exitCode()).isEqualTo(ClearingCli.FAILURE);
        assertThat(run.out()).startsWith("FAIL: within units: ").contains("reduced cost");
    }

    @Test
    void shouldFailWhenTheConversionsAreTampered() throws IOException
    {
        replace(certificate, "across,conversion,garage,SRD,EUR,400", "across,conversion,garage,SRD,EUR,300");

        final CliRun run = verify(POLICY, setOff, certificate);

        assertThat(run.exitCode()).isEqualTo(ClearingCli.FAILURE);
        assertThat(run.out()).startsWith("FAIL: across units: unit 'EUR': the treasury takes over 40000 but pays out " +
            "30000\n");
    }

    @Test
    void shouldFailWhenCheckedAgainstAPolicyTheResultDoesNotFollow() throws IOException
    {
        final Path wrong = directory.resolve("wrong-policy.csv");
        Files.writeString(wrong, Files.readString(Path.of(POLICY)) + "dispute,14\n");

        final CliRun run = verify(wrong.toString(), setOff, certificate);

        assertThat(run.exitCode()).isEqualTo(ClearingCli.FAILURE);
        assertThat(run.out()).isEqualTo("FAIL: obligation 14: excluded (disputed by a party) but discharged 120\n");
    }

    @Test
    void shouldRefuseABadCertificateLineWithFileAndLine() throws IOException
    {
        Files.writeString(certificate, Files.readString(certificate) + "within,participant,nobody,EUR,,1\n");

        final CliRun run = verify(POLICY, setOff, certificate);

        assertThat(run.exitCode()).isEqualTo(ClearingCli.BAD_INPUT);
        assertThat(run.err()).isEqualTo(certificate + ":35: participant 'nobody' does not appear in the " +
            "obligations\n");
    }

    @Test
    void shouldRefuseAPolicyCheckWithoutCertificate()
    {
        final CliRun run = CliRun.run("verify", OBLIGATIONS, setOff.toString(), "--policy", POLICY);

        assertThat(run.exitCode()).isEqualTo(ClearingCli.BAD_INPUT);
        assertThat(run.err()).contains("--policy needs --certificate");
    }

    private static CliRun verify(final String policy, final Path setOffFile, final Path certificateFile)
    {
        return CliRun.run("verify", OBLIGATIONS, setOffFile.toString(), "--policy", policy,
            "--certificate", certificateFile.toString());
    }

    private static void replace(final Path file, final String from, final String to) throws IOException
    {
        final String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }
}
