package io.krxtrader.web;

import io.krxtrader.config.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The bearer token of the state-changing endpoints: the configured one, else the one in the
 * owner-only token file, which the first start writes (256 random bits, URL-safe Base64). A file
 * that others may read is refused rather than used. The token is compared in constant time and
 * never written anywhere else.
 */
public final class WebToken {

  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private final byte[] expected;
  private final Secret secret;

  private WebToken(Secret secret) {
    this.secret = secret;
    this.expected = ("Bearer " + secret.reveal()).getBytes(StandardCharsets.UTF_8);
  }

  /** The configured token, else the file's, written first if missing. */
  public static WebToken load(WebConfig config) {
    return new WebToken(config.token().orElseGet(() -> readOrCreate(config.tokenFile())));
  }

  /** Whether an {@code Authorization} header value carries the token. */
  public boolean accepts(Optional<String> authorization) {
    return authorization.isPresent()
        && MessageDigest.isEqual(expected, authorization.get().getBytes(StandardCharsets.UTF_8));
  }

  /** The token, for handing to a handler that checks it again (the picks endpoint). */
  Secret secret() {
    return secret;
  }

  static Secret readOrCreate(Path file) {
    try {
      if (!Files.exists(file)) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
          Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
          Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
        } catch (FileAlreadyExistsException raced) {
          // another process wrote it first: use theirs
        }
      }
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (!OWNER_ONLY.containsAll(permissions)) {
        throw new IllegalStateException(
            "the web token file must be readable by its owner only (chmod 600) [file="
                + file
                + ", permissions="
                + PosixFilePermissions.toString(permissions)
                + "]");
      }
      String token = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (token.length() < 16) {
        throw new IllegalStateException(
            "the web token file holds no usable token (at least 16 characters) [file="
                + file
                + "]");
      }
      return Secret.of(token);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the web token file " + file, e);
    }
  }
}
