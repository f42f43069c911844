package io.krxtrader.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * PostgreSQL advisory locks by {@link LockKey}: session locks, which PostgreSQL releases the moment
 * the session ends (a killed process, a lost connection), and transaction locks, released at commit
 * or rollback. Session locks stack: each successful {@link #trySession} on one connection needs its
 * own {@link #releaseSession}. A session lock belongs to one connection, so take it on a connection
 * that no pool hands to anyone else.
 */
public final class AdvisoryLock {

  private static final String TRY_SESSION = "SELECT pg_try_advisory_lock(?, ?)";
  private static final String RELEASE_SESSION = "SELECT pg_advisory_unlock(?, ?)";
  private static final String LOCK_TRANSACTION =
      "SELECT pg_advisory_xact_lock(?, id) FROM unnest(?::int[]) AS id";
  private static final String HELD =
      """
      SELECT EXISTS (
        SELECT 1 FROM pg_locks
         WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted
           AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
           AND classid = ?::oid AND objid = ?::oid AND objsubid = 2)
      """;

  private AdvisoryLock() {}

  /**
   * Takes the session lock {@code key} if no other session holds it.
   *
   * @return whether this connection's session holds it now
   */
  public static boolean trySession(Connection connection, LockKey key) throws SQLException {
    requireScope(key.space(), LockSpace.Scope.SESSION);
    return booleanQuery(connection, TRY_SESSION, key);
  }

  /**
   * Releases one hold of the session lock {@code key}.
   *
   * @return whether this session held it
   */
  public static boolean releaseSession(Connection connection, LockKey key) throws SQLException {
    requireScope(key.space(), LockSpace.Scope.SESSION);
    return booleanQuery(connection, RELEASE_SESSION, key);
  }

  /** Releases every session lock this connection's session holds. */
  public static void releaseAllSession(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SELECT pg_advisory_unlock_all()");
    }
  }

  /**
   * Whether this connection's session holds {@code key} now, asked of the server (so a lock lost
   * with a replaced session is not reported as held).
   */
  public static boolean isHeld(Connection connection, LockKey key) throws SQLException {
    return booleanQuery(connection, HELD, key);
  }

  /**
   * Waits for and takes the transaction locks of {@code ids} in {@code space}, in ascending order
   * (so two lockers of overlapping sets cannot deadlock), until the transaction ends. Autocommit
   * must be off, or the locks end with this very statement.
   */
  public static void lockForTransaction(Connection connection, LockSpace space, int... ids)
      throws SQLException {
    requireScope(space, LockSpace.Scope.TRANSACTION);
    int[] sorted = Arrays.stream(ids).distinct().sorted().toArray();
    if (sorted.length > 0) {
      new LockKey(space, sorted[0]); // the smallest id: refuses a negative one
    }
    try (PreparedStatement statement = connection.prepareStatement(LOCK_TRANSACTION)) {
      statement.setInt(1, space.number());
      statement.setObject(2, sorted);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          // each row is one lock taken, in array order
        }
      }
    }
  }

  private static boolean booleanQuery(Connection connection, String sql, LockKey key)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setInt(1, key.space().number());
      statement.setInt(2, key.id());
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getBoolean(1);
      }
    }
  }

  private static void requireScope(LockSpace space, LockSpace.Scope scope) {
    if (space.scope() != scope) {
      throw new IllegalArgumentException(
          "advisory lock space " + space + " is a " + space.scope() + " lock, not " + scope);
    }
  }
}
