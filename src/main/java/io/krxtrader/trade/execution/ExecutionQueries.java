package io.krxtrader.trade.execution;

import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
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
import java.util.Optional;
import java.util.UUID;

/**
 * The read side of positions, intents, orders, fills and the broker's holdings, for the operator
 * surface (the HTTP API and the dashboard): one copy of each query. A day is a KST day.
 */
public final class ExecutionQueries {

  /**
   * An open (or closing) position with the exit engine's phase and the symbol's best price; the P&L
   * is against the average price, empty without a best price.
   */
  public record PositionRow(
      UUID positionId,
      String accountId,
      Symbol symbol,
      long qty,
      BigDecimal avgPrice,
      Instant entryTime,
      String status,
      Optional<String> phase,
      Optional<BigDecimal> stopFloorPrice,
      Optional<BigDecimal> lastPrice,
      Optional<Instant> lastPriceTime,
      Optional<BigDecimal> pnl,
      Optional<BigDecimal> pnlPercent) {}

  /** One order intent and where it stands. */
  public record IntentRow(
      UUID intentId,
      Optional<UUID> positionId,
      Symbol symbol,
      String intentType,
      String side,
      long qty,
      String orderType,
      Optional<BigDecimal> limitPrice,
      String reasonCode,
      String actionKey,
      String status,
      Optional<String> statusReason,
      String createdBy,
      Instant createdTime,
      Instant updatedTime) {}

  /** One broker order of an intent. */
  public record OrderRow(
      String orderId,
      UUID intentId,
      Optional<String> symbol,
      Optional<String> side,
      Optional<Long> qty,
      long filledQty,
      String status,
      Instant submittedTime) {}

  /** One fill. */
  public record FillRow(
      UUID fillId,
      String orderId,
      UUID intentId,
      Symbol symbol,
      Optional<String> side,
      Instant time,
      long qty,
      BigDecimal price,
      Optional<BigDecimal> fee,
      Optional<BigDecimal> tax,
      Optional<BigDecimal> realizedPnl) {}

  /** The broker's holding of a symbol, as last read. */
  public record HoldingRow(
      String accountId,
      Symbol symbol,
      long qty,
      BigDecimal avgPrice,
      Optional<BigDecimal> currentPrice,
      Instant updatedTime) {}

  private ExecutionQueries() {}

  /** Open and closing positions, by symbol. */
  public static List<PositionRow> openPositions(Connection connection) throws SQLException {
    return positions(connection, "p.status IN ('OPEN', 'CLOSING')", null);
  }

  /** One position, in any status. */
  public static Optional<PositionRow> position(Connection connection, UUID positionId)
      throws SQLException {
    return positions(connection, "p.position_id = ?", positionId).stream().findFirst();
  }

  private static List<PositionRow> positions(Connection connection, String where, UUID id)
      throws SQLException {
    List<PositionRow> rows = new ArrayList<>();
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT p.position_id, p.account_id, p.symbol, p.qty, p.avg_price, p.entry_ts,"
                + " p.status, st.phase, st.stop_floor_price, b.last_price, b.ts"
                + " FROM trade.positions p"
                + " LEFT JOIN trade.position_state st USING (position_id)"
                + " LEFT JOIN market.prices_best b ON b.symbol = p.symbol"
                + " WHERE "
                + where
                + " ORDER BY p.symbol, p.entry_ts")) {
      if (id != null) {
        s.setObject(1, id);
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          long qty = rs.getLong(4);
          BigDecimal avg = rs.getBigDecimal(5);
          Optional<BigDecimal> last = Optional.ofNullable(rs.getBigDecimal(10));
          Optional<BigDecimal> pnl =
              last.map(p -> p.subtract(avg).multiply(BigDecimal.valueOf(qty)));
          Optional<BigDecimal> percent =
              avg.signum() == 0
                  ? Optional.empty()
                  : last.map(
                      p ->
                          p.subtract(avg)
                              .movePointRight(2)
                              .divide(avg, 2, java.math.RoundingMode.HALF_EVEN));
          rows.add(
              new PositionRow(
                  rs.getObject(1, UUID.class),
                  rs.getString(2),
                  Symbol.of(rs.getString(3)),
                  qty,
                  avg,
                  rs.getTimestamp(6).toInstant(),
                  rs.getString(7),
                  Optional.ofNullable(rs.getString(8)),
                  Optional.ofNullable(rs.getBigDecimal(9)),
                  last,
                  Optional.ofNullable(rs.getTimestamp(11)).map(Timestamp::toInstant),
                  pnl,
                  percent));
        }
      }
    }
    return rows;
  }

  /** The intents created on a KST day, oldest first. */
  public static List<IntentRow> intents(Connection connection, LocalDate day) throws SQLException {
    List<IntentRow> rows = new ArrayList<>();
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT intent_id, position_id, symbol, intent_type, side, qty, order_type,"
                + " limit_price, reason_code, action_key, status, status_reason, created_by,"
                + " created_ts, updated_ts FROM trade.order_intents"
                + " WHERE created_ts >= ? AND created_ts < ? ORDER BY created_ts, intent_id")) {
      bindDay(s, day);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new IntentRow(
                  rs.getObject(1, UUID.class),
                  Optional.ofNullable(rs.getObject(2, UUID.class)),
                  Symbol.of(rs.getString(3)),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getLong(6),
                  rs.getString(7),
                  Optional.ofNullable(rs.getBigDecimal(8)),
                  rs.getString(9),
                  rs.getString(10),
                  rs.getString(11),
                  Optional.ofNullable(rs.getString(12)),
                  rs.getString(13),
                  rs.getTimestamp(14).toInstant(),
                  rs.getTimestamp(15).toInstant()));
        }
      }
    }
    return rows;
  }

  /** The orders submitted on a KST day, oldest first. */
  public static List<OrderRow> orders(Connection connection, LocalDate day) throws SQLException {
    List<OrderRow> rows = new ArrayList<>();
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT order_id, intent_id, symbol, side, qty, filled_qty, status, submitted_ts"
                + " FROM trade.orders WHERE submitted_ts >= ? AND submitted_ts < ?"
                + " ORDER BY submitted_ts, order_id")) {
      bindDay(s, day);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          long qty = rs.getLong(5);
          rows.add(
              new OrderRow(
                  rs.getString(1),
                  rs.getObject(2, UUID.class),
                  Optional.ofNullable(rs.getString(3)),
                  Optional.ofNullable(rs.getString(4)),
                  rs.wasNull() ? Optional.empty() : Optional.of(qty),
                  rs.getLong(6),
                  rs.getString(7),
                  rs.getTimestamp(8).toInstant()));
        }
      }
    }
    return rows;
  }

  /** The fills of a KST day, oldest first, with their order's intent and symbol. */
  public static List<FillRow> fills(Connection connection, LocalDate day) throws SQLException {
    List<FillRow> rows = new ArrayList<>();
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT f.fill_id, f.order_id, o.intent_id, i.symbol, coalesce(f.side, i.side), f.ts, f.qty, f.price,"
                + " f.fee, f.tax, f.realized_pnl FROM trade.fills f"
                + " JOIN trade.orders o USING (order_id)"
                + " JOIN trade.order_intents i ON i.intent_id = o.intent_id"
                + " WHERE f.ts >= ? AND f.ts < ? ORDER BY f.ts, f.fill_id")) {
      bindDay(s, day);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new FillRow(
                  rs.getObject(1, UUID.class),
                  rs.getString(2),
                  rs.getObject(3, UUID.class),
                  Symbol.of(rs.getString(4)),
                  Optional.ofNullable(rs.getString(5)),
                  rs.getTimestamp(6).toInstant(),
                  rs.getLong(7),
                  rs.getBigDecimal(8),
                  Optional.ofNullable(rs.getBigDecimal(9)),
                  Optional.ofNullable(rs.getBigDecimal(10)),
                  Optional.ofNullable(rs.getBigDecimal(11))));
        }
      }
    }
    return rows;
  }

  /** The broker's holdings as last read, by symbol. */
  public static List<HoldingRow> holdings(Connection connection) throws SQLException {
    List<HoldingRow> rows = new ArrayList<>();
    try (PreparedStatement s =
            connection.prepareStatement(
                "SELECT account_id, symbol, qty, avg_price, current_price, updated_ts"
                    + " FROM trade.holdings ORDER BY symbol, account_id");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        rows.add(
            new HoldingRow(
                rs.getString(1),
                Symbol.of(rs.getString(2)),
                rs.getLong(3),
                rs.getBigDecimal(4),
                Optional.ofNullable(rs.getBigDecimal(5)),
                rs.getTimestamp(6).toInstant()));
      }
    }
    return rows;
  }

  private static void bindDay(PreparedStatement s, LocalDate day) throws SQLException {
    s.setTimestamp(1, Timestamp.from(day.atStartOfDay(TradingCalendar.KST).toInstant()));
    s.setTimestamp(
        2, Timestamp.from(day.plusDays(1).atStartOfDay(TradingCalendar.KST).toInstant()));
  }
}
