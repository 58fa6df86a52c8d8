package io.clearing.core.engine.state;

import io.clearing.core.engine.api.ResultCode;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ParticipantHintsTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandCodec.MAX_COMMAND_BYTES]);

    @Test
    void shouldHintTheIndicesTheStateGaveWhenParticipantsAreRegisteredBeforeAndAfterFollowing()
    {
        final ClearingStateMachine machine = new ClearingStateMachine();
        assertThat(register(machine, "A")).isEqualTo(ResultCode.ACCEPTED.code());
        assertThat(register(machine, "B")).isEqualTo(ResultCode.ACCEPTED.code());
        final ParticipantHints hints = ParticipantHints.following(machine);
        assertThat(register(machine, "A")).isEqualTo(ResultCode.DUPLICATE.code());
        assertThat(register(machine, "")).isEqualTo(ResultCode.INVALID_ID.code());
        assertThat(register(machine, "C-long-participant-id")).isEqualTo(ResultCode.ACCEPTED.code());

        assertThat(hintsFor(hints, CommandCodec.encodeSubmitObligation(buffer, 0, 1, "O1", "C-long-participant-id",
            "A", 5))).isEqualTo(ParticipantHints.pack(2, 0));
        assertThat(hintsFor(hints, CommandCodec.encodeSubmitInUnit(buffer, 0, 1, "O2", "B", "C-long-participant-id",
            5, "EUR", 0))).isEqualTo(ParticipantHints.pack(1, 2));
        assertThat(hintsFor(hints, CommandCodec.encodeSubmitObligation(buffer, 0, 1, "O3", "A", "nobody", 5)))
            .isEqualTo(ParticipantHints.pack(0, -1));
    }

    @Test
    void shouldGiveNoHintsForOtherOrMalformedCommands()
    {
        final ClearingStateMachine machine = new ClearingStateMachine();
        register(machine, "A");
        register(machine, "B");
        final ParticipantHints hints = ParticipantHints.following(machine);
        assertThat(hintsFor(hints, CommandCodec.encodeRecordPayment(buffer, 0, 1, "PAY", "A", 5)))
            .isEqualTo(ParticipantHints.NONE);
        assertThat(hintsFor(hints, CommandCodec.encodeRegisterParticipant(buffer, 0, 1, "A", "B")))
            .isEqualTo(ParticipantHints.NONE);

        final int length = CommandCodec.encodeSubmitObligation(buffer, 0, 1, "O1", "A", "B", 5);
        assertThat(hints.hintsFor(buffer, 0, length - 1)).as("cut short").isEqualTo(ParticipantHints.NONE);
        assertThat(hints.hintsFor(buffer, 0, 7)).as("shorter than a header").isEqualTo(ParticipantHints.NONE);
        buffer.putShort(CommandCodec.SUBMIT_DEBTOR_LENGTH_OFFSET, (short)-3);
        assertThat(hints.hintsFor(buffer, 0, length)).as("negative length").isEqualTo(ParticipantHints.NONE);
    }

    /**
     * Clearing accounts that a novated run adds are participants too: registrations after the run get later indices,
     * and the hints follow.
     */
    @Test
    void shouldFollowParticipantsAddedByANovatedRun()
    {
        final ClearingStateMachine machine = new ClearingStateMachine();
        final ParticipantHints hints = ParticipantHints.following(machine);
        for (final String id : new String[]{"a1", "a2", "b1", "b2"})
        {
            register(machine, id);
            final int length = CommandCodec.encodeSetCommunity(buffer, 0, 1, id, id.substring(0, 1).toUpperCase());
            assertThat(machine.apply(buffer, 0, length)).isEqualTo(ResultCode.ACCEPTED.code());
        }
        submit(machine, "o1", "a1", "b1", 10);
        submit(machine, "o2", "b2", "a2", 10);
        submit(machine, "o3", "a2", "a1", 10);
        submit(machine, "o4", "b1", "b2", 10);
        assertThat(machine.apply(buffer, 0, CommandCodec.encodeRunNovated(buffer, 0, 2, 1)))
            .isEqualTo(ResultCode.ACCEPTED.code());
        assertThat(machine.participantCount()).as("community accounts added").isGreaterThan(4);

        register(machine, "late");
        final int late = (int)machine.lastResultValue();
        assertThat(late).isEqualTo(machine.participantCount() - 1);
        assertThat(hintsFor(hints, CommandCodec.encodeSubmitObligation(buffer, 0, 3, "o5", "late", "a1", 5)))
            .isEqualTo(ParticipantHints.pack(late, 0));
        final int account = machine.participantCount() - 2;
        assertThat(hintsFor(hints, CommandCodec.encodeSubmitObligation(buffer, 0, 3, "o6",
            machine.participantIdText(account), "late", 5))).isEqualTo(ParticipantHints.pack(account, late));
    }

    /**
     * Hints change nothing but cost: the same seeded workloads (every kind of rejection, payments, clearing runs,
     * snapshots, community policies) applied with no hints, with the hints {@link ParticipantHints} makes, and with
     * random ones give the same answer to every command and the same state hash.
     */
    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {3, 17, 2026})
    void shouldGiveTheSameOutcomesWithRightWrongOrNoHints(final long seed)
    {
        final List<TestCommand> commands = new ArrayList<>(Workloads.mixed(seed, 3_000, 30));
        commands.addAll(Workloads.withPolicies(seed + 1, 1_500, 20, true));
        final ClearingStateMachine plain = new ClearingStateMachine(4, 16);
        final ClearingStateMachine hinted = new ClearingStateMachine(4, 16);
        final ClearingStateMachine misled = new ClearingStateMachine(4, 16);
        final ParticipantHints hints = ParticipantHints.following(hinted);
        final Random random = new Random(seed);
        int hintedSubmissions = 0;
        for (int i = 0; i < commands.size(); i++)
        {
            final int length = commands.get(i).encode(buffer);
            final long right = hints.hintsFor(buffer, 0, length);
            final long wrong = ParticipantHints.pack(random.nextInt(40) - 2, random.nextInt(40) - 2);
            final int expected = plain.apply(buffer, 0, length);
            assertThat(hinted.apply(buffer, 0, length, right)).as("command %d %s", i, commands.get(i))
                .isEqualTo(expected);
            assertThat(misled.apply(buffer, 0, length, wrong)).as("command %d %s", i, commands.get(i))
                .isEqualTo(expected);
            assertThat(hinted.lastResultValue()).isEqualTo(plain.lastResultValue());
            assertThat(misled.lastResultValue()).isEqualTo(plain.lastResultValue());
            if (right != ParticipantHints.NONE && ParticipantHints.debtor(right) >= 0)
            {
                hintedSubmissions++;
            }
        }
        assertThat(hintedSubmissions).as("submissions that had a hint").isGreaterThan(1_000);
        assertThat(hinted.stateHash()).isEqualTo(plain.stateHash());
        assertThat(misled.stateHash()).isEqualTo(plain.stateHash());
    }

    private long hintsFor(final ParticipantHints hints, final int length)
    {
        return hints.hintsFor(buffer, 0, length);
    }

    private int register(final ClearingStateMachine machine, final String id)
    {
        return machine.apply(buffer, 0, CommandCodec.encodeRegisterParticipant(buffer, 0, 1, id, "Firm " + id));
    }

    private void submit(final ClearingStateMachine machine, final String id, final String debtor,
        final String creditor, final long amount)
    {
        assertThat(machine.apply(buffer, 0, CommandCodec.encodeSubmitObligation(buffer, 0, 1, id, debtor, creditor,
            amount))).isEqualTo(ResultCode.ACCEPTED.code());
    }
}
