package io.clearing.core.csv;

import io.clearing.core.api.ObligationNetwork;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads a set-off CSV ({@code id,debtor,creditor,amount,set_off,remainder}, as {@link SetOffCsvWriter} writes it)
 * back against the obligations it claims to settle, for an independent check of somebody else's clearing run.
 * <p>
 * Rows are matched to the network's obligations by position: row {@code k} must repeat obligation {@code k}'s id,
 * debtor, creditor and amount exactly, and its remainder must equal {@code amount - set_off}. Columns may come in
 * any order; other columns are ignored. Whether the set-offs are feasible and optimal is not this reader's
 * business: see {@link io.clearing.core.api.CertificateVerifier}.
 * <p>
 * Every problem stops the read with a {@link CsvFormatException} naming file, line and what is wrong.
 */
public final class SetOffCsvReader
{
    private static final String[] COLUMNS = {"id", "debtor", "creditor", "amount", "set_off", "remainder"};
    private static final int ID = 0;
    private static final int DEBTOR = 1;
    private static final int CREDITOR = 2;
    private static final int AMOUNT = 3;
    private static final int SET_OFF = 4;
    private static final int REMAINDER = 5;

    private final int scale;

    /**
     * @param scale decimals the amounts were written with, 0 to 18 (0: integer minor units).
     */
    public SetOffCsvReader(final int scale)
    {
        if (scale < 0 || scale > AmountParser.MAX_SCALE)
        {
            throw new IllegalArgumentException("scale must be 0 to " + AmountParser.MAX_SCALE + ": " + scale);
        }
        this.scale = scale;
    }

    /**
     * @return the set-off of every obligation of {@code network} in minor units, indexed by obligation.
     * @throws CsvFormatException on the first row that is unreadable or does not match its obligation.
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
            throw lines.error("file is empty: expected the header " + SetOffCsvWriter.SET_OFF_HEADER);
        }
        final int[] column = columns(header, lines);
        final int obligations = network.obligationCount();
        final long[] setOff = new long[obligations];
        int row = 0;
        List<String> fields;
        while ((fields = lines.next()) != null)
        {
            if (row == obligations)
            {
                throw lines.error("more rows than the " + obligations + " obligations");
            }
            if (fields.size() != header.size())
            {
                throw lines.error("expected " + header.size() + " columns as in the header, found " + fields.size());
            }
            setOff[row] = matchRow(fields, column, network, row, lines);
            row++;
        }
        if (row < obligations)
        {
            throw lines.error("file ends after " + row + " rows but there are " + obligations + " obligations");
        }
        return setOff;
    }

    private long matchRow(
        final List<String> fields, final int[] column, final ObligationNetwork network, final int row,
        final CsvLines lines) throws CsvFormatException
    {
        expectEqual(fields.get(column[ID]), network.obligationId(row), "id", row, lines);
        expectEqual(fields.get(column[DEBTOR]), network.participantId(network.debtor(row)), "debtor", row, lines);
        expectEqual(fields.get(column[CREDITOR]), network.participantId(network.creditor(row)), "creditor", row,
            lines);
        final long amount = amount(fields.get(column[AMOUNT]), "amount", lines);
        if (amount != network.amountMinor(row))
        {
            throw lines.error("amount " + fields.get(column[AMOUNT]) + " differs from obligation " + (row + 1) +
                "'s amount " + SetOffCsvWriter.appendAmount(new StringBuilder(), network.amountMinor(row), scale));
        }
        final long setOff = amount(fields.get(column[SET_OFF]), "set_off", lines);
        final long remainder = amount(fields.get(column[REMAINDER]), "remainder", lines);
        if (setOff > amount || remainder != amount - setOff)
        {
            throw lines.error("remainder " + fields.get(column[REMAINDER]) + " is not amount - set_off (" +
                fields.get(column[AMOUNT]) + " - " + fields.get(column[SET_OFF]) + ")");
        }
        return setOff;
    }

    private static void expectEqual(
        final String actual, final String expected, final String what, final int row, final CsvLines lines)
        throws CsvFormatException
    {
        if (!actual.equals(expected))
        {
            throw lines.error(what + " '" + actual + "' differs from obligation " + (row + 1) + "'s " + what +
                " '" + expected + "'");
        }
    }

    long amount(final String text, final String what, final CsvLines lines) throws CsvFormatException
    {
        final byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        final long value = AmountParser.parse(bytes, 0, bytes.length, scale);
        if (value >= 0)
        {
            return value;
        }
        if (value == AmountParser.EMPTY)
        {
            throw lines.error(what + " is empty");
        }
        if (value == AmountParser.NEGATIVE)
        {
            throw lines.error(what + " is negative");
        }
        if (value == AmountParser.TOO_MANY_DECIMALS)
        {
            throw lines.error(what + " '" + text + "' has more than " + scale + " decimals");
        }
        if (value == AmountParser.OVERFLOW)
        {
            throw lines.error(what + " '" + text + "' exceeds 9223372036854775807 minor units");
        }
        throw lines.error(what + " '" + text + "' is not a number");
    }

    private static int[] columns(final List<String> header, final CsvLines lines) throws CsvFormatException
    {
        final int[] column = new int[COLUMNS.length];
        java.util.Arrays.fill(column, -1);
        for (int c = 0; c < header.size(); c++)
        {
            final String name = header.get(c).toLowerCase(Locale.ROOT);
            for (int k = 0; k < COLUMNS.length; k++)
            {
                if (COLUMNS[k].equals(name))
                {
                    if (column[k] != -1)
                    {
                        throw lines.error("header names the column " + name + " twice");
                    }
                    column[k] = c;
                }
            }
        }
        final StringBuilder missing = new StringBuilder();
        for (int k = 0; k < COLUMNS.length; k++)
        {
            if (column[k] == -1)
            {
                missing.append(missing.length() == 0 ? "" : ",").append(COLUMNS[k]);
            }
        }
        if (missing.length() > 0)
        {
            throw lines.error("header lacks the column(s) " + missing + ": expected " +
                SetOffCsvWriter.SET_OFF_HEADER);
        }
        return column;
    }
}
