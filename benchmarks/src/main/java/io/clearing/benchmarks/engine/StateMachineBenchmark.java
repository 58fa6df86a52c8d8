package io.clearing.benchmarks.engine;

import io.clearing.core.engine.api.ContinuousPolicy;
import io.clearing.core.engine.state.ClearingStateMachine;
import io.clearing.core.engine.state.CommandCodec;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The single-threaded business logic alone: encode one submission into a buffer and apply it, as the logic thread
 * does after the journal. Each op submits a new obligation between two of {@code participants} chosen by a
 * xorshift sequence; ids are built in a reused ASCII buffer, so the op itself allocates nothing. Run with
 * {@code -prof gc}: {@code gc.alloc.rate.norm} near 0 B/op shows the submit path allocates nothing in steady state.
 * The state is built once per trial with room for all its obligations, so the arrays never grow while measured.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.Throughput})
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx10g", "-Xms10g"})
public class StateMachineBenchmark
{
    /**
     * Room for every obligation of the trial (warm-up and measurement, 8 s at up to 5 M ops/s), so no array grows
     * while measuring: a growth would show as allocation per op.
     */
    private static final int CAPACITY = 40_000_000;

    @Param({"1000", "100000"})
    int participants;

    @Param({"false", "true"})
    boolean continuous;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandCodec.MAX_COMMAND_BYTES]);
    private final AsciiId obligationId = new AsciiId("INV-", 10);
    private String[] participantIds;
    private ClearingStateMachine machine;
    private long sequence;
    private long random;

    @Setup(Level.Trial)
    public void prepare()
    {
        participantIds = new String[participants];
        for (int p = 0; p < participants; p++)
        {
            participantIds[p] = String.format("F%07d", p);
        }
        machine = new ClearingStateMachine(participants, CAPACITY);
        for (final String id : participantIds)
        {
            machine.apply(buffer, 0, CommandCodec.encodeRegisterParticipant(buffer, 0, 0, id, id));
        }
        final ContinuousPolicy policy = continuous ? ContinuousPolicy.DEFAULT_ENABLED : ContinuousPolicy.DISABLED;
        machine.apply(buffer, 0, CommandCodec.encodeConfigureContinuous(buffer, 0, 0, policy.enabled(),
            policy.maxCycleLength(), policy.maxVisitedNodes(), policy.maxEdgeScans()));
        sequence = 0;
        random = 0x9E3779B97F4A7C15L;
    }

    @Benchmark
    public int submit()
    {
        random ^= random << 13;
        random ^= random >>> 7;
        random ^= random << 17;
        final int debtor = (int)((random >>> 1) % participants);
        final int creditor = (int)((debtor + 1 + (random >>> 33) % (participants - 1)) % participants);
        obligationId.set(sequence++);
        final int length = CommandCodec.encodeSubmitObligation(buffer, 0, sequence, obligationId,
            participantIds[debtor], participantIds[creditor], 1 + (random & 0xFFFF));
        return machine.apply(buffer, 0, length);
    }

    /**
     * A reusable ASCII id: a prefix and a zero-padded decimal number, without allocating.
     */
    static final class AsciiId implements CharSequence
    {
        private final byte[] text;
        private final int digitsFrom;

        AsciiId(final String prefix, final int digits)
        {
            text = new byte[prefix.length() + digits];
            for (int i = 0; i < prefix.length(); i++)
            {
                text[i] = (byte)prefix.charAt(i);
            }
            digitsFrom = prefix.length();
        }

        void set(final long value)
        {
            long rest = value;
            for (int i = text.length - 1; i >= digitsFrom; i--)
            {
                text[i] = (byte)('0' + rest % 10);
                rest /= 10;
            }
        }

        @Override
        public int length()
        {
            return text.length;
        }

        @Override
        public char charAt(final int index)
        {
            return (char)text[index];
        }

        @Override
        public CharSequence subSequence(final int start, final int end)
        {
            return new String(text, start, end - start, java.nio.charset.StandardCharsets.US_ASCII);
        }

        @Override
        public String toString()
        {
            return new String(text, java.nio.charset.StandardCharsets.US_ASCII);
        }
    }
}
