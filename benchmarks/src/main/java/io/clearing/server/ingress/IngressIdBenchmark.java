package io.clearing.server.ingress;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The ingress thread's per-obligation id work, alone: view the three ids of an obligation in an off-heap (term)
 * buffer with {@link ByteIdView} and copy them character by character into a ring entry, as the engine's command
 * codec does. {@code boundsCheckedPerByte} is the same work with a bounds-checked buffer read per byte (how the
 * view read before), for comparison. In the package of {@link ByteIdView}, which is internal to the ingress.
 * <p>
 * {@code benchmarks/jmh.sh IngressIdBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class IngressIdBenchmark
{
    private static final String[] IDS = {"obligation-0001234", "participant-04711", "participant-99321"};

    private final UnsafeBuffer term = new UnsafeBuffer(BufferUtil.allocateDirectAligned(1024, 64));
    private final UnsafeBuffer entry = new UnsafeBuffer(new byte[1024]);
    private final ByteIdView view = new ByteIdView();
    private final BoundsCheckedView boundsChecked = new BoundsCheckedView();
    private final int[] offsets = new int[IDS.length];
    private final int[] lengths = new int[IDS.length];

    @Setup
    public void setUp()
    {
        int at = 37;
        for (int i = 0; i < IDS.length; i++)
        {
            final byte[] bytes = IDS[i].getBytes(StandardCharsets.US_ASCII);
            term.putBytes(at, bytes);
            offsets[i] = at;
            lengths[i] = bytes.length;
            at += bytes.length + 4;
        }
    }

    @Benchmark
    public int byteIdView()
    {
        int at = 0;
        for (int i = 0; i < IDS.length; i++)
        {
            at += copy(view.wrap(term, offsets[i], lengths[i]), at);
        }
        return at;
    }

    @Benchmark
    public int boundsCheckedPerByte()
    {
        int at = 0;
        for (int i = 0; i < IDS.length; i++)
        {
            at += copy(boundsChecked.wrap(term, offsets[i], lengths[i]), at);
        }
        return at;
    }

    // the loop of the command codec's ASCII fast path (CommandCodec.putUtf8 into a heap ring entry)
    private int copy(final CharSequence text, final int at)
    {
        final int length = text.length();
        entry.checkLimit(at + length);
        final byte[] array = entry.byteArray();
        for (int i = 0; i < length; i++)
        {
            final char c = text.charAt(i);
            if (c >= 0x80)
            {
                throw new IllegalStateException("not ASCII");
            }
            array[at + i] = (byte)c;
        }
        return length;
    }

    /**
     * The earlier reading: an ASCII scan and every character through the buffer's bounds-checked getByte.
     */
    private static final class BoundsCheckedView implements CharSequence
    {
        private DirectBuffer buffer;
        private int offset;
        private int length;

        CharSequence wrap(final DirectBuffer buffer, final int offset, final int length)
        {
            this.buffer = buffer;
            this.offset = offset;
            this.length = length;
            for (int i = 0; i < length; i++)
            {
                if (buffer.getByte(offset + i) < 0)
                {
                    throw new IllegalStateException("not ASCII");
                }
            }
            return this;
        }

        @Override
        public int length()
        {
            return length;
        }

        @Override
        public char charAt(final int index)
        {
            return (char)buffer.getByte(offset + index);
        }

        @Override
        public CharSequence subSequence(final int start, final int end)
        {
            throw new UnsupportedOperationException();
        }
    }
}
