package io.clearing.core.csv;

import io.clearing.core.api.ClearingResult;
import io.clearing.core.api.ClearingSolver;
import io.clearing.core.api.ObligationNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SetOffCsvWriterTest
{
    @TempDir
    Path directory;

    private ClearingResult triangle()
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        builder.add("ab", "A", "B", 500);
        builder.add("bc", "B", "C", 305);
        builder.add("ca", "C", "A", 300);
        return new ClearingSolver().solve(builder.build());
    }

    @Test
    void shouldWriteOneRowPerObligationInInputOrderWhenWritingSetOffs() throws IOException
    {
        final Path file = directory.resolve("setoff.csv");

        SetOffCsvWriter.writeSetOffs(file, triangle(), 0);

        assertThat(Files.readAllLines(file)).containsExactly(
            "id,debtor,creditor,amount,set_off,remainder",
            "ab,A,B,500,300,200",
            "bc,B,C,305,300,5",
            "ca,C,A,300,300,0");
    }

    @Test
    void shouldWriteMajorUnitsWhenAScaleIsGiven() throws IOException
    {
        final Path file = directory.resolve("setoff.csv");

        SetOffCsvWriter.writeSetOffs(file, triangle(), 2);

        assertThat(Files.readAllLines(file)).containsExactly(
            "id,debtor,creditor,amount,set_off,remainder",
            "ab,A,B,5.00,3.00,2.00",
            "bc,B,C,3.05,3.00,0.05",
            "ca,C,A,3.00,3.00,0.00");
    }

    @Test
    void shouldWriteOnePotentialPerParticipantWhenWritingTheCertificate() throws IOException
    {
        final ClearingResult result = triangle();
        final Path file = directory.resolve("certificate.csv");

        SetOffCsvWriter.writeCertificate(file, result);

        assertThat(Files.readAllLines(file)).containsExactly(
            "participant,potential",
            "A," + result.potential(0),
            "B," + result.potential(1),
            "C," + result.potential(2));
    }

    @ParameterizedTest(name = "{0} minor with scale {1} is {2}")
    @CsvSource({
        "123456, 2, 1234.56",
        "5, 2, 0.05",
        "0, 2, 0.00",
        "100, 2, 1.00",
        "7, 0, 7",
        "1, 3, 0.001",
        "9223372036854775807, 2, 92233720368547758.07"})
    void shouldFormatMinorUnitsExactlyWhenAppendingAnAmount(final long minor, final int scale, final String text)
    {
        assertThat(SetOffCsvWriter.appendAmount(new StringBuilder(), minor, scale).toString()).isEqualTo(text);
    }

    @Test
    void shouldLeaveTheTargetUntouchedAndNoTemporaryFileWhenWritingFails() throws IOException
    {
        final Path file = directory.resolve("result.csv");
        Files.writeString(file, "previous\n");

        assertThatThrownBy(() -> SetOffCsvWriter.writeAtomically(file, out ->
        {
            out.write("partial");
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");

        assertThat(Files.readString(file)).isEqualTo("previous\n");
        try (var files = Files.list(directory))
        {
            assertThat(files).containsExactly(file);
        }
    }
}
