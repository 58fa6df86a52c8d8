package io.clearing.core.export;

import io.clearing.core.api.ClearingResult;
import io.clearing.core.api.ClearingSolver;
import io.clearing.core.api.ObligationNetwork;
import org.jgrapht.Graph;
import org.jgrapht.graph.DirectedPseudograph;
import org.jgrapht.nio.dot.DOTImporter;
import org.jgrapht.nio.graphml.GraphMLImporter;
import org.jgrapht.util.SupplierUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SetOffGraphExporterTest
{
    @TempDir
    Path directory;

    /**
     * A triangle of 5, 7 and 9 (5 set off on each) plus an obligation off every cycle, with ids a DOT file must quote.
     */
    private static ClearingResult cleared()
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        builder.add("inv 1", "Firm A", "Firm B", 500);
        builder.add("inv 2", "Firm B", "Firm C", 700);
        builder.add("inv 3", "Firm C", "Firm A", 900);
        builder.add("inv 4", "Firm D", "Firm A", 250);
        return new ClearingSolver().solve(builder.build());
    }

    @Test
    void shouldWriteParticipantsAndObligationsWithSetOffsWhenExportingGraphMl() throws Exception
    {
        final Path file = directory.resolve("net.graphml");

        SetOffGraphExporter.write(file, cleared(), 2);

        // GraphMLImporter numbers edges itself (from the supplier, in file order) and passes attributes per edge.
        final Map<String, Map<String, String>> attributesByEdge = new HashMap<>();
        final Graph<String, String> graph =
            new DirectedPseudograph<>(null, SupplierUtil.createStringSupplier(), false);
        final GraphMLImporter<String, String> importer = new GraphMLImporter<>();
        importer.setSchemaValidation(false);
        importer.setVertexFactory(id -> id);
        importer.addEdgeAttributeConsumer((edgeAndName, attribute) -> attributesByEdge
            .computeIfAbsent(edgeAndName.getFirst(), edge -> new HashMap<>())
            .put(edgeAndName.getSecond(), attribute.getValue()));
        try (Reader in = Files.newBufferedReader(file))
        {
            importer.importGraph(graph, in);
        }

        assertThat(graph.vertexSet()).containsExactlyInAnyOrder("Firm A", "Firm B", "Firm C", "Firm D");
        assertThat(graph.edgeSet()).hasSize(4);
        assertThat(graph.getEdgeSource("1")).isEqualTo("Firm B");
        assertThat(attributesByEdge.get("1"))
            .containsEntry("amount", "7.00").containsEntry("set_off", "5.00").containsEntry("remainder", "2.00");
        assertThat(attributesByEdge.get("3"))
            .containsEntry("amount", "2.50").containsEntry("set_off", "0.00").containsEntry("remainder", "2.50");
        assertThat(Files.readString(file)).contains("<edge id=\"inv 2\" source=\"Firm B\" target=\"Firm C\">");
    }

    @Test
    void shouldWriteQuotedIdsAndAttributesWhenExportingDot() throws Exception
    {
        final Path file = directory.resolve("net.dot");

        SetOffGraphExporter.write(file, cleared(), 0);

        final Map<String, Map<String, String>> attributesByEdge = new HashMap<>();
        final Graph<String, String> graph = new DirectedPseudograph<>(null, SupplierUtil.createStringSupplier(), false);
        final DOTImporter<String, String> importer = new DOTImporter<>();
        importer.setVertexFactory(id -> id);
        importer.addEdgeAttributeConsumer((edgeAndName, attribute) -> attributesByEdge
            .computeIfAbsent(edgeAndName.getFirst(), edge -> new HashMap<>())
            .put(edgeAndName.getSecond(), attribute.getValue()));
        try (Reader in = Files.newBufferedReader(file))
        {
            importer.importGraph(graph, in);
        }

        assertThat(graph.vertexSet()).containsExactlyInAnyOrder("Firm A", "Firm B", "Firm C", "Firm D");
        assertThat(graph.edgeSet()).hasSize(4);
        assertThat(graph.getEdgeSource("2")).isEqualTo("Firm C");
        assertThat(attributesByEdge.get("2")).containsEntry("id", "inv 3")
            .containsEntry("amount", "900").containsEntry("set_off", "500").containsEntry("remainder", "400");
        assertThat(attributesByEdge.get("3")).containsEntry("id", "inv 4")
            .containsEntry("amount", "250").containsEntry("set_off", "0").containsEntry("remainder", "250");
    }

    @Test
    void shouldKeepBackslashesWhenAnIdContainsOne() throws Exception
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        builder.add("x", "A\\B", "C", 5);
        final StringWriter out = new StringWriter();

        SetOffGraphExporter.write(out, new ClearingSolver().solve(builder.build()), 0, GraphFormat.DOT);

        assertThat(out.toString()).contains("\"A\\B\" -> \"C\"");
    }

    @Test
    void shouldRefuseDotWhenAnIdEndsInABackslash()
    {
        final ObligationNetwork.Builder builder = ObligationNetwork.builder();
        builder.add("x", "A\\", "C", 5);
        final ClearingResult result = new ClearingSolver().solve(builder.build());
        final Path file = directory.resolve("net.gv");

        assertThatThrownBy(() -> SetOffGraphExporter.write(file, result, 0))
            .isInstanceOf(IOException.class)
            .hasMessageContaining("participant id 'A\\' ends in a backslash");
        assertThat(directory).isEmptyDirectory();
    }

    @Test
    void shouldRefuseWhenTheFileNameNamesNoGraphFormat()
    {
        assertThatThrownBy(() -> SetOffGraphExporter.write(directory.resolve("net.txt"), cleared(), 0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("must end in .graphml, .dot or .gv");
        assertThat(directory).isEmptyDirectory();
    }

    @Test
    void shouldChooseTheFormatFromTheExtensionWhenAsked()
    {
        assertThat(GraphFormat.ofFileName("a.GraphML")).isEqualTo(GraphFormat.GRAPHML);
        assertThat(GraphFormat.ofFileName("a.dot")).isEqualTo(GraphFormat.DOT);
        assertThat(GraphFormat.ofFileName("a.gv")).isEqualTo(GraphFormat.DOT);
        assertThat(GraphFormat.ofFileName("a.csv")).isNull();
    }
}
