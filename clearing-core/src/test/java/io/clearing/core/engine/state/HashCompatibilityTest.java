package io.clearing.core.engine.state;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A state built only from the commands that existed before the community policies and the run history keeps the
 * state hash it had: snapshots taken by the earlier engine (which kept only the last run) still pass their hash
 * check. The expected value was printed by the engine as it was before both were added, on the same seeded workload
 * with every clearing run but the last left out (with two runs or more the history is part of the state, and so of
 * the hash).
 */
class HashCompatibilityTest
{
    private static final long HASH_BEFORE_POLICIES = 0x527a21ad87785dbcL;

    @Test
    void shouldKeepTheEarlierStateHashWhenNoPolicyCommandIsUsed()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandCodec.MAX_COMMAND_BYTES]);
        final List<TestCommand> commands = withOneRun(Workloads.mixed(5, 3_000, 40));
        final ClearingStateMachine machine = new ClearingStateMachine();
        for (final TestCommand command : commands)
        {
            machine.apply(buffer, 0, command.encode(buffer));
        }
        assertThat(machine.stateHash()).isEqualTo(HASH_BEFORE_POLICIES);
    }

    /**
     * @return the commands without their clearing runs but the last.
     */
    static List<TestCommand> withOneRun(final List<TestCommand> commands)
    {
        int last = -1;
        for (int i = 0; i < commands.size(); i++)
        {
            if (commands.get(i) instanceof TestCommand.RunClearing)
            {
                last = i;
            }
        }
        final List<TestCommand> kept = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++)
        {
            if (i == last || !(commands.get(i) instanceof TestCommand.RunClearing))
            {
                kept.add(commands.get(i));
            }
        }
        return kept;
    }
}
