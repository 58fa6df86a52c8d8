package io.clearing.core.csv;

import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.generate.DeepCycleNetworkGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.clearing.core.support.NetworkAssertions.assertSameNetwork;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObligationCsvWriterTest
{
    @TempDir
    Path directory;

    @Test
    void shouldReadBackTheSameNetworkWhenWrittenAndRead() throws Exception
    {
        final ObligationNetwork network = new DeepCycleNetworkGenerator(11, 200, 3_000).generate();
        final Path file = directory.resolve("obligations.csv");

        ObligationCsvWriter.write(file, network);

        assertSameNetwork(new ObligationCsvReader().read(file), network);
        try (var files = Files.list(directory))
        {
            assertThat(files).as("no temporary file left").containsExactly(file);
        }
    }

    @Test
    void shouldReadBackTheSameNetworkWhenTheFileIsLargerThanTheReadBuffer() throws Exception
    {
        final ObligationNetwork network = new DeepCycleNetworkGenerator(12, 20_000, 150_000).generate();
        final Path file = directory.resolve("large.csv");

        ObligationCsvWriter.write(file, network);

        assertThat(Files.size(file)).isGreaterThan(3L * ObligationCsvReader.MAX_LINE_BYTES);
        assertSameNetwork(new ObligationCsvReader().read(file), network);
    }

    @Test
    void shouldWriteTheHeaderAndOneRowPerObligationWhenWriting() throws Exception
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        builder.add("a-1", "A", "B", 10);
        builder.add("a-2", "B", "A", 7);
        final Path file = directory.resolve("two.csv");

        ObligationCsvWriter.write(file, builder.build());

        assertThat(Files.readAllLines(file)).containsExactly("id,debtor,creditor,amount", "a-1,A,B,10", "a-2,B,A,7");
    }

    @Test
    void shouldWriteRowNumbersAsIdsWhenTheNetworkHasNoIds() throws Exception
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        builder.add("A", "B", 10);
        builder.add("B", "A", 7);
        final Path file = directory.resolve("no-ids.csv");

        ObligationCsvWriter.write(file, builder.build());

        assertThat(Files.readAllLines(file)).containsExactly("id,debtor,creditor,amount", "1,A,B,10", "2,B,A,7");
    }

    @Test
    void shouldRefuseAndWriteNothingWhenAnIdContainsAComma()
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        builder.add("x", "Acme, Inc.", "B", 10);
        final Path file = directory.resolve("comma.csv");

        assertThatThrownBy(() -> ObligationCsvWriter.write(file, builder.build()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("participant id 'Acme, Inc.'");
        assertThat(file).doesNotExist();
    }
}
