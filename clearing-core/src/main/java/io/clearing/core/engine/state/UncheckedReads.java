package io.clearing.core.engine.state;

import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

/**
 * Reads of a command's fixed fields without the range check Agrona's buffers make on every read, for the hot commands
 * (submissions and payments), whose whole range {@link ClearingStateMachine#apply} checks once and whose fields are
 * read only after their length is known to cover them. Byte order as {@link DirectBuffer#getInt(int)}: native.
 */
final class UncheckedReads
{
    private UncheckedReads()
    {
    }

    static short getShort(final DirectBuffer buffer, final int index)
    {
        return UnsafeApi.getShort(buffer.byteArray(), buffer.addressOffset() + index);
    }

    static int getInt(final DirectBuffer buffer, final int index)
    {
        return UnsafeApi.getInt(buffer.byteArray(), buffer.addressOffset() + index);
    }

    static long getLong(final DirectBuffer buffer, final int index)
    {
        return UnsafeApi.getLong(buffer.byteArray(), buffer.addressOffset() + index);
    }
}
