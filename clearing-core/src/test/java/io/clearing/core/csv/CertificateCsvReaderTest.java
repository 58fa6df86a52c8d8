package io.clearing.core.csv;

import io.clearing.core.api.ClearingResult;
import io.clearing.core.api.ClearingSolver;
import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.generate.DeepCycleNetworkGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificateCsvReaderTest
{
    @TempDir
    Path directory;

    private static ObligationNetwork pair()
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        builder.add("a", "b", 5);
        builder.add("b", "c", 3);
        return builder.build();
    }

    private static long[] read(final String text) throws Exception
    {
        return new CertificateCsvReader().read(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "c.csv", pair());
    }

    @Test
    void shouldReadBackWhatTheWriterWroteWhenUnchanged() throws Exception
    {
        final ObligationNetwork network = new DeepCycleNetworkGenerator(5, 300, 4_000).generate();
        final ClearingResult result = new ClearingSolver().solve(network);
        final Path file = directory.resolve("certificate.csv");
        SetOffCsvWriter.writeCertificate(file, result);

        assertThat(new CertificateCsvReader().read(file, network)).containsExactly(result.potentials());
    }

    @Test
    void shouldIndexPotentialsByParticipantWhenRowsComeInAnyOrder() throws Exception
    {
        assertThat(read("potential,participant\n-7,c\n12,a\n0,b\n")).containsExactly(12, 0, -7);
    }

    @Test
    void shouldRefuseWhenAParticipantAppearsTwice()
    {
        assertThatThrownBy(() -> read("participant,potential\na,1\nb,2\na,3\nc,4\n"))
            .isInstanceOf(CsvFormatException.class)
            .hasMessage("c.csv:4: participant 'a' appears twice (first on line 2)");
    }

    @Test
    void shouldRefuseWhenAParticipantIsMissing()
    {
        assertThatThrownBy(() -> read("participant,potential\na,1\nc,4\n"))
            .hasMessage("c.csv:3: file ends without a potential for participant 'b'");
    }

    @Test
    void shouldRefuseWhenAParticipantIsUnknown()
    {
        assertThatThrownBy(() -> read("participant,potential\na,1\nb,2\nd,3\n"))
            .hasMessage("c.csv:4: participant 'd' does not appear in the obligations");
    }

    @Test
    void shouldRefuseWhenAPotentialIsNotAnInteger()
    {
        assertThatThrownBy(() -> read("participant,potential\na,1.5\n"))
            .hasMessage("c.csv:2: potential '1.5' is not an integer");
        assertThatThrownBy(() -> read("participant,potential\na,99999999999999999999\n"))
            .hasMessage("c.csv:2: potential '99999999999999999999' does not fit in 64 bits");
    }

    @Test
    void shouldRefuseWhenTheHeaderLacksAColumn()
    {
        assertThatThrownBy(() -> read("participant,value\na,1\n"))
            .hasMessage("c.csv:1: header lacks the column potential: expected participant,potential");
    }

    @Test
    void shouldRefuseWhenARowHasTheWrongNumberOfColumns()
    {
        assertThatThrownBy(() -> read("participant,potential\na,1,2\n"))
            .hasMessage("c.csv:2: expected 2 columns as in the header, found 3");
    }
}
