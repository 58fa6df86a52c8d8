package io.clearing.core.csv;

import io.clearing.core.policy.ClearingPolicy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads the notices of a policy run ({@link PolicySetOffCsvWriter#HEADER}) back against the obligations and the
 * policy they claim to follow, for {@link io.clearing.core.policy.PolicyCertificate#verify}. Rows are matched to
 * obligations as {@link SetOffCsvReader} matches them (id, debtor, creditor, amount, remainder); in addition each
 * row's {@code unit} must be its obligation's unit under the policy and {@code 0 <= across_units <= set_off}. The
 * note is for people and is not read.
 * <p>
 * Every problem stops the read with a {@link CsvFormatException} naming file, line and what is wrong.
 */
public final class PolicySetOffCsvReader
{
    private final int scale;
    private final SetOffCsvReader setOffReader;

    /**
     * The discharges of a policy run: the whole per obligation, and the part of it across units.
     *
     * @param setOffMinor    per obligation, the discharge in its unit's minor units.
     * @param crossUnitMinor per obligation, the part of it discharged across units through the treasury.
     */
    public record Discharges(long[] setOffMinor, long[] crossUnitMinor)
    {
    }

    /**
     * @param scale decimals the amounts were written with, 0 to 18 (0: integer minor units).
     */
    public PolicySetOffCsvReader(final int scale)
    {
        setOffReader = new SetOffCsvReader(scale);
        this.scale = scale;
    }

    /**
     * @throws CsvFormatException on the first row that is unreadable or does not match its obligation.
     * @throws IOException        when the file cannot be read.
     */
    public Discharges read(final Path file, final ClearingPolicy policy) throws IOException, CsvFormatException
    {
        final long[] setOff = setOffReader.read(file, policy.network());
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16))
        {
            return new Discharges(setOff, readUnitColumns(in, file.toString(), policy, setOff));
        }
    }

    private long[] readUnitColumns(
        final InputStream in, final String name, final ClearingPolicy policy, final long[] setOff)
        throws IOException, CsvFormatException
    {
        final CsvLines lines = new CsvLines(in, name);
        final List<String> header = lines.next();
        final int unitColumn = column(header, "unit", lines);
        final int crossColumn = column(header, "across_units", lines);
        final long[] cross = new long[setOff.length];
        List<String> fields;
        for (int row = 0; (fields = lines.next()) != null; row++)
        {
            final String unit = fields.get(unitColumn);
            final String expected = policy.unitName(policy.unit(row));
            if (!unit.equals(expected))
            {
                throw lines.error("unit '" + unit + "' differs from obligation " + (row + 1) + "'s unit '" +
                    expected + "'");
            }
            cross[row] = setOffReader.amount(fields.get(crossColumn), "across_units", lines);
            if (cross[row] > setOff[row])
            {
                throw lines.error("across_units " + fields.get(crossColumn) + " exceeds set_off");
            }
        }
        return cross;
    }

    private static int column(final List<String> header, final String name, final CsvLines lines)
        throws CsvFormatException
    {
        for (int c = 0; c < header.size(); c++)
        {
            if (header.get(c).toLowerCase(Locale.ROOT).equals(name))
            {
                return c;
            }
        }
        throw lines.error("header lacks the column " + name + ": expected " + PolicySetOffCsvWriter.HEADER);
    }
}
