package io.clearing.server.ingress;

import java.util.Optional;

/**
 * Decides who a connecting system is from the API key in its hello. The REST server's key store implements it so
 * that one key works on both doors. Called on the ingress thread, once per session (not on the hot path); must not
 * block for long and must be thread-safe if shared.
 */
@FunctionalInterface
public interface IngressAuthenticator
{
    /**
     * @param presentedKey the key as the client sent it.
     * @return the principal of a known key, else empty.
     */
    Optional<IngressPrincipal> authenticate(String presentedKey);
}
