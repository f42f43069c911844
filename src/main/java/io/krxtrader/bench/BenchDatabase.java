package io.krxtrader.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.krxtrader.KrxTraderException;
import io.krxtrader.config.Secret;
import io.krxtrader.db.Database;
import io.krxtrader.db.EmbeddedPostgresServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A database of a benchmark's own on the configured server (never the user's data): dropped,
 * created and migrated at the start of a run, reachable by URL for child processes and psql.
 */
final class BenchDatabase implements AutoCloseable {

  /** A back-fill in a child JVM: its run, and the JSON summary it printed. */
  record Backfill(ChildProcess.Run run, JsonNode summary) {}

  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

  private final String url;
  private final String host;
  private final int port;
  private final String name;
  private final String user;
  private final Optional<Secret> password;
  private final Database database;
  private final BenchContext.SelfCommand selfCommand;

  private BenchDatabase(
      String url,
      String host,
      int port,
      String name,
      String user,
      Optional<Secret> password,
      BenchContext.SelfCommand selfCommand) {
    this.url = url;
    this.host = host;
    this.port = port;
    this.name = name;
    this.user = user;
    this.password = password;
    this.database = Database.connect(url, user, password);
    this.selfCommand = selfCommand;
  }

  /** Drops and recreates database {@code name} on the server of {@code main}, migrated. */
  static BenchDatabase recreate(BenchContext context, String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a database name [name=" + name + "]");
    }
    Database main = context.database().get();
    try (Connection connection = main.admin().getConnection();
        Statement statement = connection.createStatement()) {
      // The name is checked above and is ours, not input: DDL takes no bind parameters.
      statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new KrxTraderException(
          "cannot create the benchmark's database (the user needs CREATEDB) [name=" + name + "]",
          e);
    }
    BenchDatabase bench;
    Optional<EmbeddedPostgresServer> embedded = main.embeddedServer();
    if (embedded.isPresent()) {
      EmbeddedPostgresServer server = embedded.get();
      bench =
          new BenchDatabase(
              server.jdbcUrl(name),
              "127.0.0.1",
              server.port(),
              name,
              server.superuser(),
              Optional.of(server.password()),
              context.selfCommand());
    } else {
      String configured = context.databaseConfig().url().orElseThrow();
      URI uri = URI.create(configured.substring("jdbc:".length()));
      String url =
          "jdbc:postgresql://"
              + uri.getHost()
              + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
              + "/"
              + name
              + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      bench =
          new BenchDatabase(
              url,
              uri.getHost(),
              uri.getPort() > 0 ? uri.getPort() : 5432,
              name,
              main.user(),
              context.databaseConfig().password(),
              context.selfCommand());
    }
    bench.database.migrate(context.clock());
    return bench;
  }

  Database database() {
    return database;
  }

  String host() {
    return host;
  }

  int port() {
    return port;
  }

  String name() {
    return name;
  }

  String url() {
    return url;
  }

  String user() {
    return user;
  }

  Optional<Secret> password() {
    return password;
  }

  void execute(String... statements) {
    try (Connection connection = database.admin().getConnection();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new KrxTraderException("benchmark database statement failed", e);
    }
  }

  long count(String sql) {
    try (Connection connection = database.admin().getConnection();
        Statement statement = connection.createStatement();
        var rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new KrxTraderException("benchmark database query failed", e);
    }
  }

  /**
   * Back-fills {@code directory} into this database with the real command line in a child JVM
   * ({@code -Xmx<heap>}, home {@code home}, {@code options} added); its output goes under {@code
   * logs}. Fails unless the child exits 0 and prints a readable summary.
   */
  Backfill backfill(Path directory, String heap, Path home, List<String> options, Path logs) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "backfill",
                directory.toString(),
                "--db-url",
                url,
                "--set",
                "db.user=" + user,
                "--home",
                home.toString(),
                "--progress",
                "none",
                "--format",
                "json"));
    arguments.addAll(options);
    Map<String, String> environment = new HashMap<>();
    password.ifPresent(p -> environment.put("KRX_DB_PASSWORD", p.reveal()));
    ChildProcess.Run run =
        ChildProcess.run(selfCommand.of(List.of("-Xmx" + heap), arguments), environment, logs);
    if (run.exitCode() != 0) {
      throw new KrxTraderException(
          "the back-fill failed [exitCode=" + run.exitCode() + ", log=" + run.log() + "]");
    }
    try {
      return new Backfill(run, new ObjectMapper().readTree(run.out()));
    } catch (IOException e) {
      throw new KrxTraderException("unreadable back-fill summary [out=" + run.out() + "]", e);
    }
  }

  /** Empties the observer's tables (partitions stay) and checkpoints: every run starts alike. */
  void reset() {
    execute(
        "TRUNCATE observer.scalp_ticks, observer.scalp_gaps, observer.swing_bars_10m,"
            + " observer.scalp_1m_bars, observer.ingest_files",
        "CHECKPOINT");
  }

  @Override
  public void close() {
    database.close();
  }
}
