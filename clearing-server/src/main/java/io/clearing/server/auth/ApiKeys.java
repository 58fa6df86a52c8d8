package io.clearing.server.auth;

import java.util.Optional;

/**
 * Checks a presented API key. Shared by the REST server and any other ingress into the same engine, so that one
 * key works everywhere. Thread-safe.
 */
@FunctionalInterface
public interface ApiKeys
{
    /**
     * @param presentedKey the secret as presented (e.g. after {@code Bearer }); may be null or garbage.
     * @return the key's principal, or empty when no live key matches. Never throws for bad input.
     */
    Optional<ApiPrincipal> authenticate(String presentedKey);
}
