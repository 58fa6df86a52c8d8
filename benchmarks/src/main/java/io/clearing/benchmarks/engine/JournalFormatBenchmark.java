package io.clearing.benchmarks.engine;

import io.clearing.core.engine.journal.Journal;
import io.clearing.core.engine.journal.ReplayResult;
import io.clearing.core.engine.state.CommandCodec;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The journal's two record forms side by side: the same submissions written to a journal of version 3
 * ({@code int length, command bytes}) and of version 4 (compact submissions), alternating, {@code rounds} times.
 * Per form it prints the bytes stored per submission, the writer's cost per submission split into staging
 * ({@code Journal.Writer.add}: copying, or encoding) and writing ({@code flush}: checksum, Chronicle's append and the
 * kernel's work for new pages of the memory-mapped file; no pretoucher), and a one-thread replay's cost per
 * submission (reading, checking and, for version 4, decoding), each the median over the rounds.
 * <p>
 * Submissions as the ingest benchmark makes them: ids {@code INV-000000042} in sequence between participants
 * {@code F0001234} drawn at random, amounts 1 to 10,000, one timestamp for every 1,000 (the engine stamps
 * milliseconds, and takes in 1 to 2 thousand a millisecond at full rate), in documents of 1,024.
 * <p>
 * Usage: {@code JournalFormatBenchmark [documents=3000] [rounds=6] [dir=target/journal-format-bench]}; a directory
 * on tmpfs ({@code /dev/shm/...}) leaves the disk out.
 */
public final class JournalFormatBenchmark
{
    private static final int DOCUMENT_RECORDS = Journal.MAX_RECORDS_PER_DOCUMENT;
    private static final int DISTINCT_COMMANDS = 64 * DOCUMENT_RECORDS;
    private static final int[] VERSIONS = {3, Journal.FORMAT_VERSION};

    private JournalFormatBenchmark()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int documents = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        final Path directory = Path.of(args.length > 2 ? args[2] : "target/journal-format-bench");

        final UnsafeBuffer commands = new UnsafeBuffer(new byte[DISTINCT_COMMANDS * 64]);
        final int[] offsets = new int[DISTINCT_COMMANDS + 1];
        encode(commands, offsets);

        final double[][] stage = new double[VERSIONS.length][rounds];
        final double[][] write = new double[VERSIONS.length][rounds];
        final double[][] replay = new double[VERSIONS.length][rounds];
        final double[] storedBytes = new double[VERSIONS.length];
        final long records = (long)documents * DOCUMENT_RECORDS;
        for (int round = 0; round < rounds; round++)
        {
            for (int v = 0; v < VERSIONS.length; v++)
            {
                final Path journalDirectory = directory.resolve("v" + VERSIONS[v]);
                IngestPipelineBenchmark.delete(journalDirectory);
                long stageNs = 0;
                long writeNs = 0;
                try (Journal journal = Journal.open(journalDirectory, VERSIONS[v]);
                    Journal.Writer writer = journal.newWriter(false))
                {
                    for (int d = 0; d < documents; d++)
                    {
                        final long start = System.nanoTime();
                        stageDocument(writer, commands, offsets, (d * DOCUMENT_RECORDS) % DISTINCT_COMMANDS);
                        final long staged = System.nanoTime();
                        writer.flush();
                        writeNs += System.nanoTime() - staged;
                        stageNs += staged - start;
                    }
                }
                final long replayNs;
                try (Journal journal = Journal.open(journalDirectory))
                {
                    final long start = System.nanoTime();
                    final ReplayResult result = journal.replay(Journal.START, 0, (index, ordinal, b, at, length) ->
                    {
                    });
                    replayNs = System.nanoTime() - start;
                    if (result.records() != records || result.damagedDocuments() != 0)
                    {
                        throw new IllegalStateException("replayed " + result.records() + " of " + records);
                    }
                    storedBytes[v] = journal.storedRecordBytes() / (double)records;
                }
                stage[v][round] = stageNs / (double)records;
                write[v][round] = writeNs / (double)records;
                replay[v][round] = replayNs / (double)records;
                System.out.printf("round %d, version %d: stage %.1f ns, write %.1f ns, replay %.1f ns a submission%n",
                    round + 1, VERSIONS[v], stage[v][round], write[v][round], replay[v][round]);
                IngestPipelineBenchmark.delete(journalDirectory);
            }
        }
        for (int v = 0; v < VERSIONS.length; v++)
        {
            System.out.printf("version %d: %.1f bytes stored a submission; medians of %d rounds: stage %.1f ns, " +
                "write %.1f ns, writer total %.1f ns, replay %.1f ns a submission%n", VERSIONS[v], storedBytes[v],
                rounds, median(stage[v]), median(write[v]), median(stage[v]) + median(write[v]), median(replay[v]));
        }
    }

    /**
     * A method of its own so that it is compiled as the journal stage's loop is, not replaced on the stack.
     */
    private static void stageDocument(final Journal.Writer writer, final UnsafeBuffer commands, final int[] offsets,
        final int first)
    {
        for (int i = first; i < first + DOCUMENT_RECORDS; i++)
        {
            if (writer.add(commands, offsets[i], offsets[i + 1] - offsets[i]) < 0)
            {
                throw new IllegalStateException("document full at record " + (i - first));
            }
        }
    }

    private static void encode(final UnsafeBuffer commands, final int[] offsets)
    {
        final SplittableRandom random = new SplittableRandom(42);
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[CommandCodec.MAX_COMMAND_BYTES]);
        int at = 0;
        for (int i = 0; i < DISTINCT_COMMANDS; i++)
        {
            final int length = CommandCodec.encodeSubmitObligation(scratch, 0, 1_790_000_000_000L + i / 1_000,
                String.format("INV-%09d", i), String.format("F%07d", random.nextInt(100_000)),
                String.format("F%07d", random.nextInt(100_000)), 1 + random.nextInt(10_000));
            commands.putBytes(at, scratch, 0, length);
            offsets[i] = at;
            at += length;
        }
        offsets[DISTINCT_COMMANDS] = at;
    }

    private static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
