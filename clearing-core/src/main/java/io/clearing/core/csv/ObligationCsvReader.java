package io.clearing.core.csv;

import io.clearing.core.api.AddResult;
import io.clearing.core.api.ObligationNetwork;
import io.clearing.core.spi.ProgressListener;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads the obligations CSV: a header naming the columns {@code id} (optional), {@code debtor}, {@code creditor},
 * {@code amount} in any order (other columns are ignored), then one obligation a row.
 * <p>
 * The format has no quoting or escapes by definition (ids are any text without commas), so this reads bytes
 * directly: streaming, one buffer, a String only per id. A field wholly enclosed in double quotes has them
 * removed; spaces and tabs around fields are ignored; blank lines are skipped; a UTF-8 byte order mark is allowed.
 * <p>
 * Every problem stops the read with a {@link CsvFormatException} naming file, line and what is wrong; no partial
 * network is ever returned. Amounts are minor units, or with {@code scale > 0} decimals in major units converted
 * exactly.
 */
public final class ObligationCsvReader
{
    /**
     * Longest accepted line in bytes.
     */
    public static final int MAX_LINE_BYTES = 1 << 20;

    static final int BUFFER_BYTES = 2 * MAX_LINE_BYTES + 65536;
    private static final int NO_COLUMN = -1;

    private final int scale;
    private final ProgressListener progress;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);

    /**
     * @param scale    decimals allowed in amounts, 0 to 18; amounts are multiplied by {@code 10^scale}.
     * @param progress told how many bytes have been read, now and then.
     */
    public ObligationCsvReader(final int scale, final ProgressListener progress)
    {
        if (scale < 0 || scale > AmountParser.MAX_SCALE)
        {
            throw new IllegalArgumentException("scale must be 0 to " + AmountParser.MAX_SCALE + ": " + scale);
        }
        this.scale = scale;
        this.progress = progress;
    }

    public ObligationCsvReader()
    {
        this(0, ProgressListener.NONE);
    }

    /**
     * Reads a whole file.
     *
     * @throws CsvFormatException on the first bad line.
     * @throws IOException        when the file cannot be read.
     */
    public ObligationNetwork read(final Path file) throws IOException, CsvFormatException
    {
        final long size = Files.size(file);
        try (InputStream in = Files.newInputStream(file))
        {
            return read(in, file.toString(), size);
        }
    }

    /**
     * Reads from a stream; {@code name} is used in messages.
     */
    public ObligationNetwork read(final InputStream in, final String name, final long sizeHint)
        throws IOException, CsvFormatException
    {
        return new Parse(in, name, sizeHint).run();
    }

    /**
     * One read: the buffer, the line being parsed and the column layout.
     */
    private final class Parse
    {
        private final InputStream in;
        private final String name;
        private final byte[] buffer = new byte[BUFFER_BYTES];
        private int start;
        private int limit;
        private boolean eof;
        private long lineNumber;
        private long bytesConsumed;

        private int columns;
        private int idColumn = NO_COLUMN;
        private int debtorColumn = NO_COLUMN;
        private int creditorColumn = NO_COLUMN;
        private int amountColumn = NO_COLUMN;
        private final int[] fieldFrom = new int[64];
        private final int[] fieldTo = new int[64];
        private int[] lineOfObligation = new int[1024];
        private final ParticipantInterner participants = new ParticipantInterner();
        private final ObligationNetwork.Builder builder;

        Parse(final InputStream in, final String name, final long sizeHint)
        {
            this.in = in;
            this.name = name;
            this.builder = ObligationNetwork.builder((int)Math.min(1 << 26, Math.max(1024, sizeHint / 20)));
        }

        ObligationNetwork run() throws IOException, CsvFormatException
        {
            fill();
            if (limit >= 3 && (buffer[0] & 0xFF) == 0xEF && (buffer[1] & 0xFF) == 0xBB && (buffer[2] & 0xFF) == 0xBF)
            {
                start = 3;
            }
            boolean headerSeen = false;
            int lineEnd;
            while ((lineEnd = nextLineEnd()) >= 0)
            {
                lineNumber++;
                final int from = start;
                int to = lineEnd;
                if (to > from && buffer[to - 1] == '\r')
                {
                    to--;
                }
                if (to - from > MAX_LINE_BYTES)
                {
                    throw error("line is longer than " + MAX_LINE_BYTES + " bytes");
                }
                if (!isBlank(from, to))
                {
                    if (!headerSeen)
                    {
                        header(from, to);
                        headerSeen = true;
                    }
                    else
                    {
                        row(from, to);
                    }
                }
                start = Math.min(lineEnd + 1, limit);
            }
            if (!headerSeen)
            {
                throw new CsvFormatException(name, Math.max(1, lineNumber), "file is empty: expected a header " +
                    "with the columns debtor,creditor,amount (id optional)");
            }
            progress.bytesRead(bytesConsumed + start);
            return builder.build();
        }

        /**
         * @return index of the '\n' ending the line at {@code start} (or the end of data for a last line without
         * one), refilling as needed; -1 at end of input.
         */
        private int nextLineEnd() throws IOException, CsvFormatException
        {
            int scanFrom = start;
            while (true)
            {
                for (int i = scanFrom; i < limit; i++)
                {
                    if (buffer[i] == '\n')
                    {
                        return i;
                    }
                }
                if (eof)
                {
                    return start < limit ? limit : -1;
                }
                // One byte more than the limit may still be a line's '\r' before a '\n' not read yet.
                if (limit - start > MAX_LINE_BYTES + 1)
                {
                    lineNumber++;
                    throw error("line is longer than " + MAX_LINE_BYTES + " bytes");
                }
                scanFrom = limit - start;
                fill();
                scanFrom = Math.max(start, scanFrom);
            }
        }

        private void fill() throws IOException
        {
            if (start > 0)
            {
                System.arraycopy(buffer, start, buffer, 0, limit - start);
                bytesConsumed += start;
                limit -= start;
                start = 0;
                progress.bytesRead(bytesConsumed);
            }
            while (limit < buffer.length)
            {
                final int n = in.read(buffer, limit, buffer.length - limit);
                if (n < 0)
                {
                    eof = true;
                    return;
                }
                limit += n;
            }
        }

        private boolean isBlank(final int from, final int to)
        {
            for (int i = from; i < to; i++)
            {
                if (buffer[i] != ' ' && buffer[i] != '\t')
                {
                    return false;
                }
            }
            return true;
        }

        private int split(final int from, final int to)
        {
            int count = 0;
            int fieldStart = from;
            for (int i = from; i <= to; i++)
            {
                if (i == to || buffer[i] == ',')
                {
                    if (count < fieldFrom.length)
                    {
                        int a = fieldStart;
                        int b = i;
                        while (a < b && (buffer[a] == ' ' || buffer[a] == '\t'))
                        {
                            a++;
                        }
                        while (b > a && (buffer[b - 1] == ' ' || buffer[b - 1] == '\t'))
                        {
                            b--;
                        }
                        if (b - a >= 2 && buffer[a] == '"' && buffer[b - 1] == '"')
                        {
                            a++;
                            b--;
                        }
                        fieldFrom[count] = a;
                        fieldTo[count] = b;
                    }
                    count++;
                    fieldStart = i + 1;
                }
            }
            return count;
        }

        private void header(final int from, final int to) throws CsvFormatException
        {
            columns = split(from, to);
            if (columns > fieldFrom.length)
            {
                throw error("header has " + columns + " columns; at most " + fieldFrom.length + " are read");
            }
            for (int c = 0; c < columns; c++)
            {
                final String column = text(fieldFrom[c], fieldTo[c]).toLowerCase(Locale.ROOT);
                switch (column)
                {
                    case "id" -> idColumn = assign(idColumn, c, column);
                    case "debtor" -> debtorColumn = assign(debtorColumn, c, column);
                    case "creditor" -> creditorColumn = assign(creditorColumn, c, column);
                    case "amount" -> amountColumn = assign(amountColumn, c, column);
                    default ->
                    {
                    }
                }
            }
            final StringBuilder missing = new StringBuilder();
            appendIfMissing(missing, debtorColumn, "debtor");
            appendIfMissing(missing, creditorColumn, "creditor");
            appendIfMissing(missing, amountColumn, "amount");
            if (missing.length() > 0)
            {
                throw error("header lacks the column(s) " + missing + ": expected id,debtor,creditor,amount " +
                    "(id optional)");
            }
        }

        private int assign(final int current, final int column, final String columnName) throws CsvFormatException
        {
            if (current != NO_COLUMN)
            {
                throw error("header names the column " + columnName + " twice");
            }
            return column;
        }

        private void appendIfMissing(final StringBuilder missing, final int column, final String columnName)
        {
            if (column == NO_COLUMN)
            {
                missing.append(missing.length() == 0 ? "" : ",").append(columnName);
            }
        }

        private void row(final int from, final int to) throws CsvFormatException
        {
            final int count = split(from, to);
            if (count != columns)
            {
                throw error("expected " + columns + " columns as in the header, found " + count);
            }
            final long amount = AmountParser.parse(
                buffer, fieldFrom[amountColumn], fieldTo[amountColumn], scale);
            if (amount < 0)
            {
                throw error(amountProblem(amount));
            }
            if (amount == 0)
            {
                throw error("amount is zero");
            }
            final int debtor = participant(fieldFrom[debtorColumn], fieldTo[debtorColumn]);
            final int creditor = participant(fieldFrom[creditorColumn], fieldTo[creditorColumn]);
            String id = null;
            if (idColumn != NO_COLUMN)
            {
                id = text(fieldFrom[idColumn], fieldTo[idColumn]);
                if (id.isEmpty())
                {
                    throw error("id is empty");
                }
            }
            final AddResult result = builder.addByIndex(id, debtor, creditor, amount);
            if (result == AddResult.DUPLICATE_ID)
            {
                throw error("duplicate obligation id '" + shortened(id) + "' (first on line " +
                    lineOfObligation[builder.indexOfObligationId(id)] + ")");
            }
            if (result != AddResult.ACCEPTED)
            {
                throw error(result.reason());
            }
            final int index = builder.obligationCount() - 1;
            if (index == lineOfObligation.length)
            {
                lineOfObligation = java.util.Arrays.copyOf(lineOfObligation, index * 2);
            }
            lineOfObligation[index] = (int)Math.min(Integer.MAX_VALUE, lineNumber);
        }

        /**
         * @return the participant's index, registering it on first sight (its id then checked and decoded once).
         */
        private int participant(final int from, final int to) throws CsvFormatException
        {
            if (from == to)
            {
                throw error(AddResult.EMPTY_PARTICIPANT.reason());
            }
            final int known = participants.find(buffer, from, to);
            if (known != ParticipantInterner.NOT_FOUND)
            {
                return known;
            }
            final int index = builder.participant(text(from, to));
            final int interned = participants.add(buffer, from, to);
            if (index != interned)
            {
                throw new IllegalStateException("participant numbering diverged: " + index + " != " + interned);
            }
            return index;
        }

        private String amountProblem(final long code)
        {
            final String raw = new String(buffer, fieldFrom[amountColumn],
                Math.min(40, fieldTo[amountColumn] - fieldFrom[amountColumn]), StandardCharsets.ISO_8859_1);
            if (code == AmountParser.EMPTY)
            {
                return "amount is empty";
            }
            if (code == AmountParser.NEGATIVE)
            {
                return "amount is negative";
            }
            if (code == AmountParser.TOO_MANY_DECIMALS)
            {
                return scale == 0 ?
                    "amount '" + raw + "' has decimals: amounts are integer minor units (or use --scale)" :
                    "amount '" + raw + "' has more than " + scale + " decimals";
            }
            if (code == AmountParser.OVERFLOW)
            {
                return "amount '" + raw + "' exceeds 9223372036854775807 minor units";
            }
            return "amount '" + raw + "' is not a number";
        }

        private String text(final int from, final int to) throws CsvFormatException
        {
            boolean ascii = true;
            for (int i = from; i < to; i++)
            {
                final byte b = buffer[i];
                if (b == '"')
                {
                    throw error("double quote inside a field: ids may be any text without commas or quotes");
                }
                ascii &= b >= 0;
            }
            if (ascii)
            {
                return new String(buffer, from, to - from, StandardCharsets.ISO_8859_1);
            }
            try
            {
                return utf8.decode(ByteBuffer.wrap(buffer, from, to - from)).toString();
            }
            catch (final CharacterCodingException ex)
            {
                throw error("invalid UTF-8");
            }
        }

        /**
         * An id as quoted in a message: whole up to 60 characters, else its start and length.
         */
        private String shortened(final String id)
        {
            return id.length() <= 60 ? id : id.substring(0, 40) + "... (" + id.length() + " characters)";
        }

        private CsvFormatException error(final String reason)
        {
            return new CsvFormatException(name, lineNumber, reason);
        }
    }

}
