package io.clearing.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code clear --journal --certificate} writes the run certificate file of every kind of run, and {@code verify
 * --run-certificate} checks it with the run's notices: the worked examples of docs/examples/engine-policies, each run
 * made by {@code clear --journal} instead of the file's own run line (a plain run with exclusions, one with a
 * liquidity commitment and a cap, one converting through the treasury with an urgent-first priority, a hierarchical
 * one). A changed discharge fails (exit 1), a malformed row is refused as FILE:LINE (exit 2). {@code state} lists the
 * treasury, rates, priority, urgent marks and communities.
 */
class RunCertificateCommandTest
{
    private static final Path EXAMPLES = CliRun.engineExamples();

    @TempDir
    Path directory;

    /**
     * Applies an example without its run lines.
     */
    private void apply(final Path journal, final String example) throws IOException
    {
        final List<String> lines = Files.readAllLines(EXAMPLES.resolve(example)).stream()
            .filter(line -> !line.startsWith("run,"))
            .collect(Collectors.toList());
        final Path file = directory.resolve(example);
        Files.write(file, lines);
        final CliRun run = CliRun.run("policy", file.toString(), "--journal", journal.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    private void clearAndVerify(final Path journal, final long runId, final boolean hierarchical,
        final String expected)
    {
        final Path certificate = directory.resolve("run-" + runId + ".csv");
        final Path notices = directory.resolve("notices-" + runId + ".csv");
        final CliRun clear = hierarchical ?
            CliRun.run("clear", "--journal", journal.toString(), "--hierarchical", "--out", notices.toString(),
                "--certificate", certificate.toString()) :
            CliRun.run("clear", "--journal", journal.toString(), "--out", notices.toString(), "--certificate",
                certificate.toString());
        assertThat(clear.exitCode()).as(clear.err()).isZero();
        assertThat(clear.out()).contains("clearing run " + runId + " ").contains("run certificate: " + certificate);
        final CliRun verify = CliRun.run("verify", "--run-certificate", certificate.toString(), notices.toString());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).startsWith("OK: run " + runId + " (").contains(expected).contains("the notices agree");
    }

    @Test
    void shouldWriteAndVerifyTheCertificateOfEveryKindOfRun() throws IOException
    {
        final Path journal = directory.resolve("journal");
        apply(journal, "1-setup.csv");
        apply(journal, "2-disputes-and-rules.csv");
        clearAndVerify(journal, 1, false, "flat");
        final CliRun acceptance = CliRun.run("policy", EXAMPLES.resolve("3-acceptance.csv").toString(), "--journal",
            journal.toString());
        assertThat(acceptance.exitCode()).as(acceptance.err()).isZero();
        apply(journal, "4-demurrage.csv");
        apply(journal, "5-liquidity.csv");
        clearAndVerify(journal, 4, false, "flat");
        assertThat(Files.readAllLines(directory.resolve("run-4.csv")))
            .contains("run,4,flat,solved", "liquidity,GALE,EUR,400", "cap,ELM,EUR,200");
        apply(journal, "6-treasury-and-priority.csv");
        clearAndVerify(journal, 5, false, "cleared 2000 of");
        assertThat(Files.readAllLines(directory.resolve("run-5.csv")))
            .contains("treasury,TREASURY", "rate,EUR,1,1", "priority,urgent_first")
            .anyMatch(line -> line.startsWith("certificate,0,across,conversion,"));
        apply(journal, "7-hierarchy.csv");
        clearAndVerify(journal, 6, true, "hierarchical, 3 levels");

        final CliRun state = CliRun.run("state", "--journal", journal.toString());
        assertThat(state.exitCode()).as(state.err()).isZero();
        assertThat(state.out())
            .contains("treasury            TREASURY")
            .contains("rate EUR             1/1 of the reference value a minor unit")
            .contains("rate TALER           1/1")
            .contains("urgent              1 obligations: x5")
            .contains("community valley    region west: NEST OAK")
            .contains("community ridge     region west: PINE");
    }

    @Test
    void shouldFailAChangedDischargeAndRefuseAMalformedRow() throws IOException
    {
        final Path journal = directory.resolve("journal");
        apply(journal, "1-setup.csv");
        apply(journal, "2-disputes-and-rules.csv");
        apply(journal, "4-demurrage.csv");
        apply(journal, "5-liquidity.csv");
        final Path certificate = directory.resolve("run.csv");
        final CliRun clear = CliRun.run("clear", "--journal", journal.toString(), "--certificate",
            certificate.toString());
        assertThat(clear.exitCode()).as(clear.err()).isZero();
        final List<String> lines = Files.readAllLines(certificate);
        final List<String> lowered = lines.stream()
            .map(line -> line.startsWith("obligation,c3,") ? line.replaceFirst(",200,0$", ",199,0") : line)
            .collect(Collectors.toList());
        assertThat(lowered).isNotEqualTo(lines);
        final Path tampered = directory.resolve("tampered.csv");
        Files.write(tampered, lowered);
        final CliRun fail = CliRun.run("verify", "--run-certificate", tampered.toString());
        assertThat(fail.exitCode()).isEqualTo(1);
        assertThat(fail.out()).startsWith("FAIL: ");

        final List<String> malformed = lines.stream()
            .map(line -> line.startsWith("liquidity,") ? "liquidity,GALE,EUR,lots" : line)
            .collect(Collectors.toList());
        final Path bad = directory.resolve("bad.csv");
        Files.write(bad, malformed);
        final CliRun refused = CliRun.run("verify", "--run-certificate", bad.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        final int line = malformed.indexOf("liquidity,GALE,EUR,lots") + 1;
        assertThat(refused.err()).contains(bad + ":" + line + ": commitment 'lots' is not a 64-bit integer");
    }
}
