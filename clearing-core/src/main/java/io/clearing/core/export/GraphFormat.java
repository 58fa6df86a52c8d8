package io.clearing.core.export;

import java.util.Locale;

/**
 * File formats {@link SetOffGraphExporter} writes, chosen by file name extension.
 */
public enum GraphFormat
{
    /**
     * GraphML (XML), read by Gephi, yEd, Cytoscape, NetworkX: {@code .graphml}.
     */
    GRAPHML,
    /**
     * Graphviz DOT: {@code .dot} or {@code .gv}.
     */
    DOT;

    /**
     * @return the format a file name's extension asks for, or null when it names none of them.
     */
    public static GraphFormat ofFileName(final String fileName)
    {
        final String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".graphml"))
        {
            return GRAPHML;
        }
        if (lower.endsWith(".dot") || lower.endsWith(".gv"))
        {
            return DOT;
        }
        return null;
    }
}
