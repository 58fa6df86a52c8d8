package io.clearing.server.ingress;

import io.clearing.client.AckCode;
import io.clearing.client.codec.IngressMessages;
import io.clearing.client.codec.MessageHeader;
import io.clearing.client.codec.Wire;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bytes the client library would never send: each is refused with MALFORMED (or TOO_LONG) and a reason naming what is
 * wrong, nothing reaches the engine, and the session keeps working afterwards.
 */
class MalformedMessageTest
{
    @TempDir
    Path directory;

    @Test
    void shouldRefuseEachMalformedMessageWithItsReasonAndLeaveTheEngineUnchanged()
    {
        try (IngressFixture fixture = new IngressFixture(directory.resolve("journal"));
            RawIngressSession raw = new RawIngressSession(fixture.aeron, IngressFixture.OPERATOR_KEY))
        {
            fixture.engine.registerParticipantSync("F1", "Firm one");
            fixture.engine.registerParticipantSync("F2", "Firm two");
            assertThat(raw.awaitAck().code()).isEqualTo(AckCode.CONNECTED.value());
            final long hashBefore = fixture.stateHash();

            final UnsafeBuffer good = RawIngressSession.submit(11, "INV-1", "F1", "F2", 10);
            final int goodLength = good.capacity();

            final UnsafeBuffer shortMessage = new UnsafeBuffer(new byte[5]);
            expectRefusal(raw, shortMessage, 0, AckCode.MALFORMED, "shorter than its 8-byte header");

            final UnsafeBuffer lengthLies = copy(good);
            lengthLies.putInt(4, goodLength + 3, Wire.ORDER);
            expectRefusal(raw, lengthLies, 11, AckCode.MALFORMED, "length field says " + (goodLength + 3));

            final UnsafeBuffer otherVersion = copy(good);
            otherVersion.putShort(2, (short)9, Wire.ORDER);
            expectRefusal(raw, otherVersion, 11, AckCode.MALFORMED, "version 9 is not supported");

            final UnsafeBuffer unknownTemplate = copy(good);
            unknownTemplate.putShort(0, (short)77, Wire.ORDER);
            expectRefusal(raw, unknownTemplate, 0, AckCode.MALFORMED, "unknown template id 77");

            final UnsafeBuffer truncated = new UnsafeBuffer(new byte[goodLength - 2]);
            truncated.putBytes(0, good, 0, goodLength - 2);
            truncated.putInt(4, goodLength - 2, Wire.ORDER);
            expectRefusal(raw, truncated, 11, AckCode.MALFORMED, "creditorId of 2 bytes runs past the end");

            final UnsafeBuffer trailing = new UnsafeBuffer(new byte[goodLength + 3]);
            trailing.putBytes(0, good, 0, goodLength);
            trailing.putInt(4, goodLength + 3, Wire.ORDER);
            expectRefusal(raw, trailing, 11, AckCode.MALFORMED, "3 unexpected bytes after creditorId");

            final UnsafeBuffer badUtf8 = RawIngressSession.submit(12, "INV-X", "F1", "F2", 10);
            badUtf8.putByte(MessageHeader.LENGTH + 16 + 2 + 4, (byte)0xC3);   // a lead byte with no continuation
            expectRefusal(raw, badUtf8, 12, AckCode.MALFORMED, "obligationId is not valid UTF-8");

            final String longId = "X".repeat(300);
            final UnsafeBuffer tooLong = new UnsafeBuffer(new byte[1024]);
            final int tooLongLength = encodeEntryUnchecked(tooLong, 13, longId, "F1", "F2");
            expectRefusal(raw, new UnsafeBuffer(tooLong, 0, tooLongLength), 13, AckCode.TOO_LONG,
                "obligationId is longer than 255 bytes: 300");

            final UnsafeBuffer batch = new UnsafeBuffer(new byte[1024]);
            int end = IngressMessages.encodeObligationEntry(batch, IngressMessages.BATCH_ENTRIES_OFFSET, 21, "B-1",
                "F1", "F2", 5);
            end = IngressMessages.encodeObligationEntry(batch, end, 22, "B-2", "F1", "F2", 5);
            final int batchLength = IngressMessages.completeBatch(batch, 0, 3, end);  // says 3, holds 2
            raw.send(batch, batchLength);
            final RawIngressSession.Ack first = raw.awaitAck();
            final RawIngressSession.Ack second = raw.awaitAck();
            assertThat(first.correlationId()).isEqualTo(21);
            assertThat(second.correlationId()).isEqualTo(22);
            assertThat(first.code()).isEqualTo(AckCode.MALFORMED.value());
            assertThat(first.reason()).contains("batch entry 2 of 3: correlationId missing: 0 bytes left in the message, 8 needed");

            final UnsafeBuffer hello = new UnsafeBuffer(new byte[256]);
            final int helloLength = IngressMessages.encodeHello(hello, 0, 31, 1002, "aeron:ipc", "k");
            expectRefusal(raw, new UnsafeBuffer(hello, 0, helloLength), 31, AckCode.MALFORMED,
                "hello on a session that is already authenticated");

            assertThat(fixture.stateHash()).isEqualTo(hashBefore);
            assertThat(fixture.ingress.counters().commandsSubmitted()).isZero();

            raw.send(good);
            final RawIngressSession.Ack accepted = raw.awaitAck();
            assertThat(accepted.correlationId()).isEqualTo(11);
            assertThat(accepted.code()).isEqualTo(AckCode.ACCEPTED.value());
            assertThat(fixture.obligations()).isEqualTo(1);
        }
    }

    private static void expectRefusal(final RawIngressSession raw, final UnsafeBuffer message,
        final long correlationId, final AckCode code, final String reasonPart)
    {
        raw.send(message);
        final RawIngressSession.Ack ack = raw.awaitAck();
        assertThat(ack.code()).as(reasonPart).isEqualTo(code.value());
        assertThat(ack.correlationId()).as(reasonPart).isEqualTo(correlationId);
        assertThat(ack.reason()).contains(reasonPart);
    }

    private static UnsafeBuffer copy(final UnsafeBuffer source)
    {
        final UnsafeBuffer copy = new UnsafeBuffer(new byte[source.capacity()]);
        copy.putBytes(0, source, 0, source.capacity());
        return copy;
    }

    /**
     * A SUBMIT_OBLIGATION whose id is longer than the encoder allows.
     */
    private static int encodeEntryUnchecked(final UnsafeBuffer buffer, final long correlationId, final String id,
        final String debtor, final String creditor)
    {
        int at = MessageHeader.LENGTH;
        buffer.putLong(at, correlationId, Wire.ORDER);
        buffer.putLong(at + 8, 10, Wire.ORDER);
        at += 16;
        for (final String text : new String[]{ id, debtor, creditor })
        {
            buffer.putShort(at, (short)text.length(), Wire.ORDER);
            buffer.putStringWithoutLengthAscii(at + 2, text);
            at += 2 + text.length();
        }
        MessageHeader.write(buffer, 0, MessageHeader.TEMPLATE_SUBMIT_OBLIGATION, at);
        return at;
    }
}
