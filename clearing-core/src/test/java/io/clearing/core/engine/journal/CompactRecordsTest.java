package io.clearing.core.engine.journal;

import io.clearing.core.engine.state.CommandCodec;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class CompactRecordsTest
{
    private static final int DOCUMENT_BYTES = 1 << 20;
    private static final String[] ALPHABET = {"A", "7", "-", "é", "€", "𝄞", "ß", "Z"};

    private final CompactRecords encoder = new CompactRecords();
    private final CompactRecords decoder = new CompactRecords();
    private final UnsafeBuffer encoded = new UnsafeBuffer(new byte[DOCUMENT_BYTES]);
    private final UnsafeBuffer decoded = new UnsafeBuffer(new byte[DOCUMENT_BYTES]);
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[1 << 17]);

    @Test
    void shouldRebuildEveryRecordByteForByteWhateverTheCommand()
    {
        final SplittableRandom random = new SplittableRandom(20261122);
        int eligible = 0;
        int total = 0;
        for (int document = 0; document < 2_000; document++)
        {
            final List<byte[]> records = new ArrayList<>();
            final int count = 1 + random.nextInt(60);
            String sequence = "INV-" + random.nextInt(1_000) + "-";
            for (int i = 0; i < count; i++)
            {
                if (random.nextInt(10) == 0)
                {
                    sequence = randomId(random, random.nextInt(12));
                }
                records.add(randomCommand(random, sequence + i));
            }
            for (final byte[] record : records)
            {
                eligible += CompactRecords.compactForm(record, 0, record.length) !=
                    CompactRecords.VERBATIM ? 1 : 0;
            }
            total += records.size();
            final int end = encodeDocument(records);
            assertThat(decodeDocument(end, records.size())).as("document %d", document).isEqualTo(hex(records));
        }
        assertThat(eligible).as("submissions and payments in a compact form, of %d records", total).isGreaterThan(total * 2 / 5);
    }

    @Test
    void shouldWriteASequentialInvoiceInLessThanHalfItsCommandBytes()
    {
        assertCompactDocument(i -> CommandCodec.encodeSubmitObligation(scratch, 0, 1_790_000_000_000L + i / 100,
            String.format("INV-%09d", 4_200_000 + i), String.format("F%07d", (i * 7919) % 100_000),
            String.format("F%07d", (i * 104_729) % 100_000), 1 + i % 10_000), 59, 27);
    }

    @Test
    void shouldWriteAPaymentOfASequentialInvoiceInLessThanHalfItsCommandBytes()
    {
        assertCompactDocument(i -> CommandCodec.encodeRecordPayment(scratch, 0, 1_790_000_000_000L + i / 100,
            String.format("PAY-%09d", 7_000_000 + i), String.format("INV-%09d", 4_200_000 + (i * 7919) % 50_000),
            1 + i % 10_000), 54, 20);
    }

    /**
     * Encodes 1,024 commands, each taking {@code commandBytes} with its length, checks they take under
     * {@code mostBytes} each on average, and that they come back as they were.
     */
    private void assertCompactDocument(final IntUnaryOperator encodeIntoScratch, final int commandBytes,
        final int mostBytes)
    {
        final List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 1_024; i++)
        {
            final int length = encodeIntoScratch.applyAsInt(i);
            assertThat(4 + length).isEqualTo(commandBytes);
            records.add(copy(scratch, length));
        }
        final int end = encodeDocument(records);
        assertThat(end).as("bytes for 1,024 commands of %d bytes", commandBytes).isLessThan(1_024 * mostBytes);
        assertThat(decodeDocument(end, records.size())).isEqualTo(hex(records));
    }

    @Test
    void shouldEncodeTheSameWhereverTheCommandAndTheDocumentLie()
    {
        final List<byte[]> records = randomCommands(new SplittableRandom(11), 300, "INV-9-");
        final int end = encodeDocument(records);
        final byte[] expected = new byte[end];
        encoded.getBytes(0, expected);

        // Commands off-heap and at an offset into a larger array; the document 3 bytes into its array.
        final CompactRecords elsewhere = new CompactRecords();
        final UnsafeBuffer document = new UnsafeBuffer(new byte[end + 64], 3, end + 61);
        final UnsafeBuffer offHeap = new UnsafeBuffer(ByteBuffer.allocateDirect(4_096));
        int at = 0;
        for (int i = 0; i < records.size(); i++)
        {
            final byte[] record = records.get(i);
            if (i % 2 == 0)
            {
                offHeap.putBytes(0, record);
                at = elsewhere.encode(offHeap, 0, record.length, document, at);
            }
            else
            {
                final byte[] larger = new byte[record.length + 10];
                System.arraycopy(record, 0, larger, 7, record.length);
                at = elsewhere.encode(new UnsafeBuffer(larger, 5, record.length + 2), 2, record.length, document, at);
            }
        }
        final byte[] actual = new byte[at];
        document.getBytes(0, actual);
        assertThat(actual).isEqualTo(expected);

        final UnsafeBuffer rebuilt = new UnsafeBuffer(new byte[DOCUMENT_BYTES + 9], 9, DOCUMENT_BYTES);
        final int rebuiltEnd = decoder.decode(document, 0, at, records.size(), rebuilt, 0);
        final byte[] fromOffset = new byte[rebuiltEnd];
        rebuilt.getBytes(0, fromOffset);
        final int plainEnd = decoder.decode(encoded, 0, end, records.size(), decoded, 0);
        final byte[] plain = new byte[plainEnd];
        decoded.getBytes(0, plain);
        assertThat(fromOffset).isEqualTo(plain);
        assertThat(decodeDocument(end, records.size())).isEqualTo(hex(records));
    }

    @Test
    void shouldKeepSubmissionsThatDoNotFitTheCompactFormVerbatim()
    {
        final List<byte[]> records = new ArrayList<>();
        records.add(copy(scratch, CommandCodec.encodeSubmitObligation(scratch, 0, 5, "INV-1", "A", "B", -3)));
        final int tooLong = CommandCodec.encodeSubmitObligation(scratch, 0, 5, "INV-2", "A", "B", 3);
        records.add(Arrays.copyOf(copy(scratch, tooLong), tooLong + 1));
        records.add(Arrays.copyOf(copy(scratch, tooLong), CommandCodec.SUBMIT_KEYS_OFFSET - 1));
        final byte[] negativeLength = copy(scratch, tooLong);
        new UnsafeBuffer(negativeLength).putShort(CommandCodec.SUBMIT_ID_LENGTH_OFFSET, (short)-1);
        records.add(negativeLength);
        records.add(new byte[0]);
        final int end = encodeDocument(records);
        int at = 0;
        for (int i = 0; i < records.size(); i++)
        {
            assertThat(encoded.getByte(at)).as("record %d", i).isEqualTo((byte)CompactRecords.VERBATIM);
            at += 2 + records.get(i).length;
        }
        assertThat(at).isEqualTo(end);
        assertThat(decodeDocument(end, records.size())).isEqualTo(hex(records));
    }

    @Test
    void shouldRefuseBytesThatAreNotTheRecordsCountedAndNeverThrow()
    {
        final SplittableRandom random = new SplittableRandom(7);
        final List<byte[]> records = randomCommands(random, 40, "INV-77-");
        final int end = encodeDocument(records);
        assertThat(decodeDocument(end, records.size())).isEqualTo(hex(records));
        assertThat(decoder.decode(encoded, 0, end, records.size() + 1, decoded, 0)).as("one record more").isEqualTo(-1);
        assertThat(decoder.decode(encoded, 0, end, records.size() - 1, decoded, 0)).as("one record less").isEqualTo(-1);
        assertThat(decoder.decode(encoded, 0, end - 1, records.size(), decoded, 0)).as("cut short").isEqualTo(-1);
        assertThat(decoder.decode(encoded, 0, end, records.size(), new UnsafeBuffer(new byte[end]), 0))
            .as("rebuilt records larger than the target").isEqualTo(-1);

        final byte[] original = new byte[end];
        encoded.getBytes(0, original);
        for (int trial = 0; trial < 20_000; trial++)
        {
            encoded.putBytes(0, original);
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--)
            {
                encoded.putByte(random.nextInt(end), (byte)random.nextInt(256));
            }
            final int rebuilt = decoder.decode(encoded, 0, end, records.size(), decoded, 0);
            assertThat(rebuilt).isBetween(-1, DOCUMENT_BYTES);
        }
    }

    @Test
    void shouldRefuseAnIdSharingMoreThanThePreviousOneHad()
    {
        final int length = CommandCodec.encodeSubmitObligation(scratch, 0, 1, "INV-1", "A", "B", 10);
        final int end = encodeDocument(List.of(copy(scratch, length)));
        final int sharedAt = end - "INV-1AB".length() - 1;
        assertThat(encoded.getByte(sharedAt)).isZero();
        encoded.putByte(sharedAt, (byte)1);
        // One byte fewer written after it, as an id sharing one byte would have: only the sharing is wrong.
        assertThat(decoder.decode(encoded, 0, end - 1, 1, decoded, 0)).isEqualTo(-1);
        encoded.putByte(0, (byte)9);
        assertThat(decoder.decode(encoded, 0, end, 1, decoded, 0)).as("unknown record form").isEqualTo(-1);
    }

    private int encodeDocument(final List<byte[]> records)
    {
        encoder.reset();
        int at = 0;
        for (final byte[] record : records)
        {
            at = encoder.encode(new UnsafeBuffer(record), 0, record.length, encoded, at);
            assertThat(at).isLessThanOrEqualTo(DOCUMENT_BYTES);
        }
        return at;
    }

    /**
     * @return the records rebuilt, each as hex.
     */
    private List<String> decodeDocument(final int end, final int count)
    {
        final int rebuilt = decoder.decode(encoded, 0, end, count, decoded, 0);
        assertThat(rebuilt).as("decoded length").isPositive();
        final List<byte[]> records = new ArrayList<>();
        for (int at = 0; at < rebuilt; )
        {
            final int length = decoded.getInt(at);
            records.add(copy(new UnsafeBuffer(decoded.byteArray(), at + 4, length), length));
            at += 4 + length;
        }
        return hex(records);
    }

    private static List<String> hex(final List<byte[]> records)
    {
        return records.stream().map(CompactRecordsTest::hex).toList();
    }

    private static String hex(final byte[] bytes)
    {
        final StringBuilder text = new StringBuilder(bytes.length * 2);
        for (final byte b : bytes)
        {
            text.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return text.toString();
    }

    /**
     * @return {@code count} of {@link #randomCommand}, sequence ids {@code prefix} then their number.
     */
    private List<byte[]> randomCommands(final SplittableRandom random, final int count, final String prefix)
    {
        final List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            records.add(randomCommand(random, prefix + i));
        }
        return records;
    }

    /**
     * Mostly submissions (some in sequence with the one before, some with far-off timestamps, extreme or negative
     * amounts, empty or long multi-byte ids), then other commands and raw bytes of any length.
     */
    private byte[] randomCommand(final SplittableRandom random, final String sequenceId)
    {
        final int kind = random.nextInt(10);
        if (kind < 6)
        {
            final String id = kind == 0 ? randomId(random, random.nextInt(60)) : sequenceId;
            final long timestamp = random.nextInt(4) == 0 ? random.nextLong() : 1_790_000_000_000L + random.nextInt(50);
            final long amount = switch (random.nextInt(6))
            {
                case 0 -> random.nextLong();
                case 1 -> Long.MAX_VALUE;
                case 2 -> 0;
                default -> 1 + random.nextInt(1_000_000);
            };
            final int length = CommandCodec.encodeSubmitObligation(scratch, 0, timestamp, id,
                randomId(random, random.nextInt(20)), randomId(random, random.nextInt(20)), amount);
            assertThat(length).isPositive();
            return copy(scratch, length);
        }
        if (kind == 6)
        {
            return copy(scratch, CommandCodec.encodeRecordPayment(scratch, 0, random.nextLong(), "PAY-" + sequenceId,
                sequenceId, random.nextLong()));
        }
        if (kind == 7)
        {
            return copy(scratch, CommandCodec.encodeRegisterParticipant(scratch, 0, random.nextLong(),
                randomId(random, 1 + random.nextInt(30)), randomId(random, random.nextInt(60))));
        }
        final byte[] raw = new byte[random.nextInt(kind == 8 ? 30 : 3_000)];
        for (int i = 0; i < raw.length; i++)
        {
            raw[i] = (byte)random.nextInt(256);
        }
        if (raw.length >= 4 && random.nextBoolean())
        {
            new UnsafeBuffer(raw).putInt(CommandCodec.TYPE_OFFSET, CommandCodec.TYPE_SUBMIT_OBLIGATION);
        }
        return raw;
    }

    private static String randomId(final SplittableRandom random, final int characters)
    {
        final StringBuilder id = new StringBuilder();
        for (int i = 0; i < characters; i++)
        {
            id.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }

    private static byte[] copy(final UnsafeBuffer buffer, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }
}
