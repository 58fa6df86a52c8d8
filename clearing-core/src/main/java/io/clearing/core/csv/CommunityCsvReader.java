package io.clearing.core.csv;

import io.clearing.core.api.ObligationNetwork;
import org.agrona.collections.Object2IntHashMap;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads where every participant sits for {@link io.clearing.core.policy.HierarchicalClearing}: {@link #HEADER}, one
 * participant a row, columns in any order, other columns ignored. Every participant of the obligations must be
 * given exactly once and nobody else; community and region names are any text without commas; a community lies in
 * one region.
 * <p>
 * Every problem stops the read with a {@link CsvFormatException} naming file, line and what is wrong.
 */
public final class CommunityCsvReader
{
    public static final String HEADER = "participant,community,region";
    private static final String[] COLUMNS = {"participant", "community", "region"};
    private static final int NOT_SEEN = 0;

    /**
     * Communities and regions, numbered in order of first appearance in the file.
     *
     * @param communityOf    per participant of the network, its community.
     * @param regionOf       per participant of the network, its region.
     * @param communityNames per community, its name.
     * @param regionNames    per region, its name.
     */
    public record Communities(int[] communityOf, int[] regionOf, List<String> communityNames, List<String> regionNames)
    {
        /**
         * @return the groups per level from the lowest, as {@code HierarchicalClearing.solve} takes them.
         */
        public int[][] groupsPerLevel()
        {
            return new int[][]{communityOf, regionOf};
        }
    }

    private CommunityCsvReader()
    {
    }

    /**
     * @throws CsvFormatException on the first bad row, or at the end when a participant has no community.
     * @throws IOException        when the file cannot be read.
     */
    public static Communities read(final Path file, final ObligationNetwork network)
        throws IOException, CsvFormatException
    {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16))
        {
            return read(in, file.toString(), network);
        }
    }

    /**
     * Reads from a stream; {@code name} is used in messages.
     */
    public static Communities read(final InputStream in, final String name, final ObligationNetwork network)
        throws IOException, CsvFormatException
    {
        final CsvLines lines = new CsvLines(in, name);
        final List<String> header = lines.next();
        if (header == null)
        {
            throw lines.error("file is empty: expected the header " + HEADER);
        }
        final int[] column = columns(header, lines);
        final int participants = network.participantCount();
        final Object2IntHashMap<String> participantIndex =
            new Object2IntHashMap<>(Math.max(16, participants * 2), 0.65f, -1);
        for (int p = 0; p < participants; p++)
        {
            participantIndex.put(network.participantId(p), p);
        }
        final int[] communityOf = new int[participants];
        final int[] regionOf = new int[participants];
        final long[] seenOnLine = new long[participants];
        final Object2IntHashMap<String> communities = new Object2IntHashMap<>(-1);
        final Object2IntHashMap<String> regions = new Object2IntHashMap<>(-1);
        final List<String> communityNames = new ArrayList<>();
        final List<String> regionNames = new ArrayList<>();
        final List<Integer> regionOfCommunity = new ArrayList<>();
        final List<Long> communityLine = new ArrayList<>();
        List<String> fields;
        while ((fields = lines.next()) != null)
        {
            if (fields.size() != header.size())
            {
                throw lines.error("expected " + header.size() + " columns as in the header, found " + fields.size());
            }
            final String participantId = fields.get(column[0]);
            final String community = nonEmpty(fields.get(column[1]), "community", lines);
            final String region = nonEmpty(fields.get(column[2]), "region", lines);
            final int p = participantIndex.getValue(participantId);
            if (p < 0)
            {
                throw lines.error("participant '" + participantId + "' does not appear in the obligations");
            }
            if (seenOnLine[p] != NOT_SEEN)
            {
                throw lines.error("participant '" + participantId + "' is already placed on line " + seenOnLine[p]);
            }
            seenOnLine[p] = lines.lineNumber();
            int r = regions.getValue(region);
            if (r < 0)
            {
                r = regionNames.size();
                regions.put(region, r);
                regionNames.add(region);
            }
            int c = communities.getValue(community);
            if (c < 0)
            {
                c = communityNames.size();
                communities.put(community, c);
                communityNames.add(community);
                regionOfCommunity.add(r);
                communityLine.add(lines.lineNumber());
            }
            else if (regionOfCommunity.get(c) != r)
            {
                throw lines.error("community '" + community + "' is in region '" +
                    regionNames.get(regionOfCommunity.get(c)) + "' (line " + communityLine.get(c) + "), not '" +
                    region + "': a community lies in one region");
            }
            communityOf[p] = c;
            regionOf[p] = r;
        }
        for (int p = 0; p < participants; p++)
        {
            if (seenOnLine[p] == NOT_SEEN)
            {
                throw lines.error("file ends without a community for participant '" + network.participantId(p) + "'");
            }
        }
        return new Communities(communityOf, regionOf, List.copyOf(communityNames), List.copyOf(regionNames));
    }

    private static String nonEmpty(final String value, final String what, final CsvLines lines)
        throws CsvFormatException
    {
        if (value.isEmpty())
        {
            throw lines.error(what + " is empty");
        }
        return value;
    }

    private static int[] columns(final List<String> header, final CsvLines lines) throws CsvFormatException
    {
        final int[] column = new int[COLUMNS.length];
        for (int k = 0; k < COLUMNS.length; k++)
        {
            column[k] = -1;
            for (int c = 0; c < header.size(); c++)
            {
                if (header.get(c).toLowerCase(Locale.ROOT).equals(COLUMNS[k]))
                {
                    if (column[k] != -1)
                    {
                        throw lines.error("header names the column " + COLUMNS[k] + " twice");
                    }
                    column[k] = c;
                }
            }
            if (column[k] == -1)
            {
                throw lines.error("header lacks the column " + COLUMNS[k] + ": expected " + HEADER);
            }
        }
        return column;
    }
}
