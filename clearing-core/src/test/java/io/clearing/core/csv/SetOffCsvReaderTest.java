package io.clearing.core.csv;

import io.clearing.core.api.ClearingResult;
import io.clearing.core.api.ClearingSolver;
import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.generate.DeepCycleNetworkGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SetOffCsvReaderTest
{
    @TempDir
    Path directory;

    /**
     * A triangle a -> b -> c -> a of 5, 7 and 9, so the most that can be set off is 5 on each.
     */
    private static ObligationNetwork triangle()
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        builder.add("x1", "a", "b", 500);
        builder.add("x2", "b", "c", 700);
        builder.add("x3", "c", "a", 900);
        return builder.build();
    }

    private static long[] read(final String text, final ObligationNetwork network, final int scale) throws Exception
    {
        return new SetOffCsvReader(scale).read(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "s.csv", network);
    }

    @Test
    void shouldReadBackWhatTheWriterWroteWhenTheResultIsUnchanged() throws Exception
    {
        final ObligationNetwork network = new DeepCycleNetworkGenerator(3, 300, 4_000).generate();
        final ClearingResult result = new ClearingSolver().solve(network);
        final Path file = directory.resolve("setoff.csv");
        SetOffCsvWriter.writeSetOffs(file, result, 0);

        assertThat(new SetOffCsvReader(0).read(file, network)).containsExactly(result.setOffs());
    }

    @Test
    void shouldReadAmountsInMajorUnitsWhenAScaleIsGiven() throws Exception
    {
        final String text = "id,debtor,creditor,amount,set_off,remainder\n" +
            "x1,a,b,5.00,5.00,0.00\nx2,b,c,7.00,5.00,2.00\nx3,c,a,9.00,5.00,4.00\n";

        assertThat(read(text, triangle(), 2)).containsExactly(500, 500, 500);
    }

    @Test
    void shouldAcceptColumnsInAnyOrderWhenAllAreThere() throws Exception
    {
        final String text = "remainder,set_off,amount,creditor,debtor,id\n" +
            "0,500,500,b,a,x1\r\n200,500,700,c,b,x2\n\n400,500,900,a,c,x3";

        assertThat(read(text, triangle(), 0)).containsExactly(500, 500, 500);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        id differs         | x9,a,b,500,0,500 | 2 | id 'x9' differs from obligation 1's id 'x1'
        debtor differs     | x1,z,b,500,0,500 | 2 | debtor 'z' differs from obligation 1's debtor 'a'
        creditor differs   | x1,a,z,500,0,500 | 2 | creditor 'z' differs from obligation 1's creditor 'b'
        amount differs     | x1,a,b,501,0,501 | 2 | amount 501 differs from obligation 1's amount 500
        remainder wrong    | x1,a,b,500,100,500 | 2 | remainder 500 is not amount - set_off (500 - 100)
        set-off too big    | x1,a,b,500,600,0 | 2 | remainder 0 is not amount - set_off (500 - 600)
        negative set-off   | x1,a,b,500,-1,501 | 2 | set_off is negative
        not a number       | x1,a,b,500,1e3,0 | 2 | set_off '1e3' is not a number
        columns            | x1,a,b,500,0 | 2 | expected 6 columns as in the header, found 5
        """)
    void shouldRefuseWithFileAndLineWhenARowDoesNotMatch(
        final String name, final String firstRow, final long line, final String reason)
    {
        final String text = SetOffCsvWriter.SET_OFF_HEADER + "\n" + firstRow + "\nx2,b,c,700,0,700\nx3,c,a,900,0,900\n";

        assertThatThrownBy(() -> read(text, triangle(), 0))
            .isInstanceOf(CsvFormatException.class)
            .hasMessage("s.csv:" + line + ": " + reason);
    }

    @Test
    void shouldRefuseWhenRowsAreMissing()
    {
        final String text = SetOffCsvWriter.SET_OFF_HEADER + "\nx1,a,b,500,0,500\nx2,b,c,700,0,700\n";

        assertThatThrownBy(() -> read(text, triangle(), 0))
            .hasMessage("s.csv:3: file ends after 2 rows but there are 3 obligations");
    }

    @Test
    void shouldRefuseWhenThereAreMoreRowsThanObligations()
    {
        final String text = SetOffCsvWriter.SET_OFF_HEADER +
            "\nx1,a,b,500,0,500\nx2,b,c,700,0,700\nx3,c,a,900,0,900\nx4,c,a,900,0,900\n";

        assertThatThrownBy(() -> read(text, triangle(), 0))
            .hasMessage("s.csv:5: more rows than the 3 obligations");
    }

    @Test
    void shouldRefuseWhenTheHeaderLacksAColumn()
    {
        assertThatThrownBy(() -> read("id,debtor,creditor,amount,set_off\n", triangle(), 0))
            .hasMessage("s.csv:1: header lacks the column(s) remainder: expected " + SetOffCsvWriter.SET_OFF_HEADER);
    }

    @Test
    void shouldRefuseWhenTheFileIsEmpty()
    {
        assertThatThrownBy(() -> read("", triangle(), 0))
            .hasMessage("s.csv:1: file is empty: expected the header " + SetOffCsvWriter.SET_OFF_HEADER);
    }

    @Test
    void shouldRefuseWhenAFieldIsNotUtf8() throws Exception
    {
        final byte[] bytes = (SetOffCsvWriter.SET_OFF_HEADER + "\nx1,a\u00e9,b,500,0,500\n").getBytes(StandardCharsets.UTF_8);
        final byte[] broken = new String(bytes, StandardCharsets.ISO_8859_1).replace("\u00c3\u00a9", "\u00c3(")
            .getBytes(StandardCharsets.ISO_8859_1);
        final Path file = directory.resolve("bad.csv");
        Files.write(file, broken);

        assertThatThrownBy(() -> new SetOffCsvReader(0).read(file, triangle()))
            .hasMessage(file + ":2: invalid UTF-8");
    }

    @Test
    void shouldRefuseWhenALineIsLongerThanOneMegabyte() throws Exception
    {
        final Path file = directory.resolve("long.csv");
        Files.writeString(file, SetOffCsvWriter.SET_OFF_HEADER + "\nx1,a,b,500,0," +
            "5".repeat(ObligationCsvReader.MAX_LINE_BYTES) + "\n");

        assertThatThrownBy(() -> new SetOffCsvReader(0).read(file, triangle()))
            .hasMessage(file + ":2: line is longer than 1048576 bytes");
    }

    @Test
    void shouldAcceptACrlfLineOfExactlyOneMegabyte() throws Exception
    {
        final String start = "x1,a,b,500,0,";
        final String longRow = start + " ".repeat(ObligationCsvReader.MAX_LINE_BYTES - start.length() - 3) + "500";
        assertThat(longRow).hasSize(ObligationCsvReader.MAX_LINE_BYTES);
        final String text = SetOffCsvWriter.SET_OFF_HEADER + "\r\n" + longRow + "\r\n" +
            "x2,b,c,700,0,700\r\nx3,c,a,900,0,900\r\n";

        assertThat(read(text, triangle(), 0)).containsExactly(0, 0, 0);
    }

    @Test
    void shouldRefuseWhenALineWithoutCarriageReturnIsOneByteTooLong() throws Exception
    {
        final String start = "x1,a,b,500,0,";
        final String longRow = start + " ".repeat(ObligationCsvReader.MAX_LINE_BYTES - start.length() - 2) + "500";
        final String text = SetOffCsvWriter.SET_OFF_HEADER + "\n" + longRow + "\n";

        assertThatThrownBy(() -> read(text, triangle(), 0)).hasMessage("s.csv:2: line is longer than 1048576 bytes");
    }
}
