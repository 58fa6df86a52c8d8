package io.clearing.core.engine.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.CRC32C;

/**
 * The command journal: a Chronicle Queue whose first document is a header naming the format and its version, then
 * documents of up to {@value #MAX_RECORDS_PER_DOCUMENT} commands each: {@code int count, int crc32c of the rest,
 * count x record}, a record being {@code int length, bytes} in versions 2 and 3 and a {@link CompactRecords} one from
 * version 4. Either way replay hands out each command's bytes as they were written, and a command's position is its
 * document's index and its ordinal in it. Appends go to
 * memory-mapped files, so a document is safe from a process crash once written; surviving an operating system
 * crash as well needs the disk to have been synced (not done per document here).
 * <p>
 * Opening refuses a directory whose first document is not this header, or whose version it cannot read, with a
 * {@link JournalFormatException}. Replay checks every document's layout and checksum; one that fails (a torn or
 * damaged write) is skipped whole and counted, never applied, and replay goes on with the documents after it.
 * <p>
 * Threading: one {@link Writer} per writing thread (Chronicle appenders are not shared); replay on any one thread,
 * or {@link #replay(long, int, RecordHinter, JournalRecordHandler) pipelined} over two: a reader thread that reads,
 * checks and annotates documents ahead of the calling thread, which applies them.
 */
public final class Journal implements AutoCloseable
{
    public static final int HEADER_MAGIC = 0x434C524A;
    /**
     * Version written to new journals. Version 3 added the community-policy command types (7 onwards) and nothing
     * else, so journals of version 2 are read and appended to as they are; a new journal said 3 so that an engine
     * that knows only version 2 refuses it instead of answering its policy commands as malformed. Version 4 writes
     * records in the {@link CompactRecords} form. A journal is appended to in the form of its own version, so one
     * directory never mixes them.
     */
    public static final int FORMAT_VERSION = 4;
    /**
     * First version whose documents hold {@link CompactRecords}.
     */
    static final int COMPACT_RECORDS_VERSION = 4;
    /**
     * Oldest version this engine reads.
     */
    public static final int OLDEST_READABLE_VERSION = 2;
    /**
     * Most commands in one journal document.
     */
    public static final int MAX_RECORDS_PER_DOCUMENT = 1024;
    /**
     * Replay from the first command.
     */
    public static final long START = Long.MIN_VALUE;
    private static final int DOCUMENT_HEADER_BYTES = 8;
    private static final int MAX_RECORD_BYTES = 1 << 16;
    private static final int MAX_DOCUMENT_BYTES = 1 << 20;
    /**
     * Batches a pipelined replay's reader may be ahead of the applying thread.
     */
    private static final int PIPELINE_BATCHES = 16;
    /**
     * A pipelined replay's reader hands a batch over once it holds this many records, gathering consecutive documents
     * until then. A lightly loaded engine journals a document per command: handed over one at a time, such documents
     * kept both threads parking in turn, and a journal of them replayed at under 1 M commands/s instead of 3 to 4.6 M
     * (docs/engine.md).
     */
    static final int BATCH_RECORDS = 256;

    private final Path directory;
    private final ChronicleQueue queue;
    private final long headerIndex;
    private final int version;

    private Journal(final Path directory, final ChronicleQueue queue, final long headerIndex, final int version)
    {
        this.directory = directory;
        this.queue = queue;
        this.headerIndex = headerIndex;
        this.version = version;
    }

    /**
     * Opens a journal directory, creating it with a header of {@link #FORMAT_VERSION} when empty.
     *
     * @throws JournalFormatException when the directory holds something else or another format version.
     */
    public static Journal open(final Path directory)
    {
        return open(directory, FORMAT_VERSION);
    }

    /**
     * Opens a journal directory, creating it with a header of {@code versionIfNew} when empty: an older version (from
     * {@link #OLDEST_READABLE_VERSION}) makes a journal that an engine of that version can still read, written in
     * that version's form. An existing journal keeps its own version.
     *
     * @throws JournalFormatException when the directory holds something else or another format version.
     * @throws IllegalArgumentException when this engine cannot write {@code versionIfNew}.
     */
    public static Journal open(final Path directory, final int versionIfNew)
    {
        if (versionIfNew < OLDEST_READABLE_VERSION || versionIfNew > FORMAT_VERSION)
        {
            throw new IllegalArgumentException("journal format version " + versionIfNew + ": this engine writes " +
                OLDEST_READABLE_VERSION + " to " + FORMAT_VERSION);
        }
        final ChronicleQueue queue = openQueue(directory);
        try
        {
            final Header header = readOrWriteHeader(directory, queue, versionIfNew);
            return new Journal(directory, queue, header.index(), header.version());
        }
        catch (final RuntimeException ex)
        {
            queue.close();
            throw ex;
        }
    }

    /**
     * The journal's first document: where it is and the format version it names.
     */
    private record Header(long index, int version)
    {
    }

    /**
     * The Chronicle queue of a journal directory, as {@link #open} reads and writes it (tests write into it raw).
     */
    static ChronicleQueue openQueue(final Path directory)
    {
        return SingleChronicleQueueBuilder.binary(directory).rollCycle(LargeRollCycles.LARGE_DAILY).build();
    }

    private static Header readOrWriteHeader(final Path directory, final ChronicleQueue queue, final int versionIfNew)
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
                    if (version < OLDEST_READABLE_VERSION || version > FORMAT_VERSION)
                    {
                        throw new JournalFormatException(directory + ": journal format version " + version +
                            " is not supported; this engine reads versions " + OLDEST_READABLE_VERSION + " to " +
                            FORMAT_VERSION);
                    }
                    return new Header(dc.index(), version);
                }
            }
        }
        try (ExcerptAppender appender = queue.createAppender())
        {
            try (DocumentContext dc = appender.writingDocument())
            {
                dc.wire().bytes().writeInt(HEADER_MAGIC).writeInt(versionIfNew);
            }
            return new Header(appender.lastIndexAppended(), versionIfNew);
        }
    }

    public Path directory()
    {
        return directory;
    }

    /**
     * @return the format version this journal was created with, which its appends keep.
     */
    public int formatVersion()
    {
        return version;
    }

    /**
     * @return whether this journal stores submissions and payments as {@link CompactRecords} (version
     * {@value #COMPACT_RECORDS_VERSION} and later).
     */
    public boolean compactRecords()
    {
        return version >= COMPACT_RECORDS_VERSION;
    }

    /**
     * Reads the whole journal (not for a hot path).
     *
     * @return the bytes its command documents take as stored, their 8-byte headers left out: what its record form
     * costs.
     */
    public long storedRecordBytes()
    {
        long bytes = 0;
        try (ExcerptTailer tailer = queue.createTailer())
        {
            if (!tailer.moveToIndex(headerIndex))
            {
                throw new IllegalStateException(directory + ": journal header not found");
            }
            tailer.readingDocument().close();
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        return bytes;
                    }
                    bytes += dc.wire().bytes().readRemaining() - DOCUMENT_HEADER_BYTES;
                }
            }
        }
    }

    /**
     * @return a writer for the calling thread, with a {@link JournalPretoucher}; close it on that thread.
     */
    public Writer newWriter()
    {
        return newWriter(true);
    }

    /**
     * @param pretouch whether a thread of its own brings the pages the writer is about to write into the page cache
     *                 ({@link JournalPretoucher}).
     * @return a writer for the calling thread; close it on that thread.
     */
    public Writer newWriter(final boolean pretouch)
    {
        return new Writer(queue.createAppender(), pretouch ? new JournalPretoucher("journal-touch") : null,
            compactRecords() ? new CompactRecords() : null);
    }

    /**
     * Reads every record after the position {@code (afterIndex, afterOrdinal)} (use {@link #START} for all) and hands
     * it to the handler.
     */
    public ReplayResult replay(final long afterIndex, final int afterOrdinal, final JournalRecordHandler handler)
    {
        final byte[] target = new byte[MAX_DOCUMENT_BYTES];
        final UnsafeBuffer view = new UnsafeBuffer(target);
        final long[] records = new long[1];
        final ReplayResult read = readDocuments(afterIndex, afterOrdinal, new DocumentSink()
        {
            @Override
            public byte[] target()
            {
                return target;
            }

            @Override
            public int targetOffset()
            {
                return 0;
            }

            @Override
            public void onDocument(final long index, final int count, final int from)
            {
                int at = DOCUMENT_HEADER_BYTES;
                for (int ordinal = 0; ordinal < count; ordinal++)
                {
                    final int recordLength = view.getInt(at);
                    if (ordinal >= from)
                    {
                        handler.onRecord(index, ordinal, view, at + 4, recordLength);
                        records[0]++;
                    }
                    at += 4 + recordLength;
                }
            }
        });
        return new ReplayResult(records[0], read.damagedDocuments(), read.lastIndex());
    }

    /**
     * Reads and checks every document after {@code (afterIndex, afterOrdinal)}, handing each sound one to the sink
     * with the ordinal its replay starts from; damaged ones are counted and skipped.
     *
     * @return damaged documents and the last index read (records left at 0: the sink counts them).
     */
    private ReplayResult readDocuments(final long afterIndex, final int afterOrdinal, final DocumentSink sink)
    {
        final DocumentReader reader = new DocumentReader(compactRecords());
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
            int skipThrough = afterOrdinal;
            if (afterIndex == START)
            {
                tailer.readingDocument().close();
                skipThrough = -1;
            }
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    final long index = dc.index();
                    final Bytes<?> bytes = dc.wire().bytes();
                    final int length = (int)Math.min(bytes.readRemaining(), MAX_DOCUMENT_BYTES + 1);
                    final byte[] document = length <= MAX_DOCUMENT_BYTES ? sink.target() : null;
                    final int count = document != null ?
                        reader.read(bytes, document, sink.targetOffset(), length) : -1;
                    if (count < 0)
                    {
                        damaged++;
                        skipThrough = -1;
                        continue;
                    }
                    sink.onDocument(index, count, Math.max(0, Math.min(count, skipThrough + 1)));
                    skipThrough = -1;
                    lastIndex = index;
                }
            }
        }
        return new ReplayResult(0, damaged, lastIndex);
    }

    /**
     * Annotates a command on the reader thread of a pipelined replay before the handler gets it.
     */
    @FunctionalInterface
    public interface RecordHinter
    {
        /**
         * @return a value handed to {@link JournalRecordHandler#onRecord(long, int, DirectBuffer, int, int, long)}.
         */
        long hintsFor(DirectBuffer buffer, int offset, int length);

        /**
         * @return a second value, handed over only with those of the records around it
         * ({@link JournalRecordHandler#onHintsAhead}); 0 unless overridden.
         */
        default long placementFor(final DirectBuffer buffer, final int offset, final int length)
        {
            return 0;
        }
    }

    /**
     * {@link #replay(long, int, JournalRecordHandler)} on two threads: a reader thread reads documents, checks them
     * and runs {@code hinter} on each record, gathering consecutive documents into batches of at least
     * {@value #BATCH_RECORDS} records (but the last), up to {@value #PIPELINE_BATCHES} batches ahead; the calling
     * thread hands the records to {@code handler} in journal order, with their hints. Same records, same order, same
     * result as the one-thread replay; the handler runs on the calling thread only.
     */
    public ReplayResult replay(final long afterIndex, final int afterOrdinal, final RecordHinter hinter,
        final JournalRecordHandler handler)
    {
        final OneToOneConcurrentArrayQueue<Batch> filled = new OneToOneConcurrentArrayQueue<>(PIPELINE_BATCHES);
        // Batches (2 MB each) are made by the reader as it needs them, up to PIPELINE_BATCHES: a short tail needs one.
        final OneToOneConcurrentArrayQueue<Batch> free = new OneToOneConcurrentArrayQueue<>(PIPELINE_BATCHES);
        final ReplayResult[] readerResult = new ReplayResult[1];
        final Throwable[] readerFailure = new Throwable[1];
        final AtomicBoolean stopped = new AtomicBoolean();
        final Thread reader = new Thread(() ->
        {
            final IdleStrategy readerIdle = new BackoffIdleStrategy();
            try
            {
                final Batch[] open = new Batch[1];
                final int[] made = new int[1];
                readerResult[0] = readDocuments(afterIndex, afterOrdinal, new DocumentSink()
                {
                    @Override
                    public byte[] target()
                    {
                        Batch batch = open[0];
                        if (batch != null && !batch.hasRoom())
                        {
                            filled.offer(batch);
                            batch = null;
                        }
                        if (batch == null)
                        {
                            readerIdle.reset();
                            while ((batch = free.poll()) == null)
                            {
                                if (made[0] < PIPELINE_BATCHES)
                                {
                                    made[0]++;
                                    batch = new Batch();
                                    break;
                                }
                                if (stopped.get())
                                {
                                    throw new CancellationException("replay stopped");
                                }
                                readerIdle.idle();
                            }
                            batch.clear();
                            open[0] = batch;
                        }
                        return batch.bytes;
                    }

                    @Override
                    public int targetOffset()
                    {
                        return open[0].used;
                    }

                    @Override
                    public void onDocument(final long index, final int count, final int from)
                    {
                        open[0].add(index, count, from, hinter);
                    }
                });
                if (open[0] != null && open[0].count > 0)
                {
                    filled.offer(open[0]);
                }
            }
            catch (final Throwable ex)
            {
                readerFailure[0] = ex;
            }
            finally
            {
                final Batch end = new Batch(0);
                end.last = true;
                while (!filled.offer(end) && !stopped.get())
                {
                    readerIdle.idle();
                }
            }
        }, "journal-reader");
        reader.setDaemon(true);
        reader.start();
        final IdleStrategy idle = new BackoffIdleStrategy();
        long records = 0;
        try
        {
            while (true)
            {
                final Batch batch = filled.poll();
                if (batch == null)
                {
                    idle.idle();
                    continue;
                }
                idle.reset();
                if (batch.last)
                {
                    break;
                }
                handler.onHintsAhead(batch.hints, batch.placements, batch.count);
                for (int i = 0; i < batch.count; i++)
                {
                    handler.onRecord(batch.indices[i], batch.ordinals[i], batch.view, batch.offsets[i],
                        batch.lengths[i], batch.hints[i]);
                }
                records += batch.count;
                free.offer(batch);
            }
        }
        finally
        {
            stopped.set(true);
            joinQuietly(reader);
        }
        if (readerFailure[0] instanceof RuntimeException ex)
        {
            throw ex;
        }
        if (readerFailure[0] instanceof Error error)
        {
            throw error;
        }
        if (readerFailure[0] != null)
        {
            throw new IllegalStateException(directory + ": journal reader failed", readerFailure[0]);
        }
        final ReplayResult read = readerResult[0];
        return new ReplayResult(records, read.damagedDocuments(), read.lastIndex());
    }

    /**
     * Waits for a thread to end, keeping the caller's interrupt for after.
     */
    static void joinQuietly(final Thread thread)
    {
        boolean interrupted = false;
        while (thread.isAlive())
        {
            try
            {
                thread.join();
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Receives checked documents from {@link #readDocuments}: records {@code from} to {@code count - 1} are to be
     * replayed.
     */
    private interface DocumentSink
    {
        /**
         * @return where to read the next document: {@value #MAX_DOCUMENT_BYTES} bytes at least from
         * {@link #targetOffset}.
         */
        byte[] target();

        int targetOffset();

        /**
         * A sound document, read into the array {@link #target} returned, from {@link #targetOffset}, as
         * {@code int count, int crc32c, count x (int length, command bytes)} whatever its form in the journal.
         */
        void onDocument(long index, int count, int from);
    }

    /**
     * Records of one or more consecutive checked documents on their way from the reader thread to the applying
     * thread, with where each record is and what the hinter made of it.
     */
    private static final class Batch
    {
        /**
         * A document is read in only while {@value #MAX_DOCUMENT_BYTES} bytes are free after those before it.
         */
        private static final int CAPACITY = 2 * MAX_DOCUMENT_BYTES;
        private static final int MAX_RECORDS = BATCH_RECORDS - 1 + MAX_RECORDS_PER_DOCUMENT;

        final byte[] bytes;
        final UnsafeBuffer view;
        final long[] indices;
        final int[] ordinals;
        final int[] offsets;
        final int[] lengths;
        final long[] hints;
        final long[] placements;
        int used;
        int count;
        boolean last;

        Batch()
        {
            this(CAPACITY);
        }

        Batch(final int capacity)
        {
            bytes = new byte[capacity];
            view = new UnsafeBuffer(bytes);
            final int records = capacity == 0 ? 0 : MAX_RECORDS;
            indices = new long[records];
            ordinals = new int[records];
            offsets = new int[records];
            lengths = new int[records];
            hints = new long[records];
            placements = new long[records];
        }

        void clear()
        {
            used = 0;
            count = 0;
        }

        /**
         * @return whether another document may be read in.
         */
        boolean hasRoom()
        {
            return count < BATCH_RECORDS && used <= CAPACITY - MAX_DOCUMENT_BYTES;
        }

        /**
         * Takes records {@code from} to {@code documentCount - 1} of the document just read in at {@link #used}, with
         * their hints.
         */
        void add(final long index, final int documentCount, final int from, final RecordHinter hinter)
        {
            int at = used + DOCUMENT_HEADER_BYTES;
            for (int i = 0; i < documentCount; i++)
            {
                final int recordLength = view.getInt(at);
                if (i >= from)
                {
                    indices[count] = index;
                    ordinals[count] = i;
                    offsets[count] = at + 4;
                    lengths[count] = recordLength;
                    hints[count] = hinter.hintsFor(view, at + 4, recordLength);
                    placements[count] = hinter.placementFor(view, at + 4, recordLength);
                    count++;
                }
                at += 4 + recordLength;
            }
            used = at;
        }
    }

    /**
     * Copies documents out of the queue and checks them, rebuilding the records of a {@link CompactRecords} journal
     * in the form of versions 2 and 3 ({@code count x (int length, command bytes)}) for the replay that follows.
     */
    private static final class DocumentReader
    {
        private final CRC32C crc = new CRC32C();
        private final CompactRecords compact;
        private final byte[] stored;
        private final UnsafeBuffer storedView;
        private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        private final UnsafeBuffer targetView = new UnsafeBuffer(0, 0);

        DocumentReader(final boolean compactRecords)
        {
            compact = compactRecords ? new CompactRecords() : null;
            stored = compactRecords ? new byte[MAX_DOCUMENT_BYTES] : null;
            storedView = compactRecords ? new UnsafeBuffer(stored) : null;
        }

        /**
         * Reads a document of {@code length} bytes into {@code target} ({@value #MAX_DOCUMENT_BYTES} bytes from
         * {@code targetOffset}).
         *
         * @return the record count, or -1 when the document is damaged.
         */
        int read(final Bytes<?> bytes, final byte[] target, final int targetOffset, final int length)
        {
            if (length < DOCUMENT_HEADER_BYTES)
            {
                return -1;
            }
            final byte[] document = compact != null ? stored : target;
            final int documentOffset = compact != null ? 0 : targetOffset;
            bytes.read(document, documentOffset, length);
            view.wrap(document, documentOffset, length);
            final int count = view.getInt(0);
            if (count < 1 || count > MAX_RECORDS_PER_DOCUMENT)
            {
                return -1;
            }
            crc.reset();
            crc.update(document, documentOffset + DOCUMENT_HEADER_BYTES, length - DOCUMENT_HEADER_BYTES);
            if ((int)crc.getValue() != view.getInt(4))
            {
                return -1;
            }
            if (compact != null)
            {
                targetView.wrap(target, targetOffset, MAX_DOCUMENT_BYTES);
                targetView.putLong(0, view.getLong(0));
                return compact.decode(storedView, DOCUMENT_HEADER_BYTES, length, count, targetView,
                    DOCUMENT_HEADER_BYTES) < 0 ? -1 : count;
            }
            int at = DOCUMENT_HEADER_BYTES;
            for (int i = 0; i < count; i++)
            {
                if (at + 4 > length)
                {
                    return -1;
                }
                final int recordLength = view.getInt(at);
                if (recordLength < 0 || at + 4 + recordLength > length)
                {
                    return -1;
                }
                at += 4 + recordLength;
            }
            return at == length ? count : -1;
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
     * Appends records from one thread: {@link #add} stages records, {@link #flush} writes the staged ones as one
     * document (one Chronicle append for a whole Disruptor batch). Not thread-safe; create one per writing thread.
     */
    public static final class Writer implements AutoCloseable
    {
        private final ExcerptAppender appender;
        private final byte[] document = new byte[MAX_DOCUMENT_BYTES];
        private final UnsafeBuffer view = new UnsafeBuffer(document);
        private final CRC32C crc = new CRC32C();
        private int length = DOCUMENT_HEADER_BYTES;
        /**
         * The document's length as replay rebuilds it (the form of versions 2 and 3), which must not exceed
         * {@value #MAX_DOCUMENT_BYTES}; never less than {@link #length}.
         */
        private int replayedLength = DOCUMENT_HEADER_BYTES;
        private int staged;
        private final JournalPretoucher pretoucher;
        /**
         * Null when the journal is of a version before {@link #COMPACT_RECORDS_VERSION}.
         */
        private final CompactRecords compact;
        private int cycle = Integer.MIN_VALUE;
        private File file;

        private Writer(final ExcerptAppender appender, final JournalPretoucher pretoucher,
            final CompactRecords compact)
        {
            this.appender = appender;
            this.pretoucher = pretoucher;
            this.compact = compact;
            // One writer per thread is this class's contract; Chronicle's own per-call check costs ~10 % of an append.
            appender.singleThreadedCheckDisabled(true);
        }

        /**
         * Stages one command for the next document.
         *
         * @return its ordinal in that document, or -1 when the document is full: flush, then add again.
         */
        public int add(final DirectBuffer buffer, final int offset, final int recordLength)
        {
            if (recordLength < 0 || recordLength > MAX_RECORD_BYTES)
            {
                throw new IllegalArgumentException("record length " + recordLength + " outside [0, " +
                    MAX_RECORD_BYTES + "]");
            }
            if (staged == MAX_RECORDS_PER_DOCUMENT || replayedLength + 4 + recordLength > MAX_DOCUMENT_BYTES)
            {
                return -1;
            }
            if (compact != null)
            {
                if (staged == 0)
                {
                    compact.reset();
                }
                length = compact.encode(buffer, offset, recordLength, view, length);
            }
            else
            {
                view.putInt(length, recordLength);
                buffer.getBytes(offset, document, length + 4, recordLength);
                length += 4 + recordLength;
            }
            replayedLength += 4 + recordLength;
            return staged++;
        }

        /**
         * @return records staged since the last flush.
         */
        public int staged()
        {
            return staged;
        }

        /**
         * Writes the staged records as one document.
         *
         * @return its index, or -1 when nothing was staged.
         */
        public long flush()
        {
            if (staged == 0)
            {
                return -1;
            }
            crc.reset();
            crc.update(document, DOCUMENT_HEADER_BYTES, length - DOCUMENT_HEADER_BYTES);
            view.putInt(0, staged);
            view.putInt(4, (int)crc.getValue());
            final long position;
            try (DocumentContext dc = appender.writingDocument())
            {
                final Bytes<?> bytes = dc.wire().bytes();
                bytes.write(document, 0, length);
                position = bytes.writePosition();
            }
            length = DOCUMENT_HEADER_BYTES;
            replayedLength = DOCUMENT_HEADER_BYTES;
            staged = 0;
            if (pretoucher != null)
            {
                if (appender.cycle() != cycle)
                {
                    cycle = appender.cycle();
                    file = appender.currentFile();
                }
                pretoucher.writerAt(file, position);
            }
            return appender.lastIndexAppended();
        }

        /**
         * Writes one command as a document of its own (after any staged ones are flushed).
         *
         * @return the document's index; the command is its record 0.
         */
        public long append(final DirectBuffer buffer, final int offset, final int recordLength)
        {
            flush();
            add(buffer, offset, recordLength);
            return flush();
        }

        /**
         * Writes what is still staged, then releases the appender.
         */
        @Override
        public void close()
        {
            try
            {
                flush();
            }
            finally
            {
                CloseHelper.closeAll(appender, pretoucher);
            }
        }
    }
}
