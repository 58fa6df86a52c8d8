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
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * {@code clear --hierarchy}: the worked example of docs/policies.md (every level clears something, and hierarchy
 * falls short of flat), and bad community files refused with {@code FILE:LINE: reason}, exit 2, nothing written.
 */
class ClearHierarchyCommandTest
{
    private static final Path EXAMPLES = Path.of("..", "docs", "examples", "hierarchy");
    private static final String OBLIGATIONS = "id,debtor,creditor,amount\n1,A,B,10\n2,B,A,10\n3,B,C,10\n4,C,A,10\n";

    @TempDir
    Path directory;

    @Test
    void shouldReportEveryLevelAndTheFlatOptimumWhenTheWorkedExampleRuns() throws IOException
    {
        final Path out = directory.resolve("setoff.csv");
        final Path json = directory.resolve("summary.json");

        final CliRun run = CliRun.run("clear", EXAMPLES.resolve("obligations.csv").toString(),
            "--hierarchy", EXAMPLES.resolve("communities.csv").toString(), "--out", out.toString(),
            "--summary-json", json.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.summaryValue("hierarchy")).endsWith("3 communities in 2 regions");
        assertThat(run.summaryValue("by community")).startsWith("36000 ");
        assertThat(run.summaryValue("by region")).startsWith("15000 ");
        assertThat(run.summaryValue("at the top")).startsWith("8000 ");
        assertThat(run.summaryValue("cleared")).startsWith("59000 ");
        assertThat(run.summaryValue("flat optimum")).startsWith("62000 ");
        assertThat(run.summaryValue("cost of hierarchy")).isEqualTo("3000  (4.84 % of the flat optimum)");
        final List<String> rows = Files.readAllLines(out);
        assertThat(rows.get(0)).isEqualTo("id,debtor,creditor,amount,set_off,remainder,at_community,at_region,at_top");
        assertThat(rows).contains(
            "1,bakery,mill,10000,10000,0,10000,0,0",
            "4,mill,cafe,5000,5000,0,0,5000,0",
            "7,printer,garage,4000,4000,0,0,0,4000",
            "9,garage,hotel,3000,3000,0,3000,0,0",
            "11,hotel,bakery,3000,0,3000,0,0,0");
        assertThat(Files.readString(json)).contains("\"cleared_by_region\" : 15000", "\"flat_optimum\" : 62000",
            "\"cost_of_hierarchy\" : 3000");

        final CliRun verify = CliRun.run("verify", EXAMPLES.resolve("obligations.csv").toString(), out.toString());
        assertThat(verify.exitCode()).as(verify.out()).isZero();
    }

    @Test
    void shouldKeepExclusionsAndCapsAtEveryLevelWhenAPolicyIsGiven() throws IOException
    {
        final Path out = directory.resolve("setoff.csv");

        final CliRun run = CliRun.run("clear", EXAMPLES.resolve("obligations.csv").toString(),
            "--hierarchy", EXAMPLES.resolve("communities.csv").toString(),
            "--policy", EXAMPLES.resolve("policy.csv").toString(), "--out", out.toString(),
            "--summary-json", directory.resolve("summary.json").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.summaryValue("obligations")).isEqualTo("12 (11 eligible)");
        assertThat(run.summaryValue("unit (default)")).isEqualTo("debt 65000, by community 21000, by region 0, " +
            "at the top 8000, cleared 29000 (44.62 %), flat 32000, cost of hierarchy 3000");
        final List<String> rows = Files.readAllLines(out);
        assertThat(rows.get(0)).isEqualTo(
            "id,debtor,creditor,unit,amount,set_off,remainder,at_community,at_region,at_top,across_units,note");
        assertThat(rows).contains(
            "2,mill,farm,,10000,5000,5000,5000,0,0,0,",
            "4,mill,cafe,,5000,0,5000,0,0,0,0,excluded: disputed by a party",
            "6,printer,mill,,5000,0,5000,0,0,0,0,",
            "7,printer,garage,,4000,4000,0,0,0,4000,0,");
        assertThat(Files.readString(directory.resolve("summary.json")))
            .contains("\"cleared_by_community\" : 21000", "\"flat_optimum\" : 32000", "\"cost_of_hierarchy\" : 3000");
    }

    static Stream<Arguments> badCommunityFiles()
    {
        return Stream.of(
            arguments("missing column", "participant,community\nA,x\n", 1,
                "header lacks the column region: expected participant,community,region"),
            arguments("unknown participant", "participant,community,region\nA,x,r\nZ,x,r\n", 3,
                "participant 'Z' does not appear in the obligations"),
            arguments("participant twice", "participant,community,region\nA,x,r\nB,y,r\nA,y,r\n", 4,
                "participant 'A' is already placed on line 2"),
            arguments("community in two regions", "participant,community,region\nA,x,r\nB,x,s\n", 3,
                "community 'x' is in region 'r' (line 2), not 's': a community lies in one region"),
            arguments("empty community", "participant,community,region\nA,,r\n", 2, "community is empty"),
            arguments("wrong field count", "participant,community,region\nA,x\n", 2,
                "expected 3 columns as in the header, found 2"),
            arguments("participant left out", "participant,community,region\nA,x,r\nB,x,r\n", 3,
                "file ends without a community for participant 'C'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCommunityFiles")
    void shouldRefuseWithFileLineReasonAndWriteNothingWhenTheCommunityFileIsBad(
        final String name, final String text, final int line, final String reason) throws IOException
    {
        final Path input = write("in.csv", OBLIGATIONS);
        final Path communities = write("communities.csv", text);

        final CliRun run = CliRun.run("clear", input.toString(), "--hierarchy", communities.toString(), "--out",
            directory.resolve("out.csv").toString());

        assertThat(run.exitCode()).isEqualTo(ClearingCli.BAD_INPUT);
        assertThat(run.err().strip()).isEqualTo(communities + ":" + line + ": " + reason);
        assertThat(CliRun.filesIn(directory)).containsExactly("communities.csv", "in.csv");
    }

    @Test
    void shouldRefuseACertificateWhenClearingByHierarchy() throws IOException
    {
        final Path input = write("in.csv", OBLIGATIONS);
        final Path communities = write("communities.csv", "participant,community,region\nA,x,r\nB,x,r\nC,y,r\n");

        final CliRun run = CliRun.run("clear", input.toString(), "--hierarchy", communities.toString(), "--out",
            directory.resolve("out.csv").toString(), "--certificate", directory.resolve("cert.csv").toString());

        assertThat(run.exitCode()).isEqualTo(ClearingCli.BAD_INPUT);
        assertThat(run.err()).contains("--hierarchy takes only --out, --scale, --policy");
        assertThat(CliRun.filesIn(directory)).containsExactly("communities.csv", "in.csv");
    }

    private Path write(final String name, final String text) throws IOException
    {
        final Path file = directory.resolve(name);
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        return file;
    }
}
