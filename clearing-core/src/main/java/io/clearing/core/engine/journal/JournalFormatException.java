package io.clearing.core.engine.journal;

/**
 * A journal directory that this engine must not read or extend: not a clearing journal, or written by an
 * incompatible format version. The message names the directory and what was found.
 */
public final class JournalFormatException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public JournalFormatException(final String message)
    {
        super(message);
    }
}
