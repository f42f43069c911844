package io.krxtrader.web;

import io.krxtrader.config.Secret;
import io.krxtrader.config.Settings;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the operator surface listens and how it finds its bearer token.
 *
 * @param host the address to bind (key {@code web.host}, default {@value #DEFAULT_HOST}: only this
 *     machine; put a reverse proxy in front to reach it from elsewhere)
 * @param port the port (key {@code web.port}, default {@value #DEFAULT_PORT}; 0 picks a free one)
 * @param tokenFile the owner-only file that holds the token, written at first start (key {@code
 *     web.token-file}, default {@code <home>/web-token})
 * @param token a configured token (environment variable {@code KRX_WEB_TOKEN} or the secrets file,
 *     key {@code web.token}); when present no file is read or written
 */
public record WebConfig(String host, int port, Path tokenFile, Optional<Secret> token) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8470;

  public WebConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(tokenFile, "tokenFile");
    Objects.requireNonNull(token, "token");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  public static WebConfig from(Settings settings, Path home) {
    return new WebConfig(
        settings.string("web.host", DEFAULT_HOST),
        settings.integer("web.port", DEFAULT_PORT, 0, 65535),
        settings.path("web.token-file", home.resolve("web-token")),
        settings.secret("web.token", home.resolve("secrets.properties")));
  }

  /** The same, on another port (0: a free one). */
  public WebConfig withPort(int newPort) {
    return new WebConfig(host, newPort, tokenFile, token);
  }
}
