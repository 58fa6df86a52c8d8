package io.clearing.core.api;

/**
 * What {@link CertificateVerifier} found: {@code ok()} or the first violation with the obligation or participant
 * it concerns.
 *
 * @param ok         whether everything checked holds.
 * @param message    empty when ok; otherwise what is wrong and where.
 * @param clearedMinor total set-off of the checked result (valid when the set-offs are within bounds).
 */
public record Verification(boolean ok, String message, long clearedMinor)
{
    static Verification passed(final long clearedMinor)
    {
        return new Verification(true, "", clearedMinor);
    }

    static Verification failed(final String message)
    {
        return new Verification(false, message, -1);
    }
}
