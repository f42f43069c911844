package io.krxtrader.replay;

import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.trade.IntentType;
import io.krxtrader.trade.PriceType;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * What the live engines decided on a KST day, read-only: every exit signal that fired ({@code
 * trade.exit_signals} with {@code triggered}, by the best price's time), the exit intents those
 * signals stored, and the ENTRY intents of the re-entry candidates made by the day's exits. Router
 * entries are inputs of a replay (their fills open positions), not decisions it takes again.
 */
public final class LiveDecisions {

  private static final String SIGNALS =
      """
      SELECT position_id, ts, rule_name, current_price
        FROM trade.exit_signals
       WHERE triggered AND ts >= ? AND ts < ?
      """;

  private static final String INTENT_COLUMNS =
      "i.action_key, i.intent_type, i.qty, i.order_type, i.limit_price";

  private static final String EXIT_INTENTS =
      "SELECT "
          + INTENT_COLUMNS
          + " FROM trade.order_intents i WHERE i.intent_id IN (SELECT s.intent_id"
          + " FROM trade.exit_signals s WHERE s.triggered AND s.ts >= ? AND s.ts < ?)";

  private static final String REENTRY_INTENTS =
      "SELECT "
          + INTENT_COLUMNS
          + " FROM trade.order_intents i JOIN trade.reentry_candidates c"
          + " ON c.candidate_id = i.candidate_id"
          + " WHERE i.intent_type = 'ENTRY' AND c.exit_ts >= ? AND c.exit_ts < ?";

  private LiveDecisions() {}

  public static ReplayResult read(Database db, LocalDate date) throws SQLException {
    Instant start = DayLoader.startOf(date);
    Instant end = DayLoader.startOf(date.plusDays(1));
    List<Decision.Signal> signals = new ArrayList<>();
    List<Decision.Intent> intents = new ArrayList<>();
    try (Connection connection = db.dataSource(ModuleRole.EXIT).getConnection()) {
      connection.setReadOnly(true);
      try {
        try (PreparedStatement statement = prepare(connection, SIGNALS, start, end);
            ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            signals.add(
                new Decision.Signal(
                    rs.getTimestamp("ts").toInstant(),
                    rs.getObject("position_id", UUID.class),
                    rs.getString("rule_name"),
                    rs.getBigDecimal("current_price").longValueExact()));
          }
        }
        for (String sql : List.of(EXIT_INTENTS, REENTRY_INTENTS)) {
          try (PreparedStatement statement = prepare(connection, sql, start, end);
              ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
              BigDecimal limit = rs.getBigDecimal("limit_price");
              intents.add(
                  new Decision.Intent(
                      rs.getString("action_key"),
                      IntentType.valueOf(rs.getString("intent_type")),
                      rs.getLong("qty"),
                      PriceType.valueOf(rs.getString("order_type")),
                      limit == null
                          ? OptionalLong.empty()
                          : OptionalLong.of(limit.longValueExact())));
            }
          }
        }
      } finally {
        connection.setReadOnly(false);
      }
    }
    return new ReplayResult(signals, intents, 0, 0, List.of());
  }

  private static PreparedStatement prepare(
      Connection connection, String sql, Instant start, Instant end) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    statement.setTimestamp(1, Timestamp.from(start));
    statement.setTimestamp(2, Timestamp.from(end));
    return statement;
  }
}
