package io.clearing.core.engine.journal;

import io.clearing.core.engine.state.CommandCodec;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The records of a journal document from format version 4 on: each command as it came (the bytes of
 * {@link CommandCodec}) or, for a submission or a payment, in fewer bytes. The journal stores what it is given byte
 * for byte: {@link #decode} rebuilds exactly the records {@link #encode} was handed, so replay, snapshot positions and
 * the state hash do not depend on the form.
 * <pre>
 *   verbatim:   byte 0, varint length (LEB128), the command's bytes
 *   submission: byte tag = 1 | 4 if the timestamp is the previous record's | amount bytes (0 to 8) &lt;&lt; 4,
 *               [long timestamp], the amount's low bytes, byte idLength, byte debtorLength, byte creditorLength,
 *               byte shared, the id's bytes after the first {@code shared}, debtor, creditor
 *   payment:    byte tag = 2 | 4 | amount bytes &lt;&lt; 4 as above, [long timestamp], the amount's low bytes,
 *               byte paymentIdLength, byte obligationIdLength, byte paymentShared, byte obligationShared, the payment
 *               id's bytes after the first {@code paymentShared}, the obligation id's after {@code obligationShared}
 * </pre>
 * (little-endian). A submission ({@link CommandCodec#TYPE_SUBMIT_OBLIGATION}) or payment
 * ({@link CommandCodec#TYPE_RECORD_PAYMENT}) takes its compact form when its lengths add up, its ids are at most 255
 * bytes and its amount is not negative; anything else is verbatim. The timestamp is left out when it is the previous
 * compact record's in the document (the engine stamps milliseconds, and a batch usually falls within one), the
 * amount takes only the bytes it needs, and an id is written after the bytes it shares with the one before of its
 * kind: an obligation id with the previous submission's or payment's obligation id ({@code INV-1231} after
 * {@code INV-1230}: 7 bytes shared, 1 written), a payment id with the previous payment id. A submission of a 13-byte
 * invoice number between two 8-byte participant ids then takes about 24 bytes instead of 59 (the 4-byte length and
 * 55 command bytes of versions 2 and 3): less than half of what the journal writes per obligation, and so of what the
 * kernel zero-fills, copies and writes back for it. Fixed-width fields rather than varints, copies and comparisons
 * 8 bytes at a time, and work on the byte arrays behind the buffers through array views (whose index checks cost
 * less than a buffer's bounds checks: with those, both took half as long again) keep the encoding (on the journal
 * stage) and the decoding (on the replay reader thread) to a few tens of nanoseconds a record.
 * <p>
 * What the records share starts afresh with each document, so every document decodes on its own. Not thread-safe:
 * one per writer or reader.
 */
final class CompactRecords
{
    static final int VERBATIM = 0;
    static final int SUBMISSION = 1;
    static final int PAYMENT = 2;
    private static final int SAME_TIMESTAMP = 4;
    private static final int AMOUNT_BYTES_SHIFT = 4;
    /**
     * The tag's bits that name the form: the others say whether the timestamp is left out and how long the amount is.
     */
    private static final int FORM_BITS = 0x0B;
    private static final int MAX_COMPACT_ID_BYTES = 0xFF;
    /**
     * The compact form's own numbers, and ids compared a word at a time (the first byte in the low bits).
     */
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, LITTLE_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, LITTLE_ENDIAN);
    /**
     * A command's fields, in the byte order {@link CommandCodec} writes them (the platform's, through its buffers).
     */
    private static final VarHandle COMMAND_LONG =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle COMMAND_INT =
        MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle COMMAND_SHORT =
        MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.nativeOrder());

    private final PreviousId obligationId = new PreviousId();
    private final PreviousId paymentId = new PreviousId();
    private long previousTimestamp;
    /**
     * Encoding: a command that is not in a byte array (off-heap) is copied here first.
     */
    private byte[] offHeapCopy = new byte[0];
    /**
     * Decoding: where the last record ended in the source, and the timestamp, amount and lengths of the last compact
     * one (fields rather than returned values, of which Java has only one).
     */
    private int decodedEnd;
    private long decodedTimestamp;
    private long decodedAmount;
    private int decodedLengths;

    /**
     * Forgets the previous records: call at the start of every document.
     */
    void reset()
    {
        obligationId.length = 0;
        paymentId.length = 0;
        previousTimestamp = 0;
    }

    /**
     * Writes one command at {@code at} in {@code target} (a buffer over a byte array), which must have
     * {@code length + 4} bytes free: a record is never longer than the command and a 4-byte length (its tag and a
     * varint length of up to 3 bytes for commands under 2 MiB; a compact record's fields before its ids take at most
     * 21 bytes, against the command's 24 or 26, and writing its amount as a whole long reaches at most 17 bytes in).
     *
     * @return where the record ends.
     */
    int encode(final DirectBuffer command, final int offset, final int length, final UnsafeBuffer target, final int at)
    {
        command.boundsCheck(offset, length);
        target.boundsCheck(at, length + 4);
        byte[] source = command.byteArray();
        int from = command.wrapAdjustment() + offset;
        if (source == null)
        {
            if (offHeapCopy.length < length)
            {
                offHeapCopy = new byte[length];
            }
            command.getBytes(offset, offHeapCopy, 0, length);
            source = offHeapCopy;
            from = 0;
        }
        final byte[] out = target.byteArray();
        final int base = target.wrapAdjustment();
        final int form = compactForm(source, from, length);
        if (form == SUBMISSION)
        {
            return encodeSubmission(source, from, out, base + at) - base;
        }
        if (form == PAYMENT)
        {
            return encodePayment(source, from, out, base + at) - base;
        }
        out[base + at] = (byte)VERBATIM;
        final int bytesAt = putVarint(out, base + at + 1, length);
        System.arraycopy(source, from, out, bytesAt, length);
        return bytesAt + length - base;
    }

    /**
     * @return the form the command in {@code source[from, from + length)} is written in: {@link #SUBMISSION},
     * {@link #PAYMENT} or {@link #VERBATIM}.
     */
    static int compactForm(final byte[] source, final int from, final int length)
    {
        if (length < CommandCodec.PAYMENT_KEYS_OFFSET)
        {
            return VERBATIM;
        }
        final int type = (int)COMMAND_INT.get(source, from + CommandCodec.TYPE_OFFSET);
        if (type == CommandCodec.TYPE_SUBMIT_OBLIGATION && length >= CommandCodec.SUBMIT_KEYS_OFFSET &&
            (long)COMMAND_LONG.get(source, from + CommandCodec.SUBMIT_AMOUNT_OFFSET) >= 0)
        {
            final int idLength = (short)COMMAND_SHORT.get(source, from + CommandCodec.SUBMIT_ID_LENGTH_OFFSET);
            final int debtorLength = (short)COMMAND_SHORT.get(source, from + CommandCodec.SUBMIT_DEBTOR_LENGTH_OFFSET);
            final int creditorLength =
                (short)COMMAND_SHORT.get(source, from + CommandCodec.SUBMIT_CREDITOR_LENGTH_OFFSET);
            return fits(idLength) && fits(debtorLength) && fits(creditorLength) &&
                CommandCodec.SUBMIT_KEYS_OFFSET + idLength + debtorLength + creditorLength == length ? SUBMISSION :
                VERBATIM;
        }
        if (type == CommandCodec.TYPE_RECORD_PAYMENT &&
            (long)COMMAND_LONG.get(source, from + CommandCodec.PAYMENT_AMOUNT_OFFSET) >= 0)
        {
            final int paymentLength = (short)COMMAND_SHORT.get(source, from + CommandCodec.PAYMENT_ID_LENGTH_OFFSET);
            final int obligationLength =
                (short)COMMAND_SHORT.get(source, from + CommandCodec.PAYMENT_OBLIGATION_LENGTH_OFFSET);
            return fits(paymentLength) && fits(obligationLength) &&
                CommandCodec.PAYMENT_KEYS_OFFSET + paymentLength + obligationLength == length ? PAYMENT : VERBATIM;
        }
        return VERBATIM;
    }

    private static boolean fits(final int idLength)
    {
        return idLength >= 0 && idLength <= MAX_COMPACT_ID_BYTES;
    }

    private int encodeSubmission(final byte[] command, final int from, final byte[] out, final int at)
    {
        final int idLength = (short)COMMAND_SHORT.get(command, from + CommandCodec.SUBMIT_ID_LENGTH_OFFSET);
        final int debtorLength = (short)COMMAND_SHORT.get(command, from + CommandCodec.SUBMIT_DEBTOR_LENGTH_OFFSET);
        final int creditorLength = (short)COMMAND_SHORT.get(command, from + CommandCodec.SUBMIT_CREDITOR_LENGTH_OFFSET);
        final int idAt = from + CommandCodec.SUBMIT_KEYS_OFFSET;

        int p = putTagTimestampAmount(SUBMISSION, (long)COMMAND_LONG.get(command, from + CommandCodec.TIMESTAMP_OFFSET),
            (long)COMMAND_LONG.get(command, from + CommandCodec.SUBMIT_AMOUNT_OFFSET), out, at);
        final int shared = obligationId.sharedPrefix(command, idAt, idLength);
        INT.set(out, p, idLength | debtorLength << 8 | creditorLength << 16 | shared << 24);
        p += Integer.BYTES;
        final int rest = idLength - shared + debtorLength + creditorLength;
        copy(command, idAt + shared, out, p, rest);
        obligationId.keep(command, idAt, idLength, shared);
        return p + rest;
    }

    private int encodePayment(final byte[] command, final int from, final byte[] out, final int at)
    {
        final int paymentLength = (short)COMMAND_SHORT.get(command, from + CommandCodec.PAYMENT_ID_LENGTH_OFFSET);
        final int obligationLength =
            (short)COMMAND_SHORT.get(command, from + CommandCodec.PAYMENT_OBLIGATION_LENGTH_OFFSET);
        final int paymentAt = from + CommandCodec.PAYMENT_KEYS_OFFSET;
        final int obligationAt = paymentAt + paymentLength;

        int p = putTagTimestampAmount(PAYMENT, (long)COMMAND_LONG.get(command, from + CommandCodec.TIMESTAMP_OFFSET),
            (long)COMMAND_LONG.get(command, from + CommandCodec.PAYMENT_AMOUNT_OFFSET), out, at);
        final int paymentShared = paymentId.sharedPrefix(command, paymentAt, paymentLength);
        final int obligationShared = obligationId.sharedPrefix(command, obligationAt, obligationLength);
        INT.set(out, p, paymentLength | obligationLength << 8 | paymentShared << 16 | obligationShared << 24);
        p += Integer.BYTES;
        copy(command, paymentAt + paymentShared, out, p, paymentLength - paymentShared);
        p += paymentLength - paymentShared;
        copy(command, obligationAt + obligationShared, out, p, obligationLength - obligationShared);
        p += obligationLength - obligationShared;
        paymentId.keep(command, paymentAt, paymentLength, paymentShared);
        obligationId.keep(command, obligationAt, obligationLength, obligationShared);
        return p;
    }

    /**
     * Writes the tag, the timestamp unless it is the previous record's, and the amount's bytes.
     *
     * @return where the record's lengths go.
     */
    private int putTagTimestampAmount(final int form, final long timestamp, final long amount, final byte[] out,
        final int at)
    {
        final boolean sameTimestamp = timestamp == previousTimestamp;
        final int amountBytes = (Long.SIZE + Byte.SIZE - 1 - Long.numberOfLeadingZeros(amount)) >>> 3;
        out[at] = (byte)(form | (sameTimestamp ? SAME_TIMESTAMP : 0) | amountBytes << AMOUNT_BYTES_SHIFT);
        int p = at + 1;
        if (!sameTimestamp)
        {
            LONG.set(out, p, timestamp);
            p += Long.BYTES;
        }
        previousTimestamp = timestamp;
        // The whole long, of which the lengths after it overwrite all but the amount's own bytes.
        LONG.set(out, p, amount);
        return p + amountBytes;
    }

    /**
     * Copies a few bytes 8, then 4, 2 and 1 at a time: for the 10 to 30 bytes of a record's ids cheaper than a bulk
     * copy or a loop of single bytes.
     */
    private static void copy(final byte[] from, final int fromAt, final byte[] to, final int toAt, final int length)
    {
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES)
        {
            LONG.set(to, toAt + i, (long)LONG.get(from, fromAt + i));
        }
        if (i + Integer.BYTES <= length)
        {
            INT.set(to, toAt + i, (int)INT.get(from, fromAt + i));
            i += Integer.BYTES;
        }
        if (i + Short.BYTES <= length)
        {
            SHORT.set(to, toAt + i, (short)SHORT.get(from, fromAt + i));
            i += Short.BYTES;
        }
        if (i < length)
        {
            to[toAt + i] = from[fromAt + i];
        }
    }

    /**
     * Rebuilds the records of a document, {@code count} of them in {@code source[from, to)}, as
     * {@code count x (int length, command bytes)} in {@code target} from {@code targetAt} (both buffers over byte
     * arrays).
     *
     * @return where the rebuilt records end in {@code target}, or -1 when the bytes are not {@code count} well-formed
     * records filling the range exactly, or would not fit.
     */
    int decode(final UnsafeBuffer source, final int from, final int to, final int count, final UnsafeBuffer target,
        final int targetAt)
    {
        source.boundsCheck(from, to - from);
        final byte[] in = source.byteArray();
        final int inBase = source.wrapAdjustment();
        final byte[] out = target.byteArray();
        final int outBase = target.wrapAdjustment();
        final int end = decode(in, inBase + from, inBase + to, count, out, outBase + targetAt,
            outBase + target.capacity());
        return end < 0 ? -1 : end - outBase;
    }

    private int decode(final byte[] in, final int from, final int to, final int count, final byte[] out,
        final int outAt, final int outEnd)
    {
        reset();
        int at = from;
        int written = outAt;
        for (int i = 0; i < count; i++)
        {
            if (at >= to)
            {
                return -1;
            }
            final int tag = in[at] & 0xFF;
            final int form = tag & FORM_BITS;
            if (form == SUBMISSION || form == PAYMENT)
            {
                final int idsAt = readHead(tag, in, at + 1, to);
                if (idsAt < 0)
                {
                    return -1;
                }
                written = form == SUBMISSION ? decodeSubmission(in, idsAt, to, out, written, outEnd) :
                    decodePayment(in, idsAt, to, out, written, outEnd);
            }
            else if (tag == VERBATIM)
            {
                written = decodeVerbatim(in, at + 1, to, out, written, outEnd);
            }
            else
            {
                return -1;
            }
            if (written < 0)
            {
                return -1;
            }
            at = decodedEnd;
        }
        return at == to ? written : -1;
    }

    private int decodeVerbatim(final byte[] in, final int from, final int to, final byte[] out, final int written,
        final int outEnd)
    {
        long length = 0;
        int at = from;
        for (int shift = 0; ; shift += 7, at++)
        {
            if (at >= to || shift > 21)
            {
                return -1;
            }
            final int b = in[at];
            length |= (long)(b & 0x7F) << shift;
            if (b >= 0)
            {
                at++;
                break;
            }
        }
        if (length > to - at || written + 4 + length > outEnd)
        {
            return -1;
        }
        COMMAND_INT.set(out, written, (int)length);
        System.arraycopy(in, at, out, written + 4, (int)length);
        decodedEnd = at + (int)length;
        return written + 4 + (int)length;
    }

    /**
     * Reads a compact record's timestamp, amount and the four bytes of lengths after them into
     * {@link #decodedTimestamp}, {@link #decodedAmount} and {@link #decodedLengths}.
     *
     * @return where its ids start, or -1 when the record is cut short or its amount is not one.
     */
    private int readHead(final int tag, final byte[] in, final int from, final int to)
    {
        int at = from;
        decodedTimestamp = previousTimestamp;
        if ((tag & SAME_TIMESTAMP) == 0)
        {
            if (at + Long.BYTES > to)
            {
                return -1;
            }
            decodedTimestamp = (long)LONG.get(in, at);
            at += Long.BYTES;
        }
        final int amountBytes = tag >>> AMOUNT_BYTES_SHIFT;
        if (amountBytes > Long.BYTES || at + amountBytes + Integer.BYTES > to)
        {
            return -1;
        }
        decodedAmount = amountBytes == 0 ? 0 : readLowBytes(in, at, amountBytes, to);
        at += amountBytes;
        decodedLengths = (int)INT.get(in, at);
        previousTimestamp = decodedTimestamp;
        return decodedAmount < 0 ? -1 : at + Integer.BYTES;
    }

    /**
     * Writes a rebuilt command's length, type, timestamp and amount.
     *
     * @return where the command starts.
     */
    private int putHead(final byte[] out, final int written, final int commandLength, final int type,
        final int amountOffset)
    {
        final int command = written + 4;
        COMMAND_INT.set(out, written, commandLength);
        COMMAND_INT.set(out, command + CommandCodec.TYPE_OFFSET, type);
        COMMAND_LONG.set(out, command + CommandCodec.TIMESTAMP_OFFSET, decodedTimestamp);
        COMMAND_LONG.set(out, command + amountOffset, decodedAmount);
        return command;
    }

    /**
     * The rest of a submission whose head {@link #readHead} read; its ids start at {@code at}.
     */
    private int decodeSubmission(final byte[] in, final int at, final int to, final byte[] out, final int written,
        final int outEnd)
    {
        final int lengths = decodedLengths;
        final int idLength = lengths & 0xFF;
        final int debtorLength = (lengths >>> 8) & 0xFF;
        final int creditorLength = (lengths >>> 16) & 0xFF;
        final int shared = lengths >>> 24;
        final int rest = idLength - shared + debtorLength + creditorLength;
        final int commandLength = CommandCodec.SUBMIT_KEYS_OFFSET + idLength + debtorLength + creditorLength;
        if (shared > idLength || shared > obligationId.length || rest > to - at || written + 4 + commandLength > outEnd)
        {
            return -1;
        }
        final int command = putHead(out, written, commandLength, CommandCodec.TYPE_SUBMIT_OBLIGATION,
            CommandCodec.SUBMIT_AMOUNT_OFFSET);
        COMMAND_SHORT.set(out, command + CommandCodec.SUBMIT_ID_LENGTH_OFFSET, (short)idLength);
        COMMAND_SHORT.set(out, command + CommandCodec.SUBMIT_DEBTOR_LENGTH_OFFSET, (short)debtorLength);
        COMMAND_SHORT.set(out, command + CommandCodec.SUBMIT_CREDITOR_LENGTH_OFFSET, (short)creditorLength);
        final int idAt = command + CommandCodec.SUBMIT_KEYS_OFFSET;
        copy(out, obligationId.decodedAt, out, idAt, shared);
        copy(in, at, out, idAt + shared, rest);
        obligationId.decoded(idAt, idLength);
        decodedEnd = at + rest;
        return command + commandLength;
    }

    /**
     * The rest of a payment whose head {@link #readHead} read; its ids start at {@code at}.
     */
    private int decodePayment(final byte[] in, final int at, final int to, final byte[] out, final int written,
        final int outEnd)
    {
        final int lengths = decodedLengths;
        final int paymentLength = lengths & 0xFF;
        final int obligationLength = (lengths >>> 8) & 0xFF;
        final int paymentShared = (lengths >>> 16) & 0xFF;
        final int obligationShared = lengths >>> 24;
        final int paymentRest = paymentLength - paymentShared;
        final int obligationRest = obligationLength - obligationShared;
        final int commandLength = CommandCodec.PAYMENT_KEYS_OFFSET + paymentLength + obligationLength;
        if (paymentRest < 0 || obligationRest < 0 || paymentShared > paymentId.length ||
            obligationShared > obligationId.length || paymentRest + obligationRest > to - at ||
            written + 4 + commandLength > outEnd)
        {
            return -1;
        }
        final int command = putHead(out, written, commandLength, CommandCodec.TYPE_RECORD_PAYMENT,
            CommandCodec.PAYMENT_AMOUNT_OFFSET);
        COMMAND_SHORT.set(out, command + CommandCodec.PAYMENT_ID_LENGTH_OFFSET, (short)paymentLength);
        COMMAND_SHORT.set(out, command + CommandCodec.PAYMENT_OBLIGATION_LENGTH_OFFSET, (short)obligationLength);
        final int paymentAt = command + CommandCodec.PAYMENT_KEYS_OFFSET;
        final int obligationAt = paymentAt + paymentLength;
        copy(out, paymentId.decodedAt, out, paymentAt, paymentShared);
        copy(in, at, out, paymentAt + paymentShared, paymentRest);
        copy(out, obligationId.decodedAt, out, obligationAt, obligationShared);
        copy(in, at + paymentRest, out, obligationAt + obligationShared, obligationRest);
        paymentId.decoded(paymentAt, paymentLength);
        obligationId.decoded(obligationAt, obligationLength);
        decodedEnd = at + paymentRest + obligationRest;
        return command + commandLength;
    }

    /**
     * @return the little-endian number in {@code bytes} (1 to 8) bytes at {@code at}: one read of a long when the
     * source has 8 bytes there, as it has unless the record ends the document.
     */
    private static long readLowBytes(final byte[] in, final int at, final int bytes, final int to)
    {
        if (at + Long.BYTES <= to)
        {
            return (long)LONG.get(in, at) & (-1L >>> (Long.SIZE - Byte.SIZE * bytes));
        }
        long value = 0;
        for (int i = bytes - 1; i >= 0; i--)
        {
            value = value << Byte.SIZE | (in[at + i] & 0xFF);
        }
        return value;
    }

    /**
     * Writes {@code value} as an unsigned LEB128 varint (7 bits a byte, low first).
     *
     * @return where it ends.
     */
    private static int putVarint(final byte[] out, final int at, final int value)
    {
        int p = at;
        int rest = value;
        while ((rest & ~0x7F) != 0)
        {
            out[p++] = (byte)((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out[p++] = (byte)rest;
        return p;
    }

    /**
     * The last id of one kind (obligation or payment) in the document, which the next id of that kind is written
     * after the bytes it shares with.
     */
    private static final class PreviousId
    {
        /**
         * Encoding: a copy of the id (the command it came in is gone by the next record).
         */
        private final byte[] bytes = new byte[MAX_COMPACT_ID_BYTES];
        private int length;
        /**
         * Decoding: where the id was rebuilt in the target, from which the next one copies what it shares.
         */
        private int decodedAt;

        /**
         * @return how many first bytes of the id at {@code idAt} equal this one's, compared 8, 4, 2 and 1 at a time
         * (a loop of single bytes costs a submission's encoding a fifth more).
         */
        int sharedPrefix(final byte[] command, final int idAt, final int idLength)
        {
            final int most = Math.min(idLength, length);
            int shared = 0;
            while (shared + Long.BYTES <= most)
            {
                final long differing = (long)LONG.get(command, idAt + shared) ^ (long)LONG.get(bytes, shared);
                if (differing != 0)
                {
                    return shared + (Long.numberOfTrailingZeros(differing) >>> 3);
                }
                shared += Long.BYTES;
            }
            if (shared + Integer.BYTES <= most)
            {
                final int differing = (int)INT.get(command, idAt + shared) ^ (int)INT.get(bytes, shared);
                if (differing != 0)
                {
                    return shared + (Integer.numberOfTrailingZeros(differing) >>> 3);
                }
                shared += Integer.BYTES;
            }
            if (shared + Short.BYTES <= most)
            {
                final int differing = ((short)SHORT.get(command, idAt + shared) ^ (short)SHORT.get(bytes, shared)) &
                    0xFFFF;
                if (differing != 0)
                {
                    return shared + (Integer.numberOfTrailingZeros(differing) >>> 3);
                }
                shared += Short.BYTES;
            }
            return shared < most && command[idAt + shared] == bytes[shared] ? shared + 1 : shared;
        }

        /**
         * Encoding: the id just written becomes the previous one; its first {@code shared} bytes are this one's.
         */
        void keep(final byte[] command, final int idAt, final int idLength, final int shared)
        {
            copy(command, idAt + shared, bytes, shared, idLength - shared);
            length = idLength;
        }

        /**
         * Decoding: the id just rebuilt at {@code at} in the target becomes the previous one.
         */
        void decoded(final int at, final int idLength)
        {
            decodedAt = at;
            length = idLength;
        }
    }
}
