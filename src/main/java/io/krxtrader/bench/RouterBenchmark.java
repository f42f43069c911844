package io.krxtrader.bench;

import io.krxtrader.KrxTraderException;
import io.krxtrader.db.Database;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.krx.Universe;
import io.krxtrader.system.LeaderName;
import io.krxtrader.system.Leadership;
import io.krxtrader.trade.EntriesHalted;
import io.krxtrader.trade.risk.LatestSnapshotBalance;
import io.krxtrader.trade.risk.RiskConfig;
import io.krxtrader.trade.risk.RiskGate;
import io.krxtrader.trade.router.PickIntake;
import io.krxtrader.trade.router.PickRunParser;
import io.krxtrader.trade.router.Router;
import io.krxtrader.trade.router.RouterConfig;
import io.krxtrader.trade.router.RunSource;
import io.krxtrader.trade.router.Submission;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The router (target: a run of 500 picks from 3 producers validated, gated, merged, decided and its
 * intents written in p99 ≤ 1 s end to end). On a database of its own with the 131-symbol universe
 * priced and an account of 100 million KRW: three producers' runs (each every universe symbol, and
 * the first also codes outside the universe, 500 picks in all) go through the real way in ({@link
 * PickIntake}, as {@code picks submit} does) and one decision pass of {@link Router} with the
 * default configuration decides every symbol. The reference, in the same run: a plain batched
 * INSERT of the same number of pick and decision rows in one transaction. Each run starts from
 * empty pick, decision and intent tables; the warm-up runs (the JIT's) are not counted.
 */
public final class RouterBenchmark {

  /** What the command line asked for. */
  public record Settings(int warmup, int runs) {}

  private static final String DATABASE = "krx_bench_router";
  private static final LocalDate DAY = LocalDate.of(2026, 1, 22);
  private static final String[] PRODUCERS = {"3000", "3001", "3002"};
  private static final int PICKS = 500;

  private final BenchContext context;
  private final Settings settings;

  public RouterBenchmark(BenchContext context, Settings settings) {
    this.context = context;
    this.settings = settings;
  }

  public int run() throws Exception {
    PrintWriter out = context.out();
    Instant open = DAY.atTime(LocalTime.of(9, 0)).atZone(TradingCalendar.KST).toInstant();
    InstantSource clock = InstantSource.fixed(open);
    List<Symbol> universe = Universe.defaultUniverse().symbols();
    List<String> runs = runs(universe);
    out.printf(
        "router benchmark: %d picks from %d producers per run, %d run(s); machine: %d cores,"
            + " load average before %s%n",
        PICKS,
        PRODUCERS.length,
        settings.runs(),
        Runtime.getRuntime().availableProcessors(),
        BenchData.loadAverage());
    out.flush();
    List<Double> ours = new ArrayList<>();
    List<Double> reference = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    try (BenchDatabase bench = BenchDatabase.recreate(context, DATABASE)) {
      Database db = bench.database();
      prepare(bench, universe, open);
      try (Leadership leadership = Leadership.elect(db, LeaderName.ROUTER, "bench", clock)) {
        leadership.tick();
        Router router =
            new Router(
                db,
                RouterConfig.from(io.krxtrader.config.Settings.of(Map.of()), context.home()),
                new RiskGate(RiskConfig.defaults(), new LatestSnapshotBalance()),
                leadership,
                EntriesHalted.NEVER,
                clock,
                Universe.defaultUniverse());
        PickIntake intake = new PickIntake(db, PickRunParser.standard(), clock);
        for (int run = 1 - settings.warmup(); run <= settings.runs(); run++) {
          empty(bench);
          long started = System.nanoTime();
          for (String json : runs) {
            Submission submitted =
                intake.submit(json.getBytes(StandardCharsets.UTF_8), "bench.json", RunSource.CLI);
            if (!(submitted instanceof Submission.Accepted)) {
              throw new KrxTraderException("the benchmark's run was not accepted: " + submitted);
            }
          }
          long submitted = System.nanoTime();
          Router.PassReport report = router.decideOnce();
          double millis = (System.nanoTime() - started) / 1e6;
          double decideMillis = (System.nanoTime() - submitted) / 1e6;
          int decided = report.passed() + report.rejected();
          if (decided != universe.size() + (PICKS - PRODUCERS.length * universe.size())) {
            throw new KrxTraderException("the pass did not decide every symbol: " + report);
          }
          empty(bench);
          double plain = plainInsert(db, decided, open);
          if (run < 1) {
            out.printf(Locale.ROOT, "warm-up: %.1f ms (not counted)%n", millis);
            continue;
          }
          ours.add(millis);
          reference.add(plain);
          ratios.add(millis / plain);
          out.printf(
              Locale.ROOT,
              "run %d: submitted and decided in %.1f ms (the pass %.1f ms: %d pass, %d reject);"
                  + " plain INSERT of the same rows %.1f ms; ratio %.1f%n",
              run,
              millis,
              decideMillis,
              report.passed(),
              report.rejected(),
              plain,
              millis / plain);
          out.flush();
        }
      }
    }
    double p99 = Percentiles.of(ours.stream().mapToDouble(Double::doubleValue).toArray(), 99);
    out.printf(
        Locale.ROOT,
        "%d picks end to end: p50 %.1f ms, p99 %.1f ms (target p99 <= 1000 ms: %s); plain INSERT"
            + " p50 %.1f ms; ratio (median of the runs) %.1f; load average after %s%n",
        PICKS,
        Percentiles.median(ours),
        p99,
        p99 <= 1000 ? "met" : "missed",
        Percentiles.median(reference),
        Percentiles.median(ratios),
        BenchData.loadAverage());
    out.flush();
    return 0;
  }

  /** The three producers' runs: every universe symbol each, the first also unknown codes. */
  private static List<String> runs(List<Symbol> universe) {
    List<String> runs = new ArrayList<>();
    int unknown = PICKS - PRODUCERS.length * universe.size();
    for (int p = 0; p < PRODUCERS.length; p++) {
      List<String> picks = new ArrayList<>();
      for (int i = 0; i < universe.size(); i++) {
        picks.add(pick(universe.get(i).code(), 50 + (i * 7 + p * 13) % 50));
      }
      for (int i = 0; p == 0 && i < unknown; i++) {
        picks.add(pick("9%05d".formatted(i), 70));
      }
      runs.add(
          """
          {"producer_id": "%s", "run_id": "bench-%s", "run_date": "%s",
           "asof_ts": "%sT08:55:00+09:00", "picks": [%s]}
          """
              .formatted(PRODUCERS[p], PRODUCERS[p], DAY, DAY, String.join(",", picks)));
    }
    return runs;
  }

  private static String pick(String symbol, int score) {
    return "{\"symbol\": \"%s\", \"side\": \"LONG\", \"score\": %d, \"confidence\": \"MEDIUM\"}"
        .formatted(symbol, score);
  }

  /** A priced universe, yesterday's closes, and an account snapshot the risk gate reads. */
  private static void prepare(BenchDatabase bench, List<Symbol> universe, Instant now)
      throws SQLException {
    try (Connection connection = bench.database().admin().getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement policy =
              connection.prepareStatement(
                  "INSERT INTO portfolio.portfolio_policy (policy_id, name, rebalance_freq,"
                      + " max_position_pct) VALUES ('bench', 'Benchmark', 'daily', 0.1)");
          PreparedStatement snapshot =
              connection.prepareStatement(
                  "INSERT INTO portfolio.portfolio_snapshot (policy_id, snapshot_time,"
                      + " total_value, cash, invested_value) VALUES ('bench', ?, 100000000,"
                      + " 100000000, 0)");
          PreparedStatement close =
              connection.prepareStatement(
                  "INSERT INTO observer.eod_prices (symbol, trade_date, close) VALUES (?, ?,"
                      + " 70000)");
          PreparedStatement best =
              connection.prepareStatement(
                  "INSERT INTO market.prices_best (symbol, ts, source, last_price, bid, ask,"
                      + " freshness_ms, quality_score) VALUES (?, ?, 'KIS_WS', 71000, 70900,"
                      + " 71000, 0, 100)")) {
        policy.executeUpdate();
        snapshot.setTimestamp(1, Timestamp.from(now));
        snapshot.executeUpdate();
        for (Symbol symbol : universe) {
          close.setString(1, symbol.code());
          close.setObject(2, DAY.minusDays(1));
          close.addBatch();
          best.setString(1, symbol.code());
          best.setTimestamp(2, Timestamp.from(now));
          best.addBatch();
        }
        close.executeBatch();
        best.executeBatch();
      }
      connection.commit();
    }
  }

  private static void empty(BenchDatabase bench) {
    bench.execute(
        "TRUNCATE trade.pick_decisions, trade.picks, trade.pick_runs, trade.pick_producers,"
            + " trade.order_intents CASCADE");
  }

  /**
   * The reference: the same number of pick rows and decision rows stored with plain batched INSERTs
   * in one transaction, with nothing decided.
   */
  private static double plainInsert(Database db, int decisions, Instant now) throws SQLException {
    long started = System.nanoTime();
    try (Connection connection = db.admin().getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement run =
              connection.prepareStatement(
                  "INSERT INTO trade.pick_runs (run_id, producer_id, run_date, asof_ts,"
                      + " pick_count, content_sha256, source, received_ts)"
                      + " VALUES ('plain', '3000', ?, ?, ?, 'plain', 'CLI', ?)");
          PreparedStatement pick =
              connection.prepareStatement(
                  "INSERT INTO trade.picks (pick_id, producer_id, run_id, run_date, asof_ts,"
                      + " symbol, side, score, confidence, status) VALUES (?, '3000', 'plain', ?,"
                      + " ?, ?, 'LONG', 70, 'MEDIUM', 'REJECTED')");
          PreparedStatement decision =
              connection.prepareStatement(
                  "INSERT INTO trade.pick_decisions (run_date, decision_ts, symbol, final_score,"
                      + " confidence, method, producer_count, router_version, final_decision)"
                      + " VALUES (?, ?, ?, 70, 'MEDIUM', 'PRIORITY', 1, 'plain', 'REJECT')")) {
        Timestamp at = Timestamp.from(now);
        run.setObject(1, DAY);
        run.setTimestamp(2, at);
        run.setInt(3, PICKS);
        run.setTimestamp(4, at);
        run.executeUpdate();
        for (int i = 0; i < PICKS; i++) {
          pick.setObject(1, UUID.randomUUID());
          pick.setObject(2, DAY);
          pick.setTimestamp(3, at);
          pick.setString(4, "%06d".formatted(i));
          pick.addBatch();
        }
        pick.executeBatch();
        for (int i = 0; i < decisions; i++) {
          decision.setObject(1, DAY);
          decision.setTimestamp(2, at);
          decision.setString(3, "%06d".formatted(i));
          decision.addBatch();
        }
        decision.executeBatch();
      }
      connection.commit();
    }
    return (System.nanoTime() - started) / 1e6;
  }
}
