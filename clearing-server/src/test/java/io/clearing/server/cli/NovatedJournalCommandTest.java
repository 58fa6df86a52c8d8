package io.clearing.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code clearing policy ... run,RUN,novated} and {@code clearing clear --journal DIR --novated}: the worked example
 * of docs/examples/engine-policies/novation-*.csv with the lines docs/policies-engine.md shows, the notices and
 * account legs written, the run certificate file checked by {@code verify --run-certificate} (tampering fails); a
 * refused run and bad option combinations exit 2 with the journal untouched.
 */
class NovatedJournalCommandTest
{
    private static final Path EXAMPLES = CliRun.engineExamples();

    @TempDir
    Path directory;

    private CliRun policy(final Path journal, final String example)
    {
        return CliRun.run("policy", EXAMPLES.resolve(example).toString(), "--journal", journal.toString());
    }

    @Test
    void shouldRunTheWorkedExampleWithTheLinesTheDocsShow() throws Exception
    {
        final Path journal = directory.resolve("federation");
        final CliRun first = policy(journal, "novation-1.csv");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("run,1,novated: accepted; run 1 cleared 2,150 of 3,390 over 10 open " +
            "obligations; left untouched: 1 disputed by a party; novated: firm debts and claims discharged 2,150 " +
            "each, flat optimum 2,000, level by level 1,700; accounts carry 2,100");
        final CliRun second = policy(journal, "novation-2.csv");
        assertThat(second.exitCode()).as(second.err()).isZero();

        final Path notices = directory.resolve("notices.csv");
        final Path accounts = directory.resolve("accounts.csv");
        final Path certificate = directory.resolve("certificate.csv");
        final CliRun run = CliRun.run("clear", "--journal", journal.toString(), "--novated", "--out",
            notices.toString(), "--accounts", accounts.toString(), "--certificate", certificate.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
            .contains("novated run 2 over 18 open obligations: total debt 4,140, NID 680")
            .contains("firm debts          800 discharged (64.00 %); left 270 owed to firms, 180 to community " +
                "accounts")
            .contains("flat                780 set off")
            .contains("stage 2 (top)       between region accounts 800, netted per pair 640, cleared 0, left 160")
            .contains("account             community:town: receivable 20, payable 20")
            .contains("total debt after    4,040");
        assertThat(Files.readAllLines(notices)).contains(NovatedJournalClearing.NOTICE_HEADER,
            "11,fisher,baker,300,140,160,community:coast,120,180,community:valley,n2/11/debtor,n2/11/creditor");
        assertThat(Files.readAllLines(accounts)).contains(NovatedJournalClearing.ACCOUNTS_HEADER,
            "2,region:south,region:north,480,320,0,160,n2/region:south/region:north");

        assertVerifiable(certificate, notices);

        final CliRun state = CliRun.run("state", "--journal", journal.toString());
        final CliRun replay = CliRun.run("state", "--journal", journal.toString(), "--full-replay");
        assertThat(replay.out().substring(replay.out().indexOf("state hash")))
            .isEqualTo(state.out().substring(state.out().indexOf("state hash")));
    }

    @Test
    void shouldRefuseARunTheEngineRefusesAndBadOptionsWithTheJournalUntouched() throws Exception
    {
        final Path journal = directory.resolve("federation");
        final Path commands = directory.resolve("loner.csv");
        // valley in a region, town in none: the run cannot say which region account town's debts go through
        Files.writeString(commands, "register,a,A\nregister,b,B\ncommunity,a,valley\ncommunity,b,town\n" +
            "region,valley,north\nsubmit,x,a,b,10\n");
        assertThat(CliRun.run("policy", commands.toString(), "--journal", journal.toString()).exitCode()).isZero();
        final String before = stateLines(journal);

        final CliRun refused = CliRun.run("clear", "--journal", journal.toString(), "--novated");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("novated run refused (NOVATION_UNSUPPORTED)");
        final Path line = directory.resolve("line.csv");
        Files.writeString(line, "run,1,novated\n");
        final CliRun refusedLine = CliRun.run("policy", line.toString(), "--journal", journal.toString());
        assertThat(refusedLine.exitCode()).isEqualTo(2);
        assertThat(refusedLine.err()).contains("line.csv:1: run refused (NOVATION_UNSUPPORTED)");

        final CliRun withCertificate = CliRun.run("clear", "--journal", journal.toString(), "--novated",
            "--certificate", directory.resolve("c.csv").toString());
        assertThat(withCertificate.exitCode()).isEqualTo(2);
        assertThat(withCertificate.err()).contains("novated run refused");
        assertThat(directory.resolve("c.csv")).doesNotExist();
        final CliRun hierarchical = CliRun.run("clear", "--journal", journal.toString(), "--novated",
            "--hierarchical");
        assertThat(hierarchical.exitCode()).isEqualTo(2);
        assertThat(hierarchical.err()).contains("a novated run is not also hierarchical");
        final CliRun accountsAlone = CliRun.run("clear", "--journal", journal.toString(), "--accounts",
            directory.resolve("a.csv").toString());
        assertThat(accountsAlone.exitCode()).isEqualTo(2);
        assertThat(accountsAlone.err()).contains("or --journal with --novated");
        assertThat(stateLines(journal)).isEqualTo(before);
    }

    /**
     * The run's certificate file passes {@code verify --run-certificate} with and without its notices; a tampered
     * potential, discharge or notice fails (exit 1), a malformed row is refused with its line (exit 2).
     */
    private void assertVerifiable(final Path certificate, final Path notices) throws Exception
    {
        final String file = Files.readString(certificate);
        assertThat(file).startsWith("run,2,novated,solved\nformat,novated,1\n")
            .contains("\nobligation,11,fisher,baker,300,140,120\n");
        final CliRun verified = CliRun.run("verify", "--run-certificate", certificate.toString(),
            notices.toString());
        assertThat(verified.exitCode()).as(verified.out() + verified.err()).isZero();
        assertThat(verified.out()).startsWith("OK: run 2 (novated, 2 levels)").contains("the notices agree");
        assertThat(CliRun.run("verify", "--run-certificate", certificate.toString()).exitCode()).isZero();

        final String potential = file.lines().filter(l -> l.startsWith("potential,0,")).findFirst().orElseThrow();
        final String[] fields = potential.split(",");
        final Path tampered = directory.resolve("tampered.csv");
        Files.writeString(tampered, file.replace(potential + "\n", fields[0] + ',' + fields[1] + ',' + fields[2] +
            ',' + (Long.parseLong(fields[3]) - 1000) + "\n"));
        final CliRun badPotential = CliRun.run("verify", "--run-certificate", tampered.toString());
        assertThat(badPotential.exitCode()).as(badPotential.out()).isEqualTo(1);
        assertThat(badPotential.out()).startsWith("FAIL: stage 0: ");

        Files.writeString(tampered, file.replace("\nobligation,11,fisher,baker,300,140,120\n",
            "\nobligation,11,fisher,baker,300,141,120\n"));
        final CliRun badDischarge = CliRun.run("verify", "--run-certificate", tampered.toString());
        assertThat(badDischarge.exitCode()).as(badDischarge.out()).isEqualTo(1);
        assertThat(badDischarge.out()).startsWith("FAIL: ");

        final Path otherNotices = directory.resolve("other-notices.csv");
        Files.writeString(otherNotices, Files.readString(notices).replace(
            "11,fisher,baker,300,140,160,", "11,fisher,baker,300,150,150,"));
        final CliRun badNotice = CliRun.run("verify", "--run-certificate", certificate.toString(),
            otherNotices.toString());
        assertThat(badNotice.exitCode()).isEqualTo(1);
        assertThat(badNotice.out()).contains("obligation 11 discharged 150 / 120 but the run certificate says 140 / " +
            "120");

        Files.writeString(tampered, file.replace("\nformat,novated,1\n", "\nformat,novated,2\n"));
        final CliRun unknown = CliRun.run("verify", "--run-certificate", tampered.toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("tampered.csv:2: format version '2'");
        Files.writeString(tampered, file + "arc,1,0,99999,5,0,0\n");
        final CliRun badNode = CliRun.run("verify", "--run-certificate", tampered.toString());
        assertThat(badNode.exitCode()).isEqualTo(2);
        assertThat(badNode.err()).contains("tampered.csv:" + (file.lines().count() + 1) + ": node 99999 outside");
    }

    /**
     * The state and its hash (a command the engine refused is journaled, so the count of records is left out).
     */
    private static String stateLines(final Path journal)
    {
        final String out = CliRun.run("state", "--journal", journal.toString()).out();
        return out.substring(out.indexOf("participants"));
    }
}
