package io.krxtrader.observer;

import io.krxtrader.KrxTraderException;
import io.krxtrader.db.EpochMicros;
import io.krxtrader.observer.ValidationReport.FlagCount;
import io.krxtrader.observer.ValidationReport.GapTotal;
import io.krxtrader.observer.ValidationReport.SymbolTicks;
import io.krxtrader.observer.ValidationReport.TickStatistics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The seed's data-quality checks (section 5.1) that apply to the observer's tables, its statistics,
 * and the JSONL-vs-database comparison of every loaded file (its complete lines against the ledger
 * and the table). The portfolio checks belong to the portfolio module.
 */
final class DataQualityChecks {

  /** Rules: table, words, and the WHERE clause of a row that breaks them. */
  private record Rule(String table, String words, String time, String where) {}

  private static final List<Rule> RULES =
      List.of(
          new Rule("observer.scalp_ticks", "bid price is null", "event_time", "bid_price IS NULL"),
          new Rule("observer.scalp_ticks", "ask price is null", "event_time", "ask_price IS NULL"),
          new Rule(
              "observer.scalp_ticks",
              "bid price at or above ask price",
              "event_time",
              "bid_price >= ask_price"),
          new Rule(
              "observer.scalp_1m_bars",
              "open or close outside high..low, or high below low",
              "bar_time",
              "high < low OR open > high OR open < low OR close > high OR close < low"),
          new Rule(
              "observer.scalp_1m_bars",
              "coverage ratio outside 0..1",
              "bar_time",
              "coverage_ratio < 0 OR coverage_ratio > 1"),
          new Rule(
              "observer.swing_bars_10m",
              "open or close is null",
              "bar_time",
              "open IS NULL OR close IS NULL"),
          new Rule(
              "observer.swing_bars_10m",
              "bid or ask price is null",
              "bar_time",
              "bid_price IS NULL OR ask_price IS NULL"),
          new Rule(
              "observer.swing_bars_10m",
              "bid price at or above ask price",
              "bar_time",
              "bid_price >= ask_price"),
          new Rule(
              "observer.swing_bars_10m",
              "open or close outside high..low, or high below low",
              "bar_time",
              "high < low OR open > high OR open < low OR close > high OR close < low"),
          new Rule(
              "observer.swing_bars_10m",
              "bid more than 5 % above high or ask more than 5 % below low",
              "bar_time",
              "bid_price > high * 1.05 OR ask_price < low * 0.95"));

  private final Jdbi jdbi;

  DataQualityChecks(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  ValidationReport run(Optional<TimeRange> range, Optional<Path> dataDirectory) {
    return jdbi.withHandle(
        h -> {
          List<QualityCheck> checks = new ArrayList<>();
          for (Rule rule : RULES) {
            checks.add(new QualityCheck(rule.table(), rule.words(), count(h, rule, range)));
          }
          checks.add(
              new QualityCheck(
                  "observer.scalp_1m_bars",
                  "bar whose tick count differs from its minute's ticks (or a minute without bar)",
                  barsAgainstTicks(h, range)));
          List<FileCheck> files = files(h);
          return new ValidationReport(
              checks,
              tickStatistics(h, range),
              symbols(h, range),
              gaps(h, range),
              barFlags(h, range),
              files,
              dataDirectory.map(d -> unloaded(d, files)).orElse(List.of()));
        });
  }

  private static long count(Handle h, Rule rule, Optional<TimeRange> range) {
    String sql =
        "SELECT count(*) FROM "
            + rule.table()
            + " WHERE ("
            + rule.where()
            + ")"
            + (range.isPresent()
                ? " AND " + rule.time() + " >= :from AND " + rule.time() + " < :to"
                : "");
    var query = h.createQuery(sql);
    range.ifPresent(r -> bindRange(query, r));
    return query.mapTo(Long.class).one();
  }

  /**
   * Not a seed check: bars are merged as ticks load, and this proves they still agree (a minute
   * loaded with --no-bars and not yet rebuilt shows up here too).
   */
  private static long barsAgainstTicks(Handle h, Optional<TimeRange> range) {
    var query =
        h.createQuery(
            """
            SELECT count(*)
              FROM (SELECT symbol, date_bin('1 minute', event_time, timestamptz '2000-01-01 00:00Z')
                           AS bar_time, count(*) AS ticks
                      FROM observer.scalp_ticks %s GROUP BY 1, 2) t
              FULL JOIN (SELECT symbol, bar_time, tick_count FROM observer.scalp_1m_bars %s) b
                ON b.symbol = t.symbol AND b.bar_time = t.bar_time
             WHERE t.ticks IS DISTINCT FROM b.tick_count
            """
                .formatted(where(range, "event_time"), where(range, "bar_time")));
    range.ifPresent(r -> bindRange(query, r));
    return query.mapTo(Long.class).one();
  }

  private static TickStatistics tickStatistics(Handle h, Optional<TimeRange> range) {
    var query =
        h.createQuery(
            "SELECT count(*) AS ticks, count(DISTINCT symbol) AS symbols,"
                + " count(DISTINCT session_id) AS sessions, min(event_time) AS earliest,"
                + " max(event_time) AS latest FROM observer.scalp_ticks"
                + where(range, "event_time"));
    range.ifPresent(r -> bindRange(query, r));
    return query
        .map(
            (rs, ctx) ->
                new TickStatistics(
                    rs.getLong("ticks"),
                    rs.getLong("symbols"),
                    rs.getLong("sessions"),
                    EpochMicros.read(rs, "earliest"),
                    EpochMicros.read(rs, "latest")))
        .one();
  }

  private static List<SymbolTicks> symbols(Handle h, Optional<TimeRange> range) {
    var query =
        h.createQuery(
            """
            SELECT t.symbol, t.ticks, t.first, t.last, coalesce(b.bars, 0) AS bars,
                   coalesce(b.average_coverage, 0) AS average_coverage,
                   coalesce(b.grade_a, 0) AS grade_a
              FROM (SELECT symbol, count(*) AS ticks, min(event_time) AS first,
                           max(event_time) AS last
                      FROM observer.scalp_ticks %s GROUP BY symbol) t
              LEFT JOIN (SELECT symbol, count(*) AS bars, avg(coverage_ratio) AS average_coverage,
                                count(*) FILTER (WHERE coverage_grade = 'A') AS grade_a
                           FROM observer.scalp_1m_bars %s GROUP BY symbol) b
                ON b.symbol = t.symbol
             ORDER BY t.symbol
            """
                .formatted(where(range, "event_time"), where(range, "bar_time")));
    range.ifPresent(r -> bindRange(query, r));
    return query
        .map(
            (rs, ctx) ->
                new SymbolTicks(
                    rs.getString("symbol"),
                    rs.getLong("ticks"),
                    EpochMicros.read(rs, "first"),
                    EpochMicros.read(rs, "last"),
                    rs.getLong("bars"),
                    rs.getDouble("average_coverage"),
                    rs.getLong("grade_a")))
        .list();
  }

  private static List<GapTotal> gaps(Handle h, Optional<TimeRange> range) {
    var query =
        h.createQuery(
            "SELECT scope, count(*) AS gaps, sum(gap_seconds) AS total, avg(gap_seconds) AS avg,"
                + " max(gap_seconds) AS max FROM observer.scalp_gaps"
                + where(range, "gap_start_ts")
                + " GROUP BY scope ORDER BY gaps DESC, scope");
    range.ifPresent(r -> bindRange(query, r));
    return query
        .map(
            (rs, ctx) ->
                new GapTotal(
                    rs.getString("scope"),
                    rs.getLong("gaps"),
                    rs.getLong("total"),
                    rs.getDouble("avg"),
                    rs.getLong("max")))
        .list();
  }

  private static List<FlagCount> barFlags(Handle h, Optional<TimeRange> range) {
    var query =
        h.createQuery(
            "SELECT quality_flag, count(*) AS bars, avg(coverage_ratio) AS coverage"
                + " FROM observer.scalp_1m_bars"
                + where(range, "bar_time")
                + " GROUP BY quality_flag ORDER BY quality_flag");
    range.ifPresent(r -> bindRange(query, r));
    return query
        .map(
            (rs, ctx) ->
                new FlagCount(
                    rs.getString("quality_flag"), rs.getLong("bars"), rs.getDouble("coverage")))
        .list();
  }

  /** Every ledger file against the file on disk and its rows in the table. */
  private static List<FileCheck> files(Handle h) {
    List<LedgerEntry> entries;
    try {
      entries = IngestLedger.all(h.getConnection());
    } catch (SQLException e) {
      throw new KrxTraderException("cannot read the ingest ledger", e);
    }
    Map<Integer, Long> rows = new HashMap<>();
    for (RecordKind kind : RecordKind.values()) {
      h.createQuery(
              "SELECT ingest_file_id, count(*) FROM "
                  + kind.table()
                  + " WHERE ingest_file_id IS NOT NULL GROUP BY ingest_file_id")
          .map((rs, ctx) -> Map.entry(rs.getInt(1), rs.getLong(2)))
          .forEach(e -> rows.merge(e.getKey(), e.getValue(), Long::sum));
    }
    List<FileCheck> checks = new ArrayList<>();
    for (LedgerEntry entry : entries) {
      checks.add(
          new FileCheck(
              entry.path(),
              entry.kind(),
              entry.status(),
              completeLines(Path.of(entry.path())),
              entry.linesCommitted(),
              entry.linesLoaded(),
              entry.linesRejected(),
              rows.getOrDefault(entry.fileId(), 0L)));
    }
    return checks;
  }

  private static List<String> unloaded(Path directory, List<FileCheck> files) {
    Set<String> known = new HashSet<>();
    files.forEach(f -> known.add(f.path()));
    List<String> unloaded = new ArrayList<>();
    for (SourceFile source : JsonlFiles.discover(directory)) {
      String path;
      try {
        path = source.path().toRealPath().toString();
      } catch (IOException e) {
        continue;
      }
      if (!known.contains(path)) {
        unloaded.add(path);
      }
    }
    return unloaded;
  }

  /** Newlines in the file (its complete lines), or -1 if it cannot be read. */
  static long completeLines(Path file) {
    if (!Files.isRegularFile(file)) {
      return -1;
    }
    try (FileChannel channel = FileChannel.open(file)) {
      ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
      long lines = 0;
      long at = 0;
      int read;
      while ((read = channel.read(buffer.clear(), at)) > 0) {
        byte[] bytes = buffer.array();
        for (int i = 0; i < read; i++) {
          if (bytes[i] == '\n') {
            lines++;
          }
        }
        at += read;
      }
      return lines;
    } catch (IOException e) {
      return -1;
    }
  }

  private static String where(Optional<TimeRange> range, String column) {
    return range.isPresent() ? " WHERE " + column + " >= :from AND " + column + " < :to" : "";
  }

  private static void bindRange(org.jdbi.v3.core.statement.Query query, TimeRange range) {
    query
        .bind("from", EpochMicros.timestamp(range.from()))
        .bind("to", EpochMicros.timestamp(range.to()));
  }
}
