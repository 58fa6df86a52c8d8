package io.clearing.core.engine.state;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Utf8#isWellFormed} against the JDK's strict decoder on seeded random byte strings built to hit every edge:
 * ASCII runs (the eight-byte path), lead bytes of every length, continuation bytes in and out of the allowed ranges
 * (overlong forms, surrogates, beyond U+10FFFF) and sequences cut short by the end.
 */
class Utf8Test
{
    @Test
    void shouldAgreeWithTheStrictDecoderOnRandomBytes()
    {
        final Random random = new Random(20261122);
        final int[] interesting = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0,
            0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
        int wellFormed = 0;
        for (int i = 0; i < 200_000; i++)
        {
            final byte[] bytes = new byte[random.nextInt(20)];
            for (int k = 0; k < bytes.length; k++)
            {
                bytes[k] = (byte)(random.nextInt(3) == 0 ? interesting[random.nextInt(interesting.length)] :
                    random.nextInt(2) == 0 ? 'a' + random.nextInt(26) : 0x80 + random.nextInt(64));
            }
            final int at = random.nextInt(4);
            final byte[] framed = new byte[at + bytes.length + 2];
            System.arraycopy(bytes, 0, framed, at, bytes.length);
            framed[framed.length - 1] = (byte)0x80;
            final boolean expected = decodesStrictly(bytes);
            assertThat(Utf8.isWellFormed(new UnsafeBuffer(framed), at, bytes.length))
                .as("bytes %s", java.util.HexFormat.of().formatHex(bytes)).isEqualTo(expected);
            if (expected)
            {
                wellFormed++;
            }
        }
        assertThat(wellFormed).as("both answers occur often").isBetween(10_000, 190_000);
        final byte[] text = "Zürich-€-𝄞-plain-ascii-tail".getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.isWellFormed(new UnsafeBuffer(text), 0, text.length)).isTrue();
    }

    private static boolean decodesStrictly(final byte[] bytes)
    {
        try
        {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        }
        catch (final CharacterCodingException ex)
        {
            return false;
        }
    }
}
