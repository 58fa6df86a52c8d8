package io.clearing.core.engine.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The command journal: a Chronicle Queue whose first document is a header naming the format and its version, then
 * one document per command: {@code int length, int crc32c, bytes}. Appends go to memory-mapped files, so a record is
 * safe from a process crash once written; surviving an operating system crash as well needs the disk to have been
 * synced (not done per record here).
 * <p>
 * Opening refuses a directory whose first document is not this header, or whose version differs, with a
 * {@link JournalFormatException}. Replay checks every record's length and checksum; a record that fails (a torn
 * write) is skipped and counted, never applied, and replay goes on with the records after it.
 * <p>
 * Threading: one {@link Writer} per writing thread (Chronicle appenders are not shared); replay on any one thread.
 */
public final class Journal implements AutoCloseable
{
    public static final int HEADER_MAGIC = 0x434C524A;
    public static final int FORMAT_VERSION = 1;
    /**
     * Replay from the first command.
     */
    public static final long START = Long.MIN_VALUE;
    private static final int RECORD_PREFIX_BYTES = 8;
    private static final int MAX_RECORD_BYTES = 1 << 16;

    private final Path directory;
    private final ChronicleQueue queue;
    private final long headerIndex;

    private Journal(final Path directory, final ChronicleQueue queue, final long headerIndex)
    {
        this.directory = directory;
        this.queue = queue;
        this.headerIndex = headerIndex;
    }

    /**
     * Opens a journal directory, creating it with a header when empty.
     *
     * @throws JournalFormatException when the directory holds something else or another format version.
     */
    public static Journal open(final Path directory)
    {
        final ChronicleQueue queue = SingleChronicleQueueBuilder.binary(directory)
            .rollCycle(LargeRollCycles.LARGE_DAILY)
            .build();
        try
        {
            final long headerIndex = readOrWriteHeader(directory, queue);
            return new Journal(directory, queue, headerIndex);
        }
        catch (final RuntimeException ex)
        {
            queue.close();
            throw ex;
        }
    }

    private static long readOrWriteHeader(final Path directory, final ChronicleQueue queue)
    {
        try (ExcerptTailer tailer = queue.createTailer())
        {
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (dc.isPresent())
                {
                    final Bytes<?> bytes = dc.wire().bytes();
                    final int magic = bytes.readRemaining() >= 8 ? bytes.readInt() : 0;
                    if (magic != HEADER_MAGIC)
                    {
                        throw new JournalFormatException(directory + ": not a clearing journal (first record has no " +
                            "journal header)");
                    }
                    final int version = bytes.readInt();
                    if (version != FORMAT_VERSION)
                    {
                        throw new JournalFormatException(directory + ": journal format version " + version +
                            " is not supported; this engine reads version " + FORMAT_VERSION + " only");
                    }
                    return dc.index();
                }
            }
        }
        try (ExcerptAppender appender = queue.createAppender())
        {
            try (DocumentContext dc = appender.writingDocument())
            {
                dc.wire().bytes().writeInt(HEADER_MAGIC).writeInt(FORMAT_VERSION);
            }
            return appender.lastIndexAppended();
        }
    }

    public Path directory()
    {
        return directory;
    }

    /**
     * @return a writer for the calling thread; close it on that thread.
     */
    public Writer newWriter()
    {
        return new Writer(queue.createAppender());
    }

    /**
     * Reads every record after {@code afterIndex} (use {@link #START} for all) and hands it to the handler.
     */
    public ReplayResult replay(final long afterIndex, final JournalRecordHandler handler)
    {
        final byte[] record = new byte[MAX_RECORD_BYTES];
        final UnsafeBuffer view = new UnsafeBuffer(record);
        final CRC32C crc = new CRC32C();
        long records = 0;
        long damaged = 0;
        long lastIndex = afterIndex;
        try (ExcerptTailer tailer = queue.createTailer())
        {
            tailer.singleThreadedCheckDisabled(true);
            final long from = afterIndex == START ? headerIndex : afterIndex;
            if (!tailer.moveToIndex(from))
            {
                throw new IllegalStateException(directory + ": journal has no record at index " +
                    Long.toHexString(from) + " to replay from");
            }
            skipOne(tailer);
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    lastIndex = dc.index();
                    final Bytes<?> bytes = dc.wire().bytes();
                    final long available = bytes.readRemaining();
                    if (available < RECORD_PREFIX_BYTES)
                    {
                        damaged++;
                        continue;
                    }
                    final int length = bytes.readInt();
                    final int expectedCrc = bytes.readInt();
                    if (length < 0 || length > MAX_RECORD_BYTES || length != available - RECORD_PREFIX_BYTES)
                    {
                        damaged++;
                        continue;
                    }
                    bytes.read(record, 0, length);
                    crc.reset();
                    crc.update(record, 0, length);
                    if ((int)crc.getValue() != expectedCrc)
                    {
                        damaged++;
                        continue;
                    }
                    handler.onRecord(lastIndex, view, 0, length);
                    records++;
                }
            }
        }
        return new ReplayResult(records, damaged, lastIndex);
    }

    private static void skipOne(final ExcerptTailer tailer)
    {
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                throw new IllegalStateException("journal record to start after is missing");
            }
        }
    }

    /**
     * @return index of the last document in the journal (the header when there are no commands).
     */
    public long lastIndex()
    {
        final long last = queue.lastIndex();
        return last < 0 ? headerIndex : last;
    }

    @Override
    public void close()
    {
        queue.close();
    }

    /**
     * Appends records from one thread. Not thread-safe; create one per writing thread.
     */
    public static final class Writer implements AutoCloseable
    {
        private final ExcerptAppender appender;
        private final CRC32C crc = new CRC32C();

        private Writer(final ExcerptAppender appender)
        {
            this.appender = appender;
            // One writer per thread is this class's contract; Chronicle's own per-call check costs ~10 % of an append.
            appender.singleThreadedCheckDisabled(true);
        }

        /**
         * Appends one command held in a heap buffer.
         *
         * @return the record's index.
         */
        public long append(final DirectBuffer buffer, final int offset, final int length)
        {
            final byte[] array = buffer.byteArray();
            if (array == null)
            {
                throw new IllegalArgumentException("journal appends take heap buffers");
            }
            final int from = buffer.wrapAdjustment() + offset;
            crc.reset();
            crc.update(array, from, length);
            try (DocumentContext dc = appender.writingDocument())
            {
                final Bytes<?> bytes = dc.wire().bytes();
                bytes.writeInt(length);
                bytes.writeInt((int)crc.getValue());
                bytes.write(array, from, length);
            }
            return appender.lastIndexAppended();
        }

        @Override
        public void close()
        {
            appender.close();
        }
    }
}
