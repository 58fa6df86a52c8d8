package io.clearing.simulations.scenario;

/**
 * A scenario that cannot be run: a file that is not valid YAML, an unknown key, a value out of range. The message
 * names where ({@code FILE:LINE: key: reason} or {@code --set key: reason}) and what is wrong.
 */
public final class ScenarioException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message where and what, ready to print.
     */
    public ScenarioException(final String message)
    {
        super(message, null, false, false);
    }
}
