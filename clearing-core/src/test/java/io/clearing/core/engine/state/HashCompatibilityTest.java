package io.clearing.core.engine.state;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A state built only from the commands that existed before the community policies keeps the state hash it had:
 * snapshots taken by the earlier engine still pass their hash check. The expected value was printed by the engine as
 * it was before the policies were added, on the same seeded workload.
 */
class HashCompatibilityTest
{
    private static final long HASH_BEFORE_POLICIES = 0xcf2448d36a836511L;

    @Test
    void shouldKeepTheEarlierStateHashWhenNoPolicyCommandIsUsed()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandCodec.MAX_COMMAND_BYTES]);
        final List<TestCommand> commands = Workloads.mixed(5, 3_000, 40);
        final ClearingStateMachine machine = new ClearingStateMachine();
        for (final TestCommand command : commands)
        {
            machine.apply(buffer, 0, command.encode(buffer));
        }
        assertThat(machine.stateHash()).isEqualTo(HASH_BEFORE_POLICIES);
    }
}
