package io.krxtrader.observer;

import io.krxtrader.db.EpochMicros;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The observer's read queries (the query API of README's "Observer data"). Newest first everywhere.
 * Each statement is a constant below; an optional clause ({@code <symbols>}, Jdbi's {@code define})
 * is chosen by which arguments are present, never built from their values, which are always bound.
 */
final class MarketDataQueries {

  private static final String SWING_COLUMNS =
      "symbol, bar_time, open, high, low, close, volume, bid_price, ask_price, session_id,"
          + " snapshot_time";
  private static final String TICK_COLUMNS =
      "id, symbol, event_time, receive_time, bid_price, ask_price, bid_size, ask_size,"
          + " last_price, volume, session_id, mitigation_level, quality_flag";
  // Prices as whole ten-thousandths (NUMERIC(15,4) scaled to an exact bigint): the driver builds
  // a BigDecimal from a binary NUMERIC through BigInteger arithmetic, which was the largest cost of
  // reading an hour of bars for every symbol; BigDecimal.valueOf(long, 4) is the same value.
  private static final String BAR_COLUMNS =
      "symbol, bar_time, (open * 10000)::int8 AS open_e4, (high * 10000)::int8 AS high_e4,"
          + " (low * 10000)::int8 AS low_e4, (close * 10000)::int8 AS close_e4, volume,"
          + " coverage_ratio, quality_flag, coverage_grade, tick_count, session_id";

  private static final String LATEST_SWING_BARS =
      """
      SELECT %s
        FROM observer.swing_bars_10m WHERE symbol = :symbol
       ORDER BY bar_time DESC LIMIT :limit
      """
          .formatted(SWING_COLUMNS);

  private static final String LATEST_BAR_TIME =
      """
      SELECT greatest((SELECT max(bar_time) FROM observer.swing_bars_10m),
                      (SELECT max(bar_time) FROM observer.scalp_1m_bars))
      """;

  private static final String SWING_BARS =
      """
      SELECT %s
        FROM observer.swing_bars_10m
       WHERE symbol = ANY(:symbols) AND bar_time >= :from AND bar_time < :to
       ORDER BY symbol, bar_time DESC LIMIT :limit
      """
          .formatted(SWING_COLUMNS);

  private static final String LATEST_TICKS =
      """
      SELECT %s
        FROM observer.scalp_ticks WHERE symbol = :symbol
       ORDER BY event_time DESC, id DESC LIMIT :limit
      """
          .formatted(TICK_COLUMNS);

  private static final String TICKS =
      """
      SELECT %s
        FROM observer.scalp_ticks WHERE symbol = :symbol
         AND event_time >= :from AND event_time < :to
       ORDER BY event_time DESC, id DESC LIMIT :limit
      """
          .formatted(TICK_COLUMNS);

  /** Two optional clauses, each present or absent, never built from a value. */
  private static final String MINUTE_BARS =
      """
      SELECT %s
        FROM observer.scalp_1m_bars WHERE bar_time >= :from AND bar_time < :to
      <symbols> <grades>
       ORDER BY bar_time DESC, symbol
      """
          .formatted(BAR_COLUMNS);

  private static final String GAP_COUNTS =
      """
      SELECT scope, count(*) AS gaps, coalesce(sum(gap_seconds), 0) AS seconds
        FROM observer.scalp_gaps
       WHERE gap_start_ts >= :from AND gap_start_ts < :to <scope>
       GROUP BY scope ORDER BY scope
      """;

  private static final String CRITICAL_GAPS =
      """
      SELECT id, gap_start_ts, gap_end_ts, gap_seconds, scope, reason, session_id, symbol
        FROM observer.scalp_gaps
       WHERE gap_start_ts >= :from AND gap_start_ts < :to AND gap_seconds >= :minimum
       ORDER BY gap_start_ts DESC, id DESC
      """;

  private final Jdbi jdbi;
  private final TradingCalendar calendar;

  /** Codes seen, as symbols: a query of thousands of rows names only a few hundred of them. */
  private static final Map<String, Symbol> SYMBOLS = new ConcurrentHashMap<>();

  MarketDataQueries(Jdbi jdbi, TradingCalendar calendar) {
    this.jdbi = jdbi;
    this.calendar = calendar;
  }

  List<SwingBar> latestSwingBars(Symbol symbol, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(LATEST_SWING_BARS)
                .bind("symbol", symbol.code())
                .bind("limit", limit)
                .map((rs, ctx) -> swingBar(rs))
                .list());
  }

  /**
   * The newest 10-minute or 1-minute bar of any symbol (both read from a bar_time index), if any:
   * the last moment collected.
   */
  Optional<Instant> latestBarTime() {
    return jdbi.withHandle(h -> h.createQuery(LATEST_BAR_TIME).mapTo(Instant.class).findOne());
  }

  /** The seed's swing benchmark query: some symbols over a range, by symbol, newest first. */
  List<SwingBar> swingBars(List<Symbol> symbols, TimeRange range, Optional<Integer> limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(SWING_BARS)
                .bindArray("symbols", String.class, codes(symbols))
                .bind("from", EpochMicros.timestamp(range.from()))
                .bind("to", EpochMicros.timestamp(range.to()))
                .bind("limit", limit.orElse(null))
                .map((rs, ctx) -> swingBar(rs))
                .list());
  }

  List<ScalpTick> latestTicks(Symbol symbol, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(LATEST_TICKS)
                .bind("symbol", symbol.code())
                .bind("limit", limit)
                .map((rs, ctx) -> tick(rs))
                .list());
  }

  List<ScalpTick> ticks(Symbol symbol, TimeRange range, Optional<Integer> limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(TICKS)
                .bind("symbol", symbol.code())
                .bind("from", EpochMicros.timestamp(range.from()))
                .bind("to", EpochMicros.timestamp(range.to()))
                .bind("limit", limit.orElse(null))
                .map((rs, ctx) -> tick(rs))
                .list());
  }

  /**
   * The seed's scalp benchmark query: bars in a range, newest first, of some symbols (all when
   * empty), optionally only at or above a grade.
   */
  List<MinuteBar> minuteBars(
      List<Symbol> symbols, TimeRange range, Optional<CoverageGrade> minimumGrade) {
    return jdbi.withHandle(
        h -> {
          Query query =
              h.createQuery(MINUTE_BARS)
                  .define("symbols", symbols.isEmpty() ? "" : "AND symbol = ANY(:symbols)")
                  .define(
                      "grades", minimumGrade.isEmpty() ? "" : "AND coverage_grade = ANY(:grades)")
                  .bind("from", EpochMicros.timestamp(range.from()))
                  .bind("to", EpochMicros.timestamp(range.to()));
          if (!symbols.isEmpty()) {
            query.bindArray("symbols", String.class, codes(symbols));
          }
          minimumGrade.ifPresent(
              g ->
                  query.bindArray(
                      "grades", String.class, g.atOrAbove().stream().map(Enum::name).toList()));
          return query.map((rs, ctx) -> minuteBar(rs)).list();
        });
  }

  /** Gaps that started in {@code range}, per scope (one scope, or all). */
  List<GapCount> gapCounts(Optional<String> scope, TimeRange range) {
    return jdbi.withHandle(
        h -> {
          Query query =
              h.createQuery(GAP_COUNTS)
                  .define("scope", scope.isEmpty() ? "" : "AND scope = :scope")
                  .bind("from", EpochMicros.timestamp(range.from()))
                  .bind("to", EpochMicros.timestamp(range.to()));
          scope.ifPresent(s -> query.bind("scope", s));
          return query
              .map(
                  (rs, ctx) ->
                      new GapCount(
                          rs.getString("scope"), rs.getLong("gaps"), rs.getLong("seconds")))
              .list();
        });
  }

  /**
   * Gaps of at least {@code minimum} that started in {@code range}, newest first; with {@code
   * sessionOnly}, only those overlapping a regular session (09:00-15:30 KST, 10:00 on a year's
   * first trading day) of a trading day.
   */
  List<GapRecord> criticalGaps(TimeRange range, Duration minimum, boolean sessionOnly) {
    List<GapRecord> gaps =
        jdbi.withHandle(
            h ->
                h.createQuery(CRITICAL_GAPS)
                    .bind("from", EpochMicros.timestamp(range.from()))
                    .bind("to", EpochMicros.timestamp(range.to()))
                    .bind("minimum", minimum.toSeconds())
                    .map((rs, ctx) -> gap(rs))
                    .list());
    return sessionOnly ? gaps.stream().filter(this::overlapsSession).toList() : gaps;
  }

  private boolean overlapsSession(GapRecord gap) {
    LocalDate first = TradingCalendar.kstDate(gap.start());
    LocalDate last = TradingCalendar.kstDate(gap.end());
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      if (calendar.isTradingDay(day)
          && gap.start().isBefore(calendar.close(day))
          && gap.end().isAfter(calendar.open(day))) {
        return true;
      }
    }
    return false;
  }

  /** Coverage per symbol (some, or all) and KST trading day in {@code [first, last]}. */
  List<SymbolCoverage> coverage(List<Symbol> symbols, LocalDate first, LocalDate last) {
    TimeRange range = TimeRange.kstDays(first, last);
    String sql =
        """
        SELECT symbol, (bar_time AT TIME ZONE 'Asia/Seoul')::date AS day,
               coalesce(sum(tick_count), 0) AS ticks, count(*) AS bars,
               coalesce(sum(coverage_ratio), 0) AS coverage_sum,
               count(*) FILTER (WHERE coverage_grade = 'A') AS grade_a,
               count(*) FILTER (WHERE coverage_grade = 'B') AS grade_b,
               count(*) FILTER (WHERE coverage_grade = 'C') AS grade_c,
               count(*) FILTER (WHERE coverage_grade = 'D') AS grade_d
          FROM observer.scalp_1m_bars
         WHERE bar_time >= :from AND bar_time < :to
        """
            + (symbols.isEmpty() ? "" : " AND symbol = ANY(:symbols)")
            + " GROUP BY 1, 2 ORDER BY 2 DESC, 1";
    return jdbi.withHandle(
        h -> {
          Query query =
              h.createQuery(sql)
                  .bind("from", EpochMicros.timestamp(range.from()))
                  .bind("to", EpochMicros.timestamp(range.to()));
          if (!symbols.isEmpty()) {
            query.bindArray("symbols", String.class, codes(symbols));
          }
          return query
              .map(
                  (rs, ctx) -> {
                    LocalDate day = rs.getObject("day", LocalDate.class);
                    int minutes = sessionMinutes(day);
                    double coverage =
                        minutes == 0 ? 0 : Math.min(1.0, rs.getDouble("coverage_sum") / minutes);
                    return new SymbolCoverage(
                        symbol(rs.getString("symbol")),
                        day,
                        minutes,
                        rs.getLong("ticks"),
                        rs.getInt("bars"),
                        coverage,
                        rs.getInt("grade_a"),
                        rs.getInt("grade_b"),
                        rs.getInt("grade_c"),
                        rs.getInt("grade_d"));
                  })
              .list();
        });
  }

  int sessionMinutes(LocalDate day) {
    if (!calendar.isTradingDay(day)) {
      return 0;
    }
    return (int) Duration.between(calendar.open(day), calendar.close(day)).toMinutes();
  }

  private static SwingBar swingBar(ResultSet rs) throws SQLException {
    return new SwingBar(
        symbol(rs.getString("symbol")),
        EpochMicros.read(rs, "bar_time"),
        rs.getBigDecimal("open"),
        rs.getBigDecimal("high"),
        rs.getBigDecimal("low"),
        rs.getBigDecimal("close"),
        nullableLong(rs, "volume"),
        rs.getBigDecimal("bid_price"),
        rs.getBigDecimal("ask_price"),
        rs.getString("session_id"),
        EpochMicros.read(rs, "snapshot_time"));
  }

  private static ScalpTick tick(ResultSet rs) throws SQLException {
    return new ScalpTick(
        rs.getLong("id"),
        symbol(rs.getString("symbol")),
        EpochMicros.read(rs, "event_time"),
        EpochMicros.read(rs, "receive_time"),
        rs.getBigDecimal("bid_price"),
        rs.getBigDecimal("ask_price"),
        nullableLong(rs, "bid_size"),
        nullableLong(rs, "ask_size"),
        rs.getBigDecimal("last_price"),
        nullableLong(rs, "volume"),
        rs.getString("session_id"),
        rs.getInt("mitigation_level"),
        rs.getString("quality_flag"));
  }

  /** Reads {@link #BAR_COLUMNS} by position: thousands of rows make name lookups count. */
  private static MinuteBar minuteBar(ResultSet rs) throws SQLException {
    String grade = rs.getString(10);
    OffsetDateTime barTime = rs.getObject(2, OffsetDateTime.class);
    long volume = rs.getLong(7);
    boolean noVolume = rs.wasNull();
    return new MinuteBar(
        symbol(rs.getString(1)),
        barTime.toInstant(),
        scaled(rs, 3),
        scaled(rs, 4),
        scaled(rs, 5),
        scaled(rs, 6),
        noVolume ? null : volume,
        rs.getDouble(8),
        rs.getString(9),
        grade == null ? null : CoverageGrade.valueOf(grade),
        rs.getInt(11),
        rs.getString(12));
  }

  /** A price selected as ten-thousandths, as the NUMERIC(15,4) it came from (or null). */
  private static BigDecimal scaled(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : BigDecimal.valueOf(value, 4);
  }

  private static GapRecord gap(ResultSet rs) throws SQLException {
    String symbol = rs.getString("symbol");
    return new GapRecord(
        rs.getLong("id"),
        EpochMicros.read(rs, "gap_start_ts"),
        EpochMicros.read(rs, "gap_end_ts"),
        rs.getInt("gap_seconds"),
        rs.getString("scope"),
        rs.getString("reason"),
        rs.getString("session_id"),
        symbol == null || !Symbol.isValid(symbol)
            ? Optional.empty()
            : Optional.of(Symbol.of(symbol)));
  }

  private static Symbol symbol(String code) {
    Symbol symbol = SYMBOLS.get(code);
    if (symbol == null) {
      symbol = Symbol.of(code);
      if (SYMBOLS.size() < 10_000) {
        SYMBOLS.put(code, symbol);
      }
    }
    return symbol;
  }

  private static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  private static List<String> codes(List<Symbol> symbols) {
    return symbols.stream().map(Symbol::code).toList();
  }
}
