package io.clearing.server.cli;

import io.clearing.core.api.CertificateVerifier;
import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.api.Verification;
import io.clearing.core.csv.CertificateCsvReader;
import io.clearing.core.csv.CsvFormatException;
import io.clearing.core.csv.NovatedRunCertificateCsv;
import io.clearing.core.csv.ObligationCsvReader;
import io.clearing.core.csv.PolicyCertificateCsv;
import io.clearing.core.csv.PolicyCsvReader;
import io.clearing.core.csv.PolicySetOffCsvReader;
import io.clearing.core.csv.RunCertificateCsv;
import io.clearing.core.csv.SetOffCsvReader;
import io.clearing.core.csv.SetOffCsvWriter;
import io.clearing.core.policy.CertifiedRun;
import io.clearing.core.policy.ClearingPolicy;
import io.clearing.core.policy.PolicyCertificate;
import io.clearing.core.spi.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        "With --policy and --certificate: the result of 'clear --policy', checked against the obligations and the " +
            "policy alone (exclusions untouched, caps, liquidity, units, the treasury flat, positions kept, both " +
            "stages optimal).",
        "",
        "With --run-certificate FILE [NOTICES.csv]: any engine run (plain, with caps, liquidity, conversion or " +
            "priorities, hierarchical, committed from a proposal, novated) from its run certificate file, and that " +
            "its notices agree.",
        "",
        "Prints OK or FAIL with the reason. Exit code 0: OK, 1: FAIL, 2: a file is unreadable or does not match " +
            "the obligations (FILE:LINE: reason on stderr)."})
final class VerifyCommand implements Callable<Integer>
{
    @Parameters(index = "0", arity = "0..1", paramLabel = "OBLIGATIONS.csv",
        description = "the obligations that were cleared")
    private Path obligations;

    @Parameters(index = "1", arity = "0..1", paramLabel = "SETOFF.csv",
        description = "the set-off file to check (with --run-certificate: the run's notices, optional)")
    private Path setOffs;

    @Option(names = "--run-certificate", paramLabel = "FILE",
        description = "a run certificate file of an engine run ('clear --journal --certificate', or GET " +
            "/api/v1/clearing-runs/{id}/certificate/run): checks any kind of run from it alone; give the run's " +
            "notices (id,debtor,creditor,amount,set_off,remainder) as the only other file to check they agree")
    private Path runCertificate;

    @Option(names = "--certificate", paramLabel = "CERT.csv",
        description = "participant,potential: check optimality too")
    private Path certificate;

    @Option(names = "--policy", paramLabel = "POLICY.csv",
        description = "the set-off file is the result of 'clear --policy' with this policy file; needs " +
            "--certificate (the one 'clear --policy --certificate' wrote)")
    private Path policy;

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
        if (runCertificate != null)
        {
            return verifyEngineRun();
        }
        if (obligations == null || setOffs == null)
        {
            throw CliException.badInput("give OBLIGATIONS.csv and SETOFF.csv, or --run-certificate FILE");
        }
        final FileArguments files = new FileArguments().input(obligations).input(setOffs);
        if (certificate != null)
        {
            files.input(certificate);
        }
        if (policy != null)
        {
            if (certificate == null)
            {
                throw CliException.badInput("--policy needs --certificate CERT.csv: a policy run is checked with " +
                    "the potentials of both stages");
            }
            files.input(policy);
        }
        final ObligationNetwork network = new ObligationCsvReader(scale, ProgressListener.NONE).read(obligations);
        if (policy != null)
        {
            return verifyPolicyRun(network);
        }
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
        printOk(out, network, verification, certificate != null ? "are feasible and optimal (certificate holds)" :
            "are feasible (no certificate given: optimality not checked)");
        return ClearingCli.OK;
    }

    /**
     * Rebuilds both stages' graphs from the obligations and the policy and checks the notices and the certificate
     * against them ({@link PolicyCertificate#verify}).
     */
    private int verifyPolicyRun(final ObligationNetwork network)
        throws IOException, CsvFormatException
    {
        final ClearingPolicy rules = new PolicyCsvReader(scale).read(policy, obligations, network);
        final PolicySetOffCsvReader.Discharges discharges = new PolicySetOffCsvReader(scale).read(setOffs, rules);
        final PolicyCertificate potentials = PolicyCertificateCsv.read(certificate, rules);
        final Verification verification = PolicyCertificate.verify(
            rules, discharges.setOffMinor(), discharges.crossUnitMinor(), potentials);
        final PrintWriter out = spec.commandLine().getOut();
        if (!verification.ok())
        {
            out.println("FAIL: " + verification.message());
            out.flush();
            return ClearingCli.FAILURE;
        }
        final long[] cleared = new long[rules.unitCount()];
        final long[] debt = new long[rules.unitCount()];
        for (int i = 0; i < network.obligationCount(); i++)
        {
            cleared[rules.unit(i)] += discharges.setOffMinor()[i];
            debt[rules.unit(i)] += network.amountMinor(i);
        }
        final StringBuilder perUnit = new StringBuilder();
        for (int u = 0; u < debt.length; u++)
        {
            if (debt[u] > 0)
            {
                perUnit.append(perUnit.length() == 0 ? "" : ", ")
                    .append(rules.unitName(u).isEmpty() ? "(default unit)" : rules.unitName(u)).append(' ')
                    .append(Formats.money(cleared[u], scale)).append(" of ").append(Formats.money(debt[u], scale));
            }
        }
        out.println("OK: " + network.obligationCount() + " set-offs follow the policy and are optimal (certificate " +
            "of both stages holds); cleared " + perUnit);
        out.flush();
        return ClearingCli.OK;
    }

    /**
     * Checks an engine run from its run certificate file ({@link CertifiedRun#verify}), and that the notices, when
     * given, discharge exactly what the file says (an obligation the run's network does not hold: nothing).
     */
    private int verifyEngineRun() throws IOException, CsvFormatException
    {
        if (policy != null || certificate != null || scale != 0 || setOffs != null)
        {
            throw CliException.badInput("--run-certificate takes at most the run's notices file: the policy, the " +
                "certificate and integer amounts are in it");
        }
        final Path notices = obligations;
        final FileArguments files = new FileArguments().input(runCertificate);
        if (notices != null)
        {
            files.input(notices);
        }
        if (NovatedRunCertificateCsv.holdsNovatedRun(runCertificate))
        {
            return verifyNovatedRun(notices);
        }
        final RunCertificateCsv.Contents contents = RunCertificateCsv.read(runCertificate);
        final CertifiedRun run = contents.run();
        final PrintWriter out = spec.commandLine().getOut();
        final String mismatch = notices == null ? null : compareNotices(notices, run);
        if (mismatch != null)
        {
            out.println("FAIL: " + mismatch);
            out.flush();
            return ClearingCli.FAILURE;
        }
        final Verification verification = run.verify();
        if (!verification.ok())
        {
            out.println("FAIL: " + verification.message());
            out.flush();
            return ClearingCli.FAILURE;
        }
        final ObligationNetwork network = run.policy().network();
        out.println("OK: run " + contents.runId() + " (" + (run.hierarchical() ? "hierarchical, " + run.levels() +
            " levels" : "flat") + (contents.adopted() ? ", committed from a held proposal" : "") + "): " +
            network.obligationCount() + " discharges follow the run's policy and are optimal (certificate of " +
            (run.hierarchical() ? "every level" : "every stage") + " holds); cleared " + verification.clearedMinor() +
            " of " + network.totalDebtMinor() + (notices == null ? "" : "; the notices agree"));
        out.flush();
        return ClearingCli.OK;
    }

    /**
     * Checks a novated run from its file ({@link io.clearing.core.policy.NovationVerifier}), and that its notices, when given (as {@code clear
     * --journal --novated --out} writes them), discharge both sides exactly as the file says.
     */
    private int verifyNovatedRun(final Path notices) throws IOException, CsvFormatException
    {
        final NovatedRunCertificateCsv.Contents contents = NovatedRunCertificateCsv.read(runCertificate);
        final PrintWriter out = spec.commandLine().getOut();
        final String mismatch = notices == null ? null : compareNovatedNotices(notices, contents);
        if (mismatch != null)
        {
            out.println("FAIL: " + mismatch);
            out.flush();
            return ClearingCli.FAILURE;
        }
        final Verification verification = contents.verify();
        if (!verification.ok())
        {
            out.println("FAIL: " + verification.message());
            out.flush();
            return ClearingCli.FAILURE;
        }
        final ObligationNetwork network = contents.network();
        out.println("OK: run " + contents.runId() + " (novated, " + contents.groupsPerLevel().length + " levels): " +
            network.obligationCount() + " obligations' sides and " + contents.result().accountArcCount() +
            " legs between accounts keep every position and are optimal (certificate of every stage holds); " +
            "firm-facing sides discharged " + verification.clearedMinor() + " of " +
            2 * network.totalDebtMinor() + (notices == null ? "" : "; the notices agree"));
        out.flush();
        return ClearingCli.OK;
    }

    /**
     * @return what disagrees between a novated run's notices and the file's sides, or null.
     */
    private static String compareNovatedNotices(final Path notices, final NovatedRunCertificateCsv.Contents contents)
        throws IOException, CsvFormatException
    {
        final ObligationNetwork network = contents.network();
        final Map<String, Integer> index = obligationIndex(network);
        final boolean[] seen = new boolean[network.obligationCount()];
        for (final NoticeRow row : noticeRows(notices, NovatedJournalClearing.NOTICE_HEADER, 12))
        {
            final String[] fields = row.fields();
            final Integer j = index.get(fields[0]);
            if (j == null)
            {
                return notices + ":" + row.line() + ": obligation " + fields[0] + " is not in the run certificate";
            }
            final long debtorSide = integer(notices, row.line(), fields[4], "debtor_discharged");
            final long creditorSide = integer(notices, row.line(), fields[7], "creditor_discharged");
            final long expectedDebtor = contents.result().debtorDischargedMinor(j);
            final long expectedCreditor = contents.result().creditorDischargedMinor(j);
            if (debtorSide != expectedDebtor || creditorSide != expectedCreditor)
            {
                return notices + ":" + row.line() + ": obligation " + fields[0] + " discharged " + debtorSide + " / " +
                    creditorSide + " but the run certificate says " + expectedDebtor + " / " + expectedCreditor;
            }
            seen[j] = true;
        }
        for (int j = 0; j < seen.length; j++)
        {
            if (!seen[j])
            {
                return "obligation " + network.obligationId(j) + " is in the run certificate but has no notice";
            }
        }
        return null;
    }

    private static long integer(final Path file, final int line, final String text, final String what)
        throws CsvFormatException
    {
        try
        {
            return Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new CsvFormatException(file.toString(), line, what + " '" + text + "' is not an integer");
        }
    }

    private record NoticeRow(int line, String[] fields)
    {
    }

    /**
     * @return the rows after the header, split, each with its line number; blank lines skipped.
     */
    private static List<NoticeRow> noticeRows(final Path notices, final String header, final int fieldCount)
        throws IOException, CsvFormatException
    {
        final List<String> lines = Files.readAllLines(notices, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).strip().equals(header))
        {
            throw new CsvFormatException(notices.toString(), 1, "expected the header " + header);
        }
        final List<NoticeRow> rows = new ArrayList<>(lines.size());
        for (int n = 1; n < lines.size(); n++)
        {
            final String line = lines.get(n).strip();
            if (line.isEmpty())
            {
                continue;
            }
            final String[] fields = line.split(",", -1);
            if (fields.length != fieldCount)
            {
                throw new CsvFormatException(notices.toString(), n + 1, "expected " + fieldCount + " fields, found " +
                    fields.length);
            }
            rows.add(new NoticeRow(n + 1, fields));
        }
        return rows;
    }

    private static Map<String, Integer> obligationIndex(final ObligationNetwork network)
    {
        final Map<String, Integer> index = new HashMap<>();
        for (int j = 0; j < network.obligationCount(); j++)
        {
            index.put(network.obligationId(j), j);
        }
        return index;
    }

    /**
     * @return what disagrees between the notices and the run's discharges, or null.
     */
    private static String compareNotices(final Path notices, final CertifiedRun run)
        throws IOException, CsvFormatException
    {
        final ObligationNetwork network = run.policy().network();
        final Map<String, Integer> index = obligationIndex(network);
        final boolean[] seen = new boolean[network.obligationCount()];
        for (final NoticeRow row : noticeRows(notices, SetOffCsvWriter.SET_OFF_HEADER, 6))
        {
            final String[] fields = row.fields();
            final long setOff = integer(notices, row.line(), fields[4], "set_off");
            final Integer j = index.get(fields[0]);
            final long expected = j == null ? 0 : run.setOffMinor(j);
            if (setOff != expected)
            {
                return notices + ":" + row.line() + ": obligation " + fields[0] + " set off " + setOff + " but the " +
                    "run certificate says " + expected;
            }
            if (j != null)
            {
                seen[j] = true;
            }
        }
        for (int j = 0; j < seen.length; j++)
        {
            if (!seen[j] && run.setOffMinor(j) != 0)
            {
                return "obligation " + network.obligationId(j) + " is discharged by " + run.setOffMinor(j) +
                    " in the run certificate but has no notice";
            }
        }
        return null;
    }

    private void printOk(
        final PrintWriter out, final ObligationNetwork network, final Verification verification, final String what)
    {
        out.println("OK: " + network.obligationCount() + " set-offs " + what + "; cleared " +
            Formats.money(verification.clearedMinor(), scale) + " of " + Formats.money(network.totalDebtMinor(), scale) +
            " (" +
            Formats.percent(verification.clearedMinor(), network.totalDebtMinor()) + " %)");
        out.flush();
    }
}
