package io.clearing.core.export;

import io.clearing.core.api.ClearingResult;
import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.csv.SetOffCsvWriter;
import org.jgrapht.Graph;
import org.jgrapht.graph.DirectedMultigraph;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.AttributeType;
import org.jgrapht.nio.DefaultAttribute;
import org.jgrapht.nio.ExportException;
import org.jgrapht.nio.GraphExporter;
import org.jgrapht.nio.dot.DOTExporter;
import org.jgrapht.nio.graphml.GraphMLExporter;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a cleared network as a graph file for people who want to look at it (Gephi, yEd, Graphviz): one vertex
 * per participant, identified by the participant's id; one directed edge per obligation from debtor to creditor
 * with the attributes {@code id}, {@code amount}, {@code set_off} and {@code remainder}.
 * <p>
 * Amounts are written as exact decimals in major units with {@code scale} decimals (integers in minor units when
 * the scale is 0), the same text as in the set-off CSV. Vertices and edges appear in network order, so the same
 * result always gives the same file. Builds a JGraphT graph of boxed indices first: meant for inspection, not for
 * the hot path.
 */
public final class SetOffGraphExporter
{
    private SetOffGraphExporter()
    {
    }

    /**
     * Writes atomically to {@code target} in the format its extension names (see {@link GraphFormat}).
     *
     * @throws IllegalArgumentException when the extension names no known format.
     * @throws IOException              when the file cannot be written; nothing is left behind then.
     */
    public static void write(final Path target, final ClearingResult result, final int scale) throws IOException
    {
        final GraphFormat format = GraphFormat.ofFileName(target.getFileName().toString());
        if (format == null)
        {
            throw new IllegalArgumentException(target + ": graph file name must end in .graphml, .dot or .gv");
        }
        SetOffCsvWriter.writeAtomically(target, out -> write(out, result, scale, format));
    }

    /**
     * Writes the graph to {@code out} in the given format; does not close it.
     */
    public static void write(final Writer out, final ClearingResult result, final int scale, final GraphFormat format)
        throws IOException
    {
        final ObligationNetwork network = result.network();
        final Graph<Integer, Integer> graph = toGraph(network);
        final GraphExporter<Integer, Integer> exporter = format == GraphFormat.GRAPHML ?
            graphMlExporter(result, scale) : dotExporter(result, scale);
        try
        {
            exporter.exportGraph(graph, out);
        }
        catch (final ExportException ex)
        {
            throw new IOException("graph export failed: " + ex.getMessage(), ex);
        }
    }

    private static Graph<Integer, Integer> toGraph(final ObligationNetwork network)
    {
        final Graph<Integer, Integer> graph = new DirectedMultigraph<>(null, null, false);
        for (int p = 0, n = network.participantCount(); p < n; p++)
        {
            graph.addVertex(p);
        }
        for (int i = 0, n = network.obligationCount(); i < n; i++)
        {
            graph.addEdge(network.debtor(i), network.creditor(i), i);
        }
        return graph;
    }

    private static GraphExporter<Integer, Integer> graphMlExporter(final ClearingResult result, final int scale)
    {
        final ObligationNetwork network = result.network();
        final GraphMLExporter<Integer, Integer> exporter = new GraphMLExporter<>(network::participantId);
        exporter.setEdgeIdProvider(network::obligationId);
        final AttributeType amountType = amountType(scale);
        exporter.registerAttribute("amount", GraphMLExporter.AttributeCategory.EDGE, amountType);
        exporter.registerAttribute("set_off", GraphMLExporter.AttributeCategory.EDGE, amountType);
        exporter.registerAttribute("remainder", GraphMLExporter.AttributeCategory.EDGE, amountType);
        exporter.setEdgeAttributeProvider(obligation -> edgeAttributes(result, obligation, scale, false));
        return exporter;
    }

    private static GraphExporter<Integer, Integer> dotExporter(final ClearingResult result, final int scale)
    {
        final ObligationNetwork network = result.network();
        final DOTExporter<Integer, Integer> exporter =
            new DOTExporter<>(participant -> quotedDotId(network.participantId(participant)));
        // DOT edges have no id of their own, so the obligation id goes with the attributes.
        exporter.setEdgeAttributeProvider(obligation -> edgeAttributes(result, obligation, scale, true));
        return exporter;
    }

    private static Map<String, Attribute> edgeAttributes(
        final ClearingResult result, final int obligation, final int scale, final boolean withId)
    {
        final ObligationNetwork network = result.network();
        final AttributeType amountType = amountType(scale);
        final Map<String, Attribute> attributes = new LinkedHashMap<>(8);
        if (withId)
        {
            attributes.put("id", DefaultAttribute.createAttribute(network.obligationId(obligation)));
        }
        attributes.put("amount", amount(network.amountMinor(obligation), scale, amountType));
        attributes.put("set_off", amount(result.setOffMinor(obligation), scale, amountType));
        attributes.put("remainder", amount(result.remainderMinor(obligation), scale, amountType));
        return attributes;
    }

    /**
     * Money is written as exact decimal text; the declared type only tells graph tools it is a number.
     */
    private static AttributeType amountType(final int scale)
    {
        return scale == 0 ? AttributeType.LONG : AttributeType.DOUBLE;
    }

    private static Attribute amount(final long minor, final int scale, final AttributeType type)
    {
        return new DefaultAttribute<>(SetOffCsvWriter.appendAmount(new StringBuilder(24), minor, scale).toString(), type);
    }

    /**
     * A DOT quoted string. Ids are any text without commas or double quotes; inside DOT quotes only {@code \"} is
     * an escape and every other backslash stays as it is, so an id is written unchanged, except that one ending
     * in a backslash cannot be closed and is refused.
     */
    static String quotedDotId(final String id)
    {
        if (id.endsWith("\\"))
        {
            throw new ExportException("participant id '" + id + "' ends in a backslash, which DOT cannot quote: " +
                "export as .graphml instead");
        }
        return '"' + id + '"';
    }
}
