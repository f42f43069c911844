package io.krxtrader.trade;

import io.krxtrader.system.Leadership.Term;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * The one way an intent is created. The caller owns the transaction (autocommit off) and commits
 * the intent together with whatever decided it (an exit's new state and signal, a router decision,
 * a plan's order), so that a decision and its order land together or not at all.
 */
public final class OrderIntents {

  private static final String INSERT =
      """
      INSERT INTO trade.order_intents
          (intent_id, position_id, candidate_id, symbol, side, intent_type, qty, order_type,
           limit_price, reason_code, action_key, status, created_by, leader_term)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'NEW', ?, ?)
      ON CONFLICT (action_key) DO NOTHING
      """;

  private OrderIntents() {}

  /**
   * Checks {@code term} and inserts {@code intent}, in the caller's transaction.
   *
   * @return true if stored, false if an intent with the same action key already exists (the
   *     decision was taken before: nothing more to do)
   * @throws io.krxtrader.system.StaleTermException when the term is over (roll back, stop acting)
   */
  public static boolean insert(Connection connection, OrderIntent intent, Term term)
      throws SQLException {
    term.check(connection);
    try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
      statement.setObject(1, intent.intentId());
      statement.setObject(2, intent.positionId().orElse(null), Types.OTHER);
      statement.setObject(3, intent.candidateId().orElse(null), Types.OTHER);
      statement.setString(4, intent.symbol().code());
      statement.setString(5, intent.side().name());
      statement.setString(6, intent.type().name());
      statement.setLong(7, intent.quantity());
      statement.setString(8, intent.priceType().name());
      if (intent.limitPrice().isPresent()) {
        statement.setLong(9, intent.limitPrice().getAsLong());
      } else {
        statement.setNull(9, Types.NUMERIC);
      }
      statement.setString(10, intent.reasonCode());
      statement.setString(11, intent.actionKey());
      statement.setString(12, term.leader().displayName());
      statement.setLong(13, term.number());
      return statement.executeUpdate() == 1;
    }
  }
}
