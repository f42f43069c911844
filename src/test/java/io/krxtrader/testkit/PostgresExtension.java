package io.krxtrader.testkit;

import static org.awaitility.Awaitility.await;

import io.krxtrader.KrxTraderException;
import io.krxtrader.db.Database;
import io.krxtrader.db.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The test suite's one real PostgreSQL: an embedded server started once per test run (fsync off, in
 * a temporary directory) with a migrated template database. Each test class gets its own database
 * cloned from the template, so classes never see each other's rows and no class pays for
 * migrations. Test methods and constructors may declare a {@link Database} parameter.
 *
 * <pre>
 * &#64;ExtendWith(PostgresExtension.class)
 * class SomethingIT {
 *   &#64;Test void does_the_thing(Database db) { ... }
 * }
 * </pre>
 */
public final class PostgresExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

  private static final String TEMPLATE = "krx_template";
  private static final AtomicInteger databases = new AtomicInteger();
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PostgresExtension.class);
  private static TestServer server;

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getStore(NAMESPACE).put(Database.class, freshDatabase());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Database database = context.getStore(NAMESPACE).remove(Database.class, Database.class);
    if (database != null) {
      database.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Database.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getStore(NAMESPACE).get(Database.class, Database.class);
  }

  /** A new migrated database of its own; the caller closes it. */
  public static Database freshDatabase() {
    return server().database(TEMPLATE);
  }

  /** A new database with nothing in it (not migrated); the caller closes it. */
  public static Database emptyDatabase() {
    return server().database("template0");
  }

  /** The JDBC URL of a new migrated database, for code that connects by URL (the CLI). */
  public static String freshDatabaseUrl() {
    return server().createDatabase(TEMPLATE);
  }

  /** The password of the test server's superuser ({@code postgres}). */
  public static String superuserPassword() {
    return server().embedded.password().reveal();
  }

  private static synchronized TestServer server() {
    if (server == null) {
      server = new TestServer();
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "test-postgres-stop"));
    }
    return server;
  }

  /** The embedded server and its template. */
  private static final class TestServer {

    private final Path directory;
    private final EmbeddedPostgresServer embedded;

    TestServer() {
      try {
        directory = Files.createTempDirectory("krx-test-postgres");
      } catch (IOException e) {
        throw new KrxTraderException("cannot create a directory for the test database", e);
      }
      embedded = EmbeddedPostgresServer.start(directory.resolve("data"), 0, false);
      execute("postgres", "CREATE DATABASE " + TEMPLATE);
      try (Database template = connect(TEMPLATE)) {
        template.migrate(InstantSource.system());
      }
    }

    Database database(String template) {
      return connect(createDatabaseNamed(template));
    }

    String createDatabase(String template) {
      return embedded.jdbcUrl(createDatabaseNamed(template));
    }

    private String createDatabaseNamed(String template) {
      String name = "test_" + databases.incrementAndGet();
      // The template may still show a closing connection for a moment after its pool closed.
      await("test database " + name + " created")
          .atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofMillis(100))
          .ignoreExceptionsInstanceOf(SQLException.class)
          .until(
              () -> {
                executeOrThrow("postgres", "CREATE DATABASE " + name + " TEMPLATE " + template);
                return true;
              });
      return name;
    }

    private Database connect(String database) {
      return Database.connect(
          embedded.jdbcUrl(database), embedded.superuser(), Optional.of(embedded.password()));
    }

    private void execute(String database, String sql) {
      try {
        executeOrThrow(database, sql);
      } catch (SQLException e) {
        throw new KrxTraderException("test database setup failed [sql=" + sql + "]", e);
      }
    }

    private void executeOrThrow(String database, String sql) throws SQLException {
      try (Connection connection = embedded.superuserDataSource(database).getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute(sql);
      }
    }

    void close() {
      embedded.close();
      try (Stream<Path> walk = Files.walk(directory)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // A leftover temporary directory is harmless.
      }
    }
  }
}
