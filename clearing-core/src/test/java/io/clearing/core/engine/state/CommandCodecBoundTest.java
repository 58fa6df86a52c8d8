package io.clearing.core.engine.state;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A producer picks a ring entry's buffer from these bounds before encoding, so a bound below the encoded length
 * would refuse a valid command: checked on random ids of every width of UTF-8, up to the longest accepted.
 */
class CommandCodecBoundTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandCodec.MAX_COMMAND_BYTES]);
    private final SplittableRandom random = new SplittableRandom(11);

    @Test
    void shouldNeverBoundACommandBelowItsEncodedLength()
    {
        int encoded = 0;
        for (int i = 0; i < 20_000; i++)
        {
            final String id = randomText();
            final String debtor = randomText();
            final String creditor = randomText();
            final int submit = CommandCodec.encodeSubmitObligation(buffer, 0, 1, id, debtor, creditor, 5);
            if (submit >= 0)
            {
                encoded++;
                assertThat(CommandCodec.submitObligationBound(id, debtor, creditor)).as(id)
                    .isGreaterThanOrEqualTo(submit);
                assertThat(CommandCodec.submitObligationBound(utf8Length(id), utf8Length(debtor),
                    utf8Length(creditor))).isEqualTo(submit);
            }
            final int register = CommandCodec.encodeRegisterParticipant(buffer, 0, 1, id, debtor);
            if (register >= 0)
            {
                assertThat(CommandCodec.registerParticipantBound(id, debtor)).isGreaterThanOrEqualTo(register);
            }
            final int payment = CommandCodec.encodeRecordPayment(buffer, 0, 1, id, creditor, 5);
            if (payment >= 0)
            {
                assertThat(CommandCodec.recordPaymentBound(id, creditor)).isGreaterThanOrEqualTo(payment);
            }
        }
        assertThat(encoded).as("submissions encoded, not refused as too long").isGreaterThan(10_000);
    }

    @Test
    void shouldBoundOrdinaryIdsWithinARingEntrysOwnBytes()
    {
        // A UUID obligation id and two short participant ids, as text: within CommandEvent.SMALL_COMMAND_BYTES (192).
        assertThat(CommandCodec.submitObligationBound("3f2504e0-4f89-11d3-9a0c-0305e82c3301", "F0001234",
            "F0004321")).isLessThanOrEqualTo(192);
    }

    private static int utf8Length(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * ASCII, two-, three- and four-byte characters (the last as surrogate pairs), 0 to 80 characters.
     */
    private String randomText()
    {
        final int length = random.nextInt(81);
        final StringBuilder text = new StringBuilder(length);
        while (text.length() < length)
        {
            switch (random.nextInt(4))
            {
                case 0 -> text.append((char)('a' + random.nextInt(26)));
                case 1 -> text.append((char)(0xE0 + random.nextInt(32)));
                case 2 -> text.append((char)(0x4E00 + random.nextInt(1000)));
                default -> text.appendCodePoint(0x1F600 + random.nextInt(50));
            }
        }
        return text.toString();
    }
}
