package io.clearing.core.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Line and field splitting for the result files ({@link SetOffCsvReader}, {@link CertificateCsvReader}), with the
 * same rules as {@link ObligationCsvReader}: no quoting or escapes, a field wholly enclosed in double quotes has
 * them removed, spaces and tabs around fields are ignored, blank lines are skipped, a UTF-8 byte order mark is
 * allowed, lines end in LF or CRLF, strict UTF-8, at most {@link ObligationCsvReader#MAX_LINE_BYTES} a line.
 * <p>
 * These files are read once by a verifier, so this favours plain code over the obligation reader's zero-copy
 * parsing: one String per field.
 */
final class CsvLines
{
    private final InputStream in;
    private final String name;
    private final byte[] buffer = new byte[1 << 16];
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] line = new byte[256];
    private int lineLength;
    private int position;
    private int limit;
    private long lineNumber;
    private boolean eof;

    CsvLines(final InputStream in, final String name)
    {
        this.in = in;
        this.name = name;
    }

    /**
     * @return the fields of the next non-blank line, or null at the end of the file.
     */
    List<String> next() throws IOException, CsvFormatException
    {
        while (readLine())
        {
            lineNumber++;
            int from = 0;
            if (lineNumber == 1 && lineLength >= 3 &&
                (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB && (line[2] & 0xFF) == 0xBF)
            {
                from = 3;
            }
            int to = lineLength;
            if (to > from && line[to - 1] == '\r')
            {
                to--;
            }
            if (!isBlank(from, to))
            {
                return split(from, to);
            }
        }
        return null;
    }

    /**
     * @return 1-based number of the line last returned by {@link #next()}, or of the last line at the end.
     */
    long lineNumber()
    {
        return lineNumber;
    }

    String name()
    {
        return name;
    }

    CsvFormatException error(final String reason)
    {
        return new CsvFormatException(name, Math.max(1, lineNumber), reason);
    }

    private boolean readLine() throws IOException, CsvFormatException
    {
        lineLength = 0;
        boolean any = false;
        while (true)
        {
            if (position == limit)
            {
                if (eof || !fill())
                {
                    return any;
                }
            }
            any = true;
            final byte b = buffer[position++];
            if (b == '\n')
            {
                if (lineLength > ObligationCsvReader.MAX_LINE_BYTES && line[lineLength - 1] != '\r')
                {
                    lineNumber++;
                    throw error("line is longer than " + ObligationCsvReader.MAX_LINE_BYTES + " bytes");
                }
                return true;
            }
            // One byte beyond the limit may be the '\r' of a CRLF line; the '\n' decides.
            if (lineLength == ObligationCsvReader.MAX_LINE_BYTES + 1)
            {
                lineNumber++;
                throw error("line is longer than " + ObligationCsvReader.MAX_LINE_BYTES + " bytes");
            }
            if (lineLength == line.length)
            {
                line = java.util.Arrays.copyOf(line, Math.min(ObligationCsvReader.MAX_LINE_BYTES + 1, line.length * 2));
            }
            line[lineLength++] = b;
        }
    }

    private boolean fill() throws IOException
    {
        final int n = in.read(buffer, 0, buffer.length);
        if (n < 0)
        {
            eof = true;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    private boolean isBlank(final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            if (line[i] != ' ' && line[i] != '\t')
            {
                return false;
            }
        }
        return true;
    }

    private List<String> split(final int from, final int to) throws CsvFormatException
    {
        final List<String> fields = new ArrayList<>(8);
        int fieldStart = from;
        for (int i = from; i <= to; i++)
        {
            if (i == to || line[i] == ',')
            {
                int a = fieldStart;
                int b = i;
                while (a < b && (line[a] == ' ' || line[a] == '\t'))
                {
                    a++;
                }
                while (b > a && (line[b - 1] == ' ' || line[b - 1] == '\t'))
                {
                    b--;
                }
                if (b - a >= 2 && line[a] == '"' && line[b - 1] == '"')
                {
                    a++;
                    b--;
                }
                fields.add(text(a, b));
                fieldStart = i + 1;
            }
        }
        return fields;
    }

    private String text(final int from, final int to) throws CsvFormatException
    {
        for (int i = from; i < to; i++)
        {
            if (line[i] == '"')
            {
                throw error("double quote inside a field: ids may be any text without commas or quotes");
            }
        }
        try
        {
            return utf8.decode(ByteBuffer.wrap(line, from, to - from)).toString();
        }
        catch (final CharacterCodingException ex)
        {
            throw error("invalid UTF-8");
        }
    }
}
