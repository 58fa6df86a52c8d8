package io.clearing.server.ingress;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Keys stored only as SHA-256 hashes (lower-case hex) mapped to principals: enough for tests, benchmarks and a small
 * deployment; the server's own key store replaces it. API keys are long random strings, so an unsalted fast hash is
 * sufficient (it is not a password store). Immutable after construction; thread-safe.
 */
public final class Sha256KeyAuthenticator implements IngressAuthenticator
{
    private final Map<String, IngressPrincipal> principalsByKeyHash;

    /**
     * @param principalsByKeyHash principal for each key's {@link #sha256Hex(String)}.
     */
    public Sha256KeyAuthenticator(final Map<String, IngressPrincipal> principalsByKeyHash)
    {
        this.principalsByKeyHash = new HashMap<>();
        principalsByKeyHash.forEach((hash, principal) -> this.principalsByKeyHash.put(hash.toLowerCase(), principal));
    }

    /**
     * Convenience for tests and benchmarks: hashes the given plain keys.
     */
    public static Sha256KeyAuthenticator ofPlainKeys(final Map<String, IngressPrincipal> principalsByKey)
    {
        final Map<String, IngressPrincipal> byHash = new HashMap<>();
        principalsByKey.forEach((key, principal) -> byHash.put(sha256Hex(key), principal));
        return new Sha256KeyAuthenticator(byHash);
    }

    @Override
    public Optional<IngressPrincipal> authenticate(final String presentedKey)
    {
        if (presentedKey == null || presentedKey.isEmpty())
        {
            return Optional.empty();
        }
        return Optional.ofNullable(principalsByKeyHash.get(sha256Hex(presentedKey)));
    }

    /**
     * @return the lower-case hex SHA-256 of the key's UTF-8 bytes.
     */
    public static String sha256Hex(final String key)
    {
        try
        {
            final MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
        }
    }
}
