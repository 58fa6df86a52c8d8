package io.clearing.core.engine.journal;

import io.clearing.core.engine.state.CommandCodec;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The records of a journal document from format version 4 on: each command as it came (the bytes of
 * {@link CommandCodec}) or, for a submission, in fewer bytes. The journal stores what it is given byte for byte:
 * {@link #decode} rebuilds exactly the records {@link #encode} was handed, so replay, snapshot positions and the
 * state hash do not depend on the form.
 * <pre>
 *   verbatim:   byte 0, varint length, the command's bytes
 *   submission: byte 1, varint zigzag(timestamp - previous), varint amount, byte idLength, byte debtorLength,
 *               byte creditorLength, byte shared, the id's bytes after the first {@code shared}, debtor, creditor
 * </pre>
 * A submission ({@link CommandCodec#TYPE_SUBMIT_OBLIGATION}) takes the second form when its lengths add up, its
 * ids are at most 255 bytes and its amount is not negative; anything else is verbatim. Its timestamp is written as
 * the difference from the previous submission's in the document, and its id after the bytes it shares with the
 * previous submission's id ({@code INV-1231} after {@code INV-1230}: 7 bytes shared, 1 written), so a submission of
 * a 13-byte invoice number between two 8-byte participant ids takes about 25 bytes instead of 59 (the 4-byte length
 * and 55 command bytes of versions 2 and 3). That halves what the journal writes (and the kernel zero-fills, copies
 * and writes back) per obligation; the journal stage does the encoding, the replay reader thread the decoding.
 * <p>
 * The previous timestamp and id start afresh with each document, so every document decodes on its own. Not
 * thread-safe: one per writer or reader.
 */
final class CompactRecords
{
    static final int VERBATIM = 0;
    static final int SUBMISSION = 1;
    private static final int MAX_COMPACT_ID_BYTES = 0xFF;

    private final byte[] previousId = new byte[MAX_COMPACT_ID_BYTES];
    private int previousIdLength;
    private long previousTimestamp;
    /**
     * Where the last varint read or submission decoded ended in the source (saves returning two values).
     */
    private int varintEnd;

    /**
     * Forgets the previous submission: call at the start of every document.
     */
    void reset()
    {
        previousIdLength = 0;
        previousTimestamp = 0;
    }

    /**
     * Writes one command at {@code at} in {@code target}, which must have {@code length + 4} bytes free: a record is
     * never longer than the command and a 4-byte length (its tag and a varint length of up to 3 bytes for commands
     * under 2 MiB; a submission's fields before its ids take 25 bytes at most, against the command's 26).
     *
     * @return where the record ends.
     */
    int encode(final DirectBuffer command, final int offset, final int length, final UnsafeBuffer target, final int at)
    {
        if (isCompactSubmission(command, offset, length))
        {
            return encodeSubmission(command, offset, target, at);
        }
        target.putByte(at, (byte)VERBATIM);
        final int bytesAt = putVarint(target, at + 1, length);
        target.putBytes(bytesAt, command, offset, length);
        return bytesAt + length;
    }

    static boolean isCompactSubmission(final DirectBuffer command, final int offset, final int length)
    {
        if (length < CommandCodec.SUBMIT_KEYS_OFFSET ||
            command.getInt(offset + CommandCodec.TYPE_OFFSET) != CommandCodec.TYPE_SUBMIT_OBLIGATION ||
            command.getLong(offset + CommandCodec.SUBMIT_AMOUNT_OFFSET) < 0)
        {
            return false;
        }
        final int idLength = command.getShort(offset + CommandCodec.SUBMIT_ID_LENGTH_OFFSET);
        final int debtorLength = command.getShort(offset + CommandCodec.SUBMIT_DEBTOR_LENGTH_OFFSET);
        final int creditorLength = command.getShort(offset + CommandCodec.SUBMIT_CREDITOR_LENGTH_OFFSET);
        return idLength >= 0 && idLength <= MAX_COMPACT_ID_BYTES && debtorLength >= 0 &&
            debtorLength <= MAX_COMPACT_ID_BYTES && creditorLength >= 0 && creditorLength <= MAX_COMPACT_ID_BYTES &&
            CommandCodec.SUBMIT_KEYS_OFFSET + idLength + debtorLength + creditorLength == length;
    }

    private int encodeSubmission(final DirectBuffer command, final int offset, final UnsafeBuffer target, final int at)
    {
        final long timestamp = command.getLong(offset + CommandCodec.TIMESTAMP_OFFSET);
        final long amount = command.getLong(offset + CommandCodec.SUBMIT_AMOUNT_OFFSET);
        final int idLength = command.getShort(offset + CommandCodec.SUBMIT_ID_LENGTH_OFFSET);
        final int debtorLength = command.getShort(offset + CommandCodec.SUBMIT_DEBTOR_LENGTH_OFFSET);
        final int creditorLength = command.getShort(offset + CommandCodec.SUBMIT_CREDITOR_LENGTH_OFFSET);
        final int idAt = offset + CommandCodec.SUBMIT_KEYS_OFFSET;

        int shared = 0;
        final int most = Math.min(idLength, previousIdLength);
        while (shared < most && command.getByte(idAt + shared) == previousId[shared])
        {
            shared++;
        }
        target.putByte(at, (byte)SUBMISSION);
        int p = putVarint(target, at + 1, zigzag(timestamp - previousTimestamp));
        p = putVarint(target, p, amount);
        target.putByte(p, (byte)idLength);
        target.putByte(p + 1, (byte)debtorLength);
        target.putByte(p + 2, (byte)creditorLength);
        target.putByte(p + 3, (byte)shared);
        p += 4;
        final int rest = idLength - shared + debtorLength + creditorLength;
        target.putBytes(p, command, idAt + shared, rest);

        command.getBytes(idAt + shared, previousId, shared, idLength - shared);
        previousIdLength = idLength;
        previousTimestamp = timestamp;
        return p + rest;
    }

    /**
     * Rebuilds the records of a document, {@code count} of them in {@code source[from, to)}, as
     * {@code count x (int length, command bytes)} in {@code target} from {@code targetAt}.
     *
     * @return where the rebuilt records end in {@code target}, or -1 when the bytes are not {@code count} well-formed
     * records filling the range exactly, or would not fit.
     */
    int decode(final UnsafeBuffer source, final int from, final int to, final int count, final UnsafeBuffer target,
        final int targetAt)
    {
        reset();
        final int targetEnd = target.capacity();
        int at = from;
        int out = targetAt;
        for (int i = 0; i < count; i++)
        {
            if (at >= to)
            {
                return -1;
            }
            final int tag = source.getByte(at++);
            if (tag == VERBATIM)
            {
                final long length = getVarint(source, at, to);
                at = varintEnd;
                if (length < 0 || length > to - at || out + 4 + length > targetEnd)
                {
                    return -1;
                }
                target.putInt(out, (int)length);
                target.putBytes(out + 4, source, at, (int)length);
                at += (int)length;
                out += 4 + (int)length;
            }
            else if (tag == SUBMISSION)
            {
                out = decodeSubmission(source, at, to, target, out, targetEnd);
                if (out < 0)
                {
                    return -1;
                }
                at = varintEnd;
            }
            else
            {
                return -1;
            }
        }
        return at == to ? out : -1;
    }

    private int decodeSubmission(final UnsafeBuffer source, final int from, final int to, final UnsafeBuffer target,
        final int out, final int targetEnd)
    {
        final long delta = getVarint(source, from, to);
        if (varintEnd < 0)
        {
            return -1;
        }
        final long amount = getVarint(source, varintEnd, to);
        int at = varintEnd;
        if (at < 0 || amount < 0 || at + 4 > to)
        {
            return -1;
        }
        final int idLength = source.getByte(at) & 0xFF;
        final int debtorLength = source.getByte(at + 1) & 0xFF;
        final int creditorLength = source.getByte(at + 2) & 0xFF;
        final int shared = source.getByte(at + 3) & 0xFF;
        at += 4;
        final int rest = idLength - shared + debtorLength + creditorLength;
        final int commandLength = CommandCodec.SUBMIT_KEYS_OFFSET + idLength + debtorLength + creditorLength;
        if (shared > idLength || shared > previousIdLength || rest > to - at || out + 4 + commandLength > targetEnd)
        {
            return -1;
        }
        final long timestamp = previousTimestamp + unzigzag(delta);
        final int command = out + 4;
        target.putInt(out, commandLength);
        target.putInt(command + CommandCodec.TYPE_OFFSET, CommandCodec.TYPE_SUBMIT_OBLIGATION);
        target.putLong(command + CommandCodec.TIMESTAMP_OFFSET, timestamp);
        target.putLong(command + CommandCodec.SUBMIT_AMOUNT_OFFSET, amount);
        target.putShort(command + CommandCodec.SUBMIT_ID_LENGTH_OFFSET, (short)idLength);
        target.putShort(command + CommandCodec.SUBMIT_DEBTOR_LENGTH_OFFSET, (short)debtorLength);
        target.putShort(command + CommandCodec.SUBMIT_CREDITOR_LENGTH_OFFSET, (short)creditorLength);
        final int idAt = command + CommandCodec.SUBMIT_KEYS_OFFSET;
        target.putBytes(idAt, previousId, 0, shared);
        target.putBytes(idAt + shared, source, at, rest);
        source.getBytes(at, previousId, shared, idLength - shared);
        previousIdLength = idLength;
        previousTimestamp = timestamp;
        varintEnd = at + rest;
        return command + commandLength;
    }

    /**
     * Writes {@code value} as an unsigned LEB128 varint (7 bits a byte, low first).
     *
     * @return where it ends.
     */
    static int putVarint(final UnsafeBuffer target, final int at, final long value)
    {
        int p = at;
        long rest = value;
        while ((rest & ~0x7FL) != 0)
        {
            target.putByte(p++, (byte)((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        target.putByte(p++, (byte)rest);
        return p;
    }

    /**
     * Reads an unsigned varint from {@code source[at, to)}; sets {@link #varintEnd} to where it ends, or to -1 (and
     * returns -1) when it runs past {@code to} or past ten bytes.
     */
    private long getVarint(final UnsafeBuffer source, final int at, final int to)
    {
        long value = 0;
        for (int shift = 0, p = at; shift < 64 && p < to; shift += 7, p++)
        {
            final int b = source.getByte(p);
            value |= (long)(b & 0x7F) << shift;
            if (b >= 0)
            {
                varintEnd = p + 1;
                return value;
            }
        }
        varintEnd = -1;
        return -1;
    }

    private static long zigzag(final long value)
    {
        return (value << 1) ^ (value >> 63);
    }

    private static long unzigzag(final long value)
    {
        return (value >>> 1) ^ -(value & 1);
    }
}
