package io.krxtrader.observer;

import io.krxtrader.KrxTraderException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Computes {@code observer.scalp_1m_bars} for the minutes queued in {@code
 * observer.minute_bar_backlog}: every load queues (and locks) the (symbol, minute) pairs its ticks
 * touched in the same transaction as the ticks, and this drains the queue in batches claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so several loaders may drain at once and a crash loses nothing.
 *
 * <p>A batch is one transaction of two statements: the claim, then the computation, whose snapshot
 * (READ COMMITTED: per statement) is taken after the claim and so holds every tick committed by a
 * load that had queued a claimed minute. A minute queued by a load still running is locked and
 * skipped, and drained after that load commits.
 *
 * <p>A bar is recomputed from all of its minute's ticks and upserted: a late tick corrects its bar
 * (the seed's {@code ON CONFLICT DO NOTHING} would keep the wrong one). Per symbol and minute: open
 * = first {@code last_price} by {@code event_time} (ties by id), high, low, close = last, volume =
 * sum, {@code tick_count}, {@code coverage_ratio} = ticks / 120 capped at 1, {@code quality_flag}
 * normal (&gt;= 0.7) / degraded (&gt;= 0.5) / gap, {@code coverage_grade} A (&gt;= 0.9) / B (&gt;=
 * 0.75) / C (&gt;= 0.5) / D. The thresholds are compared on tick counts (84, 60; 108, 90, 60),
 * which is exact where a ratio in floating point is not.
 */
final class MinuteBarAggregator {

  /** Minutes per batch: about 100 ticks each, so a batch reads some 200,000 ticks. */
  static final int BATCH = 2_000;

  private static final String CLAIM =
      """
      DELETE FROM observer.minute_bar_backlog b
       USING (SELECT symbol, bar_time FROM observer.minute_bar_backlog
               ORDER BY bar_time, symbol
               LIMIT ? FOR UPDATE SKIP LOCKED) c
       WHERE b.symbol = c.symbol AND b.bar_time = c.bar_time
      RETURNING b.symbol, (extract(epoch FROM b.bar_time) / 60)::bigint
      """;

  private static final String COMPUTE =
      """
      WITH claimed AS (
          SELECT s AS symbol, timestamptz 'epoch' + m * interval '1 minute' AS bar_time
            FROM unnest(?::varchar[], ?::bigint[]) AS c(s, m)
      ), computed AS (
          SELECT c.symbol, c.bar_time,
                 (array_agg(t.last_price ORDER BY t.event_time, t.id))[1] AS open,
                 max(t.last_price) AS high,
                 min(t.last_price) AS low,
                 (array_agg(t.last_price ORDER BY t.event_time DESC, t.id DESC))[1] AS close,
                 sum(t.volume) AS volume,
                 count(*) AS tick_count,
                 (array_agg(t.session_id ORDER BY t.event_time DESC, t.id DESC))[1] AS session_id,
                 coalesce(max(t.mitigation_level), 0) AS mitigation_level
            FROM claimed c
            JOIN observer.scalp_ticks t
              ON t.symbol = c.symbol
             AND t.event_time >= c.bar_time
             AND t.event_time < c.bar_time + interval '1 minute'
           GROUP BY c.symbol, c.bar_time
      )
      INSERT INTO observer.scalp_1m_bars AS b
             (symbol, bar_time, open, high, low, close, volume, coverage_ratio, session_id,
              mitigation_level, quality_flag, coverage_grade, tick_count)
      SELECT symbol, bar_time, open, high, low, close, volume,
             least(tick_count, 120) / 120.0,
             session_id, mitigation_level,
             CASE WHEN tick_count >= 84 THEN 'normal'
                  WHEN tick_count >= 60 THEN 'degraded'
                  ELSE 'gap' END,
             CASE WHEN tick_count >= 108 THEN 'A'
                  WHEN tick_count >= 90 THEN 'B'
                  WHEN tick_count >= 60 THEN 'C'
                  ELSE 'D' END,
             tick_count
        FROM computed
       ORDER BY symbol, bar_time
      ON CONFLICT (symbol, bar_time) DO UPDATE
         SET open = excluded.open, high = excluded.high, low = excluded.low,
             close = excluded.close, volume = excluded.volume,
             coverage_ratio = excluded.coverage_ratio, session_id = excluded.session_id,
             mitigation_level = excluded.mitigation_level,
             quality_flag = excluded.quality_flag,
             coverage_grade = excluded.coverage_grade, tick_count = excluded.tick_count
      """;

  private static final String QUEUE_RANGE =
      """
      INSERT INTO observer.minute_bar_backlog (symbol, bar_time)
      SELECT DISTINCT symbol, date_bin('1 minute', event_time, timestamptz '2000-01-01 00:00Z')
        FROM observer.scalp_ticks
       WHERE event_time >= ? AND event_time < ?
         AND (cardinality(?::varchar[]) = 0 OR symbol = ANY(?::varchar[]))
      ON CONFLICT (symbol, bar_time) DO UPDATE SET bar_time = excluded.bar_time
      """;

  private final DataSource dataSource;

  MinuteBarAggregator(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Computes the bars of every queued minute not locked by a running load; returns bars written.
   */
  long drain(LoadListener listener) {
    long bars = 0;
    try (Connection connection = dataSource.getConnection()) {
      while (true) {
        int written = drainBatch(connection);
        if (written < 0) {
          return bars;
        }
        bars += written;
        if (written > 0) {
          listener.barsComputed(written);
        }
      }
    } catch (SQLException e) {
      throw new KrxTraderException("cannot compute 1-minute bars", e);
    }
  }

  /** One batch in one transaction; returns the bars written, or -1 when nothing was claimed. */
  private static int drainBatch(Connection connection) throws SQLException {
    connection.setAutoCommit(false);
    try {
      List<String> symbols = new ArrayList<>();
      List<Long> minutes = new ArrayList<>();
      try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
        claim.setInt(1, BATCH);
        try (ResultSet rs = claim.executeQuery()) {
          while (rs.next()) {
            symbols.add(rs.getString(1));
            minutes.add(rs.getLong(2));
          }
        }
      }
      if (symbols.isEmpty()) {
        connection.commit();
        return -1;
      }
      int written;
      Array symbolArray = connection.createArrayOf("varchar", symbols.toArray());
      Array minuteArray = connection.createArrayOf("bigint", minutes.toArray());
      try (PreparedStatement compute = connection.prepareStatement(COMPUTE)) {
        compute.setArray(1, symbolArray);
        compute.setArray(2, minuteArray);
        written = compute.executeUpdate();
      } finally {
        symbolArray.free();
        minuteArray.free();
      }
      connection.commit();
      return written;
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  /**
   * Queues every minute with ticks in {@code [from, to)} (of some symbols, or all), then drains.
   */
  long recompute(Instant from, Instant to, List<String> symbols, LoadListener listener) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(QUEUE_RANGE)) {
      statement.setTimestamp(1, Timestamp.from(from));
      statement.setTimestamp(2, Timestamp.from(to));
      String[] array = symbols.toArray(String[]::new);
      statement.setArray(3, connection.createArrayOf("varchar", array));
      statement.setArray(4, connection.createArrayOf("varchar", array));
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new KrxTraderException(
          "cannot queue minutes for recomputation [from=" + from + ", to=" + to + "]", e);
    }
    return drain(listener);
  }
}
