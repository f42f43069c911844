package io.krxtrader.trade.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.config.Settings;
import io.krxtrader.db.Database;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.Universe;
import io.krxtrader.system.LeaderName;
import io.krxtrader.system.Leadership;
import io.krxtrader.testkit.PostgresExtension;
import io.krxtrader.testkit.TestClock;
import io.krxtrader.trade.EntriesHalted;
import io.krxtrader.trade.risk.LatestSnapshotBalance;
import io.krxtrader.trade.risk.RiskConfig;
import io.krxtrader.trade.risk.RiskGate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A day of the size: 3 producers, 501 picks (every universe symbol from each, plus 36 codes
 * outside the universe each), submitted, gated, merged and decided in one pass. Checks that every
 * symbol gets one decision and at most five entries are made; prints how long it took (a
 * measurement, not a benchmark: BENCHMARKS.md has none yet).
 */
@ExtendWith(PostgresExtension.class)
class RouterScaleIT {

  @Test
  void five_hundred_picks_of_three_producers_are_decided_in_one_pass(Database db) throws Exception {
    TestClock clock = TestClock.kst("09:00:00");
    Jdbi admin = Jdbi.create(db.admin());
    List<Symbol> universe = Universe.defaultUniverse().symbols();
    admin.useHandle(
        h -> {
          h.execute(
              "INSERT INTO portfolio.portfolio_policy (policy_id, name, rebalance_freq,"
                  + " max_position_pct) VALUES ('p', 'p', 'daily', 0.1)");
          h.execute(
              "INSERT INTO portfolio.portfolio_snapshot (policy_id, snapshot_time, total_value,"
                  + " cash, invested_value) VALUES ('p', now(), 100000000, 100000000, 0)");
          for (Symbol symbol : universe) {
            h.execute(
                "INSERT INTO observer.eod_prices (symbol, trade_date, close) VALUES (?, ?, 70000)",
                symbol.code(),
                LocalDate.parse("2026-01-21"));
            h.execute(
                "INSERT INTO market.prices_best (symbol, ts, source, last_price, bid, ask,"
                    + " freshness_ms, quality_score) VALUES (?, ?, 'KIS_WS', 71000, 70900, 71000,"
                    + " 0, 100)",
                symbol.code(),
                clock.instant());
          }
        });
    PickIntake intake = new PickIntake(db, PickRunParser.standard(), clock);
    long start = System.nanoTime();
    int picks = 0;
    for (String producer : List.of("3000", "3001", "3002")) {
      List<String> items = new ArrayList<>();
      for (int i = 0; i < universe.size(); i++) {
        items.add(pick(universe.get(i).code(), 50 + (i * 7 + producer.hashCode()) % 50));
      }
      for (int i = 0; i < 36; i++) {
        items.add(pick("9%05d".formatted(i), 70));
      }
      picks += items.size();
      String json =
          """
          {"producer_id": "%s", "run_id": "scale-%s", "run_date": "2026-01-22",
           "asof_ts": "2026-01-22T08:55:00+09:00", "picks": [%s]}
          """
              .formatted(producer, producer, String.join(",", items));
      assertThat(intake.submit(json.getBytes(StandardCharsets.UTF_8), "r.json", RunSource.CLI))
          .isInstanceOf(Submission.Accepted.class);
    }
    long submitted = System.nanoTime();
    Router.PassReport report;
    try (Leadership leadership = Leadership.elect(db, LeaderName.ROUTER, "scale", clock)) {
      Router router =
          new Router(
              db,
              RouterConfig.from(Settings.of(Map.of()), Path.of("/tmp/issue15-home")),
              new RiskGate(RiskConfig.defaults(), new LatestSnapshotBalance()),
              leadership,
              EntriesHalted.NEVER,
              clock,
              Universe.defaultUniverse());
      report = router.decideOnce();
    }
    long decided = System.nanoTime();
    System.out.printf(
        "RouterScaleIT: %d picks submitted in %d ms, decided in %d ms (%d pass, %d reject)%n",
        picks,
        (submitted - start) / 1_000_000,
        (decided - submitted) / 1_000_000,
        report.passed(),
        report.rejected());
    assertThat(picks).isEqualTo(501);
    assertThat(report.passed()).isEqualTo(5);
    assertThat(report.passed() + report.rejected()).isEqualTo(universe.size() + 36);
    long decisions =
        admin.withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM trade.pick_decisions").mapTo(Long.class).one());
    assertThat(decisions).isEqualTo(universe.size() + 36);
  }

  private static String pick(String symbol, int score) {
    return "{\"symbol\": \"%s\", \"side\": \"LONG\", \"score\": %d, \"confidence\": \"MEDIUM\"}"
        .formatted(symbol, score);
  }
}
