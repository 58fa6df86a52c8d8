package io.clearing.core.csv;

import io.clearing.core.api.ObligationNetwork;
import org.agrona.collections.Object2IntHashMap;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads an optimality certificate ({@code participant,potential}, as {@link SetOffCsvWriter#writeCertificate}
 * writes it) for the participants of a network: every participant of the network exactly once, in any order,
 * and nobody else. Potentials are signed integers.
 * <p>
 * Every problem stops the read with a {@link CsvFormatException} naming file, line and what is wrong.
 */
public final class CertificateCsvReader
{
    private static final int NOT_SEEN = 0;

    /**
     * @return the potential of every participant of {@code network}, indexed by participant.
     * @throws CsvFormatException on the first bad row, or at the end when a participant has no potential.
     * @throws IOException        when the file cannot be read.
     */
    public long[] read(final Path file, final ObligationNetwork network) throws IOException, CsvFormatException
    {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16))
        {
            return read(in, file.toString(), network);
        }
    }

    /**
     * Reads from a stream; {@code name} is used in messages.
     */
    public long[] read(final InputStream in, final String name, final ObligationNetwork network)
        throws IOException, CsvFormatException
    {
        final CsvLines lines = new CsvLines(in, name);
        final List<String> header = lines.next();
        if (header == null)
        {
            throw lines.error("file is empty: expected the header " + SetOffCsvWriter.CERTIFICATE_HEADER);
        }
        final int participantColumn = column(header, "participant", lines);
        final int potentialColumn = column(header, "potential", lines);

        final int participants = network.participantCount();
        final Object2IntHashMap<String> index = new Object2IntHashMap<>(Math.max(16, participants * 2), 0.65f, -1);
        for (int p = 0; p < participants; p++)
        {
            index.put(network.participantId(p), p);
        }
        final long[] potential = new long[participants];
        // line on which each participant's potential was given; NOT_SEEN until then
        final long[] seenOnLine = new long[participants];
        List<String> fields;
        while ((fields = lines.next()) != null)
        {
            if (fields.size() != header.size())
            {
                throw lines.error("expected " + header.size() + " columns as in the header, found " + fields.size());
            }
            final String participantId = fields.get(participantColumn);
            final int p = index.getValue(participantId);
            if (p == -1)
            {
                throw lines.error("participant '" + participantId + "' does not appear in the obligations");
            }
            if (seenOnLine[p] != NOT_SEEN)
            {
                throw lines.error("participant '" + participantId + "' appears twice (first on line " +
                    seenOnLine[p] + ")");
            }
            seenOnLine[p] = lines.lineNumber();
            potential[p] = parsePotential(fields.get(potentialColumn), lines);
        }
        for (int p = 0; p < participants; p++)
        {
            if (seenOnLine[p] == NOT_SEEN)
            {
                throw lines.error("file ends without a potential for participant '" + network.participantId(p) + "'");
            }
        }
        return potential;
    }

    private static long parsePotential(final String text, final CsvLines lines) throws CsvFormatException
    {
        final int start = text.startsWith("-") ? 1 : 0;
        boolean digits = text.length() > start;
        for (int i = start; i < text.length() && digits; i++)
        {
            digits = text.charAt(i) >= '0' && text.charAt(i) <= '9';
        }
        if (!digits)
        {
            throw lines.error("potential '" + text + "' is not an integer");
        }
        try
        {
            return Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            throw lines.error("potential '" + text + "' does not fit in 64 bits");
        }
    }

    private static int column(final List<String> header, final String name, final CsvLines lines)
        throws CsvFormatException
    {
        int found = -1;
        for (int c = 0; c < header.size(); c++)
        {
            if (header.get(c).toLowerCase(Locale.ROOT).equals(name))
            {
                if (found != -1)
                {
                    throw lines.error("header names the column " + name + " twice");
                }
                found = c;
            }
        }
        if (found == -1)
        {
            throw lines.error("header lacks the column " + name + ": expected " + SetOffCsvWriter.CERTIFICATE_HEADER);
        }
        return found;
    }
}
