package io.clearing.benchmarks.engine;

import io.clearing.core.engine.state.ClearingStateMachine;
import io.clearing.core.engine.state.ParticipantHints;
import io.clearing.core.engine.state.CommandCodec;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The logic stage alone: the workload of {@link RecoveryBenchmark} ({@code participants} registrations, then
 * {@code obligations} submissions between random pairs, ids {@code F<n>} and {@code INV-<n>}) encoded once into
 * memory, then applied to a new {@link ClearingStateMachine} in each of {@code rounds} rounds, with no ring and no
 * journal. Prints each round's rate, their median and the state hash (the same in every round, and the same as any
 * other build of the state machine gives for this workload, so two builds can be compared on identical work).
 * <p>
 * Usage: {@code ApplyFromMemoryBenchmark [obligations=10000000] [participants=100000] [rounds=5]}; give the JVM
 * room, e.g. {@code -Xmx8g}; {@code -Dhints=true} applies with participant hints made before timing, and then
 * {@linkplain ClearingStateMachine#prepare prepares} each 256 commands as replay prepares a document, with the ids'
 * placements also made before timing ({@code -Dprepare=false}: not). The state's construction (its presized arrays)
 * is timed apart from applying.
 */
public final class ApplyFromMemoryBenchmark
{
    /**
     * Commands per journal document in {@link RecoveryBenchmark}, whose replay prepares a document at a time.
     */
    private static final int DOCUMENT_COMMANDS = 256;

    private ApplyFromMemoryBenchmark()
    {
    }

    public static void main(final String[] args)
    {
        final int obligations = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        final int participants = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        final int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;

        final int commands = participants + obligations;
        final int[] offsets = new int[commands + 1];
        final UnsafeBuffer commandBytes = encode(obligations, participants, offsets);
        System.out.printf("encoded %,d commands (%,d bytes)%n", commands, offsets[commands]);
        final long[] hints = Boolean.getBoolean("hints") ? hints(commandBytes, offsets, commands, participants) : null;
        System.out.println(hints == null ? "no participant hints" :
            "with participant hints, made before timing (as the journal stage or replay reader makes them)");

        final boolean prepare = hints != null && Boolean.parseBoolean(System.getProperty("prepare", "true"));
        System.out.println(prepare ? "each " + DOCUMENT_COMMANDS + " commands prepared together before applying, as " +
            "replay prepares each document, with id placements made before timing (-Dprepare=false: not)" :
            "commands not prepared");
        final long[] placements = new long[prepare ? commands : 0];
        for (int i = 0; i < placements.length; i++)
        {
            placements[i] = ClearingStateMachine.idPlacement(commandBytes, offsets[i], offsets[i + 1] - offsets[i]);
        }
        final double[] rates = new double[rounds];
        long expectedHash = 0;
        for (int round = 0; round < rounds; round++)
        {
            final long constructStart = System.nanoTime();
            ClearingStateMachine machine = new ClearingStateMachine(participants, obligations);
            final long applyStart = System.nanoTime();
            int rejected = 0;
            for (int i = 0; i < commands; i++)
            {
                final int at = offsets[i];
                if (prepare && i % DOCUMENT_COMMANDS == 0)
                {
                    machine.prepare(hints, placements, i, Math.min(commands, i + DOCUMENT_COMMANDS));
                }
                final int code = hints == null ? machine.apply(commandBytes, at, offsets[i + 1] - at) :
                    machine.apply(commandBytes, at, offsets[i + 1] - at, hints[i]);
                if (code != 0)
                {
                    rejected++;
                }
            }
            final long applyNs = System.nanoTime() - applyStart;
            final long hash = machine.stateHash();
            if (round == 0)
            {
                expectedHash = hash;
            }
            else if (hash != expectedHash)
            {
                throw new IllegalStateException("round " + round + " gave state hash " + Long.toHexString(hash));
            }
            rates[round] = commands * 1e9 / applyNs;
            System.out.printf("round %d: %,d commands applied in %d ms = %,.0f commands/s (construction %d ms, " +
                "%d rejected, state hash %016x)%n", round + 1, commands, applyNs / 1_000_000, rates[round],
                (applyStart - constructStart) / 1_000_000, rejected, hash);
            machine = null;
            System.gc();
        }
        final double[] sorted = rates.clone();
        Arrays.sort(sorted);
        System.out.printf("apply from memory: median %,.0f commands/s over %d rounds (min %,.0f, max %,.0f)%n",
            sorted[rounds / 2], rounds, sorted[0], sorted[rounds - 1]);
    }

    /**
     * Each command's participant hints, as {@link ParticipantHints} following a state that has applied the
     * registrations gives them.
     */
    private static long[] hints(final UnsafeBuffer commandBytes, final int[] offsets, final int commands,
        final int participants)
    {
        final ClearingStateMachine registered = new ClearingStateMachine(participants, 16);
        final ParticipantHints hints = ParticipantHints.following(registered);
        final long[] result = new long[commands];
        for (int i = 0; i < commands; i++)
        {
            final int at = offsets[i];
            result[i] = hints.hintsFor(commandBytes, at, offsets[i + 1] - at);
            if (i < participants)
            {
                registered.apply(commandBytes, at, offsets[i + 1] - at);
            }
        }
        return result;
    }

    private static UnsafeBuffer encode(final int obligations, final int participants, final int[] offsets)
    {
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[CommandCodec.MAX_COMMAND_BYTES]);
        final long estimate = (long)participants * 40 + (long)obligations * 64;
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[(int)Math.min(Integer.MAX_VALUE - 16, estimate)]);
        final SplittableRandom random = new SplittableRandom(7);
        final StringBuilder id = new StringBuilder(16);
        int at = 0;
        int command = 0;
        for (int p = 0; p < participants; p++)
        {
            final String participant = "F" + (1_000_000 + p);
            final int length = CommandCodec.encodeRegisterParticipant(scratch, 0, p, participant, participant);
            buffer.putBytes(at, scratch, 0, length);
            offsets[command++] = at;
            at += length;
        }
        for (int i = 0; i < obligations; i++)
        {
            final int debtor = random.nextInt(participants);
            final int creditor = (debtor + 1 + random.nextInt(participants - 1)) % participants;
            id.setLength(0);
            id.append("INV-").append(i);
            final int length = CommandCodec.encodeSubmitObligation(scratch, 0, i, id, "F" + (1_000_000 + debtor),
                "F" + (1_000_000 + creditor), 1 + random.nextInt(1_000_000));
            buffer.putBytes(at, scratch, 0, length);
            offsets[command++] = at;
            at += length;
        }
        offsets[command] = at;
        return buffer;
    }
}
