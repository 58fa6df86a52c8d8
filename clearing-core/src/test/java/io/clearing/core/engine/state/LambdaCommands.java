package io.clearing.core.engine.state;

import io.clearing.core.engine.api.ResultCode;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands written by a lambda into one reused buffer and applied to a state machine: for the tests that give
 * commands one by one (a {@link TestCommand} workload is the readable form for many).
 */
final class LambdaCommands
{
    @FunctionalInterface
    interface Command
    {
        int encode(MutableDirectBuffer buffer);
    }

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandCodec.MAX_COMMAND_BYTES]);

    ResultCode apply(final ClearingStateMachine machine, final Command command)
    {
        return ResultCode.of(machine.apply(buffer, 0, command.encode(buffer)));
    }

    void accept(final ClearingStateMachine machine, final Command command)
    {
        assertThat(apply(machine, command)).isEqualTo(ResultCode.ACCEPTED);
    }
}
