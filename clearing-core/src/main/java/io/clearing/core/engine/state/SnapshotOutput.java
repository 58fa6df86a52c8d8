package io.clearing.core.engine.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Streams a snapshot to a channel through one buffer, little-endian, with a CRC32C of everything written appended
 * by {@link #finish()}. A file, or an Aeron publication wrapped as a channel, can take it. Single-threaded.
 */
public final class SnapshotOutput
{
    private static final int BUFFER_BYTES = 1 << 20;

    private final WritableByteChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();
    private long bytesWritten;

    public SnapshotOutput(final WritableByteChannel channel)
    {
        this.channel = channel;
    }

    public void putInt(final int value)
    {
        ensure(4);
        buffer.putInt(value);
    }

    public void putLong(final long value)
    {
        ensure(8);
        buffer.putLong(value);
    }

    void putInts(final int[] values, final int count)
    {
        int done = 0;
        while (done < count)
        {
            ensure(4);
            final int n = Math.min(count - done, buffer.remaining() / 4);
            buffer.asIntBuffer().put(values, done, n);
            buffer.position(buffer.position() + n * 4);
            done += n;
        }
    }

    void putLongs(final long[] values, final int count)
    {
        int done = 0;
        while (done < count)
        {
            ensure(8);
            final int n = Math.min(count - done, buffer.remaining() / 8);
            buffer.asLongBuffer().put(values, done, n);
            buffer.position(buffer.position() + n * 8);
            done += n;
        }
    }

    void putBytes(final byte[] values, final int count)
    {
        int done = 0;
        while (done < count)
        {
            ensure(1);
            final int n = Math.min(count - done, buffer.remaining());
            buffer.put(values, done, n);
            done += n;
        }
    }

    void putString(final String value)
    {
        final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        putInt(bytes.length);
        putBytes(bytes, bytes.length);
    }

    void putKeys(final ByteKeyIndex keys)
    {
        putInt(keys.arenaLength());
        putBytes(keys.arena(), keys.arenaLength());
        putInts(keys.offsets(), keys.size() + 1);
    }

    /**
     * Appends the checksum and flushes.
     *
     * @return bytes written including the checksum.
     */
    public long finish()
    {
        drain();
        buffer.putLong(crc.getValue());
        buffer.flip();
        write();
        return bytesWritten;
    }

    private void ensure(final int bytes)
    {
        if (buffer.remaining() < bytes)
        {
            drain();
        }
    }

    private void drain()
    {
        buffer.flip();
        crc.update(buffer.duplicate());
        write();
    }

    private void write()
    {
        try
        {
            while (buffer.hasRemaining())
            {
                bytesWritten += channel.write(buffer);
            }
            buffer.clear();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
