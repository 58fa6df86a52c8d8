package io.clearing.client.codec;

import org.agrona.DirectBuffer;

/**
 * Reads the fields of one received message in order and checks each against the bytes actually received, so that a
 * malformed message is refused with the name of the field that is wrong instead of read past its end. A failed
 * read leaves {@link #error()} set (the only allocation, and only for bad input) and every later read fails too.
 * Owned by one thread.
 */
public final class FieldCursor
{
    private DirectBuffer buffer;
    private int position;
    private int limit;
    private String error;
    private boolean tooLong;
    private int lastStringOffset;
    private int lastStringLength;

    /**
     * @param offset where the fields start.
     * @param limit  first offset after the message.
     */
    public FieldCursor wrap(final DirectBuffer buffer, final int offset, final int limit)
    {
        this.buffer = buffer;
        this.position = offset;
        this.limit = limit;
        this.error = null;
        this.tooLong = false;
        return this;
    }

    public boolean ok()
    {
        return error == null;
    }

    /**
     * @return what is wrong, naming the field, or null.
     */
    public String error()
    {
        return error;
    }

    /**
     * @return true when the failure was a string over its limit (the layout itself is intact).
     */
    public boolean tooLong()
    {
        return tooLong;
    }

    public int position()
    {
        return position;
    }

    public long readLong(final String field)
    {
        if (!require(8, field, ""))
        {
            return 0;
        }
        final long value = buffer.getLong(position, Wire.ORDER);
        position += 8;
        return value;
    }

    public int readInt(final String field)
    {
        if (!require(4, field, ""))
        {
            return 0;
        }
        final int value = buffer.getInt(position, Wire.ORDER);
        position += 4;
        return value;
    }

    /**
     * Reads a length-prefixed string; its place is then {@link #stringOffset()} and {@link #stringLength()}. A string
     * longer than {@code maxBytes} is skipped and flagged {@link #tooLong()}, so the fields after it stay readable.
     *
     * @return false when the string does not fit in the message.
     */
    public boolean readString(final int maxBytes, final String field)
    {
        if (!require(Wire.STRING_LENGTH_BYTES, field, " length"))
        {
            return false;
        }
        final int length = Wire.stringLength(buffer, position);
        position += Wire.STRING_LENGTH_BYTES;
        if (length > limit - position)
        {
            fail(field + " of " + length + " bytes runs past the end of the message (" + (limit - position) +
                " bytes left)");
            return false;
        }
        lastStringOffset = position;
        lastStringLength = length;
        position += length;
        if (length > maxBytes && !tooLong && error == null)
        {
            tooLong = true;
            error = field + " is longer than " + maxBytes + " bytes: " + length;
        }
        return true;
    }

    public int stringOffset()
    {
        return lastStringOffset;
    }

    public int stringLength()
    {
        return lastStringLength;
    }

    /**
     * Fails unless the message ends exactly here.
     */
    public boolean requireEnd(final String what)
    {
        if (error == null && position != limit)
        {
            fail((limit - position) + " unexpected bytes after " + what);
        }
        return error == null;
    }

    /**
     * @param what appended to the field name in the message (built only on failure: this runs for every field).
     */
    private boolean require(final int bytes, final String field, final String what)
    {
        if (error != null && !tooLong)
        {
            return false;
        }
        if (limit - position < bytes)
        {
            fail(field + what + " missing: " + (limit - position) + " bytes left in the message, " + bytes +
                " needed");
            return false;
        }
        return true;
    }

    private void fail(final String message)
    {
        if (error == null || tooLong)
        {
            error = message;
            tooLong = false;
        }
    }
}
