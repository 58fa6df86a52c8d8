package io.clearing.benchmarks;

import io.clearing.core.api.ClearingResult;
import io.clearing.core.api.ClearingSolver;
import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.csv.SetOffCsvWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SetOffRowsTest
{
    @TempDir
    Path directory;

    @Test
    void shouldWriteTheSameBytesAsSetOffCsvWriterWhenGivenTheSameSetOffs() throws IOException
    {
        for (final int scale : new int[]{0, 2})
        {
            final ObligationNetwork network = OrToolsMtcsTest.randomNetwork(7, 20, 80);
            final ClearingResult result = new ClearingSolver().solve(network);
            final Path ours = directory.resolve("ours-" + scale + ".csv");
            final Path rows = directory.resolve("rows-" + scale + ".csv");

            SetOffCsvWriter.writeSetOffs(ours, result, scale);
            SetOffRows.write(rows, network, result.setOffs(), scale);

            assertThat(Files.readString(rows)).isEqualTo(Files.readString(ours));
        }
    }

    @Test
    void shouldWriteOwnIdsAndRemaindersWhenObligationsHaveIds() throws IOException
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        builder.add("INV-1", "a", "b", 150);
        builder.add("INV-2", "b", "a", 100);
        final ObligationNetwork network = builder.build();
        final Path target = directory.resolve("setoff.csv");

        SetOffRows.write(target, network, new long[]{100, 100}, 0);

        assertThat(Files.readAllLines(target)).containsExactly(
            "id,debtor,creditor,amount,set_off,remainder",
            "INV-1,a,b,150,100,50",
            "INV-2,b,a,100,100,0");
    }
}
