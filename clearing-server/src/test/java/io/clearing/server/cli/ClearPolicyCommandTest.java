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
 * {@code clear --policy}: the worked example of docs/policies.md, and bad policy files refused with
 * {@code FILE:LINE: reason}, exit code 2 and nothing written.
 */
class ClearPolicyCommandTest
{
    private static final Path EXAMPLES = Path.of("..", "docs", "examples", "policies");
    private static final String OBLIGATIONS = "id,debtor,creditor,amount,unit\n1,A,B,100,EUR\n2,B,C,100,EUR\n" +
        "3,C,A,100,EUR\n4,C,D,50,SRD\n";

    @TempDir
    Path directory;

    @Test
    void shouldWriteNotesAndSummaryWhenTheWorkedExampleRuns() throws IOException
    {
        final Path out = directory.resolve("setoff.csv");

        final CliRun run = CliRun.run("clear", EXAMPLES.resolve("obligations.csv").toString(),
            "--policy", EXAMPLES.resolve("policy.csv").toString(), "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        final List<String> rows = Files.readAllLines(out);
        assertThat(rows.get(0)).isEqualTo("id,debtor,creditor,unit,amount,set_off,remainder,across_units,note");
        assertThat(rows).contains(
            "6,bakery,printer,EUR,8000,0,8000,0,excluded: disputed by a party",
            "8,mill,sister-mill,EUR,20000,0,20000,0,excluded: a party's rule excludes set-off between related participants",
            "18,farm,mill,EUR,5000,0,5000,0,excluded: amount below a party's minimum for set-off",
            "14,laundry,brewery,SRD,120,120,0,0,",
            "16,hotel,garage,SRD,400,400,0,400,across units through the treasury: 400");
        assertThat(run.summaryValue("unit SRD")).contains("extra by liquidity 170", "treasury exposure 400");
        assertThat(run.summaryValue("liquidity")).isEqualTo("hotel used 100 of 100 SRD");
    }

    static Stream<Arguments> badPolicies()
    {
        return Stream.of(
            arguments("unknown rule", "# rules\ncap,A,EUR,5\nsplit,A\n", 3, "unknown rule 'split': expected dispute, " +
                "urgent, due, opt_out, related, minimum, due_window, cap, liquidity, priority, treasury or rate"),
            arguments("negative amount", "cap,A,EUR,-5\n", 1, "amount is negative"),
            arguments("not a number", "liquidity,A,EUR,12x\n", 1, "amount '12x' is not a number"),
            arguments("unknown participant", "opt_out,Z\n", 1, "unknown participant 'Z'"),
            arguments("unknown obligation", "\ndispute,99\n", 2, "unknown obligation id '99'"),
            arguments("wrong field count", "cap,A,5\n", 1, "rule cap takes 3 field(s): cap,PARTICIPANT,UNIT,AMOUNT"),
            arguments("bad date", "due_window,A,2026-01-01,2026-13-01\n", 1, "date '2026-13-01' is not YYYY-MM-DD"),
            arguments("empty window", "due_window,A,2026-02-01,2026-01-01\n", 1, "due window ends before it starts"),
            arguments("bad rate", "treasury,A\nrate,EUR,0,1\n", 2, "rate numerator and denominator must be positive"),
            arguments("second treasury", "treasury,A\ntreasury,B\n", 2, "a treasury is already designated"),
            arguments("duplicate commitment", "liquidity,A,EUR,5\nliquidity,A,EUR,6\n", 2,
                "already set for this participant and unit"),
            arguments("second priority", "priority,older_first\npriority,none\n", 2, "priority is already set"),
            arguments("unknown priority", "priority,newest\n", 1,
                "priority 'newest': expected none, older_first or urgent_first"),
            arguments("related to itself", "related,A,A\n", 1, "a participant cannot be related to itself"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPolicies")
    void shouldRefuseWithFileLineReasonAndWriteNothingWhenThePolicyIsBad(
        final String name, final String policyText, final int line, final String reason) throws IOException
    {
        final Path input = write("in.csv", OBLIGATIONS);
        final Path policy = write("policy.csv", policyText);
        final Path out = directory.resolve("out.csv");
        final Path json = directory.resolve("summary.json");

        final CliRun run = CliRun.run("clear", input.toString(), "--policy", policy.toString(), "--out", out.toString(),
            "--summary-json", json.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo(policy + ":" + line + ": " + reason);
        assertThat(CliRun.filesIn(directory)).containsExactly("in.csv", "policy.csv");
    }

    @Test
    void shouldRefuseABadDueDateInTheObligationsFileWithItsLine() throws IOException
    {
        final Path input = write("in.csv", "id,debtor,creditor,amount,due\n1,A,B,5,2026-01-01\n2,B,A,5,tomorrow\n");
        final Path policy = write("policy.csv", "priority,older_first\n");

        final CliRun run = CliRun.run("clear", input.toString(), "--policy", policy.toString(), "--out",
            directory.resolve("out.csv").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo(input + ":3: date 'tomorrow' is not YYYY-MM-DD");
        assertThat(CliRun.filesIn(directory)).containsExactly("in.csv", "policy.csv");
    }

    @Test
    void shouldRefuseABadUrgentFlagInTheObligationsFileWithItsLine() throws IOException
    {
        final Path input = write("in.csv", "debtor,creditor,amount,urgent\nA,B,5,yes\n\nB,A,5,soon\n");
        final Path policy = write("policy.csv", "priority,urgent_first\n");

        final CliRun run = CliRun.run("clear", input.toString(), "--policy", policy.toString(), "--out",
            directory.resolve("out.csv").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo(input + ":4: urgent 'soon' is not yes/no, true/false or 1/0");
        assertThat(CliRun.filesIn(directory)).containsExactly("in.csv", "policy.csv");
    }

    @Test
    void shouldRefuseAGraphWhenAPolicyIsGiven() throws IOException
    {
        final Path input = write("in.csv", OBLIGATIONS);
        final Path policy = write("policy.csv", "");

        final CliRun run = CliRun.run("clear", input.toString(), "--policy", policy.toString(), "--out",
            directory.resolve("out.csv").toString(), "--certificate", directory.resolve("cert.csv").toString(),
            "--graph", directory.resolve("graph.dot").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("--graph is for runs without a policy");
        assertThat(CliRun.filesIn(directory)).containsExactly("in.csv", "policy.csv");
    }

    private Path write(final String name, final String text) throws IOException
    {
        final Path file = directory.resolve(name);
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        return file;
    }
}
