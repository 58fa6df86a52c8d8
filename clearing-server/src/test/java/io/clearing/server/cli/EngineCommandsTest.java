package io.clearing.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EngineCommandsTest
{
    @TempDir
    Path directory;

    private record Run(int exitCode, String out, String err)
    {
    }

    private static Run run(final Object command, final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        final int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

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

        final Run ingest = run(new IngestCommand(), input.toString(), "--journal", journal.toString(), "--no-progress");
        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        assertThat(ingest.out()).contains("ingested 4 obligations").contains("4 accepted").contains("obligations/s");

        final Run state = run(new StateCommand(), "--journal", journal.toString());
        assertThat(state.exitCode()).as(state.err()).isZero();
        assertThat(state.out()).contains("participants        4").contains("total debt          240")
            .contains("NID                 50").contains("last clearing       none").contains("state hash");

        final Path setOff = directory.resolve("setoff.csv");
        final Run clear = run(new JournalClearCommand(), "--journal", journal.toString(), "--out", setOff.toString());
        assertThat(clear.exitCode()).as(clear.err()).isZero();
        assertThat(clear.out()).contains("cleared 150").contains("remainder 90");
        assertThat(Files.readAllLines(setOff)).containsExactly(
            "id,debtor,creditor,amount,set_off,remainder",
            "o1,A,B,100,50,50",
            "o2,B,C,70,50,20",
            "o3,C,A,50,50,0",
            "o4,C,D,20,0,20");

        final Run after = run(new StateCommand(), "--journal", journal.toString());
        assertThat(after.out()).contains("total debt          90").contains("last clearing       run 1");
        final Run fullReplay = run(new StateCommand(), "--journal", journal.toString(), "--full-replay");
        assertThat(hashOf(fullReplay.out())).isEqualTo(hashOf(after.out()));
    }

    @Test
    void shouldReportDuplicatesWhenSameFileIsIngestedTwice() throws Exception
    {
        final Path input = obligations();
        final Path journal = directory.resolve("journal");
        run(new IngestCommand(), input.toString(), "--journal", journal.toString(), "--no-progress", "--continuous");
        final Run again = run(new IngestCommand(), input.toString(), "--journal", journal.toString(), "--no-progress",
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
        final Run ingest = run(new IngestCommand(), input.toString(), "--journal", journal.toString(), "--no-progress");
        assertThat(ingest.exitCode()).isEqualTo(2);
        assertThat(ingest.err()).contains(input + ":2:");
        assertThat(Files.exists(journal)).isFalse();
    }

    @Test
    void shouldRefuseWhenDirectoryHoldsNoJournal()
    {
        final Run state = run(new StateCommand(), "--journal", directory.resolve("nothing").toString());
        assertThat(state.exitCode()).isEqualTo(2);
        assertThat(state.err()).contains("no journal here");
        final Run clear = run(new JournalClearCommand(), "--journal", directory.resolve("nothing").toString());
        assertThat(clear.exitCode()).isEqualTo(2);
    }

    private static String hashOf(final String stateOutput)
    {
        final List<String> lines = stateOutput.lines().filter(l -> l.startsWith("state hash")).toList();
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }
}
