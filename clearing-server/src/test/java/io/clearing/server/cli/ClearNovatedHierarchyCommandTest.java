package io.clearing.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * {@code clear --hierarchy --novated}: the worked example of docs/policies.md (pooling in the community accounts
 * discharges more firm-facing debt than flat; the accounts carry the rest), and bad input refused with exit 2 and
 * nothing written.
 */
class ClearNovatedHierarchyCommandTest
{
    private static final Path EXAMPLES = Path.of("..", "docs", "examples", "novation");
    private static final String OBLIGATIONS = "id,debtor,creditor,amount\n1,A,B,10\n2,B,A,10\n3,B,C,10\n4,C,A,10\n";
    private static final String COMMUNITIES = "participant,community,region\nA,x,r\nB,x,r\nC,y,r\n";

    @TempDir
    Path directory;

    @Test
    void shouldReportBothSidesFlatLevelByLevelAndAccountsWhenTheWorkedExampleRuns() throws IOException
    {
        final Path out = directory.resolve("setoff.csv");
        final Path accounts = directory.resolve("accounts.csv");
        final Path json = directory.resolve("summary.json");

        final CliRun run = CliRun.run("clear", EXAMPLES.resolve("obligations.csv").toString(),
            "--hierarchy", EXAMPLES.resolve("communities.csv").toString(), "--novated", "--out", out.toString(),
            "--accounts", accounts.toString(), "--summary-json", json.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.summaryValue("obligations")).isEqualTo("9 (3 inside one community, 6 between communities)");
        assertThat(run.summaryValue("firm debts"))
            .isEqualTo("2150 discharged (65.15 %); left 450 owed to firms, 700 to community accounts");
        assertThat(run.summaryValue("firm sides")).startsWith("4300 of 6600 ");
        assertThat(run.summaryValue("flat")).isEqualTo("2000 set off = 4000 sides (60.61 %)");
        assertThat(run.summaryValue("level by level")).isEqualTo("1700 set off = 3400 sides (51.52 %)");
        assertThat(run.summaryValue("novated vs flat")).isEqualTo("+300 sides (7.50 % of flat)");
        assertThat(run.summaryValue("stage 1 (regions)"))
            .isEqualTo("between community accounts 3100, netted per pair 2000, cleared 0, left 1100");
        assertThat(run.out()).contains("account             community:town: receivable 700, payable 700");
        final List<String> rows = Files.readAllLines(out);
        assertThat(rows.get(0)).isEqualTo("id,debtor,creditor,amount,debtor_discharged,debtor_remainder," +
            "debtor_now_owes,creditor_discharged,creditor_remainder,creditor_now_owed_by,note");
        assertThat(rows).hasSize(10).contains(
            "2,baker,miller,500,300,200,miller,300,200,baker,set off within valley",
            "7,baker,fisher,250,250,0,community:valley,0,250,community:coast," +
                "novated through the accounts of valley and coast");
        assertThat(Files.readAllLines(accounts)).contains("stage,from,to,amount,netted,cleared,remainder",
            "2,region:north,region:south,650,350,0,300");
        assertThat(Files.readString(json)).contains("\"firm_sides_discharged\" : 4300", "\"flat_optimum\" : 2000",
            "\"level_by_level\" : 1700", "\"account\" : \"community:coast\"");
    }

    static Stream<Arguments> badArguments()
    {
        return Stream.of(
            arguments("novated without hierarchy", List.of("--novated"), "--novated needs INPUT.csv and --hierarchy COMMUNITIES.csv"),
            arguments("accounts without novated", List.of("--hierarchy", "communities.csv", "--accounts", "a.csv"),
                "--accounts is for --hierarchy with --novated"),
            arguments("novated with a policy", List.of("--hierarchy", "communities.csv", "--novated", "--policy",
                "communities.csv"), "--novated clears without a policy"),
            arguments("novated with a certificate", List.of("--hierarchy", "communities.csv", "--novated",
                "--certificate", "cert.csv"), "--hierarchy takes only"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArguments")
    void shouldRefuseAndWriteNothingWhenArgumentsDoNotFit(
        final String name, final List<String> options, final String reason) throws IOException
    {
        final Path input = write("in.csv", OBLIGATIONS);
        write("communities.csv", COMMUNITIES);
        final List<String> args = new ArrayList<>(List.of("clear", input.toString(), "--out",
            directory.resolve("out.csv").toString()));
        for (final String option : options)
        {
            args.add(option.endsWith(".csv") ? directory.resolve(option).toString() : option);
        }

        final CliRun run = CliRun.run(args.toArray(new String[0]));

        assertThat(run.exitCode()).isEqualTo(ClearingCli.BAD_INPUT);
        assertThat(run.err()).contains(reason);
        assertThat(CliRun.filesIn(directory)).containsExactly("communities.csv", "in.csv");
    }

    @Test
    void shouldRefuseWithFileLineReasonWhenTheCommunityFileIsBad() throws IOException
    {
        final Path input = write("in.csv", OBLIGATIONS);
        final Path communities = write("communities.csv", "participant,community,region\nA,x,r\nB,x,s\nC,y,r\n");

        final CliRun run = CliRun.run("clear", input.toString(), "--hierarchy", communities.toString(), "--novated",
            "--out", directory.resolve("out.csv").toString(), "--accounts", directory.resolve("a.csv").toString());

        assertThat(run.exitCode()).isEqualTo(ClearingCli.BAD_INPUT);
        assertThat(run.err().strip()).isEqualTo(communities + ":3: community 'x' is in region 'r' (line 2), not 's': " +
            "a community lies in one region");
        assertThat(CliRun.filesIn(directory)).containsExactly("communities.csv", "in.csv");
    }

    @Test
    void shouldRefuseWithFileLineReasonWhenAnObligationIsBad() throws IOException
    {
        final Path input = write("in.csv", OBLIGATIONS + "5,C,B,-3\n");
        final Path communities = write("communities.csv", COMMUNITIES);

        final CliRun run = CliRun.run("clear", input.toString(), "--hierarchy", communities.toString(), "--novated",
            "--out", directory.resolve("out.csv").toString());

        assertThat(run.exitCode()).isEqualTo(ClearingCli.BAD_INPUT);
        assertThat(run.err().strip()).isEqualTo(input + ":6: amount is negative");
        assertThat(CliRun.filesIn(directory)).containsExactly("communities.csv", "in.csv");
    }

    private Path write(final String name, final String text) throws IOException
    {
        final Path file = directory.resolve(name);
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        return file;
    }
}
