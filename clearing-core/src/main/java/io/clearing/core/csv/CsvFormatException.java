package io.clearing.core.csv;

/**
 * A file that cannot be read as what it should be, with where and what: {@code file:line: reason}.
 */
public final class CsvFormatException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;
    private final String reason;

    public CsvFormatException(final String file, final long line, final String reason)
    {
        super(file + ":" + line + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public String file()
    {
        return file;
    }

    /**
     * @return 1-based line number in the file.
     */
    public long line()
    {
        return line;
    }

    public String reason()
    {
        return reason;
    }
}
