package io.clearing.server.cli;

/**
 * A run the command refuses or cannot finish, with the message for stderr and the process exit code. Thrown by
 * the commands and turned into output in one place, {@link ClearingCli}.
 */
final class CliException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliException(final int exitCode, final String message)
    {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /**
     * Bad input or bad usage: exit code {@link ClearingCli#BAD_INPUT}.
     */
    static CliException badInput(final String message)
    {
        return new CliException(ClearingCli.BAD_INPUT, message);
    }

    int exitCode()
    {
        return exitCode;
    }
}
