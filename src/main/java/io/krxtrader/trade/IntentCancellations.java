package io.krxtrader.trade;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * Asking execution not to go on with an intent ({@code trade.intent_cancellations}): the module
 * that created it asks, in its own transaction; execution, the only one that moves an intent's
 * status, denies it if still NEW and cancels the open rest at the broker if already sent. Asking
 * twice keeps the first request.
 */
public final class IntentCancellations {

  /** Why an intent's cancellation was asked for, and by whom. */
  public record Request(String requestedBy, String reason) {

    @Override
    public String toString() {
      return reason + " (asked by " + requestedBy + ")";
    }
  }

  private IntentCancellations() {}

  /** Records the request; false if one was already recorded for {@code intentId}. */
  public static boolean request(
      Connection connection, UUID intentId, String requestedBy, String reason) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "INSERT INTO trade.intent_cancellations (intent_id, requested_by, reason)"
                + " VALUES (?, ?, ?) ON CONFLICT (intent_id) DO NOTHING")) {
      s.setObject(1, intentId);
      s.setString(2, requestedBy);
      s.setString(3, reason);
      return s.executeUpdate() == 1;
    }
  }

  /** The request recorded for {@code intentId}, if any. */
  public static Optional<Request> requested(Connection connection, UUID intentId)
      throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT requested_by, reason FROM trade.intent_cancellations WHERE intent_id = ?")) {
      s.setObject(1, intentId);
      try (ResultSet rows = s.executeQuery()) {
        return rows.next()
            ? Optional.of(new Request(rows.getString(1), rows.getString(2)))
            : Optional.empty();
      }
    }
  }
}
