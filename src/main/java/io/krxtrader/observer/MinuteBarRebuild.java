package io.krxtrader.observer;

import io.krxtrader.KrxTraderException;
import io.krxtrader.db.EpochMicros;
import io.krxtrader.db.Transactions;
import io.krxtrader.krx.TradingCalendar;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Recomputes {@code observer.scalp_1m_bars} from the ticks of a range, one KST day per transaction:
 * the bars' definition applied from scratch (loads merge partial bars as they go; this is for bars
 * loaded with {@code --no-bars} and for repairs). Per symbol and minute: open = first {@code
 * last_price} by {@code event_time} (ties by id), high, low, close = last, volume = sum, {@code
 * tick_count}; the table generates {@code coverage_ratio}, {@code quality_flag} and {@code
 * coverage_grade} from {@code tick_count} (V21).
 *
 * <p>The seed's SQL for this mixed window functions with GROUP BY and did not run; this groups
 * once. A day's bars are replaced under a SHARE ROW EXCLUSIVE lock on the bars: a load merging into
 * them waits, so that no bar misses the ticks of a load that committed meanwhile.
 */
final class MinuteBarRebuild {

  private static final String DELETE =
      """
      DELETE FROM observer.scalp_1m_bars
       WHERE bar_time >= ? AND bar_time < ?
         AND (cardinality(?::varchar[]) = 0 OR symbol = ANY(?::varchar[]))
      """;

  private static final String INSERT =
      """
      INSERT INTO observer.scalp_1m_bars
             (symbol, bar_time, open, high, low, close, volume, session_id, mitigation_level,
              tick_count, first_event_time, last_event_time)
      SELECT symbol, minute,
             (array_agg(last_price ORDER BY event_time, id))[1],
             max(last_price), min(last_price),
             (array_agg(last_price ORDER BY event_time DESC, id DESC))[1],
             sum(volume),
             (array_agg(session_id ORDER BY event_time DESC, id DESC))[1],
             coalesce(max(mitigation_level), 0),
             count(*), min(event_time), max(event_time)
        FROM (SELECT *, date_bin('1 minute', event_time, timestamptz '2000-01-01 00:00Z') AS minute
                FROM observer.scalp_ticks
               WHERE event_time >= ? AND event_time < ?
                 AND (cardinality(?::varchar[]) = 0 OR symbol = ANY(?::varchar[]))) t
       GROUP BY symbol, minute
      """;

  private final DataSource dataSource;

  MinuteBarRebuild(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Rebuilds the bars of every minute that overlaps {@code range} (of some symbols, or all; the
   * range is widened to whole minutes), or of every tick when empty. Returns the bars written.
   */
  long rebuild(Optional<TimeRange> range, List<String> symbols) {
    try (Connection connection = dataSource.getConnection()) {
      Optional<TimeRange> bounds = range.isPresent() ? range : tickRange(connection);
      if (bounds.isEmpty()) {
        return 0;
      }
      Instant from = bounds.get().from().truncatedTo(ChronoUnit.MINUTES);
      Instant to = ceilToMinute(bounds.get().to());
      long bars = 0;
      for (Instant dayStart = from; dayStart.isBefore(to); ) {
        LocalDate day = TradingCalendar.kstDate(dayStart);
        Instant next = day.plusDays(1).atStartOfDay(TradingCalendar.KST).toInstant();
        Instant dayEnd = next.isBefore(to) ? next : to;
        bars += rebuildSpan(connection, dayStart, dayEnd, symbols);
        dayStart = dayEnd;
      }
      return bars;
    } catch (SQLException e) {
      throw new KrxTraderException("cannot rebuild 1-minute bars", e);
    }
  }

  private static long rebuildSpan(
      Connection connection, Instant from, Instant to, List<String> symbols) throws SQLException {
    connection.setAutoCommit(false);
    try {
      try (Statement lock = connection.createStatement()) {
        lock.execute("LOCK TABLE observer.scalp_1m_bars IN SHARE ROW EXCLUSIVE MODE");
      }
      String[] codes = symbols.toArray(String[]::new);
      try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
        bind(connection, delete, from, to, codes);
        delete.executeUpdate();
      }
      int rows;
      try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
        bind(connection, insert, from, to, codes);
        rows = insert.executeUpdate();
      }
      connection.commit();
      return rows;
    } catch (SQLException | RuntimeException e) {
      Transactions.rollbackAfter(connection, e);
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  private static void bind(
      Connection connection, PreparedStatement statement, Instant from, Instant to, String[] codes)
      throws SQLException {
    statement.setObject(1, EpochMicros.timestamp(from));
    statement.setObject(2, EpochMicros.timestamp(to));
    statement.setArray(3, connection.createArrayOf("varchar", codes));
    statement.setArray(4, connection.createArrayOf("varchar", codes));
  }

  private static Optional<TimeRange> tickRange(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT min(event_time), max(event_time) FROM observer.scalp_ticks")) {
      rs.next();
      Instant first = EpochMicros.read(rs, "min");
      Instant last = EpochMicros.read(rs, "max");
      return first == null
          ? Optional.empty()
          : Optional.of(new TimeRange(first, last.plusNanos(1_000)));
    }
  }

  private static Instant ceilToMinute(Instant instant) {
    Instant floor = instant.truncatedTo(ChronoUnit.MINUTES);
    return floor.equals(instant) ? floor : floor.plus(1, ChronoUnit.MINUTES);
  }
}
