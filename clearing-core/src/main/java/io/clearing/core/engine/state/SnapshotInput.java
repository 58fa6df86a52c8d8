package io.clearing.core.engine.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Reads what {@link SnapshotOutput} wrote and checks its CRC32C in {@link #verifyChecksum()}. Any shortfall or
 * mismatch throws {@link SnapshotDamagedException}. Single-threaded.
 */
public final class SnapshotInput
{
    /**
     * Reads of 8 MB: a snapshot not in the page cache comes off the disk faster than in reads of 1 MB, which
     * kept fewer of the disk's reads in flight (docs/engine.md, "Restart reads").
     */
    private static final int BUFFER_BYTES = 8 << 20;

    private final ReadableByteChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();
    private int crcFrom;

    public SnapshotInput(final ReadableByteChannel channel)
    {
        this.channel = channel;
        buffer.limit(0);
    }

    public int getInt()
    {
        need(4);
        return buffer.getInt();
    }

    public long getLong()
    {
        need(8);
        return buffer.getLong();
    }

    /**
     * @return a non-negative count no larger than {@code max}.
     */
    int getCount(final int max)
    {
        final int count = getInt();
        if (count < 0 || count > max)
        {
            throw new SnapshotDamagedException("count " + count + " outside [0, " + max + "]");
        }
        return count;
    }

    void getInts(final int[] values, final int count)
    {
        getInts(values, 0, count);
    }

    void getInts(final int[] values, final int from, final int count)
    {
        int done = 0;
        while (done < count)
        {
            need(4);
            final int n = Math.min(count - done, buffer.remaining() / 4);
            buffer.asIntBuffer().get(values, from + done, n);
            buffer.position(buffer.position() + n * 4);
            done += n;
        }
    }

    void getLongs(final long[] values, final int count)
    {
        getLongs(values, 0, count);
    }

    void getLongs(final long[] values, final int from, final int count)
    {
        int done = 0;
        while (done < count)
        {
            need(8);
            final int n = Math.min(count - done, buffer.remaining() / 8);
            buffer.asLongBuffer().get(values, from + done, n);
            buffer.position(buffer.position() + n * 8);
            done += n;
        }
    }

    void getBytes(final byte[] values, final int count)
    {
        int done = 0;
        while (done < count)
        {
            need(1);
            final int n = Math.min(count - done, buffer.remaining());
            buffer.get(values, done, n);
            done += n;
        }
    }

    String getString()
    {
        final int length = getCount(1 << 20);
        final byte[] bytes = new byte[length];
        getBytes(bytes, length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    void getKeys(final ByteKeyIndex keys, final int count)
    {
        final int arenaLength = getCount(Integer.MAX_VALUE - 16);
        final byte[] arena = new byte[Math.max(64, arenaLength + arenaLength / 4)];
        getBytes(arena, arenaLength);
        final int[] offsets = new int[Math.max(17, count + 1 + count / 4)];
        getInts(offsets, count + 1);
        if (offsets[count] != arenaLength)
        {
            throw new SnapshotDamagedException("key offsets do not match key bytes");
        }
        keys.load(arena, arenaLength, offsets, count);
    }

    /**
     * Reads the trailing checksum and compares it with what was read.
     */
    public void verifyChecksum()
    {
        updateCrc();
        final long expected = crc.getValue();
        need(8);
        final long stored = buffer.getLong();
        if (stored != expected)
        {
            throw new SnapshotDamagedException("checksum mismatch");
        }
    }

    private void updateCrc()
    {
        final ByteBuffer consumed = buffer.duplicate();
        consumed.limit(buffer.position()).position(crcFrom);
        crc.update(consumed);
        crcFrom = buffer.position();
    }

    private void need(final int bytes)
    {
        if (buffer.remaining() >= bytes)
        {
            return;
        }
        updateCrc();
        buffer.compact();
        crcFrom = 0;
        try
        {
            while (buffer.position() < bytes)
            {
                if (channel.read(buffer) < 0)
                {
                    throw new SnapshotDamagedException("snapshot ends early");
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        buffer.flip();
    }
}
