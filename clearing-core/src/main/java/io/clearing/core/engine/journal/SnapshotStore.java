package io.clearing.core.engine.journal;

import io.clearing.core.engine.state.CommandStateMachine;
import io.clearing.core.engine.state.SnapshotDamagedException;
import io.clearing.core.engine.state.SnapshotInput;
import io.clearing.core.engine.state.SnapshotOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Snapshot files beside the journal: {@code snapshots/snapshot-<journal index, 16 hex digits>-<ordinal, 4>.bin},
 * each holding the journal position of the snapshot command it was taken at, the state hash, then the state, all
 * under one CRC32C.
 * Written to a temporary file, synced, then renamed, so a crash never leaves a half snapshot under a real name.
 * <p>
 * Not thread-safe: used by the logic thread (writes) and by recovery before it starts.
 */
public final class SnapshotStore
{
    private static final long FILE_MAGIC = 0x434C52534E415031L;
    private static final int FILE_VERSION = 2;
    private static final String PREFIX = "snapshot-";
    private static final String SUFFIX = ".bin";
    /**
     * Whether {@link #load} reads a file whose pages are not in memory ahead of itself on another thread: a fresh
     * restart of 10 M obligations after {@code drop_caches} took 2.9-3.4 s with, 4.4-4.9 s without (three trials
     * each, docs/engine.md).
     * {@code -Dclearing.snapshot.readAhead=false} turns it off.
     */
    private static final boolean READ_AHEAD =
        Boolean.parseBoolean(System.getProperty("clearing.snapshot.readAhead", "true"));
    private static final int READ_AHEAD_BYTES = 8 << 20;

    private final Path directory;

    public SnapshotStore(final Path journalDirectory)
    {
        this.directory = journalDirectory.resolve("snapshots");
    }

    /**
     * What a loaded snapshot said about itself.
     *
     * @param journalIndex   index of the document holding the snapshot command; replay continues after it.
     * @param journalOrdinal the snapshot command's ordinal in that document.
     * @param stateHash      hash of the state when taken (checked against the loaded state).
     * @param file           where it was read from.
     */
    public record Loaded(long journalIndex, int journalOrdinal, long stateHash, Path file)
    {
    }

    /**
     * Writes the state as of the snapshot command at journal position {@code (journalIndex, journalOrdinal)}.
     *
     * @return the file written.
     */
    public Path write(final CommandStateMachine machine, final long journalIndex, final int journalOrdinal)
    {
        try
        {
            Files.createDirectories(directory);
            final Path target = directory.resolve(PREFIX + String.format("%016x-%04x", journalIndex, journalOrdinal) +
                SUFFIX);
            final Path temporary = directory.resolve("." + target.getFileName() + ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE))
            {
                final SnapshotOutput out = new SnapshotOutput(channel);
                out.putLong(FILE_MAGIC);
                out.putInt(FILE_VERSION);
                out.putLong(journalIndex);
                out.putInt(journalOrdinal);
                out.putLong(machine.stateHash());
                machine.writeSnapshot(out);
                out.finish();
                channel.force(true);
            }
            try
            {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            catch (final AtomicMoveNotSupportedException ex)
            {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write snapshot in " + directory, ex);
        }
    }

    /**
     * @return snapshot files, newest (highest journal index) first.
     */
    public List<Path> list()
    {
        final List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(directory))
        {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, PREFIX + "*" + SUFFIX))
        {
            stream.forEach(files::add);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list snapshots in " + directory, ex);
        }
        files.sort((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()));
        return files;
    }

    /**
     * Loads one snapshot into the machine and checks that the loaded state has the recorded hash.
     *
     * @throws SnapshotDamagedException when the file is damaged or the hash differs; the machine must then be
     *                                  discarded.
     */
    public Loaded load(final Path file, final CommandStateMachine machine)
    {
        final Thread readAhead = READ_AHEAD ? readAheadUnlessCached(file) : null;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final SnapshotInput in = new SnapshotInput(channel);
            final long magic = in.getLong();
            final int version = in.getInt();
            if (magic != FILE_MAGIC || version != FILE_VERSION)
            {
                throw new SnapshotDamagedException(file + ": not a snapshot file of version " + FILE_VERSION);
            }
            final long journalIndex = in.getLong();
            final int journalOrdinal = in.getInt();
            final long stateHash = in.getLong();
            machine.loadSnapshot(in);
            if (machine.stateHash() != stateHash)
            {
                throw new SnapshotDamagedException(file + ": loaded state hash " + Long.toHexString(machine.stateHash()) +
                    " differs from recorded " + Long.toHexString(stateHash));
            }
            return new Loaded(journalIndex, journalOrdinal, stateHash, file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read snapshot " + file, ex);
        }
        finally
        {
            if (readAhead != null)
            {
                readAhead.interrupt();
            }
        }
    }

    /**
     * When the file's pages are not all in memory, starts a thread that reads the whole file once, ahead of the
     * loading thread, so that the disk goes on reading while that thread works on what it has (rebuilding the id
     * tables, above all). Not started when they are: it would only take a core from the loading thread's JIT and
     * collector threads. Which pages are in memory is asked of the kernel ({@link MappedByteBuffer#isLoaded}, a
     * mapping that is never read through).
     *
     * @return the thread, or null.
     */
    private static Thread readAheadUnlessCached(final Path file)
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final long size = channel.size();
            if (size == 0 || channel.map(FileChannel.MapMode.READ_ONLY, 0, Math.min(size, Integer.MAX_VALUE)).isLoaded())
            {
                return null;
            }
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            return null;
        }
        final Thread thread = new Thread(() ->
        {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
            {
                final ByteBuffer scratch = ByteBuffer.allocateDirect(READ_AHEAD_BYTES);
                while (!Thread.currentThread().isInterrupted() && channel.read(scratch) > 0)
                {
                    scratch.clear();
                }
            }
            catch (final IOException ex)
            {
                // Only a hint: the loading thread reads the file itself and reports what fails.
            }
        }, "snapshot-read-ahead");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
