package io.krxtrader.replay;

import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.market.PriceSource;
import io.krxtrader.observer.ScalpFileReader;
import io.krxtrader.observer.jsonl.ScalpRecord;
import io.krxtrader.trade.IntentType;
import io.krxtrader.trade.exit.DailyBar;
import io.krxtrader.trade.exit.ExitConfig;
import io.krxtrader.trade.exit.ExitPhase;
import io.krxtrader.trade.exit.ExitRule;
import io.krxtrader.trade.exit.ExitState;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * Reads a {@link ReplayDay} from the database, read-only (a read-only transaction on the exit
 * role's pool): the day's {@code market.prices_ticks} (or a JSONL day's Track B records), its
 * fills, and the positions as they stood at the day's start.
 *
 * <p>How the start is reconstructed: a position counts if it was entered before the day's end; its
 * quantity at the start is its quantity now less every fill since the start (buys added, sells
 * taken away), so a position opened during the day starts at 0 and its live ENTRY fills open it.
 * Its exit state at the start comes from the rows the engine wrote before the day: the phase from
 * the exit intents its signals decided (through {@link ExitPhase}'s own transitions), the HWM and
 * stop floor from its last signal row, the MANUAL count, the partial cooldown from its last partial
 * exit, the entry quantity from {@code position_state.entry_qty}. The action keys of those intents
 * exist before the day. The ATR and previous close come from {@code observer.eod_prices}, the same
 * query and lookback as the engine's.
 */
public final class DayLoader {

  private static final String TICKS =
      """
      SELECT (extract(epoch FROM ts) * 1000000)::bigint AS micros, symbol, source,
             last_price::bigint AS price
        FROM market.prices_ticks
       WHERE ts >= ? AND ts < ?
       ORDER BY ts, symbol, source
      """;

  private static final String FILL_POSITION = "coalesce(f.position_id, i.position_id)";

  private static final String POSITIONS =
      """
      SELECT p.position_id, p.symbol, p.qty, p.avg_price, p.entry_ts, s.entry_qty,
             coalesce((SELECT sum(CASE WHEN coalesce(f.side, i.side) = 'BUY' THEN f.qty
                                       ELSE -f.qty END)
                         FROM trade.fills f
                         JOIN trade.orders o ON o.order_id = f.order_id
                         JOIN trade.order_intents i ON i.intent_id = o.intent_id
                        WHERE %s = p.position_id AND f.ts >= ?), 0) AS moved,
             EXISTS (SELECT 1 FROM trade.fills f
                       JOIN trade.orders o ON o.order_id = f.order_id
                       JOIN trade.order_intents i ON i.intent_id = o.intent_id
                      WHERE %s = p.position_id AND f.ts >= ? AND f.ts < ?) AS filled_today
        FROM trade.positions p
        LEFT JOIN trade.position_state s ON s.position_id = p.position_id
       WHERE p.entry_ts < ?
       ORDER BY p.position_id
      """
          .formatted(FILL_POSITION, FILL_POSITION);

  private static final String FILLS =
      """
      SELECT f.ts, %s AS position_id, i.symbol, coalesce(f.side, i.side) AS side, f.qty, f.price,
             i.intent_type, i.reason_code, i.candidate_id
        FROM trade.fills f
        JOIN trade.orders o ON o.order_id = f.order_id
        JOIN trade.order_intents i ON i.intent_id = o.intent_id
       WHERE f.ts >= ? AND f.ts < ?
       ORDER BY f.ts, f.fill_id
      """
          .formatted(FILL_POSITION);

  private static final String LAST_SIGNALS =
      """
      SELECT DISTINCT ON (position_id) position_id, ts, hwm_price, stop_floor_price
        FROM trade.exit_signals
       WHERE ts < ?
       ORDER BY position_id, ts DESC, created_ts DESC
      """;

  private static final String EARLIER_INTENTS =
      """
      SELECT s.position_id, s.ts, i.action_key, i.intent_type, i.reason_code
        FROM trade.exit_signals s
        JOIN trade.order_intents i ON i.intent_id = s.intent_id
       WHERE s.triggered AND s.ts < ?
       ORDER BY s.ts, i.action_key
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

  private static final String CANDIDATES =
      "SELECT origin_position_id, candidate_id FROM trade.reentry_candidates";

  private final Database db;
  private final ExitConfig exit;

  public DayLoader(Database db, ExitConfig exit) {
    this.db = db;
    this.exit = exit;
  }

  /** The day with its prices from {@code market.prices_ticks}. */
  public ReplayDay load(LocalDate date) throws SQLException {
    return load(date, Optional.empty());
  }

  /**
   * The day with its prices from the Track B JSONL files under {@code jsonl} (each record's event
   * time, as a WebSocket price), or from {@code market.prices_ticks} when empty.
   */
  public ReplayDay load(LocalDate date, Optional<Path> jsonl) throws SQLException {
    Instant start = startOf(date);
    Instant end = startOf(date.plusDays(1));
    try (Connection connection = db.dataSource(ModuleRole.EXIT).getConnection()) {
      connection.setAutoCommit(false);
      connection.setReadOnly(true);
      try {
        PriceTape tape =
            jsonl.isPresent() ? jsonlTape(jsonl.get(), start, end) : ticks(connection, start, end);
        List<ReplayDay.Holding> positions = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        Map<Symbol, List<DailyBar>> daily = new HashMap<>();
        Map<UUID, Row> rows = positions(connection, start, end);
        Map<UUID, ExitState> states = states(connection, start, rows, keys);
        for (Row row : rows.values()) {
          positions.add(
              new ReplayDay.Holding(
                  row.id,
                  row.symbol,
                  row.quantity,
                  row.avg,
                  row.entryTs,
                  Optional.ofNullable(states.get(row.id))));
          if (!daily.containsKey(row.symbol)) {
            daily.put(row.symbol, daily(connection, row.symbol, date));
          }
        }
        ReplayDay day =
            new ReplayDay(
                date,
                tape,
                positions,
                fills(connection, start, end),
                daily,
                keys,
                candidates(connection));
        connection.commit();
        return day;
      } finally {
        connection.rollback();
        connection.setReadOnly(false);
        connection.setAutoCommit(true);
      }
    }
  }

  static Instant startOf(LocalDate date) {
    return date.atStartOfDay(TradingCalendar.KST).toInstant();
  }

  private static PriceTape ticks(Connection connection, Instant start, Instant end)
      throws SQLException {
    PriceTape tape = new PriceTape();
    Map<String, Symbol> symbols = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(TICKS)) {
      statement.setFetchSize(20_000);
      statement.setTimestamp(1, Timestamp.from(start));
      statement.setTimestamp(2, Timestamp.from(end));
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          tape.add(
              rs.getLong(1),
              symbols.computeIfAbsent(rs.getString(2), Symbol::of),
              PriceSource.valueOf(rs.getString(3)),
              rs.getLong(4));
        }
      }
    }
    return tape;
  }

  private static PriceTape jsonlTape(Path directory, Instant start, Instant end) {
    PriceTape tape = new PriceTape();
    try (ScalpFileReader reader = ScalpFileReader.open(directory)) {
      for (Optional<ScalpRecord> next = reader.next(); next.isPresent(); next = reader.next()) {
        ScalpRecord r = next.get();
        if (!r.eventTime().isBefore(start) && r.eventTime().isBefore(end)) {
          tape.add(r.eventTime(), r.symbol(), PriceSource.KIS_WS, r.lastPrice());
        }
      }
    }
    tape.sort();
    return tape;
  }

  private record Row(
      UUID id,
      Symbol symbol,
      long quantity,
      BigDecimal avg,
      Instant entryTs,
      OptionalLong entryQty) {}

  private static Map<UUID, Row> positions(Connection connection, Instant start, Instant end)
      throws SQLException {
    Map<UUID, Row> rows = new LinkedHashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(POSITIONS)) {
      statement.setTimestamp(1, Timestamp.from(start));
      statement.setTimestamp(2, Timestamp.from(start));
      statement.setTimestamp(3, Timestamp.from(end));
      statement.setTimestamp(4, Timestamp.from(end));
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          long atStart = rs.getLong("qty") - rs.getLong("moved");
          if (atStart <= 0 && !rs.getBoolean("filled_today")) {
            continue;
          }
          long entryQty = rs.getLong("entry_qty");
          UUID id = rs.getObject("position_id", UUID.class);
          rows.put(
              id,
              new Row(
                  id,
                  Symbol.of(rs.getString("symbol")),
                  Math.max(0, atStart),
                  rs.getBigDecimal("avg_price"),
                  rs.getTimestamp("entry_ts").toInstant(),
                  rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(entryQty)));
        }
      }
    }
    return rows;
  }

  /** Each position's exit state at the day's start; fills {@code keys} with the earlier keys. */
  private Map<UUID, ExitState> states(
      Connection connection, Instant start, Map<UUID, Row> rows, Set<String> keys)
      throws SQLException {
    Map<UUID, ExitPhase> phases = new HashMap<>();
    Map<UUID, Instant> lastPartial = new HashMap<>();
    Map<UUID, Integer> manual = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(EARLIER_INTENTS)) {
      statement.setTimestamp(1, Timestamp.from(start));
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          UUID id = rs.getObject("position_id", UUID.class);
          keys.add(rs.getString("action_key"));
          IntentType type = IntentType.valueOf(rs.getString("intent_type"));
          Optional<ExitRule> rule = rule(rs.getString("reason_code"));
          if (rule.isEmpty()) {
            continue;
          }
          ExitPhase phase = phases.getOrDefault(id, ExitPhase.OPEN);
          phases.put(id, phase.on(new ExitPhase.Sold(rule.get(), type == IntentType.EXIT_FULL)));
          if (type == IntentType.EXIT_PARTIAL) {
            lastPartial.put(id, rs.getTimestamp("ts").toInstant());
          }
          if (rule.get() == ExitRule.MANUAL) {
            manual.merge(id, 1, Integer::sum);
          }
        }
      }
    }
    Map<UUID, ExitState> states = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(LAST_SIGNALS)) {
      statement.setTimestamp(1, Timestamp.from(start));
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          Row row = rows.get(rs.getObject("position_id", UUID.class));
          if (row == null) {
            continue;
          }
          BigDecimal hwm = rs.getBigDecimal("hwm_price");
          Optional<Instant> cooldown =
              Optional.ofNullable(lastPartial.get(row.id)).map(t -> t.plus(exit.partialCooldown()));
          states.put(
              row.id,
              new ExitState(
                  phases.getOrDefault(row.id, ExitPhase.OPEN),
                  row.entryQty.orElse(Math.max(1, row.quantity)),
                  hwm == null ? OptionalLong.empty() : OptionalLong.of(hwm.longValue()),
                  Optional.ofNullable(rs.getBigDecimal("stop_floor_price")),
                  Optional.empty(),
                  cooldown,
                  Optional.of(rs.getTimestamp("ts").toInstant()),
                  manual.getOrDefault(row.id, 0)));
        }
      }
    }
    for (Row row : rows.values()) {
      if (!states.containsKey(row.id) && row.entryQty.isPresent()) {
        states.put(row.id, ExitState.initial(row.entryQty.getAsLong()));
      }
    }
    return states;
  }

  private static Optional<ExitRule> rule(String code) {
    for (ExitRule rule : ExitRule.values()) {
      if (rule.code().equals(code)) {
        return Optional.of(rule);
      }
    }
    return Optional.empty();
  }

  private static List<ReplayDay.Fill> fills(Connection connection, Instant start, Instant end)
      throws SQLException {
    List<ReplayDay.Fill> fills = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(FILLS)) {
      statement.setTimestamp(1, Timestamp.from(start));
      statement.setTimestamp(2, Timestamp.from(end));
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          UUID position = rs.getObject("position_id", UUID.class);
          if (position == null) {
            continue;
          }
          fills.add(
              new ReplayDay.Fill(
                  rs.getTimestamp("ts").toInstant(),
                  position,
                  Symbol.of(rs.getString("symbol")),
                  OrderSide.valueOf(rs.getString("side")),
                  rs.getLong("qty"),
                  rs.getBigDecimal("price"),
                  IntentType.valueOf(rs.getString("intent_type")),
                  rs.getString("reason_code"),
                  Optional.ofNullable(rs.getObject("candidate_id", UUID.class))));
        }
      }
    }
    return fills;
  }

  private List<DailyBar> daily(Connection connection, Symbol symbol, LocalDate date)
      throws SQLException {
    List<DailyBar> bars = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(DAILY)) {
      statement.setString(1, symbol.code());
      statement.setObject(2, date);
      statement.setInt(3, Math.max(40, 3 * exit.atrPeriod()));
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

  private static Map<UUID, UUID> candidates(Connection connection) throws SQLException {
    Map<UUID, UUID> ids = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(CANDIDATES);
        ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        ids.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
      }
    }
    return ids;
  }
}
