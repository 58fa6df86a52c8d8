package io.clearing.core.engine.journal;

import io.clearing.core.engine.api.ResultCode;
import io.clearing.core.engine.state.ClearingStateMachine;
import io.clearing.core.engine.state.CommandCodec;
import io.clearing.core.engine.state.CommandStateMachine;
import io.clearing.core.engine.state.ParticipantHints;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalTest
{
    @TempDir
    Path directory;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandCodec.MAX_COMMAND_BYTES]);

    @Test
    void shouldReplayRecordsInOrderWhenReopened()
    {
        try (Journal journal = Journal.open(directory); Journal.Writer writer = journal.newWriter())
        {
            for (int i = 0; i < 100; i++)
            {
                final int length = CommandCodec.encodeRunClearing(buffer, 0, i, i + 1);
                writer.append(buffer, 0, length);
            }
        }
        final List<Long> runIds = new ArrayList<>();
        try (Journal journal = Journal.open(directory))
        {
            final ReplayResult result = journal.replay(Journal.START, 0,
                (index, ordinal, b, offset, length) -> runIds.add(b.getLong(offset + 12)));
            assertThat(result.records()).isEqualTo(100);
            assertThat(result.damagedDocuments()).isZero();
        }
        assertThat(runIds).hasSize(100).isSorted().startsWith(1L).endsWith(100L);
    }

    @Test
    void shouldReplayFromTheMiddleOfADocumentWhenStartingAfterAPosition()
    {
        final long index;
        try (Journal journal = Journal.open(directory); Journal.Writer writer = journal.newWriter())
        {
            for (int i = 0; i < 5; i++)
            {
                assertThat(writer.add(buffer, 0, CommandCodec.encodeRunClearing(buffer, 0, i, i + 1))).isEqualTo(i);
            }
            index = writer.flush();
            writer.append(buffer, 0, CommandCodec.encodeRunClearing(buffer, 0, 9, 6));
        }
        try (Journal journal = Journal.open(directory))
        {
            final List<Long> runIds = new ArrayList<>();
            final ReplayResult result = journal.replay(index, 2,
                (i, ordinal, b, offset, length) -> runIds.add(b.getLong(offset + 12)));
            assertThat(runIds).containsExactly(4L, 5L, 6L);
            assertThat(result.records()).isEqualTo(3);
        }
    }

    /**
     * The two-thread replay gives the same records in the same order as the one-thread one, from the start and from
     * the middle of a document, with each record's hint from the reader thread (and each batch's hints handed over
     * before its records), over more batches than its reader may be ahead, and past a damaged one.
     */
    @Test
    void shouldReplaySameRecordsWithTheirHintsWhenPipelined()
    {
        final List<long[]> positions = new ArrayList<>();
        try (Journal journal = Journal.open(directory); Journal.Writer writer = journal.newWriter())
        {
            long runId = 0;
            for (int document = 0; document < 1500; document++)
            {
                for (int i = 0; i <= document % 7; i++)
                {
                    writer.add(buffer, 0, CommandCodec.encodeRunClearing(buffer, 0, runId, ++runId));
                }
                final long index = writer.flush();
                positions.add(new long[]{index, document % 7});
            }
        }
        try (ChronicleQueue queue = rawQueue(); ExcerptAppender appender = queue.createAppender())
        {
            try (DocumentContext dc = appender.writingDocument())
            {
                dc.wire().bytes().writeInt(1).writeInt(12345).writeInt(20).write(new byte[20]);
            }
        }
        try (Journal journal = Journal.open(directory); Journal.Writer writer = journal.newWriter())
        {
            writer.append(buffer, 0, CommandCodec.encodeRunClearing(buffer, 0, 0, 99_999));
        }
        try (Journal journal = Journal.open(directory))
        {
            final long[] middle = positions.get(750);
            for (final long[] after : List.of(new long[]{Journal.START, 0}, new long[]{middle[0], 2}))
            {
                final List<String> single = new ArrayList<>();
                final ReplayResult one = journal.replay(after[0], (int)after[1],
                    (index, ordinal, b, offset, length) -> single.add(index + "/" + ordinal + "=" + b.getLong(offset + 12)));
                final List<String> pipelined = new ArrayList<>();
                final List<Long> batchHints = new ArrayList<>();
                final int[] batches = new int[1];
                final List<Long> recordHints = new ArrayList<>();
                final ReplayResult two = journal.replay(after[0], (int)after[1], new Journal.RecordHinter()
                {
                    @Override
                    public long hintsFor(final DirectBuffer b, final int offset, final int length)
                    {
                        return -b.getLong(offset + 12);
                    }

                    @Override
                    public long placementFor(final DirectBuffer b, final int offset, final int length)
                    {
                        return 3 * b.getLong(offset + 12);
                    }
                }, new JournalRecordHandler()
                {
                    private int handedOut;
                    private int batchEnd;

                    @Override
                    public void onHintsAhead(final long[] hints, final long[] placements, final int count)
                    {
                        assertThat(handedOut).as("the batch before handed out whole").isEqualTo(batchEnd);
                        batchEnd += count;
                        batches[0]++;
                        for (int i = 0; i < count; i++)
                        {
                            assertThat(placements[i]).isEqualTo(-3 * hints[i]);
                            batchHints.add(hints[i]);
                        }
                    }

                    @Override
                    public void onRecord(final long index, final int ordinal, final DirectBuffer b, final int offset,
                        final int length)
                    {
                        throw new AssertionError("pipelined replay must pass the hints");
                    }

                    @Override
                    public void onRecord(final long index, final int ordinal, final DirectBuffer b, final int offset,
                        final int length, final long hints)
                    {
                        assertThat(handedOut++).as("a record after its batch's hints").isLessThan(batchEnd);
                        assertThat(hints).isEqualTo(-b.getLong(offset + 12));
                        recordHints.add(hints);
                        pipelined.add(index + "/" + ordinal + "=" + b.getLong(offset + 12));
                    }
                });
                assertThat(pipelined).isEqualTo(single);
                assertThat(batchHints).isEqualTo(recordHints);
                assertThat(two).isEqualTo(one);
                assertThat(one.damagedDocuments()).isEqualTo(1);
                // Documents of one to seven records are handed over together, in batches of BATCH_RECORDS and more.
                assertThat(batches[0]).as("batches of %d records", one.records())
                    .isBetween(2, (int)(one.records() / Journal.BATCH_RECORDS) + 1);
            }
        }
    }

    /**
     * A batch takes documents while a whole document's room is left: documents near the largest size in turn with
     * small ones, replayed on two threads as on one.
     */
    @Test
    void shouldReplayLargeDocumentsWhenPipelined()
    {
        final UnsafeBuffer large = new UnsafeBuffer(new byte[60_000]);
        final Random random = new Random(11);
        try (Journal journal = Journal.open(directory); Journal.Writer writer = journal.newWriter())
        {
            for (int document = 0; document < 40; document++)
            {
                final int records = document % 2 == 0 ? 1 : 16;
                for (int i = 0; i < records; i++)
                {
                    random.nextBytes(large.byteArray());
                    large.putLong(12, document * 100L + i);
                    writer.add(large, 0, document % 2 == 0 ? 100 : large.capacity());
                }
                writer.flush();
            }
        }
        try (Journal journal = Journal.open(directory))
        {
            final List<String> single = new ArrayList<>();
            final ReplayResult one = journal.replay(Journal.START, 0,
                (index, ordinal, b, offset, length) -> single.add(ordinal + ":" + length + ":" + b.getLong(offset + 12) +
                    ":" + b.getByte(offset + length - 1)));
            final List<String> pipelined = new ArrayList<>();
            final ReplayResult two = journal.replay(Journal.START, 0, (b, offset, length) -> 0L,
                (index, ordinal, b, offset, length) -> pipelined.add(ordinal + ":" + length + ":" +
                    b.getLong(offset + 12) + ":" + b.getByte(offset + length - 1)));
            assertThat(one.records()).isEqualTo(20 + 20 * 16);
            assertThat(one.damagedDocuments()).isZero();
            assertThat(pipelined).isEqualTo(single);
            assertThat(two).isEqualTo(one);
        }
    }

    @Test
    void shouldStopTheReaderAndPassTheFailureOnWhenAPipelinedHandlerThrows()
    {
        try (Journal journal = Journal.open(directory); Journal.Writer writer = journal.newWriter())
        {
            for (int i = 0; i < 500; i++)
            {
                writer.append(buffer, 0, CommandCodec.encodeRunClearing(buffer, 0, i, i + 1));
            }
        }
        try (Journal journal = Journal.open(directory))
        {
            final int[] seen = new int[1];
            assertThatThrownBy(() -> journal.replay(Journal.START, 0, (b, offset, length) -> 0L,
                (index, ordinal, b, offset, length) ->
                {
                    if (++seen[0] == 3)
                    {
                        throw new IllegalStateException("handler gave up");
                    }
                })).isInstanceOf(IllegalStateException.class).hasMessage("handler gave up");
            assertThat(seen[0]).isEqualTo(3);
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("journal-reader"));
        }
    }

    @Test
    void shouldRefuseJournalWhenFormatVersionDiffers()
    {
        try (ChronicleQueue queue = rawQueue(); ExcerptAppender appender = queue.createAppender())
        {
            try (DocumentContext dc = appender.writingDocument())
            {
                dc.wire().bytes().writeInt(Journal.HEADER_MAGIC).writeInt(Journal.FORMAT_VERSION + 6);
            }
        }
        assertThatThrownBy(() -> Journal.open(directory))
            .isInstanceOf(JournalFormatException.class)
            .hasMessageContaining(directory.toString())
            .hasMessageContaining("format version " + (Journal.FORMAT_VERSION + 6) + " is not supported");
    }

    @Test
    void shouldReadAndAppendToAJournalOfTheVersionBeforePolicies()
    {
        try (ChronicleQueue queue = rawQueue(); ExcerptAppender appender = queue.createAppender())
        {
            try (DocumentContext dc = appender.writingDocument())
            {
                dc.wire().bytes().writeInt(Journal.HEADER_MAGIC).writeInt(Journal.OLDEST_READABLE_VERSION);
            }
        }
        try (Journal journal = Journal.open(directory); Journal.Writer writer = journal.newWriter())
        {
            writer.append(buffer, 0, CommandCodec.encodeRunClearing(buffer, 0, 1, 7));
        }
        final List<Long> runIds = new ArrayList<>();
        try (Journal journal = Journal.open(directory))
        {
            journal.replay(Journal.START, 0, (index, ordinal, b, offset, length) -> runIds.add(b.getLong(offset + 12)));
        }
        assertThat(runIds).containsExactly(7L);
    }

    @Test
    void shouldWriteNewJournalsInCompactRecordsAndReplayEveryCommandByteForByte()
    {
        final List<String> written = new ArrayList<>();
        try (Journal journal = Journal.open(directory); Journal.Writer writer = journal.newWriter())
        {
            assertThat(journal.formatVersion()).isEqualTo(Journal.FORMAT_VERSION).isEqualTo(4);
            writeMixedCommands(writer, written);
        }
        assertThat(replayedBytes()).isEqualTo(written);
        assertThat(replayedBytesPipelined()).isEqualTo(written);
        final long expanded = expandedBytes(written);
        assertThat(storedRecordBytes()).as("bytes stored, against %d in the form of version 3", expanded)
            .isLessThan(expanded * 6 / 10);
    }

    @Test
    void shouldCreateAJournalOfAnOlderVersionWhenAskedAndKeepAnExistingOnesVersion()
    {
        assertThatThrownBy(() -> Journal.open(directory, Journal.OLDEST_READABLE_VERSION - 1))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("this engine writes 2 to 4");
        final List<String> written = new ArrayList<>();
        try (Journal journal = Journal.open(directory, 3); Journal.Writer writer = journal.newWriter())
        {
            assertThat(journal.formatVersion()).isEqualTo(3);
            writeMixedCommands(writer, written);
        }
        try (Journal journal = Journal.open(directory, Journal.FORMAT_VERSION))
        {
            assertThat(journal.formatVersion()).isEqualTo(3);
            assertThat(journal.storedRecordBytes()).isEqualTo(expandedBytes(written));
        }
        assertThat(replayedBytes()).isEqualTo(written);
    }

    @Test
    void shouldAppendToAVersion3JournalInItsOwnFormAndReplayTheSameBytes()
    {
        try (ChronicleQueue queue = rawQueue(); ExcerptAppender appender = queue.createAppender())
        {
            try (DocumentContext dc = appender.writingDocument())
            {
                dc.wire().bytes().writeInt(Journal.HEADER_MAGIC).writeInt(3);
            }
        }
        final List<String> written = new ArrayList<>();
        try (Journal journal = Journal.open(directory); Journal.Writer writer = journal.newWriter())
        {
            assertThat(journal.formatVersion()).isEqualTo(3);
            writeMixedCommands(writer, written);
        }
        assertThat(replayedBytes()).isEqualTo(written);
        assertThat(replayedBytesPipelined()).isEqualTo(written);
        assertThat(storedRecordBytes()).as("stored as (int length, bytes) records").isEqualTo(expandedBytes(written));
    }

    /**
     * Submissions of invoices in sequence between random participants, with payments, registrations and clearing
     * runs among them, in documents of 1 to 300 commands; {@code written} gets each command as hex.
     */
    private void writeMixedCommands(final Journal.Writer writer, final List<String> written)
    {
        final Random random = new Random(42);
        int inDocument = 1 + random.nextInt(300);
        for (int i = 0; i < 6_000; i++)
        {
            final long timestamp = 1_790_000_000_000L + i / 10;
            final String invoice = String.format("INV-%09d", i);
            final int length = switch (i % 50)
            {
                case 7 -> CommandCodec.encodeRecordPayment(buffer, 0, timestamp, "PAY-" + i, invoice, 5);
                case 13 -> CommandCodec.encodeRegisterParticipant(buffer, 0, timestamp, "F" + i, "Firm " + i);
                case 29 -> CommandCodec.encodeRunClearing(buffer, 0, timestamp, i);
                default -> CommandCodec.encodeSubmitObligation(buffer, 0, timestamp, invoice,
                    String.format("F%07d", random.nextInt(100_000)), String.format("F%07d", random.nextInt(100_000)),
                    1 + random.nextInt(1_000_000));
            };
            if (writer.add(buffer, 0, length) < 0)
            {
                writer.flush();
                writer.add(buffer, 0, length);
            }
            written.add(hex(buffer, 0, length));
            if (--inDocument == 0)
            {
                writer.flush();
                inDocument = 1 + random.nextInt(300);
            }
        }
    }

    private List<String> replayedBytes()
    {
        final List<String> replayed = new ArrayList<>();
        try (Journal journal = Journal.open(directory))
        {
            final ReplayResult result = journal.replay(Journal.START, 0,
                (index, ordinal, b, offset, length) -> replayed.add(hex(b, offset, length)));
            assertThat(result.damagedDocuments()).isZero();
        }
        return replayed;
    }

    private List<String> replayedBytesPipelined()
    {
        final List<String> replayed = new ArrayList<>();
        try (Journal journal = Journal.open(directory))
        {
            journal.replay(Journal.START, 0, (b, offset, length) -> 0L,
                (index, ordinal, b, offset, length) -> replayed.add(hex(b, offset, length)));
        }
        return replayed;
    }

    /**
     * @return the bytes of the command documents' records as stored (their 8-byte headers left out).
     */
    private long storedRecordBytes()
    {
        try (Journal journal = Journal.open(directory))
        {
            return journal.storedRecordBytes();
        }
    }

    /**
     * @return the bytes of the commands as (int length, bytes) records.
     */
    private static long expandedBytes(final List<String> commands)
    {
        return commands.stream().mapToLong(hex -> 4 + hex.length() / 2).sum();
    }

    private static String hex(final DirectBuffer b, final int offset, final int length)
    {
        final StringBuilder text = new StringBuilder(length * 2);
        for (int i = 0; i < length; i++)
        {
            final byte value = b.getByte(offset + i);
            text.append(Character.forDigit((value >> 4) & 0xF, 16)).append(Character.forDigit(value & 0xF, 16));
        }
        return text.toString();
    }

    @Test
    void shouldRefuseJournalWhenFormatVersionIsOlderThanReadable()
    {
        try (ChronicleQueue queue = rawQueue(); ExcerptAppender appender = queue.createAppender())
        {
            try (DocumentContext dc = appender.writingDocument())
            {
                dc.wire().bytes().writeInt(Journal.HEADER_MAGIC).writeInt(Journal.OLDEST_READABLE_VERSION - 1);
            }
        }
        assertThatThrownBy(() -> Journal.open(directory))
            .isInstanceOf(JournalFormatException.class)
            .hasMessageContaining("format version 1 is not supported; this engine reads versions 2 to 4");
    }

    @Test
    void shouldRefuseDirectoryWhenItIsNotAClearingJournal()
    {
        try (ChronicleQueue queue = rawQueue(); ExcerptAppender appender = queue.createAppender())
        {
            try (DocumentContext dc = appender.writingDocument())
            {
                dc.wire().bytes().writeLong(42L);
            }
        }
        assertThatThrownBy(() -> Journal.open(directory))
            .isInstanceOf(JournalFormatException.class)
            .hasMessageContaining("not a clearing journal");
    }

    @Test
    void shouldSkipDamagedDocumentAndKeepTheOthersWhenChecksumFails()
    {
        try (Journal journal = Journal.open(directory); Journal.Writer writer = journal.newWriter())
        {
            writer.append(buffer, 0, CommandCodec.encodeRunClearing(buffer, 0, 1, 1));
        }
        try (ChronicleQueue queue = rawQueue(); ExcerptAppender appender = queue.createAppender())
        {
            try (DocumentContext dc = appender.writingDocument())
            {
                dc.wire().bytes().writeInt(1).writeInt(12345).writeInt(20).write(new byte[20]);
            }
            try (DocumentContext dc = appender.writingDocument())
            {
                dc.wire().bytes().writeInt(3).writeInt(0);
            }
        }
        try (Journal journal = Journal.open(directory); Journal.Writer writer = journal.newWriter())
        {
            writer.append(buffer, 0, CommandCodec.encodeRunClearing(buffer, 0, 2, 2));
            final List<Long> runIds = new ArrayList<>();
            final ReplayResult result = journal.replay(Journal.START, 0,
                (index, ordinal, b, offset, length) -> runIds.add(b.getLong(offset + 12)));
            assertThat(result.damagedDocuments()).isEqualTo(2);
            assertThat(runIds).containsExactly(1L, 2L);
        }
    }

    @Test
    void shouldRestoreSameHashFromSnapshotAndTailAsFromFullReplay()
    {
        final Random random = new Random(11);
        final SnapshotStore snapshots = new SnapshotStore(directory);
        final ClearingStateMachine live = new ClearingStateMachine();
        try (Journal journal = Journal.open(directory); Journal.Writer writer = journal.newWriter())
        {
            for (int p = 0; p < 30; p++)
            {
                apply(writer, live, CommandCodec.encodeRegisterParticipant(buffer, 0, p, "P" + p, "Firm " + p));
            }
            apply(writer, live, CommandCodec.encodeConfigureContinuous(buffer, 0, 1, true, 6, 64, 512));
            for (int i = 0; i < 5_000; i++)
            {
                final int d = random.nextInt(30);
                final int c = (d + 1 + random.nextInt(29)) % 30;
                apply(writer, live, CommandCodec.encodeSubmitObligation(buffer, 0, 100 + i, "O" + i, "P" + d, "P" + c,
                    1 + random.nextInt(500)));
                if (i % 1_000 == 999)
                {
                    final long index = apply(writer, live, CommandCodec.encodeTakeSnapshot(buffer, 0, 100 + i, i));
                    snapshots.write(live, index, 0);
                }
                if (i == 2_500)
                {
                    apply(writer, live, CommandCodec.encodeRunClearing(buffer, 0, 100 + i, 1));
                }
            }
        }
        assertThat(snapshots.list()).hasSize(5);

        try (Journal journal = Journal.open(directory))
        {
            final CommandStateMachine[] fromSnapshot = new CommandStateMachine[1];
            final Recovery.Report report = Recovery.recover(journal, snapshots, ClearingStateMachine::new, true,
                m -> fromSnapshot[0] = m);
            final CommandStateMachine[] full = new CommandStateMachine[1];
            final Recovery.Report fullReport = Recovery.recover(journal, snapshots, ClearingStateMachine::new, false,
                m -> full[0] = m);

            assertThat(report.snapshotFile()).isNotNull();
            assertThat(report.replay().records()).isLessThan(fullReport.replay().records());
            assertThat(fromSnapshot[0].stateHash()).isEqualTo(live.stateHash()).isEqualTo(full[0].stateHash());
        }
    }

    @Test
    void shouldHandOverTheReplaysParticipantHintsStillFollowingTheStateWhenAsked()
    {
        try (Journal journal = Journal.open(directory); Journal.Writer writer = journal.newWriter())
        {
            final ClearingStateMachine live = new ClearingStateMachine();
            apply(writer, live, CommandCodec.encodeRegisterParticipant(buffer, 0, 1, "A", "a"));
            apply(writer, live, CommandCodec.encodeRegisterParticipant(buffer, 0, 1, "B", "b"));
            apply(writer, live, CommandCodec.encodeSubmitObligation(buffer, 0, 2, "O1", "A", "B", 10));
        }
        final SnapshotStore snapshots = new SnapshotStore(directory);
        try (Journal journal = Journal.open(directory))
        {
            final ClearingStateMachine[] recovered = new ClearingStateMachine[1];
            final Recovery.Report report = Recovery.recover(journal, snapshots, ClearingStateMachine::new, true,
                m -> recovered[0] = (ClearingStateMachine)m, true);
            final ParticipantHints hints = report.participantHints();
            assertThat(hints).isNotNull();
            final int ab = CommandCodec.encodeSubmitObligation(buffer, 0, 3, "O2", "A", "B", 10);
            assertThat(hints.hintsFor(buffer, 0, ab)).isEqualTo(ParticipantHints.pack(0, 1));

            assertThat(recovered[0].apply(buffer, 0, CommandCodec.encodeRegisterParticipant(buffer, 0, 4, "C", "c")))
                .isEqualTo(ResultCode.ACCEPTED.code());
            final int ca = CommandCodec.encodeSubmitObligation(buffer, 0, 5, "O3", "C", "A", 10);
            assertThat(hints.hintsFor(buffer, 0, ca)).as("learned after recovery").isEqualTo(ParticipantHints.pack(2, 0));

            assertThat(Recovery.recover(journal, snapshots, ClearingStateMachine::new, true, m -> { }, false)
                .participantHints()).isNull();
        }
    }

    @Test
    void shouldFallBackToOlderSnapshotWhenNewestIsDamaged() throws Exception
    {
        final SnapshotStore snapshots = new SnapshotStore(directory);
        final ClearingStateMachine live = new ClearingStateMachine();
        try (Journal journal = Journal.open(directory); Journal.Writer writer = journal.newWriter())
        {
            apply(writer, live, CommandCodec.encodeRegisterParticipant(buffer, 0, 1, "A", "a"));
            apply(writer, live, CommandCodec.encodeRegisterParticipant(buffer, 0, 1, "B", "b"));
            for (int i = 0; i < 3; i++)
            {
                apply(writer, live, CommandCodec.encodeSubmitObligation(buffer, 0, 2, "O" + i, "A", "B", 10));
                snapshots.write(live, apply(writer, live, CommandCodec.encodeTakeSnapshot(buffer, 0, 3, i)), 0);
            }
        }
        final Path newest = snapshots.list().get(0);
        final byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length - 30] ^= 1;
        Files.write(newest, bytes);

        try (Journal journal = Journal.open(directory))
        {
            final CommandStateMachine[] recovered = new CommandStateMachine[1];
            final Recovery.Report report = Recovery.recover(journal, snapshots, ClearingStateMachine::new, true,
                m -> recovered[0] = m);
            assertThat(report.damagedSnapshots()).hasSize(1);
            assertThat(report.snapshotFile()).isEqualTo(snapshots.list().get(1));
            assertThat(recovered[0].stateHash()).isEqualTo(live.stateHash());
        }
    }

    private long apply(final Journal.Writer writer, final CommandStateMachine machine, final int length)
    {
        final long index = writer.append(buffer, 0, length);
        final int code = machine.apply(buffer, 0, length);
        assertThat(code).isIn(ResultCode.ACCEPTED.code(), ResultCode.SAME_PARTICIPANT.code());
        return index;
    }

    private ChronicleQueue rawQueue()
    {
        return Journal.openQueue(directory);
    }
}
