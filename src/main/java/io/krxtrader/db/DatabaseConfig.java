package io.krxtrader.db;

import io.krxtrader.config.ConfigException;
import io.krxtrader.config.Secret;
import io.krxtrader.config.Settings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the database is. With no {@code db.url} krx-trader runs its own embedded PostgreSQL with
 * its data under {@code dataDirectory}; with one it uses that server.
 *
 * @param url JDBC URL of an existing server ({@code jdbc:postgresql://host:5432/db}), or empty for
 *     the embedded server
 * @param user user for {@code url} (ignored for the embedded server)
 * @param password password for {@code url}, from the environment or the secrets file only
 * @param dataDirectory the embedded server's data directory
 * @param embeddedPort the embedded server's port; 0 picks a free one
 * @param durable whether the embedded server fsyncs commits (off only for throw-away test servers)
 * @param poolSize connections per module pool
 */
public record DatabaseConfig(
    Optional<String> url,
    String user,
    Optional<Secret> password,
    Path dataDirectory,
    int embeddedPort,
    boolean durable,
    int poolSize) {

  public static final String URL = "db.url";
  public static final String USER = "db.user";
  public static final String PASSWORD = "db.password";
  public static final String DATA_DIRECTORY = "db.data-dir";
  public static final String PORT = "db.port";
  public static final String POOL_SIZE = "db.pool-size";

  public DatabaseConfig {
    url.ifPresent(
        u -> {
          if (!u.startsWith("jdbc:postgresql:")) {
            throw new ConfigException(
                "invalid configuration value [key="
                    + URL
                    + ", expected=a PostgreSQL JDBC URL such as"
                    + " jdbc:postgresql://localhost:5432/krx]");
          }
        });
  }

  /**
   * @param home krx-trader's home directory (key {@code home}, default {@code ~/.krx-trader})
   */
  public static DatabaseConfig from(Settings settings, Path home) {
    return new DatabaseConfig(
        settings.optionalString(URL),
        settings.string(USER, "postgres"),
        settings.secret(PASSWORD, home.resolve("secrets.properties")),
        settings.path(DATA_DIRECTORY, home.resolve("postgres")),
        settings.integer(PORT, 0, 0, 65_535),
        true,
        settings.integer(POOL_SIZE, 4, 1, 64));
  }

  public boolean embedded() {
    return url.isEmpty();
  }
}
