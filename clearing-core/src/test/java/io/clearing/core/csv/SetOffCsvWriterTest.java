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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

    /**
     * The byte-level writer against plain string formatting, over amounts with every number of digits and the
     * scales people use; ids with and without non-ASCII characters; networks with and without obligation ids.
     */
    @Test
    void shouldWriteWhatPlainStringFormattingWritesWhenAmountsAndScalesVary() throws IOException
    {
        final java.util.SplittableRandom random = new java.util.SplittableRandom(20261122);
        for (final boolean withIds : new boolean[] {true, false})
        {
            final ObligationNetwork.Builder builder = ObligationNetwork.builder();
            final String[] names = {"A", "Bäckerei Müller", "C", "Дом", "E"};
            final long[] amounts = new long[200];
            for (int i = 0; i < amounts.length; i++)
            {
                final int digits = 1 + random.nextInt(18);
                amounts[i] = 1 + random.nextLong((long)Math.pow(10, digits));
                final String debtor = names[i % names.length];
                final String creditor = names[(i + 1 + random.nextInt(names.length - 1)) % names.length];
                if (withIds)
                {
                    builder.add("id-" + i, debtor, creditor, i == 0 ? Long.MAX_VALUE / 4 : amounts[i]);
                }
                else
                {
                    builder.add(debtor, creditor, amounts[i]);
                }
            }
            final ObligationNetwork network = builder.build();
            final long[] setOff = new long[network.obligationCount()];
            for (int i = 0; i < setOff.length; i++)
            {
                setOff[i] = i % 3 == 0 ? 0 : random.nextLong(network.amountMinor(i) + 1);
            }
            for (final int scale : new int[] {0, 1, 2, 3, 8, 18})
            {
                final Path file = directory.resolve("setoff-" + withIds + "-" + scale + ".csv");

                SetOffCsvWriter.writeSetOffs(file, network, setOff, scale);

                final StringBuilder expected = new StringBuilder(SetOffCsvWriter.SET_OFF_HEADER).append('\n');
                for (int i = 0; i < setOff.length; i++)
                {
                    final long amount = network.amountMinor(i);
                    expected.append(network.obligationId(i)).append(',')
                        .append(network.participantId(network.debtor(i))).append(',')
                        .append(network.participantId(network.creditor(i))).append(',');
                    SetOffCsvWriter.appendAmount(expected, amount, scale).append(',');
                    SetOffCsvWriter.appendAmount(expected, setOff[i], scale).append(',');
                    SetOffCsvWriter.appendAmount(expected, amount - setOff[i], scale).append('\n');
                }
                assertThat(Files.readString(file)).as("ids " + withIds + ", scale " + scale)
                    .isEqualTo(expected.toString());
            }
        }
    }

    @Test
    void shouldGiveOutputTheUmasksPermissionsLikeAnyNewFileWhenWrittenAtomically() throws IOException
    {
        assumeTrue(directory.getFileSystem().supportedFileAttributeViews().contains("posix"));
        final Path reference = Files.createFile(directory.resolve("reference"));
        final Path file = directory.resolve("setoff.csv");

        SetOffCsvWriter.writeSetOffs(file, triangle(), 0);

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Files.getPosixFilePermissions(reference));
        try (java.util.stream.Stream<Path> left = Files.list(directory))
        {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("reference", "setoff.csv");
        }
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
