package io.clearing.server.cli;

import io.clearing.core.api.CertificateVerifier;
import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.api.Verification;
import io.clearing.core.csv.CertificateCsvReader;
import io.clearing.core.csv.CsvFormatException;
import io.clearing.core.csv.ObligationCsvReader;
import io.clearing.core.csv.SetOffCsvReader;
import io.clearing.core.spi.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code clearing verify}: a third party's check of a clearing run from its files alone, without trusting the
 * solver that made them. The set-off must match the obligations row by row, be within bounds and keep every net
 * position; with a certificate, the potentials must also prove that no larger set-off exists.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    sortOptions = false,
    description = {
        "Checks a set-off file against its obligations: rows match the obligations in order, 0 <= set_off <= " +
            "amount, remainder = amount - set_off, every net position is unchanged; with --certificate also that " +
            "the set-off is optimal (no clearing can set off more).",
        "",
        "Prints OK or FAIL with the reason. Exit code 0: OK, 1: FAIL, 2: a file is unreadable or does not match " +
            "the obligations (FILE:LINE: reason on stderr)."})
final class VerifyCommand implements Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "OBLIGATIONS.csv", description = "the obligations that were cleared")
    private Path obligations;

    @Parameters(index = "1", paramLabel = "SETOFF.csv", description = "the set-off file to check")
    private Path setOffs;

    @Option(names = "--certificate", paramLabel = "CERT.csv",
        description = "participant,potential: check optimality too")
    private Path certificate;

    @Option(names = "--scale", paramLabel = "N", defaultValue = "0",
        description = "amounts in both files have up to N decimals; 0 (default): integer minor units")
    private int scale;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException, CsvFormatException
    {
        if (scale < 0 || scale > 18)
        {
            throw CliException.badInput("--scale " + scale + ": must be 0 to 18");
        }
        final FileArguments files = new FileArguments().input(obligations).input(setOffs);
        if (certificate != null)
        {
            files.input(certificate);
        }
        final ObligationNetwork network = new ObligationCsvReader(scale, ProgressListener.NONE).read(obligations);
        final long[] setOff = new SetOffCsvReader(scale).read(setOffs, network);
        final Verification verification;
        if (certificate != null)
        {
            final long[] potentials = new CertificateCsvReader().read(certificate, network);
            verification = CertificateVerifier.verifyOptimal(network, setOff, potentials);
        }
        else
        {
            verification = CertificateVerifier.verifyFeasible(network, setOff);
        }

        final PrintWriter out = spec.commandLine().getOut();
        if (!verification.ok())
        {
            out.println("FAIL: " + verification.message());
            out.flush();
            return ClearingCli.FAILURE;
        }
        out.println("OK: " + network.obligationCount() + " set-offs " +
            (certificate != null ? "are feasible and optimal (certificate holds)" :
                "are feasible (no certificate given: optimality not checked)") +
            "; cleared " + Formats.money(verification.clearedMinor(), scale) + " of " +
            Formats.money(network.totalDebtMinor(), scale) + " (" +
            Formats.percent(verification.clearedMinor(), network.totalDebtMinor()) + " %)");
        out.flush();
        return ClearingCli.OK;
    }
}
