package io.krxtrader.trade.exit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.krxtrader.config.Settings;
import io.krxtrader.db.Database;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.market.MarketConfig;
import io.krxtrader.market.PriceEvent;
import io.krxtrader.market.PriceSource;
import io.krxtrader.market.PriceSync;
import io.krxtrader.system.LeaderName;
import io.krxtrader.system.Leadership;
import io.krxtrader.testkit.PostgresExtension;
import io.krxtrader.testkit.TestClock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** PriceSync and the exit engine in one process: a committed best price reaches a decision. */
@ExtendWith(PostgresExtension.class)
class ExitFeedIT {

  private final Database db;

  ExitFeedIT(Database db) {
    this.db = db;
  }

  @Test
  void a_best_price_from_price_sync_is_evaluated_and_decides_once() throws Exception {
    TestClock clock =
        new TestClock(
            LocalDateTime.parse("2026-12-03T10:00:00").atZone(TradingCalendar.KST).toInstant());
    Jdbi admin = Jdbi.create(db.admin());
    UUID id = UUID.randomUUID();
    admin.useHandle(
        h ->
            h.execute(
                "INSERT INTO trade.positions (position_id, account_id, symbol, side, qty,"
                    + " avg_price, entry_ts, status) VALUES (?, 'acct', '005930', 'LONG', 10,"
                    + " 70000, ?, 'OPEN')",
                id,
                clock.instant().minus(Duration.ofDays(1))));
    MarketConfig market = MarketConfig.from(Settings.of(Map.of(MarketConfig.SCAN_INTERVAL, "1h")));
    try (Leadership leadership = Leadership.elect(db, LeaderName.EXIT, "exit-feed", clock);
        ExitFeed feed =
            ExitFeed.start(
                new ExitEngine(
                    db, ExitConfig.defaults(), TradingCalendar.krx(), clock, leadership));
        PriceSync sync = PriceSync.builder(db, market, clock).listener(feed).start()) {
      Symbol samsung = Symbol.of("005930");
      // 67,500 is −3.57 %: SL2
      sync.accept(PriceEvent.of(samsung, PriceSource.KIS_WS, clock.instant(), 67_500));
      assertThat(sync.flush(Duration.ofSeconds(30))).isTrue();
      await()
          .atMost(Duration.ofMinutes(1))
          .until(
              () ->
                  admin.withHandle(
                          h ->
                              h.createQuery(
                                      "SELECT count(*) FROM trade.order_intents WHERE action_key = ?")
                                  .bind(0, id + ":SL2")
                                  .mapTo(Integer.class)
                                  .one())
                      == 1);
      clock.advance(Duration.ofSeconds(1));
      sync.accept(PriceEvent.of(samsung, PriceSource.KIS_WS, clock.instant(), 67_400));
      assertThat(sync.flush(Duration.ofSeconds(30))).isTrue();
      await().atMost(Duration.ofMinutes(1)).until(() -> feed.evaluated() >= 2);
    }
    int intents =
        admin.withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM trade.order_intents WHERE position_id = ?")
                    .bind(0, id)
                    .mapTo(Integer.class)
                    .one());
    assertThat(intents).isEqualTo(1);
  }
}
