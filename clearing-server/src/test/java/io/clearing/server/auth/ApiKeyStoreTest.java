package io.clearing.server.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeyStoreTest
{
    @TempDir
    Path dir;

    @Test
    void shouldAuthenticateCreatedKeyAndKeepOnlyItsHash() throws Exception
    {
        final Path file = dir.resolve("keys.json");
        final ApiKeyStore store = ApiKeyStore.open(file);
        final ApiKeyStore.IssuedKey issued = store.create(Role.PARTICIPANT, "F1", 7);

        assertThat(issued.key()).startsWith(ApiKeyStore.KEY_PREFIX).hasSize(ApiKeyStore.KEY_PREFIX.length() + 43);
        assertThat(store.authenticate(issued.key())).hasValue(
            new ApiPrincipal(issued.stored().keyId(), Role.PARTICIPANT, "F1"));
        final String content = Files.readString(file);
        assertThat(content).doesNotContain(issued.key()).contains(ApiKeyStore.sha256(issued.key()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.exists(dir.resolve("keys.json.tmp"))).isFalse();
    }

    @Test
    void shouldRefuseUnknownMalformedAndRevokedKeys()
    {
        final ApiKeyStore store = ApiKeyStore.open(dir.resolve("keys.json"));
        final ApiKeyStore.IssuedKey issued = store.create(Role.AUDITOR, null, 1);
        assertThat(store.authenticate(null)).isEmpty();
        assertThat(store.authenticate("")).isEmpty();
        assertThat(store.authenticate(issued.key() + "x")).isEmpty();
        assertThat(store.authenticate(issued.key().substring(1))).isEmpty();

        assertThat(store.revoke(issued.stored().keyId())).isTrue();
        assertThat(store.authenticate(issued.key())).isEmpty();
        assertThat(store.revoke(issued.stored().keyId())).isFalse();
    }

    @Test
    void shouldKeepKeysAcrossReopen()
    {
        final Path file = dir.resolve("keys.json");
        final ApiKeyStore first = ApiKeyStore.open(file);
        assertThat(first.hasOperatorKey()).isFalse();
        final ApiKeyStore.IssuedKey operator = first.create(Role.OPERATOR, null, 1);
        final ApiKeyStore.IssuedKey revoked = first.create(Role.AUDITOR, null, 2);
        first.revoke(revoked.stored().keyId());

        final ApiKeyStore reopened = ApiKeyStore.open(file);
        assertThat(reopened.hasOperatorKey()).isTrue();
        assertThat(reopened.authenticate(operator.key())).isPresent();
        assertThat(reopened.authenticate(revoked.key())).isEmpty();
        assertThat(reopened.list()).extracting(ApiKeyStore.StoredKey::keyId)
            .containsExactly(operator.stored().keyId());
    }

    @Test
    void shouldRefuseParticipantKeyWithoutParticipantAndDamagedFile() throws Exception
    {
        final ApiKeyStore store = ApiKeyStore.open(dir.resolve("keys.json"));
        assertThatThrownBy(() -> store.create(Role.PARTICIPANT, null, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.create(Role.OPERATOR, "F1", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.list()).isEmpty();

        final Path damaged = dir.resolve("damaged.json");
        Files.writeString(damaged, "{not json");
        assertThatThrownBy(() -> ApiKeyStore.open(damaged)).hasMessageContaining("damaged.json");
    }
}
