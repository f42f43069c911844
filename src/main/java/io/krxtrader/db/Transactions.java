package io.krxtrader.db;

import java.sql.Connection;
import java.sql.SQLException;

/** What every module's hand-written transactions share. */
public final class Transactions {

  private Transactions() {}

  /**
   * Rolls back after {@code cause} ended a transaction. A connection that died mid-transaction also
   * fails its rollback; that second error is attached to {@code cause} as suppressed, because the
   * first one is what says whether to try again.
   */
  public static void rollbackAfter(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
