package io.krxtrader.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * What tests do to and learn of PostgreSQL's server processes, through the admin pool: end one (its
 * session locks go with it), and wait until some session waits for a lock. Each waits for a
 * condition the server reports, never for a length of time.
 */
public final class Backends {

  private static final Duration PATIENCE = Duration.ofMinutes(1);

  private Backends() {}

  /** Ends the backend {@code pid} and returns once it is gone, its locks released. */
  public static void terminate(DataSource admin, int pid) throws SQLException {
    try (Connection connection = admin.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT pg_terminate_backend(?)")) {
      statement.setInt(1, pid);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        assertThat(rows.getBoolean(1)).as("backend %d was running", pid).isTrue();
      }
    }
    // pg_terminate_backend only signals; the backend's locks go when it has exited.
    await()
        .atMost(PATIENCE)
        .until(
            () -> {
              try (Connection connection = admin.getConnection();
                  PreparedStatement statement =
                      connection.prepareStatement(
                          "SELECT count(*) FROM pg_stat_activity WHERE pid = ?")) {
                statement.setInt(1, pid);
                try (ResultSet rows = statement.executeQuery()) {
                  rows.next();
                  return rows.getInt(1) == 0;
                }
              }
            });
  }

  /** Returns once some session of this database waits for a lock (a row or an advisory lock). */
  public static void awaitLockWait(DataSource admin) {
    await()
        .atMost(PATIENCE)
        .until(
            () -> {
              try (Connection connection = admin.getConnection();
                  Statement statement = connection.createStatement();
                  ResultSet rows =
                      statement.executeQuery(
                          "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                              + " AND datname = current_database()")) {
                rows.next();
                return rows.getInt(1) > 0;
              }
            });
  }
}
