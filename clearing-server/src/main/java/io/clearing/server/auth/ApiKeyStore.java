package io.clearing.server.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * API keys kept in one JSON file: only the SHA-256 of each key is stored, never the key. A key is
 * {@value #KEY_PREFIX} followed by 256 random bits in URL-safe base64; it is shown once, when created. The file is
 * rewritten atomically (written beside, forced to disk, renamed over) with owner-only permissions (600) on POSIX
 * file systems.
 * <p>
 * Thread-safe: {@link #authenticate} reads an immutable map published through a volatile field; changes are
 * serialised.
 */
public final class ApiKeyStore implements ApiKeys
{
    /**
     * Every key starts with this, so that a leaked key is recognisable (e.g. by secret scanners).
     */
    public static final String KEY_PREFIX = "ck_";
    private static final int KEY_BYTES = 32;
    private static final int KEY_ID_BYTES = 6;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;
    private final ObjectMapper mapper = new ObjectMapper()
        .setSerializationInclusion(JsonInclude.Include.NON_NULL)
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final SecureRandom random = new SecureRandom();
    private volatile Map<String, StoredKey> byHash;

    /**
     * One stored key: no secret in it.
     *
     * @param keyId         public id.
     * @param role          role name.
     * @param participantId for participant keys, else null.
     * @param sha256        lower-case hex SHA-256 of the key's UTF-8 bytes.
     * @param createdAtMs   creation time, epoch milliseconds.
     */
    public record StoredKey(String keyId, Role role, String participantId, String sha256, long createdAtMs)
    {
        ApiPrincipal principal()
        {
            return new ApiPrincipal(keyId, role, participantId);
        }
    }

    /**
     * A key just created: the only moment its secret is known.
     *
     * @param key    the secret to hand to its user.
     * @param stored what is kept.
     */
    public record IssuedKey(String key, StoredKey stored)
    {
    }

    private record KeyFile(int version, List<StoredKey> keys)
    {
    }

    private ApiKeyStore(final Path file, final Map<String, StoredKey> byHash)
    {
        this.file = file;
        this.byHash = byHash;
    }

    /**
     * Opens the store at {@code file}, which need not exist yet (it is created by the first change).
     *
     * @throws UncheckedIOException when the file exists but cannot be read or is not a key file.
     */
    public static ApiKeyStore open(final Path file)
    {
        final ApiKeyStore store = new ApiKeyStore(file, Map.of());
        if (Files.exists(file))
        {
            try
            {
                final KeyFile keyFile = store.mapper.readValue(file.toFile(), KeyFile.class);
                final Map<String, StoredKey> keys = new HashMap<>();
                for (final StoredKey key : keyFile.keys())
                {
                    keys.put(key.sha256(), key);
                }
                store.byHash = Map.copyOf(keys);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(file + ": not a readable API key file: " + ex.getMessage(), ex);
            }
        }
        return store;
    }

    @Override
    public Optional<ApiPrincipal> authenticate(final String presentedKey)
    {
        if (presentedKey == null || !presentedKey.startsWith(KEY_PREFIX) || presentedKey.length() > 128)
        {
            return Optional.empty();
        }
        final StoredKey key = byHash.get(sha256(presentedKey));
        return key == null ? Optional.empty() : Optional.of(key.principal());
    }

    /**
     * Creates a key and stores its hash before returning.
     *
     * @param participantId required for {@link Role#PARTICIPANT}, null otherwise.
     */
    public synchronized IssuedKey create(final Role role, final String participantId, final long nowMs)
    {
        final byte[] secret = new byte[KEY_BYTES];
        random.nextBytes(secret);
        final byte[] id = new byte[KEY_ID_BYTES];
        random.nextBytes(id);
        final String key = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        final StoredKey stored = new StoredKey("key-" + HexFormat.of().formatHex(id), role, participantId,
            sha256(key), nowMs);
        stored.principal(); // refuses a participant key without a participant id, or an id with another role
        final Map<String, StoredKey> keys = new HashMap<>(byHash);
        keys.put(stored.sha256(), stored);
        write(keys);
        return new IssuedKey(key, stored);
    }

    /**
     * @return whether a key with that id existed; it no longer authenticates once this returns.
     */
    public synchronized boolean revoke(final String keyId)
    {
        final Map<String, StoredKey> keys = new HashMap<>(byHash);
        final boolean removed = keys.values().removeIf(key -> key.keyId().equals(keyId));
        if (removed)
        {
            write(keys);
        }
        return removed;
    }

    /**
     * @return the stored keys, oldest first (ties by id).
     */
    public List<StoredKey> list()
    {
        final List<StoredKey> keys = new ArrayList<>(byHash.values());
        keys.sort((a, b) -> a.createdAtMs() != b.createdAtMs() ? Long.compare(a.createdAtMs(), b.createdAtMs()) :
            a.keyId().compareTo(b.keyId()));
        return keys;
    }

    /**
     * @return whether any operator key exists.
     */
    public boolean hasOperatorKey()
    {
        return byHash.values().stream().anyMatch(key -> key.role() == Role.OPERATOR);
    }

    private void write(final Map<String, StoredKey> keys)
    {
        final List<StoredKey> sorted = new ArrayList<>(keys.values());
        sorted.sort((a, b) -> a.keyId().compareTo(b.keyId()));
        final Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try
        {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(temporary);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix"))
            {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
            try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING))
            {
                out.write(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(new KeyFile(1, sorted))
                    .getBytes(StandardCharsets.UTF_8));
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE))
            {
                channel.force(true);
            }
            try
            {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            catch (final AtomicMoveNotSupportedException ex)
            {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write API key file " + file + ": " + ex.getMessage(), ex);
        }
        byHash = Map.copyOf(keys);
    }

    /**
     * @return lower-case hex SHA-256 of the UTF-8 bytes.
     */
    static String sha256(final String key)
    {
        try
        {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(key.getBytes(StandardCharsets.UTF_8)));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("every Java platform has SHA-256", ex);
        }
    }
}
