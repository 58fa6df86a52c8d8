package io.clearing.server.ingress;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The id view reads received bytes without a bounds check per byte: it must still give exactly the id's bytes, in
 * heap and off-heap (term) buffers, find non-ASCII bytes in the 8-byte steps and in the tail, and refuse reads
 * outside the id and ids outside the buffer.
 */
class ByteIdViewTest
{
    private static final int AT = 5;

    @Test
    void shouldViewAsciiIdsInHeapAndDirectBuffers()
    {
        for (final UnsafeBuffer buffer : buffers())
        {
            for (final String id : new String[]{"", "F", "INV-0001", "INV-00000000123", "a-long-obligation-id-42"})
            {
                final ByteIdView view = new ByteIdView();
                final CharSequence text = view.wrap(buffer, AT, put(buffer, id));

                assertThat(text).isSameAs(view);
                assertThat(text.length()).isEqualTo(id.length());
                final StringBuilder copied = new StringBuilder();
                for (int i = 0; i < text.length(); i++)
                {
                    copied.append(text.charAt(i));
                }
                assertThat(copied.toString()).isEqualTo(id);
                assertThat(text.toString()).isEqualTo(id);
                assertThat(view.bytesEqual(id.getBytes(StandardCharsets.US_ASCII))).isTrue();
                assertThat(view.bytesEqual((id + "x").getBytes(StandardCharsets.US_ASCII))).isFalse();
            }
        }
    }

    @Test
    void shouldDecodeNonAsciiWhereverItIs()
    {
        for (final UnsafeBuffer buffer : buffers())
        {
            // the non-ASCII character in the first 8-byte step, in a later one, and in the tail after them
            for (final String id : new String[]{"Zé", "Müller GmbH", "firm-0001-Ölmühle", "0123456789abcdé"})
            {
                final CharSequence text = new ByteIdView().wrap(buffer, AT, put(buffer, id));

                assertThat(text).isInstanceOf(String.class).hasToString(id);
            }
        }
    }

    @Test
    void shouldRefuseMalformedUtf8()
    {
        for (final UnsafeBuffer buffer : buffers())
        {
            final byte[] bytes = "firm-00001-x".getBytes(StandardCharsets.US_ASCII);
            bytes[10] = (byte)0xC3; // a lead byte followed by an ASCII byte
            buffer.putBytes(AT, bytes);

            assertThat(new ByteIdView().wrap(buffer, AT, bytes.length)).isNull();
        }
    }

    @Test
    void shouldRefuseReadsOutsideTheIdAndIdsOutsideTheBuffer()
    {
        for (final UnsafeBuffer buffer : buffers())
        {
            final ByteIdView view = new ByteIdView();
            view.wrap(buffer, AT, put(buffer, "INV-1"));

            assertThatThrownBy(() -> view.charAt(5)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> view.charAt(-1)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> view.wrap(buffer, buffer.capacity() - 4, 8))
                .isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    private static UnsafeBuffer[] buffers()
    {
        return new UnsafeBuffer[]{new UnsafeBuffer(new byte[64]),
            new UnsafeBuffer(BufferUtil.allocateDirectAligned(64, 64))};
    }

    private static int put(final UnsafeBuffer buffer, final String id)
    {
        final byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        buffer.setMemory(0, buffer.capacity(), (byte)'#');
        buffer.putBytes(AT, bytes);
        return bytes.length;
    }
}
