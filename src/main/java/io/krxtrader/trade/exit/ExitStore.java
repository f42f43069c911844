package io.krxtrader.trade.exit;

import io.krxtrader.krx.Symbol;
import io.krxtrader.market.PriceSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/** All SQL of the exit engine: its reads of positions, prices and daily bars, and its writes. */
final class ExitStore {

  private static final String HELD =
      """
      SELECT p.position_id, p.symbol, p.qty, p.avg_price, p.entry_ts, p.version,
             s.phase, s.entry_qty, s.hwm_price, s.stop_floor_price, s.atr, s.cooldown_until,
             s.last_eval_ts, s.manual_count, s.last_signal_ts, s.last_skip_ts
        FROM trade.positions p
        LEFT JOIN trade.position_state s ON s.position_id = p.position_id
       WHERE p.status IN ('OPEN', 'CLOSING')
      """;
  private static final String BY_SYMBOL = HELD + " AND p.symbol = ? ORDER BY p.position_id";
  private static final String BY_ID = HELD + " AND p.position_id = ?";

  private static final String BEST =
      """
      SELECT b.last_price, b.ts, b.source, b.quality_score, coalesce(f.is_stale, false) AS is_stale,
             f.stale_reason
        FROM market.prices_best b
        LEFT JOIN market.freshness f ON f.symbol = b.symbol
       WHERE b.symbol = ?
      """;

  private static final String DAILY =
      """
      SELECT trade_date, open, high, low, close
        FROM observer.eod_prices
       WHERE symbol = ? AND trade_date < ? AND high IS NOT NULL AND low IS NOT NULL
         AND close IS NOT NULL
       ORDER BY trade_date DESC
       LIMIT ?
      """;

  private static final String LOCK_VERSION =
      "SELECT version FROM trade.positions WHERE position_id = ? FOR SHARE";

  private static final String SAVE_STATE =
      """
      INSERT INTO trade.position_state AS s
             (position_id, phase, hwm_price, stop_floor_price, atr, cooldown_until, last_eval_ts,
              entry_qty, manual_count, last_signal_ts, last_skip_ts, updated_ts)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (position_id) DO UPDATE
         SET phase = EXCLUDED.phase, hwm_price = EXCLUDED.hwm_price,
             stop_floor_price = EXCLUDED.stop_floor_price, atr = EXCLUDED.atr,
             cooldown_until = EXCLUDED.cooldown_until, last_eval_ts = EXCLUDED.last_eval_ts,
             entry_qty = EXCLUDED.entry_qty, manual_count = EXCLUDED.manual_count,
             last_signal_ts = EXCLUDED.last_signal_ts, last_skip_ts = EXCLUDED.last_skip_ts,
             updated_ts = EXCLUDED.updated_ts
      """;

  private static final String SIGNAL =
      """
      INSERT INTO trade.exit_signals
             (signal_id, position_id, ts, rule_name, triggered, reason, current_price, hwm_price,
              stop_floor_price, current_pnl_pct, intent_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """;

  private static final String MARK_CLOSING =
      "UPDATE trade.positions SET status = 'CLOSING' WHERE position_id = ? AND status = 'OPEN'";

  /** A position with its stored exit state, if any, and when its last quiet and skip rows were. */
  record Held(
      ExitPosition position,
      Optional<ExitState> state,
      Optional<Instant> lastSignalTs,
      Optional<Instant> lastSkipTs) {

    ExitState stateOrInitial() {
      return state.orElseGet(() -> ExitState.initial(Math.max(1, position.quantity())));
    }
  }

  /** A {@code market.prices_best} row with its symbol's staleness. */
  record Best(
      long price,
      Instant ts,
      PriceSource source,
      int qualityScore,
      boolean stale,
      Optional<String> staleReason) {}

  List<Held> held(Connection connection, Symbol symbol) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(BY_SYMBOL)) {
      statement.setString(1, symbol.code());
      return readHeld(statement);
    }
  }

  Optional<Held> held(Connection connection, UUID positionId) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(BY_ID)) {
      statement.setObject(1, positionId);
      return readHeld(statement).stream().findFirst();
    }
  }

  Optional<Best> best(Connection connection, Symbol symbol) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(BEST)) {
      statement.setString(1, symbol.code());
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Best(
                rs.getBigDecimal("last_price").longValueExact(),
                rs.getTimestamp("ts").toInstant(),
                PriceSource.valueOf(rs.getString("source")),
                rs.getInt("quality_score"),
                rs.getBoolean("is_stale"),
                Optional.ofNullable(rs.getString("stale_reason"))));
      }
    }
  }

  /** Up to {@code count} daily bars before {@code today}, oldest first. */
  List<DailyBar> daily(Connection connection, Symbol symbol, LocalDate today, int count)
      throws SQLException {
    List<DailyBar> bars = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(DAILY)) {
      statement.setString(1, symbol.code());
      statement.setObject(2, today);
      statement.setInt(3, count);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          BigDecimal close = rs.getBigDecimal("close");
          BigDecimal open = rs.getBigDecimal("open");
          bars.add(
              new DailyBar(
                  rs.getObject("trade_date", LocalDate.class),
                  open == null ? close : open,
                  rs.getBigDecimal("high"),
                  rs.getBigDecimal("low"),
                  close));
        }
      }
    }
    Collections.reverse(bars);
    return bars;
  }

  /**
   * Share-locks the position row until the transaction ends (a fill waits) and tells whether its
   * version is still {@code version}.
   */
  boolean versionIs(Connection connection, UUID positionId, int version) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(LOCK_VERSION)) {
      statement.setObject(1, positionId);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() && rs.getInt(1) == version;
      }
    }
  }

  void saveState(
      Connection connection,
      UUID positionId,
      ExitState state,
      Optional<Instant> lastSignalTs,
      Optional<Instant> lastSkipTs,
      Instant now)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(SAVE_STATE)) {
      statement.setObject(1, positionId);
      statement.setString(2, state.phase().code());
      setLong(statement, 3, state.hwm());
      statement.setBigDecimal(4, state.stopFloor().orElse(null));
      statement.setBigDecimal(5, state.atr().orElse(null));
      statement.setTimestamp(6, timestamp(state.cooldownUntil()));
      statement.setTimestamp(7, timestamp(state.lastEvalTs()));
      statement.setLong(8, state.entryQuantity());
      statement.setInt(9, state.manualCount());
      statement.setTimestamp(10, timestamp(lastSignalTs));
      statement.setTimestamp(11, timestamp(lastSkipTs));
      statement.setTimestamp(12, Timestamp.from(now));
      statement.executeUpdate();
    }
  }

  void insertSignal(
      Connection connection,
      UUID positionId,
      Instant ts,
      String ruleName,
      boolean triggered,
      String reason,
      long price,
      OptionalLong hwm,
      Optional<BigDecimal> stopFloor,
      BigDecimal pnlPct,
      Optional<UUID> intentId)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(SIGNAL)) {
      statement.setObject(1, UUID.randomUUID());
      statement.setObject(2, positionId);
      statement.setTimestamp(3, Timestamp.from(ts));
      statement.setString(4, ruleName);
      statement.setBoolean(5, triggered);
      statement.setString(6, reason);
      statement.setLong(7, price);
      setLong(statement, 8, hwm);
      statement.setBigDecimal(9, stopFloor.orElse(null));
      // the seed's column is a float: a ratio for reading, never used in a decision
      statement.setDouble(10, pnlPct.doubleValue());
      statement.setObject(11, intentId.orElse(null), Types.OTHER);
      statement.executeUpdate();
    }
  }

  void markClosing(Connection connection, UUID positionId) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(MARK_CLOSING)) {
      statement.setObject(1, positionId);
      statement.executeUpdate();
    }
  }

  private static List<Held> readHeld(PreparedStatement statement) throws SQLException {
    List<Held> held = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        ExitPosition position =
            new ExitPosition(
                rs.getObject("position_id", UUID.class),
                Symbol.of(rs.getString("symbol")),
                rs.getLong("qty"),
                rs.getBigDecimal("avg_price"),
                rs.getTimestamp("entry_ts").toInstant(),
                rs.getInt("version"));
        Optional<ExitState> state = Optional.empty();
        String phase = rs.getString("phase");
        if (phase != null) {
          BigDecimal hwm = rs.getBigDecimal("hwm_price");
          long entryQty = rs.getLong("entry_qty");
          state =
              Optional.of(
                  new ExitState(
                      ExitPhase.parse(phase),
                      rs.wasNull() ? Math.max(1, position.quantity()) : entryQty,
                      hwm == null ? OptionalLong.empty() : OptionalLong.of(hwm.longValue()),
                      Optional.ofNullable(rs.getBigDecimal("stop_floor_price")),
                      Optional.ofNullable(rs.getBigDecimal("atr")),
                      instant(rs, "cooldown_until"),
                      instant(rs, "last_eval_ts"),
                      rs.getInt("manual_count")));
        }
        held.add(
            new Held(position, state, instant(rs, "last_signal_ts"), instant(rs, "last_skip_ts")));
      }
    }
    return held;
  }

  private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
    Timestamp ts = rs.getTimestamp(column);
    return ts == null ? Optional.empty() : Optional.of(ts.toInstant());
  }

  private static Timestamp timestamp(Optional<Instant> instant) {
    return instant.map(Timestamp::from).orElse(null);
  }

  private static void setLong(PreparedStatement statement, int index, OptionalLong value)
      throws SQLException {
    if (value.isPresent()) {
      statement.setLong(index, value.getAsLong());
    } else {
      statement.setNull(index, Types.NUMERIC);
    }
  }
}
