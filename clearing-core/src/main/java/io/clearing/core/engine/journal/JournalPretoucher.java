package io.clearing.core.engine.journal;

import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * Brings the pages a {@link Journal.Writer} is about to write into the page cache, on a thread of its own, so that
 * the writing thread (the engine's journal or logic thread) does not take the cost of a new page itself.
 * <p>
 * Chronicle Queue writes through a shared memory map of a sparse file. The first touch of each new page faults, and
 * the kernel fills the page, and the read-ahead window after it, with zeros before the write goes on: with the
 * journal on an ext4 disk that was about a fifth of the busy engine thread's time, for 70 bytes a command. Reading one
 * byte of each page ahead of the writer, through the file rather than the map, does that filling here; the writer's
 * own fault then finds the page cached. Chronicle's own pretoucher is in its commercial edition only.
 * <p>
 * It only reads, so it can never change what is written, and it is never needed for correctness: when it falls
 * behind, the writer takes its faults as without it. On tmpfs reading a hole fills nothing and the toucher gains
 * nothing (the journal is in memory anyway).
 * <p>
 * Threading: {@link #writerAt} on the writing thread; the rest on the toucher's own daemon thread.
 */
final class JournalPretoucher implements AutoCloseable
{
    /**
     * How far ahead of the writer pages are brought in: some milliseconds of writing at full rate, little enough to
     * keep the page cache lean.
     */
    static final long AHEAD_BYTES = 16L << 20;
    private static final int PAGE_BYTES = 4096;

    private final Thread thread;
    private volatile boolean running = true;
    private volatile File writerFile;
    private volatile long writerPosition;

    private File touchedFile;
    private FileChannel channel;
    // Volatile only so that tests can watch it; written once per page read, next to a system call.
    private volatile long touchedUntil;
    private final ByteBuffer oneByte = ByteBuffer.allocateDirect(1);

    JournalPretoucher(final String name)
    {
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Where the writer is: the file it writes and its position in it, after its last write.
     */
    void writerAt(final File file, final long position)
    {
        if (file != writerFile)
        {
            writerFile = file;
        }
        writerPosition = position;
    }

    /**
     * @return the end of the pages read so far in the file the writer was last seen in.
     */
    long touchedUntil()
    {
        return touchedUntil;
    }

    private void run()
    {
        final IdleStrategy idle = new BackoffIdleStrategy(1, 1, TimeUnit.MICROSECONDS.toNanos(50),
            TimeUnit.MILLISECONDS.toNanos(1));
        try
        {
            while (running)
            {
                idle.idle(touchAhead());
            }
        }
        finally
        {
            CloseHelper.quietClose(channel);
        }
    }

    /**
     * @return pages read this time.
     */
    private int touchAhead()
    {
        final File file = writerFile;
        final long position = writerPosition;
        if (file == null)
        {
            return 0;
        }
        if (file != touchedFile && !open(file) || channel == null)
        {
            return 0;
        }
        if (touchedUntil < position)
        {
            touchedUntil = position & -PAGE_BYTES;
        }
        final long until = position + AHEAD_BYTES;
        int pages = 0;
        try
        {
            while (touchedUntil < until && running)
            {
                oneByte.clear();
                if (channel.read(oneByte, touchedUntil) <= 0)
                {
                    break; // past the end of the file: Chronicle has not grown it yet
                }
                touchedUntil += PAGE_BYTES;
                pages++;
            }
        }
        catch (final IOException ex)
        {
            // Only a loss of speed: the writer takes its own faults. Try again with the next file.
            CloseHelper.quietClose(channel);
            channel = null;
            touchedFile = file;
        }
        return pages;
    }

    private boolean open(final File file)
    {
        CloseHelper.quietClose(channel);
        channel = null;
        touchedFile = file;
        touchedUntil = 0;
        try
        {
            channel = FileChannel.open(file.toPath(), StandardOpenOption.READ);
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    @Override
    public void close()
    {
        running = false;
        Journal.joinQuietly(thread);
    }
}
