package io.krxtrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.cli.MainTest.Result;
import io.krxtrader.config.Secret;
import io.krxtrader.db.Database;
import io.krxtrader.db.EpochMicros;
import io.krxtrader.testkit.PostgresExtension;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's worked example: from a target file to a done plan, on the command line. */
class PortfolioCommandIT {

  @TempDir Path dir;

  private static Map<String, String> environment() {
    return Map.of("KRX_DB_PASSWORD", PostgresExtension.superuserPassword());
  }

  @Test
  void a_target_file_becomes_a_snapshot_a_plan_intents_and_a_done_plan() throws Exception {
    String url = PostgresExtension.freshDatabaseUrl();
    Path bad = dir.resolve("bad.csv");
    Files.writeString(
        bad, "symbol,weight,effective_date\n005930,0.7,2026-01-02\n999999,0.2,2026-01-02\n");
    Path good = dir.resolve("targets.csv");
    Files.writeString(
        good, "symbol,weight,effective_date\n005930,0.5,2026-01-02\n000660,0.5,2026-01-02\n");

    Result created =
        MainTest.run(
            environment(),
            "portfolio",
            "policy",
            "create",
            "core",
            "--db-url",
            url,
            "--name",
            "Core",
            "--max-position",
            "0.6");
    assertThat(created.exitCode()).as(created.err()).isZero();
    Result rejected =
        MainTest.run(
            environment(),
            "portfolio",
            "targets",
            "load",
            "--policy",
            "core",
            "--db-url",
            url,
            bad.toString());
    assertThat(rejected.exitCode()).isEqualTo(Main.EXIT_FAILURE);
    assertThat(rejected.err())
        .contains("rejected, nothing stored")
        .contains("bad.csv:2: weight: 0.7 is over max_position_pct 0.6")
        .contains("bad.csv:3: symbol: unknown symbol 999999")
        .contains("weights for 2026-01-02 sum to 0.9, not 1 ± 0.01");
    Result loaded =
        MainTest.run(
            environment(),
            "portfolio",
            "targets",
            "load",
            "--policy",
            "core",
            "--db-url",
            url,
            good.toString());
    assertThat(loaded.exitCode()).as(loaded.err()).isZero();
    assertThat(loaded.out()).contains("2 target weights stored for core");

    Instant now = InstantSource.system().instant();
    try (Database db =
        Database.connect(
            url, "postgres", Optional.of(Secret.of(PostgresExtension.superuserPassword())))) {
      Jdbi admin = Jdbi.create(db.admin());
      admin.useHandle(
          h -> {
            h.execute(
                "INSERT INTO trade.holdings (account_id, symbol, qty, avg_price)"
                    + " VALUES ('a', '005930', 100, 70000)");
            h.execute(
                "INSERT INTO market.prices_best (symbol, ts, source, last_price, freshness_ms,"
                    + " quality_score) VALUES ('005930', ?, 'KIS_WS', 70000, 0, 90)",
                EpochMicros.timestamp(now));
            h.execute(
                "INSERT INTO observer.swing_bars_10m (symbol, bar_time, close, session_id)"
                    + " VALUES ('000660', ?, 200000, 'it')",
                EpochMicros.timestamp(now.minusSeconds(300)));
          });

      // 7,000,000 in Samsung + 3,000,000 cash: Samsung 0.7 (target 0.5), Hynix 0 (target 0.5);
      // drift = √(0.2² + 0.5²) = 53.85 %.
      Result snapshot =
          MainTest.run(
              environment(),
              "portfolio",
              "snapshot",
              "--policy",
              "core",
              "--db-url",
              url,
              "--cash",
              "3000000");
      assertThat(snapshot.exitCode()).as(snapshot.err()).isZero();
      assertThat(snapshot.out()).contains("total 10,000,000 KRW, drift 53.85 %");
      Result show =
          MainTest.run(environment(), "portfolio", "show", "--policy", "core", "--db-url", url);
      assertThat(show.out())
          .containsPattern("000660\\s+0\\s+200000\\s+bar_close\\s+0\\s+0\\s+0.5\\s+-0.5")
          .containsPattern("005930\\s+100\\s+70000\\s+best_price\\s+7000000\\s+0.7\\s+0.5\\s+0.2");

      Result plan =
          MainTest.run(environment(), "portfolio", "plan", "--policy", "core", "--db-url", url);
      assertThat(plan.exitCode()).as(plan.err()).isZero();
      assertThat(plan.out())
          .containsPattern("1\\s+005930\\s+SELL\\s+28\\s+70,000\\s+planned")
          .containsPattern("2\\s+000660\\s+BUY\\s+25\\s+200,000\\s+planned");
      long planId =
          admin.withHandle(
              h ->
                  h.createQuery("SELECT plan_id FROM portfolio.rebalance_plan")
                      .mapTo(Long.class)
                      .one());

      Result approved =
          MainTest.run(
              environment(), "portfolio", "approve", Long.toString(planId), "--db-url", url);
      assertThat(approved.exitCode()).as(approved.err()).isZero();
      assertThat(approved.out()).contains("executing");

      // Execution's part, as it would write it: each intent sent, filled, FILLED.
      for (String symbol : new String[] {"005930", "000660"}) {
        admin.useHandle(
            h -> {
              UUID intent =
                  h.createQuery("SELECT intent_id FROM trade.order_intents WHERE action_key = ?")
                      .bind(0, "REBAL:" + planId + ":" + symbol)
                      .mapTo(UUID.class)
                      .one();
              long qty = symbol.equals("005930") ? 28 : 25;
              BigDecimal price = new BigDecimal(symbol.equals("005930") ? "70000" : "200500");
              h.execute(
                  "INSERT INTO trade.orders (order_id, intent_id, status) VALUES (?, ?, 'FILLED')",
                  "K" + symbol,
                  intent);
              h.execute(
                  "INSERT INTO trade.fills (fill_id, order_id, ts, qty, price, fee, tax)"
                      + " VALUES (?, ?, now(), ?, ?, 100, 0)",
                  UUID.randomUUID(),
                  "K" + symbol,
                  qty,
                  price);
              h.execute(
                  "UPDATE trade.order_intents SET status = 'FILLED' WHERE intent_id = ?", intent);
            });
        Result advanced =
            MainTest.run(
                environment(), "portfolio", "advance", Long.toString(planId), "--db-url", url);
        assertThat(advanced.exitCode()).as(advanced.err()).isZero();
      }
      Result done =
          MainTest.run(
              environment(), "portfolio", "advance", Long.toString(planId), "--db-url", url);
      assertThat(done.out())
          .contains("plan " + planId + " (policy core, snapshot 1): done")
          .containsPattern("2\\s+000660\\s+BUY\\s+25\\s+200,000\\s+filled\\s+25\\s+100\\s+12500");
      Result check = MainTest.run(environment(), "portfolio", "check", "--db-url", url);
      assertThat(check.exitCode()).as(check.out()).isZero();
      assertThat(check.out()).contains("portfolio: consistent");
    }
  }
}
