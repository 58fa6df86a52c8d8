package io.clearing.server.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every kind of bad input is refused with {@code FILE:LINE: reason} on stderr and exit code 2, and leaves no output
 * or temporary file behind.
 */
class ClearCommandBadInputTest
{
    private static final String HEADER = "id,debtor,creditor,amount\n";

    @TempDir
    Path directory;

    private Path input;

    @BeforeEach
    void setUp()
    {
        input = directory.resolve("in.csv");
    }

    static Stream<Arguments> badFiles()
    {
        final byte[] invalidUtf8 = (HEADER + "1,A,B,5\n2,X").getBytes(StandardCharsets.UTF_8);
        final byte[] withBadByte = new byte[invalidUtf8.length + 7];
        System.arraycopy(invalidUtf8, 0, withBadByte, 0, invalidUtf8.length);
        final byte[] tail = {(byte)0xC3, (byte)0x28, ',', 'B', ',', '5', '\n'};
        System.arraycopy(tail, 0, withBadByte, invalidUtf8.length, tail.length);
        return Stream.of(
            arguments("empty file", bytes(""), 1,
                "file is empty: expected a header with the columns debtor,creditor,amount (id optional)"),
            arguments("blank lines only", bytes("\n  \n"), 2,
                "file is empty: expected a header with the columns debtor,creditor,amount (id optional)"),
            arguments("missing header columns", bytes("id,debtor,amount\n1,A,5\n"), 1,
                "header lacks the column(s) creditor: expected id,debtor,creditor,amount (id optional)"),
            arguments("non-numeric amount", bytes(HEADER + "1,A,B,5\n2,B,A,12x\n"), 3,
                "amount '12x' is not a number"),
            arguments("negative amount", bytes(HEADER + "1,A,B,-5\n"), 2, "amount is negative"),
            arguments("zero amount", bytes(HEADER + "1,A,B,0\n"), 2, "amount is zero"),
            arguments("amount overflow", bytes(HEADER + "1,A,B,9223372036854775808\n"), 2,
                "amount '9223372036854775808' exceeds 9223372036854775807 minor units"),
            arguments("total debt overflow",
                bytes(HEADER + "1,A,B,5000000000000000000\n2,B,A,5000000000000000000\n"), 3,
                "total debt would exceed 9223372036854775807 minor units"),
            arguments("decimals without --scale", bytes(HEADER + "1,A,B,1.5\n"), 2,
                "amount '1.5' has decimals: amounts are integer minor units (or use --scale)"),
            arguments("debtor is creditor", bytes(HEADER + "1,A,B,5\n2,C,C,5\n"), 3,
                "debtor and creditor are the same participant"),
            arguments("empty debtor", bytes(HEADER + "1,,B,5\n"), 2, "debtor or creditor is empty"),
            arguments("duplicate id", bytes(HEADER + "x,A,B,5\ny,B,C,5\nx,C,A,5\n"), 4,
                "duplicate obligation id 'x' (first on line 2)"),
            arguments("too many columns", bytes(HEADER + "1,A,B,5,9\n"), 2,
                "expected 4 columns as in the header, found 5"),
            arguments("too few columns", bytes(HEADER + "1,A,B,5\n2,B,A\n"), 3,
                "expected 4 columns as in the header, found 3"),
            arguments("line over 1 MB", bytes(HEADER + "1,A,B," + "1".repeat(1 << 20) + "\n"), 2,
                "line is longer than 1048576 bytes"),
            arguments("invalid UTF-8", withBadByte, 3, "invalid UTF-8"),
            arguments("double quote inside a field", bytes(HEADER + "1,A\"x,B,5\n"), 2,
                "double quote inside a field: ids may be any text without commas or quotes"));
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void shouldRefuseWithFileAndLineAndWriteNothingWhenTheInputIsBad(
        final String name, final byte[] content, final int line, final String reason) throws Exception
    {
        Files.write(input, content);

        final CliRun run = CliRun.run("clear", input.toString(),
            "--out", directory.resolve("setoff.csv").toString(),
            "--certificate", directory.resolve("cert.csv").toString(),
            "--graph", directory.resolve("net.graphml").toString(),
            "--summary-json", directory.resolve("summary.json").toString());

        assertThat(run.err()).isEqualTo(input + ":" + line + ": " + reason + System.lineSeparator());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(CliRun.filesIn(directory)).containsExactly("in.csv");
    }

    @Test
    void shouldRefuseWhenTheOutputDirectoryDoesNotExist() throws Exception
    {
        Files.writeString(input, HEADER + "1,A,B,5\n");
        final Path out = directory.resolve("missing").resolve("setoff.csv");

        final CliRun run = CliRun.run("clear", input.toString(), "--out", out.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("--out " + out + ": directory " + out.getParent() + " does not exist" +
            System.lineSeparator());
        assertThat(CliRun.filesIn(directory)).containsExactly("in.csv");
    }

    @Test
    void shouldRefuseWhenTheOutputIsTheInput() throws Exception
    {
        Files.writeString(input, HEADER + "1,A,B,5\n");
        final Path sameFileOtherName = directory.resolve(".").resolve("in.csv");

        final CliRun run = CliRun.run("clear", input.toString(), "--out", sameFileOtherName.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("--out " + sameFileOtherName + ": would overwrite the input " + input);
        assertThat(Files.readString(input)).isEqualTo(HEADER + "1,A,B,5\n");
    }

    @Test
    void shouldRefuseWhenTwoOutputsAreTheSameFile() throws Exception
    {
        Files.writeString(input, HEADER + "1,A,B,5\n");
        final Path out = directory.resolve("out.csv");

        final CliRun run = CliRun.run("clear", input.toString(), "--out", out.toString(),
            "--certificate", out.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("--certificate " + out + ": same file as --out");
        assertThat(CliRun.filesIn(directory)).containsExactly("in.csv");
    }

    @Test
    void shouldRefuseWhenTheInputDoesNotExist()
    {
        final Path missing = directory.resolve("nope.csv");

        final CliRun run = CliRun.run("clear", missing.toString(), "--out", directory.resolve("o.csv").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(missing + ": no such file" + System.lineSeparator());
    }

    @Test
    void shouldRefuseWhenTheGraphFileNamesNoFormat() throws Exception
    {
        Files.writeString(input, HEADER + "1,A,B,5\n");

        final CliRun run = CliRun.run("clear", input.toString(), "--out", directory.resolve("o.csv").toString(),
            "--graph", directory.resolve("net.png").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("file name must end in .graphml, .dot or .gv");
        assertThat(CliRun.filesIn(directory)).containsExactly("in.csv");
    }

    @Test
    void shouldRefuseWhenTheScaleIsOutOfRange() throws Exception
    {
        Files.writeString(input, HEADER + "1,A,B,5\n");

        final CliRun run = CliRun.run("clear", input.toString(), "--out", directory.resolve("o.csv").toString(),
            "--scale", "19");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("--scale 19: must be 0 to 18" + System.lineSeparator());
    }

    @Test
    void shouldShowUsageWhenAnOptionIsUnknown() throws Exception
    {
        Files.writeString(input, HEADER + "1,A,B,5\n");

        final CliRun run = CliRun.run("clear", input.toString(), "--out", directory.resolve("o.csv").toString(),
            "--fast");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Unknown option: '--fast'").contains("Usage: clearing clear");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldRefuseWhenTheOutputOptionIsMissingForAFile() throws Exception
    {
        Files.writeString(input, HEADER + "1,A,B,5\n");

        final CliRun run = CliRun.run("clear", input.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("missing --out SETOFF.csv");
    }

    @Test
    void shouldShowUsageWhenTheScaleIsNotANumber() throws Exception
    {
        Files.writeString(input, HEADER + "1,A,B,5\n");

        final CliRun run = CliRun.run("clear", input.toString(), "--out", "o.csv", "--scale", "two");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Invalid value for option '--scale': 'two' is not an int");
    }

    @Test
    void shouldShowUsageWhenNoCommandIsGiven()
    {
        final CliRun run = CliRun.run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Missing command: one of clear, verify, demo, ingest, state")
            .contains("Usage: clearing");
    }

    @Test
    void shouldShowUsageWhenTheCommandIsUnknown()
    {
        final CliRun run = CliRun.run("settle");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unmatched argument at index 0: 'settle'");
    }
}
