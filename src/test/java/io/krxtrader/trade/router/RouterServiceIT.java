package io.krxtrader.trade.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.krxtrader.config.Settings;
import io.krxtrader.db.Database;
import io.krxtrader.krx.Universe;
import io.krxtrader.system.LeaderName;
import io.krxtrader.system.Leadership;
import io.krxtrader.testkit.PostgresExtension;
import io.krxtrader.testkit.TestClock;
import io.krxtrader.trade.EntriesHalted;
import io.krxtrader.trade.risk.LatestSnapshotBalance;
import io.krxtrader.trade.risk.RiskConfig;
import io.krxtrader.trade.risk.RiskGate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The running router: a file dropped in the inbox becomes a decision and an entry intent. */
@ExtendWith(PostgresExtension.class)
class RouterServiceIT {

  @Test
  void a_dropped_run_becomes_an_entry_intent(Database db, @TempDir Path inbox) throws Exception {
    TestClock clock = TestClock.kst("09:00:00");
    Jdbi admin = Jdbi.create(db.admin());
    admin.useHandle(
        h -> {
          h.execute(
              "INSERT INTO portfolio.portfolio_policy (policy_id, name, rebalance_freq,"
                  + " max_position_pct) VALUES ('p', 'p', 'daily', 0.1)");
          h.execute(
              "INSERT INTO portfolio.portfolio_snapshot (policy_id, snapshot_time, total_value,"
                  + " cash, invested_value) VALUES ('p', now(), 100000000, 100000000, 0)");
          h.execute(
              "INSERT INTO observer.eod_prices (symbol, trade_date, close) VALUES"
                  + " ('005930', ?, 70000)",
              LocalDate.parse("2026-01-21"));
          h.execute(
              "INSERT INTO market.prices_best (symbol, ts, source, last_price, bid, ask,"
                  + " freshness_ms, quality_score) VALUES ('005930', ?, 'KIS_WS', 71000, 70900,"
                  + " 71000, 0, 100)",
              clock.instant());
        });
    RouterConfig config =
        RouterConfig.from(
            Settings.of(Map.of("router.decide-every", "50ms", "router.inbox-every", "50ms")),
            Path.of("/tmp/issue15-home"));
    PickIntake intake = new PickIntake(db, config.parser(), clock);
    try (Leadership leadership = Leadership.elect(db, LeaderName.ROUTER, "service", clock)) {
      RouterService service =
          RouterService.start(
              leadership,
              new Router(
                  db,
                  config,
                  new RiskGate(RiskConfig.defaults(), new LatestSnapshotBalance()),
                  leadership,
                  EntriesHalted.NEVER,
                  clock,
                  Universe.defaultUniverse()),
              Optional.of(new PicksInbox(inbox, intake)),
              config);
      try {
        Files.write(
            inbox.resolve("run.json"), PickIntakeIT.run("3000", "svc1", "08:55:00", "005930"));
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    admin.withHandle(
                            h ->
                                h.createQuery(
                                        "SELECT count(*) FROM trade.order_intents WHERE action_key = ?")
                                    .bind(0, "ENTRY:20260122:005930:3000:svc1")
                                    .mapTo(Long.class)
                                    .one())
                        == 1);
        assertThat(inbox.resolve("done/run.json")).exists();
      } finally {
        service.close();
      }
    }
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-22T00:00:00Z"));
  }
}
