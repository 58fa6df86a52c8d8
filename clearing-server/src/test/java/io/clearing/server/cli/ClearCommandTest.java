package io.clearing.server.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearing.core.api.CertificateVerifier;
import io.clearing.core.api.ClearingResult;
import io.clearing.core.api.ClearingSolver;
import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.api.Verification;
import io.clearing.core.csv.CertificateCsvReader;
import io.clearing.core.csv.ObligationCsvReader;
import io.clearing.core.csv.ObligationCsvWriter;
import io.clearing.core.csv.SetOffCsvReader;
import io.clearing.core.generate.DeepCycleNetworkGenerator;
import io.clearing.core.spi.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClearCommandTest
{
    /**
     * A triangle A -> B -> C -> A of 100, 100 and 200 plus D -> C, 100: 100 can be set off on each triangle edge.
     */
    private static final String SMALL = "id,debtor,creditor,amount\n" +
        "t1,A,B,100\nt2,B,C,100\nt3,C,A,200\nt4,D,C,100\n";

    @TempDir
    Path directory;

    private Path write(final String name, final String content) throws Exception
    {
        final Path file = directory.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    @Test
    void shouldWriteAnOptimalCertifiedSetOffInInputOrderWhenTheInputIsGood() throws Exception
    {
        final ObligationNetwork generated = new DeepCycleNetworkGenerator(7, 500, 6_000).generate();
        final Path input = directory.resolve("obligations.csv");
        ObligationCsvWriter.write(input, generated);
        final Path out = directory.resolve("setoff.csv");
        final Path certificate = directory.resolve("certificate.csv");

        final CliRun run = CliRun.run("clear", input.toString(), "--out", out.toString(),
            "--certificate", certificate.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        final ObligationNetwork network = new ObligationCsvReader().read(input);
        // the reader refuses any row whose id, debtor, creditor or amount differs from the obligation in that place
        final long[] setOff = new SetOffCsvReader(0).read(out, network);
        final long[] potentials = new CertificateCsvReader().read(certificate, network);
        final Verification verification = CertificateVerifier.verifyOptimal(network, setOff, potentials);
        assertThat(verification.ok()).as(verification.message()).isTrue();
        final List<String> rows = Files.readAllLines(out);
        assertThat(rows).hasSize(network.obligationCount() + 1);
        assertThat(rows.get(1)).startsWith(network.obligationId(0) + ",");
        assertThat(rows.get(rows.size() - 1)).startsWith(network.obligationId(network.obligationCount() - 1) + ",");

        final ClearingResult expected = new ClearingSolver().solve(network);
        assertThat(verification.clearedMinor()).isEqualTo(expected.clearedMinor());
        assertThat(run.summaryValue("obligations")).isEqualTo(Integer.toString(network.obligationCount()));
        assertThat(run.summaryValue("participants")).isEqualTo(Integer.toString(network.participantCount()));
        assertThat(run.summaryValue("total debt")).isEqualTo(Long.toString(expected.totalDebtMinor()));
        assertThat(run.summaryValue("NID")).startsWith(expected.netInternalDebtMinor() + " ");
        assertThat(run.summaryValue("cleared")).startsWith(expected.clearedMinor() + " ");
        assertThat(run.summaryValue("remainder")).isEqualTo(Long.toString(expected.remainderMinor()));
        assertThat(run.summaryValue("cyclic components")).startsWith(expected.cyclicComponents() + " ");
        assertThat(run.summaryValue("scaling phases")).isEqualTo(Integer.toString(expected.scalingPhases()));
        assertThat(run.summaryValue("time ms")).contains("read ", "solve ", "write ", "total ");
        assertThat(CliRun.filesIn(directory)).containsExactly("certificate.csv", "obligations.csv", "setoff.csv");
    }

    @Test
    void shouldPrintOneSummaryBlockWithTheFiguresWhenClearingASmallNetwork() throws Exception
    {
        final Path input = write("small.csv", SMALL);

        final CliRun run = CliRun.run("clear", input.toString(), "--out", directory.resolve("s.csv").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.summaryValue("total debt")).isEqualTo("500");
        assertThat(run.summaryValue("NID")).isEqualTo("100  (least debt any clearing can leave)");
        assertThat(run.summaryValue("cleared")).isEqualTo("300  (60.00 % of debt, 75.00 % of TD - NID)");
        assertThat(run.summaryValue("remainder")).isEqualTo("200");
        assertThat(run.summaryValue("on cycle")).isEqualTo("3 obligations (75.00 %), 400 debt (80.00 %)");
        assertThat(run.summaryValue("cyclic components")).isEqualTo("1 (largest 3 participants)");
        assertThat(run.out().lines().count()).isEqualTo(11);
        assertThat(Files.readAllLines(directory.resolve("s.csv"))).containsExactly(
            "id,debtor,creditor,amount,set_off,remainder",
            "t1,A,B,100,100,0", "t2,B,C,100,100,0", "t3,C,A,200,100,100", "t4,D,C,100,0,100");
    }

    @Test
    void shouldKeepMajorUnitsWhenAScaleIsGiven() throws Exception
    {
        final Path input = write("cents.csv", "debtor,creditor,amount\nA,B,1.5\nB,C,1.25\nC,A,2.05\nD,C,0.07\n");
        final Path out = directory.resolve("setoff.csv");

        final CliRun run = CliRun.run("clear", input.toString(), "--out", out.toString(), "--scale", "2");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllLines(out)).containsExactly(
            "id,debtor,creditor,amount,set_off,remainder",
            "1,A,B,1.50,1.25,0.25", "2,B,C,1.25,1.25,0.00", "3,C,A,2.05,1.25,0.80", "4,D,C,0.07,0.00,0.07");
        assertThat(run.summaryValue("total debt")).isEqualTo("4.87");
        assertThat(run.summaryValue("cleared")).startsWith("3.75 ");
        final ObligationNetwork network = new ObligationCsvReader(2, ProgressListener.NONE).read(input);
        assertThat(new SetOffCsvReader(2).read(out, network)).containsExactly(125, 125, 125, 0);
    }

    @Test
    void shouldWriteTheSummaryAsJsonWhenAsked() throws Exception
    {
        final Path input = write("cents.csv", "debtor,creditor,amount\nA,B,1.5\nB,C,1.25\nC,A,2.05\nD,C,0.07\n");
        final Path json = directory.resolve("summary.json");

        final CliRun run = CliRun.run("clear", input.toString(), "--out", directory.resolve("s.csv").toString(),
            "--scale", "2", "--summary-json", json.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        final String text = Files.readString(json);
        final JsonNode root = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(text);
        assertThat(root.get("input").asText()).isEqualTo(input.toString());
        assertThat(root.get("scale").asInt()).isEqualTo(2);
        assertThat(root.get("obligations").asInt()).isEqualTo(4);
        assertThat(root.get("participants").asInt()).isEqualTo(4);
        assertThat(root.get("totalDebt").decimalValue()).isEqualByComparingTo(new BigDecimal("4.87"));
        assertThat(root.get("netInternalDebt").decimalValue()).isEqualByComparingTo(new BigDecimal("0.80"));
        assertThat(root.get("cleared").decimalValue()).isEqualByComparingTo(new BigDecimal("3.75"));
        assertThat(root.get("remainder").decimalValue()).isEqualByComparingTo(new BigDecimal("1.12"));
        assertThat(root.get("clearedPercentOfDebt").decimalValue()).isEqualByComparingTo(new BigDecimal("77.00"));
        assertThat(root.get("onCycleObligations").asInt()).isEqualTo(3);
        assertThat(root.get("cyclicComponents").asInt()).isEqualTo(1);
        assertThat(root.get("timingsMs").fieldNames()).toIterable()
            .containsExactly("read", "scc", "merge", "solve", "certify", "split", "verify", "write", "total");
        assertThat(text).contains("\"netInternalDebt\" : 0.80,", "\"cleared\" : 3.75,");
        assertThat(run.summaryValue("cleared")).startsWith("3.75 ");
    }

    @Test
    void shouldWriteAGraphThatGraphToolsCanReadWhenAsked() throws Exception
    {
        final Path input = write("small.csv", SMALL);
        final Path graphMl = directory.resolve("net.graphml");
        final Path dot = directory.resolve("net.dot");

        final CliRun first = CliRun.run("clear", input.toString(), "--out", directory.resolve("a.csv").toString(),
            "--graph", graphMl.toString());
        final CliRun second = CliRun.run("clear", input.toString(), "--out", directory.resolve("b.csv").toString(),
            "--graph", dot.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        final var document = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(graphMl.toFile());
        assertThat(document.getElementsByTagName("node").getLength()).isEqualTo(4);
        assertThat(document.getElementsByTagName("edge").getLength()).isEqualTo(4);
        assertThat(((org.w3c.dom.Element)document.getElementsByTagName("edge").item(2)).getAttribute("id"))
            .isEqualTo("t3");
        final var graph = new org.jgrapht.graph.DirectedPseudograph<String, String>(
            null, org.jgrapht.util.SupplierUtil.createStringSupplier(), false);
        final var importer = new org.jgrapht.nio.dot.DOTImporter<String, String>();
        importer.setVertexFactory(id -> id);
        try (var in = Files.newBufferedReader(dot))
        {
            importer.importGraph(graph, in);
        }
        assertThat(graph.vertexSet()).containsExactlyInAnyOrder("A", "B", "C", "D");
        assertThat(graph.edgeSet()).hasSize(4);
        assertThat(Files.readString(dot)).contains("\"C\" -> \"A\" [ id=\"t3\" amount=\"200\" set_off=\"100\" " +
            "remainder=\"100\" ]");
    }

    @Test
    void shouldReplaceAnOldResultWhenTheOutputExists() throws Exception
    {
        final Path input = write("small.csv", SMALL);
        final Path out = write("setoff.csv", "old content\n");

        final CliRun run = CliRun.run("clear", input.toString(), "--out", out.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(Files.readAllLines(out).get(0)).isEqualTo("id,debtor,creditor,amount,set_off,remainder");
        assertThat(CliRun.filesIn(directory)).containsExactly("setoff.csv", "small.csv");
    }

    @Test
    void shouldPrintHelpWithEveryOptionWhenAsked()
    {
        final CliRun run = CliRun.run("clear", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: clearing clear", "--out=SETOFF.csv", "--scale=N", "--certificate=FILE",
            "--graph=FILE", "--summary-json=FILE");
    }
}
