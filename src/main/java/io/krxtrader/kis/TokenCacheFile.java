package io.krxtrader.kis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.krxtrader.config.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access token on disk, so that a restart does not issue a new one (each issuance on a real
 * account sends the user a KakaoTalk message, and KIS allows one per minute). The file is created
 * owner-only (0600, directory 0700) and replaced atomically. It is keyed by a hash of the app key
 * and the REST URL: a different key or server never picks up this token. A damaged file is ignored
 * (logged without its content) and overwritten at the next issue.
 */
final class TokenCacheFile {

  private static final Logger LOG = LoggerFactory.getLogger(TokenCacheFile.class);

  /** What the file holds; {@code token} is empty once KIS refused it. */
  record Entry(String keyId, Optional<Secret> token, Instant expiresAt, Instant issuedAt) {}

  private final Path file;

  TokenCacheFile(Path file) {
    this.file = file;
  }

  Optional<Entry> read(String keyId) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      JsonNode node = KisHttp.JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
      if (!keyId.equals(node.path("key_id").asText())) {
        return Optional.empty();
      }
      String token = node.path("access_token").asText("");
      return Optional.of(
          new Entry(
              keyId,
              token.isBlank() ? Optional.empty() : Optional.of(Secret.of(token)),
              Instant.parse(node.path("expires_at").asText()),
              Instant.parse(node.path("issued_at").asText())));
    } catch (IOException | RuntimeException e) {
      LOG.warn("Ignoring an unreadable KIS token cache file [file={}]", file);
      return Optional.empty();
    }
  }

  void write(Entry entry) {
    ObjectNode node = KisHttp.JSON.createObjectNode();
    node.put("key_id", entry.keyId());
    node.put("access_token", entry.token().map(Secret::reveal).orElse(""));
    node.put("expires_at", entry.expiresAt().toString());
    node.put("issued_at", entry.issuedAt().toString());
    try {
      Path directory = file.toAbsolutePath().getParent();
      if (!Files.exists(directory)) {
        try {
          Files.createDirectories(
              directory,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
          Files.createDirectories(directory);
        } catch (FileAlreadyExistsException e) {
          // another process made it
        }
      }
      Path temporary;
      try {
        temporary =
            Files.createTempFile(
                directory,
                ".token",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        temporary = Files.createTempFile(directory, ".token", ".tmp");
      }
      Files.writeString(temporary, KisHttp.JSON.writeValueAsString(node), StandardCharsets.UTF_8);
      try {
        Files.move(
            temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new KisException("cannot write the KIS token cache file [file=" + file + "]", e);
    }
  }
}
