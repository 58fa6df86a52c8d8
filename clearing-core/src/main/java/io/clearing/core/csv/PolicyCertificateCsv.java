package io.clearing.core.csv;

import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.policy.ClearingPolicy;
import io.clearing.core.policy.PolicyCertificate;
import io.clearing.core.policy.PolicyCertificate.Kind;
import io.clearing.core.policy.PolicyCertificate.Stage;
import org.agrona.collections.Object2IntHashMap;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The certificate of a policy run as CSV, {@link #HEADER}: one row per node of each stage's extended graph and one
 * per conversion (layout in docs/policies.md).
 * <pre>
 * stage,kind,participant,unit,to_unit,value
 * within,participant,bakery,EUR,,-2        the potential of bakery's node in EUR (no cap)
 * within,receivables,mill,EUR,,0           mill has a cap in EUR: the node its receivables enter ...
 * within,payables,mill,EUR,,-1             ... and the node its payables leave
 * within,liquidity,,SRD,,3                 the liquidity node of SRD
 * across,participant,hotel,SRD,,1          the across-units stage (lots), same node kinds
 * across,conversion,hotel,EUR,SRD,4        hotel converted 4 lots of EUR receivables into SRD payables
 * </pre>
 * The reader refuses unknown stages, kinds, participants and units, a node or conversion given twice and a value
 * that is not an integer (lots must not be negative), each as {@code FILE:LINE: reason}; whether the nodes are the
 * policy's and the potentials prove anything is {@link PolicyCertificate#verify}'s business.
 */
public final class PolicyCertificateCsv
{
    public static final String HEADER = "stage,kind,participant,unit,to_unit,value";
    private static final String[] COLUMNS = {"stage", "kind", "participant", "unit", "to_unit", "value"};

    private PolicyCertificateCsv()
    {
    }

    /**
     * Writes the certificate atomically.
     */
    public static void write(final Path target, final PolicyCertificate certificate) throws IOException
    {
        SetOffCsvWriter.writeAtomically(target, out ->
        {
            out.write(HEADER);
            out.write('\n');
            final StringBuilder row = new StringBuilder(96);
            for (int e = 0, n = certificate.entries(); e < n; e++)
            {
                row.setLength(0);
                out.append(appendEntry(row, certificate, e).append('\n'));
            }
        });
    }

    /**
     * Appends entry {@code e} as the columns of {@link #HEADER}: the row of a policy certificate file, and the end
     * of a run certificate file's {@code certificate} row.
     */
    static StringBuilder appendEntry(final StringBuilder row, final PolicyCertificate certificate, final int e)
    {
        final ClearingPolicy policy = certificate.policy();
        row.append(certificate.stage(e).label()).append(',').append(certificate.kind(e).label()).append(',');
        if (certificate.participant(e) >= 0)
        {
            row.append(policy.network().participantId(certificate.participant(e)));
        }
        row.append(',').append(policy.unitName(certificate.unit(e))).append(',');
        if (certificate.toUnit(e) >= 0)
        {
            row.append(policy.unitName(certificate.toUnit(e)));
        }
        return row.append(',').append(certificate.value(e));
    }

    /**
     * @return the certificate, its entries resolved against the policy's participants and units.
     * @throws CsvFormatException on the first bad row.
     * @throws IOException        when the file cannot be read.
     */
    public static PolicyCertificate read(final Path file, final ClearingPolicy policy)
        throws IOException, CsvFormatException
    {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16))
        {
            return read(in, file.toString(), policy);
        }
    }

    /**
     * Reads from a stream; {@code name} is used in messages.
     */
    public static PolicyCertificate read(final InputStream in, final String name, final ClearingPolicy policy)
        throws IOException, CsvFormatException
    {
        final CsvLines lines = new CsvLines(in, name);
        final List<String> header = lines.next();
        if (header == null)
        {
            throw lines.error("file is empty: expected the header " + HEADER);
        }
        final int[] column = columns(header, lines);
        final ObligationNetwork network = policy.network();
        final Object2IntHashMap<String> participants =
            new Object2IntHashMap<>(Math.max(16, network.participantCount() * 2), 0.65f, -1);
        for (int p = 0; p < network.participantCount(); p++)
        {
            participants.put(network.participantId(p), p);
        }
        final PolicyCertificate.Builder builder = PolicyCertificate.builder(policy);
        long[] lineOf = new long[16];
        int entries = 0;
        List<String> fields;
        while ((fields = lines.next()) != null)
        {
            if (fields.size() != header.size())
            {
                throw lines.error("expected " + header.size() + " columns as in the header, found " + fields.size());
            }
            final int earlier = addRow(builder, fields, column, participants, policy, lines);
            if (earlier >= 0)
            {
                throw lines.error("the same " + fields.get(column[1]) + " is already given on line " + lineOf[earlier]);
            }
            if (entries == lineOf.length)
            {
                lineOf = Arrays.copyOf(lineOf, entries * 2);
            }
            lineOf[entries++] = lines.lineNumber();
        }
        return builder.build();
    }

    private static int addRow(
        final PolicyCertificate.Builder builder, final List<String> fields, final int[] column,
        final Object2IntHashMap<String> participants, final ClearingPolicy policy, final CsvLines lines)
        throws CsvFormatException
    {
        final long value = integer(fields.get(column[5]), lines);
        return addEntry(builder, policy, fields.get(column[0]), fields.get(column[1]), fields.get(column[2]),
            fields.get(column[3]), fields.get(column[4]), value, new EntryRows()
            {
                @Override
                public int participant(final String id) throws CsvFormatException
                {
                    final int participant = participants.getValue(id);
                    if (participant < 0)
                    {
                        throw lines.error("participant '" + id + "' does not appear in the obligations");
                    }
                    return participant;
                }

                @Override
                public CsvFormatException error(final String reason)
                {
                    return lines.error(reason);
                }
            });
    }

    /**
     * What a reader of certificate rows supplies to {@link #addEntry}: its participants and its error lines.
     */
    interface EntryRows
    {
        /**
         * @throws CsvFormatException when the id is not a participant of the run.
         */
        int participant(String id) throws CsvFormatException;

        CsvFormatException error(String reason);
    }

    /**
     * Adds one certificate row, a node's potential or a conversion, to {@code builder}: the rules of a row whether
     * it stands in a policy certificate file or in a run certificate file.
     *
     * @return as {@link PolicyCertificate.Builder#potential}: the earlier entry for the same node or conversion, or
     * a negative number.
     */
    static int addEntry(
        final PolicyCertificate.Builder builder,
        final ClearingPolicy policy,
        final String stageLabel,
        final String kindLabel,
        final String participantId,
        final String unitName,
        final String toUnitName,
        final long value,
        final EntryRows rows) throws CsvFormatException
    {
        final Stage stage = Stage.ofLabel(stageLabel.toLowerCase(Locale.ROOT));
        if (stage == null)
        {
            throw rows.error("stage '" + stageLabel + "': expected within or across");
        }
        final Kind kind = Kind.ofLabel(kindLabel.toLowerCase(Locale.ROOT));
        if (kind == null)
        {
            throw rows.error("kind '" + kindLabel +
                "': expected participant, receivables, payables, liquidity or conversion");
        }
        final int participant;
        if (kind == Kind.LIQUIDITY)
        {
            if (!participantId.isEmpty())
            {
                throw rows.error("a liquidity node has no participant: found '" + participantId + "'");
            }
            participant = -1;
        }
        else
        {
            participant = rows.participant(participantId);
        }
        final int unit = unit(unitName, "unit", policy, rows);
        if (kind != Kind.CONVERSION)
        {
            if (!toUnitName.isEmpty())
            {
                throw rows.error("to_unit is only for a conversion: found '" + toUnitName + "'");
            }
            return builder.potential(stage, kind, participant, unit, value);
        }
        if (stage != Stage.ACROSS_UNITS)
        {
            throw rows.error("a conversion belongs to the across stage");
        }
        final int toUnit = unit(toUnitName, "to_unit", policy, rows);
        if (toUnit == unit)
        {
            throw rows.error("a conversion needs two different units");
        }
        if (value < 0)
        {
            throw rows.error("conversion lots are negative");
        }
        return builder.conversion(participant, unit, toUnit, value);
    }

    private static int unit(final String name, final String what, final ClearingPolicy policy, final EntryRows rows)
        throws CsvFormatException
    {
        final int unit = policy.unitIndex(name);
        if (unit < 0)
        {
            throw rows.error(what + " '" + name + "' is not a unit of the obligations or the policy");
        }
        return unit;
    }

    private static long integer(final String text, final CsvLines lines) throws CsvFormatException
    {
        final int start = text.startsWith("-") ? 1 : 0;
        boolean digits = text.length() > start;
        for (int i = start; i < text.length() && digits; i++)
        {
            digits = text.charAt(i) >= '0' && text.charAt(i) <= '9';
        }
        if (!digits)
        {
            throw lines.error("value '" + text + "' is not an integer");
        }
        try
        {
            return Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            throw lines.error("value '" + text + "' does not fit in 64 bits");
        }
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
