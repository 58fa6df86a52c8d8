package io.clearing.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EngineCommandsTest
{
    @TempDir
    Path directory;

    private Path obligations() throws Exception
    {
        return Files.writeString(directory.resolve("obligations.csv"),
            "id,debtor,creditor,amount\n" +
            "o1,A,B,100\n" +
            "o2,B,C,70\n" +
            "o3,C,A,50\n" +
            "o4,C,D,20\n");
    }

    @Test
    void shouldIngestThenShowStateThenClearWhenGivenAJournal() throws Exception
    {
        final Path input = obligations();
        final Path journal = directory.resolve("journal");

        final CliRun ingest = CliRun.run("ingest", input.toString(), "--journal", journal.toString(), "--no-progress");
        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        assertThat(ingest.out()).contains("ingested 4 obligations").contains("4 accepted").contains("obligations/s");

        final CliRun state = CliRun.run("state", "--journal", journal.toString());
        assertThat(state.exitCode()).as(state.err()).isZero();
        assertThat(state.out()).contains("participants        4").contains("total debt          240")
            .contains("NID                 50").contains("last clearing       none").contains("state hash")
            .contains("journal format      version 4 (submissions and payments in compact records)");

        final Path setOff = directory.resolve("setoff.csv");
        final CliRun clear = CliRun.run("clear", "--journal", journal.toString(), "--out", setOff.toString());
        assertThat(clear.exitCode()).as(clear.err()).isZero();
        assertThat(clear.out()).contains("cleared 150").contains("remainder 90");
        assertThat(Files.readAllLines(setOff)).containsExactly(
            "id,debtor,creditor,amount,set_off,remainder",
            "o1,A,B,100,50,50",
            "o2,B,C,70,50,20",
            "o3,C,A,50,50,0",
            "o4,C,D,20,0,20");

        final CliRun after = CliRun.run("state", "--journal", journal.toString());
        assertThat(after.out()).contains("total debt          90").contains("last clearing       run 1");
        final CliRun fullReplay = CliRun.run("state", "--journal", journal.toString(), "--full-replay");
        assertThat(hashOf(fullReplay.out())).isEqualTo(hashOf(after.out()));
    }

    @Test
    void shouldReportDuplicatesWhenSameFileIsIngestedTwice() throws Exception
    {
        final Path input = obligations();
        final Path journal = directory.resolve("journal");
        CliRun.run("ingest", input.toString(), "--journal", journal.toString(), "--no-progress", "--continuous");
        final CliRun again = CliRun.run("ingest", input.toString(), "--journal", journal.toString(), "--no-progress",
            "--continuous");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("0 accepted").contains("4 duplicates").contains("holds 4 obligations")
            .contains("set off continuously 150");
    }

    @Test
    void shouldRefuseWithFileAndLineWhenCsvIsBad() throws Exception
    {
        final Path input = Files.writeString(directory.resolve("bad.csv"), "debtor,creditor,amount\nA,B,12x\n");
        final Path journal = directory.resolve("journal");
        final CliRun ingest = CliRun.run("ingest", input.toString(), "--journal", journal.toString(), "--no-progress");
        assertThat(ingest.exitCode()).isEqualTo(2);
        assertThat(ingest.err()).contains(input + ":2:");
        assertThat(Files.exists(journal)).isFalse();
    }

    @Test
    void shouldRefuseWhenDirectoryHoldsNoJournal()
    {
        final CliRun state = CliRun.run("state", "--journal", directory.resolve("nothing").toString());
        assertThat(state.exitCode()).isEqualTo(2);
        assertThat(state.err()).contains("no journal here");
        final CliRun clear = CliRun.run("clear", "--journal", directory.resolve("nothing").toString());
        assertThat(clear.exitCode()).isEqualTo(2);
    }

    @Test
    void shouldRefuseClearWhenGivenBothAFileAndAJournalOrFileOptionsWithAJournal() throws Exception
    {
        final Path input = obligations();
        final Path journal = directory.resolve("journal");

        final CliRun both = CliRun.run("clear", input.toString(), "--journal", journal.toString());
        final CliRun certificate = CliRun.run("clear", "--journal", journal.toString(), "--graph",
            directory.resolve("c.dot").toString());
        final CliRun neither = CliRun.run("clear", "--out", directory.resolve("s.csv").toString());
        final CliRun noOut = CliRun.run("clear", input.toString());

        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("give either INPUT.csv or --journal DIR, not both");
        assertThat(certificate.exitCode()).isEqualTo(2);
        assertThat(certificate.err()).contains("--journal takes only --out, --certificate and --hierarchical");
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("missing INPUT.csv (or --journal DIR)");
        assertThat(noOut.exitCode()).isEqualTo(2);
        assertThat(noOut.err()).contains("missing --out SETOFF.csv");
        assertThat(CliRun.filesIn(directory)).containsExactly("obligations.csv");
    }

    private static String hashOf(final String stateOutput)
    {
        final List<String> lines = stateOutput.lines().filter(l -> l.startsWith("state hash")).toList();
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }
}
