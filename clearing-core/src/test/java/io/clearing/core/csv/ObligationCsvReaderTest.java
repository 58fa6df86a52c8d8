package io.clearing.core.csv;

import io.clearing.core.api.ObligationNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ObligationCsvReaderTest
{
    private static final String HEADER = "id,debtor,creditor,amount\n";
    private static final int MAX_LINE = ObligationCsvReader.MAX_LINE_BYTES;

    @TempDir
    Path directory;

    private int files;

    // ---- refused input: exactly FILE:LINE: reason ----

    @Test
    void shouldRefuseWhenTheFileIsEmpty() throws IOException
    {
        assertRefused("", 1, "file is empty: expected a header with the columns debtor,creditor,amount (id optional)");
    }

    @Test
    void shouldRefuseWhenTheHeaderLacksAColumn() throws IOException
    {
        assertRefused("id,debtor,amount\nx,A,5\n", 1,
            "header lacks the column(s) creditor: expected id,debtor,creditor,amount (id optional)");
        assertRefused("who,whom,how much\n", 1,
            "header lacks the column(s) debtor,creditor,amount: expected id,debtor,creditor,amount (id optional)");
    }

    @Test
    void shouldRefuseWhenTheHeaderNamesAColumnTwice() throws IOException
    {
        assertRefused("debtor,creditor,amount,Amount\n", 1, "header names the column amount twice");
    }

    @ParameterizedTest(name = "amount [{0}]")
    @CsvSource(delimiter = '|', value = {
        "12x        | amount '12x' is not a number",
        "1e5        | amount '1e5' is not a number",
        "5.         | amount '5.' is not a number",
        "+5         | amount '+5' is not a number",
        "1 000      | amount '1 000' is not a number",
        "-5         | amount is negative",
        "-0.5       | amount is negative",
        "0          | amount is zero",
        "000        | amount is zero",
        "1.5        | amount '1.5' has decimals: amounts are integer minor units (or use --scale)",
        "9223372036854775808 | amount '9223372036854775808' exceeds 9223372036854775807 minor units",
        "99999999999999999999999 | amount '99999999999999999999999' exceeds 9223372036854775807 minor units"})
    void shouldRefuseWhenTheAmountIsBad(final String amount, final String reason) throws IOException
    {
        assertRefused(HEADER + "a,A,B,10\nb,A,B," + amount + "\n", 3, reason);
    }

    @Test
    void shouldRefuseWhenTheAmountIsEmpty() throws IOException
    {
        assertRefused(HEADER + "a,A,B,\n", 2, "amount is empty");
    }

    @Test
    void shouldRefuseWhenTheTotalDebtOverflows() throws IOException
    {
        assertRefused(HEADER + "a,A,B,9223372036854775806\nb,B,C,1\nc,C,A,1\n", 4,
            "total debt would exceed 9223372036854775807 minor units");
    }

    @Test
    void shouldRefuseWhenDebtorIsCreditor() throws IOException
    {
        assertRefused(HEADER + "a,A,B,10\nb,C,C,10\n", 3, "debtor and creditor are the same participant");
    }

    @Test
    void shouldRefuseWhenAPartyIsEmpty() throws IOException
    {
        assertRefused(HEADER + "a,,B,10\n", 2, "debtor or creditor is empty");
        assertRefused(HEADER + "a,A, ,10\n", 2, "debtor or creditor is empty");
    }

    @Test
    void shouldRefuseNamingTheFirstLineWhenAnIdRepeats() throws IOException
    {
        assertRefused(HEADER + "a,A,B,10\n\nb,B,C,10\na,C,A,10\n", 5, "duplicate obligation id 'a' (first on line 2)");
    }

    @Test
    void shouldRefuseWhenAnIdIsEmpty() throws IOException
    {
        assertRefused(HEADER + "a,A,B,10\n,B,C,10\n", 3, "id is empty");
    }

    @Test
    void shouldRefuseWhenTheColumnCountDiffersFromTheHeader() throws IOException
    {
        assertRefused(HEADER + "a,A,B,10\nb,A,B\n", 3, "expected 4 columns as in the header, found 3");
        assertRefused(HEADER + "a,A,B,10,extra\n", 2, "expected 4 columns as in the header, found 5");
    }

    @Test
    void shouldRefuseWhenAFieldHasAQuoteInside() throws IOException
    {
        assertRefused(HEADER + "a,Acme \"big\" Inc,B,10\n", 2,
            "double quote inside a field: ids may be any text without commas or quotes");
    }

    @Test
    void shouldRefuseWhenALineIsLongerThanOneMegabyteAndItsEndIsInTheBuffer() throws IOException
    {
        assertRefused(HEADER + "a,A,B,1\n" + row(MAX_LINE + 1) + "c,C,A,1\n", 3,
            "line is longer than " + MAX_LINE + " bytes");
    }

    @Test
    void shouldRefuseWhenALineIsLongerThanTheWholeBuffer() throws IOException
    {
        assertRefused(HEADER + "a,A,B,1\n\n" + "x".repeat(3 * MAX_LINE) + ",B,C,1\n", 4,
            "line is longer than " + MAX_LINE + " bytes");
    }

    @Test
    void shouldRefuseWhenALongLastLineHasNoNewline() throws IOException
    {
        final String content = HEADER + "a,A,B,1\n" + row(MAX_LINE + 1);
        assertRefused(content.substring(0, content.length() - 1), 3, "line is longer than " + MAX_LINE + " bytes");
    }

    @Test
    void shouldAcceptALineOfExactlyOneMegabyte() throws Exception
    {
        final ObligationNetwork network = read(HEADER + "a,A,B,1\n" + row(MAX_LINE) + row(MAX_LINE - 100), 0);

        assertThat(network.obligationCount()).isEqualTo(3);
        assertThat(network.obligationId(1)).hasSize(MAX_LINE - ",B,C,1".length());
    }

    @Test
    void shouldAcceptACrlfLineOfExactlyOneMegabyteWhoseNewlineIsNotYetRead() throws Exception
    {
        // Rows ending in \r\n; the long row starts so that its text and '\r' end exactly where the first read of
        // the buffer ends, and its '\n' comes with the next read.
        final String header = "id,debtor,creditor,amount\r\n";
        final int longRowStart = ObligationCsvReader.BUFFER_BYTES - (MAX_LINE + 1);
        final int fillerBytes = longRowStart - header.length();
        final String filler = crlfRow('f', fillerBytes / 2 - 2) + crlfRow('g', fillerBytes - fillerBytes / 2 - 2);
        final String content = header + filler + crlfRow('h', MAX_LINE) + "z,C,A,1\r\n";
        assertThat(content.indexOf('\n', longRowStart)).isEqualTo(ObligationCsvReader.BUFFER_BYTES);

        final ObligationNetwork network = read(content, 0);

        assertThat(network.obligationCount()).isEqualTo(4);
        assertThat(network.obligationId(2)).hasSize(MAX_LINE - ",B,C,1".length());
    }

    @Test
    void shouldShortenALongDuplicateIdInTheMessage() throws IOException
    {
        final String id = "k".repeat(500);

        assertRefused(HEADER + id + ",A,B,1\n" + id + ",B,A,1\n", 3,
            "duplicate obligation id '" + "k".repeat(40) + "... (500 characters)' (first on line 2)");
    }

    @Test
    void shouldRefuseWhenTextIsNotUtf8() throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((HEADER + "a,A,B,10\nb,M").getBytes(StandardCharsets.UTF_8));
        bytes.write(0xFC); // 'ü' in Latin-1, not valid UTF-8
        bytes.writeBytes("ller,B,10\n".getBytes(StandardCharsets.UTF_8));

        assertRefused(bytes.toByteArray(), 0, 3, "invalid UTF-8");
    }

    @Test
    void shouldRefuseWhenThereAreMoreDecimalsThanTheScale() throws IOException
    {
        assertRefused(HEADER + "a,A,B,1234.567\n", 2, 2, "amount '1234.567' has more than 2 decimals");
    }

    @Test
    void shouldRefuseWhenTheScaledAmountOverflows() throws IOException
    {
        assertRefused(HEADER + "a,A,B,92233720368547758.08\n", 2, 2,
            "amount '92233720368547758.08' exceeds 9223372036854775807 minor units");
        assertRefused(HEADER + "a,A,B,92233720368547759\n", 2, 2,
            "amount '92233720368547759' exceeds 9223372036854775807 minor units");
    }

    @Test
    void shouldRefuseAScaleOutOfRange()
    {
        assertThatThrownBy(() -> new ObligationCsvReader(19, bytes -> { }))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scale");
        assertThatThrownBy(() -> new ObligationCsvReader(-1, bytes -> { }))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scale");
    }

    // ---- accepted variants ----

    @ParameterizedTest(name = "{0} with scale {1} is {2}")
    @CsvSource({
        "1234.56, 2, 123456",
        "1234.5, 2, 123450",
        "1234, 2, 123400",
        "0.01, 2, 1",
        ".5, 2, 50",
        "007.10, 2, 710",
        "92233720368547758.07, 2, 9223372036854775807",
        "1.000000000000000001, 18, 1000000000000000001",
        "42, 0, 42",
        "9223372036854775807, 0, 9223372036854775807"})
    void shouldConvertDecimalsExactlyWhenAScaleIsGiven(final String amount, final int scale, final long minor)
        throws Exception
    {
        final ObligationNetwork network = read(HEADER + "a,A,B," + amount + "\n", scale);

        assertThat(network.amountMinor(0)).isEqualTo(minor);
    }

    @Test
    void shouldAcceptAByteOrderMarkAndWindowsLineEnds() throws Exception
    {
        final ObligationNetwork network = read("\uFEFFid,debtor,creditor,amount\r\na,A,B,10\r\nb,B,A,7\r\n", 0);

        assertThat(network.obligationCount()).isEqualTo(2);
        assertThat(network.obligationId(0)).isEqualTo("a");
        assertThat(network.participantId(1)).isEqualTo("B");
        assertThat(network.amountMinor(1)).isEqualTo(7);
    }

    @Test
    void shouldAcceptHeaderColumnsInAnyOrderAndIgnoreExtraColumns() throws Exception
    {
        final ObligationNetwork network = read("Amount,note,Creditor,ID,due,Debtor\n10,first,B,a,2025-01-31,A\n", 0);

        assertThat(network.obligationId(0)).isEqualTo("a");
        assertThat(network.participantId(network.debtor(0))).isEqualTo("A");
        assertThat(network.participantId(network.creditor(0))).isEqualTo("B");
        assertThat(network.amountMinor(0)).isEqualTo(10);
    }

    @Test
    void shouldSkipBlankLinesAndTrimSpacesAroundFields() throws Exception
    {
        final ObligationNetwork network = read("\n  \n" + HEADER + "\n a , A ,\tB , 10 \n\t\n\nb,B,A,3", 0);

        assertThat(network.obligationCount()).isEqualTo(2);
        assertThat(network.obligationId(0)).isEqualTo("a");
        assertThat(network.participantId(0)).isEqualTo("A");
        assertThat(network.amountMinor(0)).isEqualTo(10);
        assertThat(network.amountMinor(1)).isEqualTo(3);
    }

    @Test
    void shouldRemoveQuotesWhenAFieldIsWhollyQuoted() throws Exception
    {
        final ObligationNetwork network = read("\"id\",\"debtor\",\"creditor\",\"amount\"\n\"a\",\"A B\",\"C\",\"10\"\n", 0);

        assertThat(network.obligationId(0)).isEqualTo("a");
        assertThat(network.participantId(0)).isEqualTo("A B");
        assertThat(network.amountMinor(0)).isEqualTo(10);
    }

    @Test
    void shouldNumberObligationsFromOneWhenThereIsNoIdColumn() throws Exception
    {
        final ObligationNetwork network = read("debtor,creditor,amount\nA,B,10\n\nB,C,20\nC,A,30\n", 0);

        assertThat(network.hasObligationIds()).isFalse();
        assertThat(network.obligationId(0)).isEqualTo("1");
        assertThat(network.obligationId(2)).isEqualTo("3");
        assertThat(network.totalDebtMinor()).isEqualTo(60);
    }

    @Test
    void shouldDecodeUtf8NamesWhenTheyAreNotAscii() throws Exception
    {
        final ObligationNetwork network = read(HEADER + "a,Müller GmbH,Žilina s.r.o.,10\n", 0);

        assertThat(network.participantId(0)).isEqualTo("Müller GmbH");
        assertThat(network.participantId(1)).isEqualTo("Žilina s.r.o.");
    }

    @Test
    void shouldAcceptRepeatedPairsAndTotalExactlyLongMaxValue() throws Exception
    {
        final ObligationNetwork network = read(HEADER + "a,A,B,9223372036854775800\nb,A,B,7\n", 0);

        assertThat(network.totalDebtMinor()).isEqualTo(Long.MAX_VALUE);
        assertThat(network.participantCount()).isEqualTo(2);
    }

    @Test
    void shouldReadAHeaderOnlyFileAsAnEmptyNetwork() throws Exception
    {
        final ObligationNetwork network = read(HEADER, 0);

        assertThat(network.obligationCount()).isZero();
        assertThat(network.participantCount()).isZero();
    }

    @Test
    void shouldReportProgressUpToTheFileSizeWhenReading() throws Exception
    {
        final Path file = write((HEADER + "a,A,B,10\n".repeat(1)).getBytes(StandardCharsets.UTF_8));
        final List<Long> reported = new ArrayList<>();

        new ObligationCsvReader(0, reported::add).read(file);

        assertThat(reported).isNotEmpty().isSorted();
        assertThat(reported.get(reported.size() - 1)).isEqualTo(Files.size(file));
    }

    // ---- helpers ----

    /**
     * A row whose length without its newline is exactly {@code length} bytes.
     */
    private static String row(final int length)
    {
        final String tail = ",B,C,1";
        return "y".repeat(length - tail.length()) + tail + "\n";
    }

    /**
     * Like {@link #row(int)} with an id of one repeated letter, ended by {@code \r\n}.
     */
    private static String crlfRow(final char idLetter, final int length)
    {
        final String tail = ",B,C,1";
        return String.valueOf(idLetter).repeat(length - tail.length()) + tail + "\r\n";
    }

    private ObligationNetwork read(final String content, final int scale) throws Exception
    {
        return new ObligationCsvReader(scale, bytes -> { }).read(write(content.getBytes(StandardCharsets.UTF_8)));
    }

    private void assertRefused(final String content, final long line, final String reason) throws IOException
    {
        assertRefused(content.getBytes(StandardCharsets.UTF_8), 0, line, reason);
    }

    private void assertRefused(final String content, final int scale, final long line, final String reason)
        throws IOException
    {
        assertRefused(content.getBytes(StandardCharsets.UTF_8), scale, line, reason);
    }

    private void assertRefused(final byte[] content, final int scale, final long line, final String reason)
        throws IOException
    {
        final Path file = write(content);

        final CsvFormatException refused = catchThrowableOfType(CsvFormatException.class,
            () -> new ObligationCsvReader(scale, bytes -> { }).read(file));

        assertThat(refused).as("refusal").isNotNull();
        assertThat(refused).hasMessage(file + ":" + line + ": " + reason);
        assertThat(refused.file()).isEqualTo(file.toString());
        assertThat(refused.line()).isEqualTo(line);
        assertThat(refused.reason()).isEqualTo(reason);
    }

    private Path write(final byte[] content) throws IOException
    {
        final Path file = directory.resolve("obligations-" + ++files + ".csv");
        Files.write(file, content);
        return file;
    }
}
