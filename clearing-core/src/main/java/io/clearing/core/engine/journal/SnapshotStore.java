package io.clearing.core.engine.journal;

import io.clearing.core.engine.state.CommandStateMachine;
import io.clearing.core.engine.state.SnapshotDamagedException;
import io.clearing.core.engine.state.SnapshotInput;
import io.clearing.core.engine.state.SnapshotOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
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
    }
}
