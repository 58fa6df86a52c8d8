package io.clearing.benchmarks;

import io.clearing.core.csv.CsvFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrToolsClearTest
{
    @TempDir
    Path directory;

    @Test
    void shouldWriteSetOffsAndPrintClearedWhenInputIsValid() throws IOException, CsvFormatException
    {
        final Path input = directory.resolve("in.csv");
        Files.writeString(input, "debtor,creditor,amount\nA,B,100\nB,C,70\nC,A,90\nC,D,5\n");
        final Path output = directory.resolve("out.csv");
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();

        OrToolsClear.run(OrToolsClear.Arguments.parse(new String[]{input.toString(), "--out", output.toString()}),
            new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(printed.toString(StandardCharsets.UTF_8))
            .contains("obligations=4\n", "total_debt=265\n", "cleared=210\n", "remainder=55\n", "solve_s=");
        assertThat(Files.readAllLines(output)).containsExactly(
            "id,debtor,creditor,amount,set_off,remainder",
            "1,A,B,100,70,30",
            "2,B,C,70,70,0",
            "3,C,A,90,70,20",
            "4,C,D,5,0,5");
    }

    @Test
    void shouldRefuseInputWithFileAndLineWhenAmountIsBad() throws IOException
    {
        final Path input = directory.resolve("bad.csv");
        Files.writeString(input, "debtor,creditor,amount\nA,B,ten\n");
        final OrToolsClear.Arguments arguments =
            OrToolsClear.Arguments.parse(new String[]{input.toString(), "--out", directory.resolve("o.csv").toString()});

        assertThatThrownBy(() -> OrToolsClear.run(arguments, new PrintStream(new ByteArrayOutputStream(), true,
            StandardCharsets.UTF_8)))
            .isInstanceOf(CsvFormatException.class)
            .hasMessageContaining("bad.csv:2:");
        assertThat(directory.resolve("o.csv")).doesNotExist();
    }

    @Test
    void shouldRefuseArgumentsWhenOutputIsMissing()
    {
        assertThatThrownBy(() -> OrToolsClear.Arguments.parse(new String[]{"in.csv"}))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("--out");
    }

    @Test
    void shouldRefuseArgumentsWhenScaleIsNotANumber() throws IOException
    {
        final Path input = Files.writeString(directory.resolve("in.csv"), "debtor,creditor,amount\n");

        assertThatThrownBy(() -> OrToolsClear.Arguments.parse(
            new String[]{input.toString(), "--out", "o.csv", "--scale", "two"}))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("--scale must be an integer 0 to 18: 'two'");
    }
}
