package io.krxtrader.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.krxtrader.config.Secret;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The entry point to PostgreSQL for every module. It owns the embedded server (if krx-trader runs
 * one), an administrative pool for migrations and maintenance, and one pool per {@link ModuleRole}
 * whose connections run {@code SET ROLE krx_<module>}: a module that writes a table it does not own
 * is refused by the database, not by convention.
 *
 * <p>Pools are created lazily and tolerate a database that is down when they are created (a live
 * collector keeps its files while the database is away), so {@link #dataSource} never blocks.
 */
public final class Database implements AutoCloseable {

  private final Optional<EmbeddedPostgresServer> server;
  private final String jdbcUrl;
  private final String user;
  private final Optional<Secret> password;
  private final int poolSize;
  private final HikariDataSource admin;
  private final Map<ModuleRole, HikariDataSource> pools = new EnumMap<>(ModuleRole.class);
  private final Map<ModuleRole, Jdbi> jdbis = new EnumMap<>(ModuleRole.class);

  private Database(
      Optional<EmbeddedPostgresServer> server,
      String jdbcUrl,
      String user,
      Optional<Secret> password,
      int poolSize) {
    this.server = server;
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.poolSize = poolSize;
    this.admin = pool("admin", Optional.empty(), 2);
  }

  /** Starts the embedded server or connects to {@code db.url}, as configured. */
  public static Database open(DatabaseConfig config) {
    if (config.embedded()) {
      EmbeddedPostgresServer embedded =
          EmbeddedPostgresServer.start(
              config.dataDirectory(), config.embeddedPort(), config.durable());
      try {
        return new Database(
            Optional.of(embedded),
            embedded.jdbcUrl(EmbeddedPostgresServer.DATABASE),
            embedded.superuser(),
            Optional.of(embedded.password()),
            config.poolSize());
      } catch (RuntimeException e) {
        embedded.close();
        throw e;
      }
    }
    return new Database(
        Optional.empty(),
        config.url().orElseThrow(),
        config.user(),
        config.password(),
        config.poolSize());
  }

  /** A database on an already running server (the test suite's, for instance). */
  public static Database connect(String jdbcUrl, String user, Optional<Secret> password) {
    return new Database(Optional.empty(), jdbcUrl, user, password, 4);
  }

  /** Applies pending migrations and creates the coming days' tick partitions. */
  public Migrations.Result migrate(InstantSource clock) {
    Migrations.Result result = migrations().migrate();
    DayPartitions.ensureAhead(admin, clock);
    return result;
  }

  public Migrations migrations() {
    return new Migrations(admin);
  }

  /**
   * Connections as the login user, for migrations, partition upkeep and reports. Module code uses
   * {@link #dataSource(ModuleRole)}.
   */
  public DataSource admin() {
    return admin;
  }

  /** The pool whose connections act as {@code role}. */
  public synchronized DataSource dataSource(ModuleRole role) {
    return pools.computeIfAbsent(
        role, r -> pool(r.displayName(), Optional.of(r.roleName()), poolSize));
  }

  /** Jdbi over {@link #dataSource(ModuleRole)}. */
  public synchronized Jdbi jdbi(ModuleRole role) {
    return jdbis.computeIfAbsent(role, r -> Jdbi.create(dataSource(r)));
  }

  /**
   * A new connection of its own, acting as {@code role}, that no pool shares: for a session-level
   * advisory lock (a leader's, a node's liveness), which must end exactly when this connection
   * does. The caller closes it.
   *
   * @param purpose a few words that {@code pg_stat_activity.application_name} shows
   */
  public Connection openDedicated(ModuleRole role, String purpose) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    password.ifPresent(p -> properties.setProperty("password", p.reveal()));
    properties.setProperty("ApplicationName", "krx-trader/" + role.displayName() + "/" + purpose);
    properties.setProperty("tcpKeepAlive", "true");
    properties.setProperty("connectTimeout", "10");
    Connection connection = DriverManager.getConnection(jdbcUrl, properties);
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET ROLE " + role.roleName());
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  public Optional<EmbeddedPostgresServer> embeddedServer() {
    return server;
  }

  /** The JDBC URL with any password parameter removed, safe to print. */
  public String displayUrl() {
    return jdbcUrl.replaceAll("(?i)([?&]password=)[^&]*", "$1****");
  }

  public String user() {
    return user;
  }

  private HikariDataSource pool(String name, Optional<String> role, int size) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("krx-" + name);
    hikari.setJdbcUrl(jdbcUrl);
    hikari.setUsername(user);
    password.ifPresent(p -> hikari.setPassword(p.reveal()));
    hikari.setMaximumPoolSize(size);
    hikari.setMinimumIdle(1);
    hikari.setConnectionTimeout(10_000);
    // -1: build the pool even if the database is down right now; connections come when it is back.
    hikari.setInitializationFailTimeout(-1);
    hikari.addDataSourceProperty("ApplicationName", "krx-trader/" + name);
    hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
    hikari.addDataSourceProperty("tcpKeepAlive", "true");
    role.ifPresent(r -> hikari.setConnectionInitSql("SET ROLE " + r));
    return new HikariDataSource(hikari);
  }

  /** Closes every pool, then stops the embedded server if this process owns it. */
  @Override
  public synchronized void close() {
    pools.values().forEach(HikariDataSource::close);
    pools.clear();
    jdbis.clear();
    admin.close();
    server.ifPresent(EmbeddedPostgresServer::close);
  }
}
