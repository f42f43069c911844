package io.krxtrader.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.krxtrader.config.Settings;
import io.krxtrader.db.Database;
import io.krxtrader.kis.KisClient;
import io.krxtrader.kis.OrderRecord;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TickSize;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.krx.Universe;
import io.krxtrader.market.MarketConfig;
import io.krxtrader.market.PriceEvent;
import io.krxtrader.market.PriceSource;
import io.krxtrader.market.PriceSync;
import io.krxtrader.system.Leadership;
import io.krxtrader.testkit.PostgresExtension;
import io.krxtrader.testkit.SimulatorFixture;
import io.krxtrader.trade.exit.ExitConfig;
import io.krxtrader.trade.reentry.ReentryConfig;
import io.krxtrader.trade.risk.RiskConfig;
import io.krxtrader.trade.router.RouterConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every trading module running in one {@link TradingModules} against the simulator and a real
 * database: a pick dropped in the inbox becomes an ENTRY intent, execution sends it once, its fill
 * opens a position, a price drop makes the exit engine decide a stop, and execution sends that
 * once. Time is the simulator's: each look of an await moves it 200 ms.
 */
@ExtendWith(PostgresExtension.class)
class TradingModulesIT {

  static final Symbol SAMSUNG = Symbol.of("005930");

  private final Database db;
  @TempDir Path home;

  TradingModulesIT(Database db) {
    this.db = db;
  }

  static TradingModules.Setup setup(
      Database db, SimulatorFixture sim, KisClient client, Path home, String instance) {
    RouterConfig router =
        RouterConfig.from(
            Settings.of(
                Map.of(
                    "router.inbox", home.resolve("inbox").toString(),
                    "router.decide-every", "200ms",
                    "router.inbox-every", "200ms")),
            home);
    return new TradingModules.Setup(
        db,
        client,
        "paper",
        TradingCalendar.krx(),
        sim.clock,
        Universe.defaultUniverse(),
        ExitConfig.defaults(),
        ReentryConfig.defaults(),
        router,
        RiskConfig.defaults(),
        Duration.ofSeconds(5),
        instance,
        TradingModules.Pacing.standard()
            .withTick(Duration.ofMillis(200))
            .withPass(Duration.ofMillis(50)));
  }

  @Test
  void a_pick_becomes_an_entry_a_fill_a_position_and_a_price_drop_one_stop_order()
      throws Exception {
    Jdbi admin = Jdbi.create(db.admin());
    try (SimulatorFixture sim = SimulatorFixture.paper(home);
        KisClient client =
            KisClient.open(sim.config().withTimeout(Duration.ofSeconds(5)), sim.clock, sim.wall)) {
      LocalDate today = TradingCalendar.kstDate(sim.clock.instant());
      long price = client.quotations().currentPrice(SAMSUNG).price();
      admin.useHandle(
          h -> {
            // The market gate's previous close. No portfolio snapshot: the risk gate's balance
            // is the broker's own.
            h.execute(
                "INSERT INTO observer.eod_prices (symbol, trade_date, close) VALUES (?, ?, ?)",
                SAMSUNG.code(),
                today.minusDays(3),
                price);
          });
      MarketConfig market =
          MarketConfig.from(Settings.of(Map.of(MarketConfig.SCAN_INTERVAL, "1h")));
      try (TradingModules trading =
              TradingModules.start(setup(db, sim, client, home, "runtime-1"), TradingModule.all());
          PriceSync prices =
              PriceSync.builder(db, market, sim.clock).listener(trading.prices()).start()) {
        assertThat(trading.states().values()).allMatch(s -> s instanceof Leadership.Leading);

        // a marketable limit: the router buys at the ask it sees, a little above the simulator's
        long ask = TickSize.ceil(price + price / 250);
        prices.accept(
            PriceEvent.quoted(SAMSUNG, PriceSource.KIS_WS, sim.clock.instant(), price, price, ask));
        assertThat(prices.flush(Duration.ofSeconds(30))).isTrue();
        Files.createDirectories(home.resolve("inbox"));
        Files.writeString(home.resolve("inbox/run.tmp"), run(today, sim), StandardCharsets.UTF_8);
        Files.move(home.resolve("inbox/run.tmp"), home.resolve("inbox/run.json"));

        String entryKey =
            "ENTRY:" + today.toString().replace("-", "") + ":" + SAMSUNG.code() + ":e2e:r1";
        awaitWhileTimePasses(sim, () -> "FILLED".equals(status(admin, entryKey)));
        assertThat(count(admin, "SELECT count(*) FROM trade.positions WHERE status = 'OPEN'"))
            .isEqualTo(1);
        assertThat(
                count(
                    admin,
                    "SELECT count(*) FROM trade.fills f JOIN trade.positions p USING (position_id)"
                        + " WHERE p.symbol = '005930'"))
            .as("the entry fill is linked to the position it opened")
            .isEqualTo(1);

        // the price drops 5 %: a stop exits the whole position
        long avg =
            admin.withHandle(
                h ->
                    h.createQuery("SELECT avg_price FROM trade.positions WHERE status = 'OPEN'")
                        .mapTo(java.math.BigDecimal.class)
                        .one()
                        .longValue());
        long drop = TickSize.floor(avg * 95 / 100);
        prices.accept(
            PriceEvent.quoted(
                SAMSUNG, PriceSource.KIS_WS, sim.clock.instant(), drop, drop, TickSize.up(drop)));
        assertThat(prices.flush(Duration.ofSeconds(30))).isTrue();
        awaitWhileTimePasses(
            sim,
            () ->
                count(
                        admin,
                        "SELECT count(*) FROM trade.order_intents WHERE intent_type = 'EXIT_FULL'"
                            + " AND status IN ('SUBMITTED', 'FILLED')")
                    == 1);
        // time passes: nothing more is sent
        for (int i = 0; i < 20; i++) {
          sim.advance(Duration.ofMillis(500));
        }
        awaitWhileTimePasses(
            sim,
            () ->
                count(admin, "SELECT count(*) FROM trade.positions WHERE status = 'CLOSED'") == 1);
      }
      assertThat(count(admin, "SELECT count(*) FROM trade.order_intents")).isEqualTo(2);
      List<OrderRecord> orders = client.trading().dailyOrders(today, today);
      assertThat(orders).as("one broker order per intent").hasSize(2);
      assertThat(
              count(
                  admin,
                  "SELECT count(DISTINCT intent_id) FROM trade.orders WHERE intent_id IS NOT NULL"))
          .isEqualTo(2);
      assertThat(count(admin, "SELECT count(*) FROM system.process_locks"))
          .as("every module stepped down on close")
          .isZero();
    }
  }

  /** A pick run of producer {@code e2e}, run {@code r1}, for SAMSUNG. */
  private static String run(LocalDate today, SimulatorFixture sim) {
    String asof =
        sim.clock
            .instant()
            .minusSeconds(20)
            .atZone(TradingCalendar.KST)
            .toOffsetDateTime()
            .toString();
    return """
        {"producer_id": "e2e", "producer_name": "end to end", "run_id": "r1", "run_date": "%s",
         "asof_ts": "%s", "picks": [{"symbol": "005930", "side": "LONG", "score": 80,
         "confidence": "HIGH", "rank": 1, "reasons": ["test"], "metadata": {}}]}
        """
        .formatted(today, asof);
  }

  /** Awaits {@code condition}, moving the simulator's clocks 200 ms before each look. */
  static void awaitWhileTimePasses(SimulatorFixture sim, Callable<Boolean> condition) {
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              sim.advance(Duration.ofMillis(200));
              return condition.call();
            });
  }

  static String status(Jdbi admin, String key) {
    return admin.withHandle(
        h ->
            h.createQuery("SELECT status FROM trade.order_intents WHERE action_key = ?")
                .bind(0, key)
                .mapTo(String.class)
                .findOne()
                .orElse(null));
  }

  static long count(Jdbi admin, String sql) {
    return admin.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }
}
