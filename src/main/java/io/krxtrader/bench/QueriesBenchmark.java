package io.krxtrader.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.krxtrader.KrxTraderException;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.observer.Observer;
import io.krxtrader.observer.SampleDataSpec;
import io.krxtrader.observer.TimeRange;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntSupplier;

public final class QueriesBenchmark {
  /**
   * What the command line asked for.
   *
   * @param data where the data set is kept between runs; null: under the home directory
   */
  public record Settings(
      int days, int scalpDays, int symbols, int iterations, String heap, Path data) {}

  private final BenchContext context;
  private final Settings settings;

  public QueriesBenchmark(BenchContext context, Settings settings) {
    this.context = context;
    this.settings = settings;
  }

  private static final String DATABASE = "krx_bench_queries";

  /** The seed's five symbols. */
  private static final List<Symbol> SWING_SYMBOLS =
      List.of("005930", "000660", "035720", "091990", "086280").stream().map(Symbol::of).toList();

  public int run() {
    PrintWriter out = context.out();
    Path root =
        settings.data() != null
            ? settings.data()
            : context.home().resolve("bench").resolve("queries");
    SampleDataSpec spec =
        new SampleDataSpec(
            settings.days(),
            settings.symbols(),
            settings.scalpDays(),
            root.resolve("jsonl"),
            42,
            SampleDataSpec.DEFAULT_START);
    Path jsonl = BenchData.ensure(spec, out);
    out.printf(
        "machine: %d cores, load average before %s%n",
        Runtime.getRuntime().availableProcessors(), BenchData.loadAverage());
    out.flush();
    try (BenchDatabase bench = BenchDatabase.recreate(context, DATABASE)) {
      out.println(
          "back-fill: loading the data set in a child JVM with -Xmx" + settings.heap() + "...");
      out.flush();
      BenchDatabase.Backfill backfill =
          bench.backfill(jsonl, settings.heap(), context.home(), List.of(), root.resolve("logs"));
      ChildProcess.Run load = backfill.run();
      JsonNode summary = backfill.summary();
      // What autovacuum does soon after a load; the bars' covering index needs the visibility map.
      bench.execute("VACUUM ANALYZE");
      long ticks = bench.count("SELECT count(*) FROM observer.scalp_ticks");
      long bars = bench.count("SELECT count(*) FROM observer.scalp_1m_bars");
      long swing = bench.count("SELECT count(*) FROM observer.swing_bars_10m");
      out.printf(
          Locale.ROOT,
          "back-fill of the whole data set with -Xmx%s: %,d lines (%,d ticks, %,d swing bars)"
              + " and %,d 1-minute bars in %.0f s (%,.0f lines/s, bars included)%n",
          settings.heap(),
          summary.get("lines_loaded").asLong(),
          ticks,
          swing,
          bars,
          load.seconds(),
          summary.get("lines_loaded").asLong() / load.seconds());

      Observer observer = new Observer(bench.database(), context.observer(), context.clock());
      TradingCalendar calendar = TradingCalendar.krx();
      List<LocalDate> tradingDays = new ArrayList<>();
      LocalDate day = calendar.tradingDayOnOrAfter(spec.startDate());
      for (int i = 0; i < settings.days(); i++) {
        tradingDays.add(day);
        day = calendar.nextTradingDay(day);
      }
      List<TimeRange> hours = new ArrayList<>();
      for (LocalDate d :
          tradingDays.subList(settings.days() - settings.scalpDays(), settings.days())) {
        for (int hour = 9; hour < 15; hour++) {
          hours.add(
              new TimeRange(
                  d.atTime(hour, 0).atZone(TradingCalendar.KST).toInstant(),
                  d.atTime(hour + 1, 0).atZone(TradingCalendar.KST).toInstant()));
        }
      }
      LocalDate last = tradingDays.get(settings.days() - 1);
      TimeRange thirtyDays = TimeRange.kstDays(last.minusDays(29), last);
      int[] next = {0};
      double[] scalp =
          time(
              () ->
                  observer
                      .minuteBars(List.of(), hours.get(next[0]++ % hours.size()), Optional.empty())
                      .size());
      double[] swingTimes =
          time(() -> observer.swingBars(SWING_SYMBOLS, thirtyDays, Optional.of(100)).size());
      int scalpRows = observer.minuteBars(List.of(), hours.get(0), Optional.empty()).size();
      int swingRows = observer.swingBars(SWING_SYMBOLS, thirtyDays, Optional.of(100)).size();
      TimeRange hour = hours.get(0);
      double scalpServer =
          serverMillis(
              bench,
              "SELECT symbol, bar_time, open, high, low, close, volume, coverage_ratio,"
                  + " quality_flag, coverage_grade, tick_count, session_id"
                  + " FROM observer.scalp_1m_bars WHERE bar_time >= '"
                  + hour.from()
                  + "' AND bar_time < '"
                  + hour.to()
                  + "' ORDER BY bar_time DESC, symbol");
      double swingServer =
          serverMillis(
              bench,
              "SELECT symbol, bar_time, open, high, low, close, volume, bid_price, ask_price,"
                  + " session_id, snapshot_time FROM observer.swing_bars_10m"
                  + " WHERE symbol = ANY('{005930,000660,035720,091990,086280}')"
                  + " AND bar_time >= '"
                  + thirtyDays.from()
                  + "' AND bar_time < '"
                  + thirtyDays.to()
                  + "' ORDER BY symbol, bar_time DESC LIMIT 100");
      out.println();
      out.println(
          "| query | rows | p50 | p99 | max | server only (EXPLAIN ANALYZE, median) | target"
              + " (p99) |");
      out.println("|---|---|---|---|---|---|---|");
      row(out, "1 hour of 1-minute bars, all symbols", scalpRows, scalp, scalpServer, 10);
      row(
          out,
          "30 days of swing bars, 5 symbols, LIMIT 100",
          swingRows,
          swingTimes,
          swingServer,
          5);
      out.printf("%nload average after %s%n", BenchData.loadAverage());
      out.flush();
    }
    return 0;
  }

  /** Milliseconds of each timed run (after a warm-up). */
  private double[] time(IntSupplier query) {
    int warmup = Math.max(1, settings.iterations() / 10);
    for (int i = 0; i < warmup; i++) {
      query.getAsInt();
    }
    double[] millis = new double[settings.iterations()];
    for (int i = 0; i < settings.iterations(); i++) {
      long start = System.nanoTime();
      if (query.getAsInt() == 0) {
        throw new KrxTraderException("a benchmark query returned no rows");
      }
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    return millis;
  }

  private static void row(
      PrintWriter out, String name, int rows, double[] millis, double server, int target) {
    double p99 = Percentiles.of(millis, 99);
    out.printf(
        Locale.ROOT,
        "| %s | %,d | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %d ms: %s |%n",
        name,
        rows,
        Percentiles.of(millis, 50),
        p99,
        Percentiles.of(millis, 100),
        server,
        target,
        p99 <= target ? "met" : "NOT met");
  }

  /** The server's own execution time of a query (no transfer, no client), median of 21 runs. */
  private static double serverMillis(BenchDatabase bench, String sql) {
    List<Double> times = new ArrayList<>();
    try (Connection connection = bench.database().admin().getConnection();
        Statement statement = connection.createStatement()) {
      for (int i = 0; i < 21; i++) {
        try (ResultSet rs =
            statement.executeQuery("EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) " + sql)) {
          rs.next();
          JsonNode plan = new ObjectMapper().readTree(rs.getString(1)).get(0);
          times.add(plan.get("Execution Time").asDouble());
        }
      }
    } catch (SQLException | IOException e) {
      throw new KrxTraderException("cannot explain a benchmark query", e);
    }
    return Percentiles.median(times);
  }
}
