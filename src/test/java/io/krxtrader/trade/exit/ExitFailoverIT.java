package io.krxtrader.trade.exit;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.db.Database;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.system.LeaderName;
import io.krxtrader.system.Leadership;
import io.krxtrader.testkit.Backends;
import io.krxtrader.testkit.PostgresExtension;
import io.krxtrader.testkit.TestClock;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two exit engines on one database: only the leader writes; when the leader's session dies a
 * standby takes over in a new term, the old leader (not yet aware) can write nothing, and no
 * decision is doubled or lost.
 */
@ExtendWith(PostgresExtension.class)
class ExitFailoverIT {

  private final Database db;
  private final Jdbi admin;
  private final TestClock clock =
      new TestClock(
          LocalDateTime.parse("2026-12-03T10:00:00").atZone(TradingCalendar.KST).toInstant());

  ExitFailoverIT(Database db) {
    this.db = db;
    this.admin = Jdbi.create(db.admin());
  }

  private UUID position(String symbol) {
    UUID id = UUID.randomUUID();
    admin.useHandle(
        h ->
            h.execute(
                "INSERT INTO trade.positions (position_id, account_id, symbol, side, qty,"
                    + " avg_price, entry_ts, status) VALUES (?, 'acct', ?, 'LONG', 100, 10000, ?,"
                    + " 'OPEN')",
                id,
                symbol,
                clock.instant().minus(Duration.ofDays(2))));
    return id;
  }

  private void price(String symbol, long price) {
    admin.useHandle(
        h ->
            h.execute(
                "INSERT INTO market.prices_best AS b (symbol, ts, source, last_price, freshness_ms,"
                    + " quality_score) VALUES (?, ?, 'KIS_WS', ?, 0, 100) ON CONFLICT (symbol) DO"
                    + " UPDATE SET ts = EXCLUDED.ts, last_price = EXCLUDED.last_price",
                symbol,
                clock.instant(),
                price));
  }

  private List<String> keys() {
    return admin.withHandle(
        h ->
            h.createQuery("SELECT action_key FROM trade.order_intents ORDER BY action_key")
                .mapTo(String.class)
                .list());
  }

  private ExitOutcome.Kind run(ExitEngine engine, String symbol) throws SQLException {
    return engine.priceChanged(Symbol.of(symbol)).get(0).kind();
  }

  @Test
  void a_killed_leader_is_replaced_and_no_intent_is_doubled_or_lost() throws SQLException {
    UUID first = position("000210");
    UUID second = position("000220");
    try (Leadership a = Leadership.elect(db, LeaderName.EXIT, "exit-a", clock);
        Leadership b = Leadership.elect(db, LeaderName.EXIT, "exit-b", clock)) {
      ExitEngine engineA =
          new ExitEngine(db, ExitConfig.defaults(), TradingCalendar.krx(), clock, a);
      ExitEngine engineB =
          new ExitEngine(db, ExitConfig.defaults(), TradingCalendar.krx(), clock, b);
      assertThat(a.isLeading()).isTrue();
      assertThat(b.isLeading()).isFalse();

      price("000210", 9_800);
      assertThat(run(engineA, "000210")).isEqualTo(ExitOutcome.Kind.ORDERED);
      assertThat(run(engineB, "000210")).isEqualTo(ExitOutcome.Kind.NOT_LEADER);

      // the leader's session dies mid-day; it does not know yet (no heartbeat since)
      Backends.terminate(db.admin(), a.backendPid().orElseThrow());
      assertThat(b.tryLead()).isInstanceOf(Leadership.Leading.class);
      assertThat(a.isLeading()).as("a has not noticed").isTrue();

      clock.advance(Duration.ofSeconds(1));
      price("000220", 9_600);
      assertThat(run(engineA, "000220"))
          .as("the old term is fenced")
          .isEqualTo(ExitOutcome.Kind.NOT_LEADER);
      assertThat(run(engineB, "000220")).isEqualTo(ExitOutcome.Kind.ORDERED);
      // the new leader sees the first decision as taken: SL1 is not sent again
      price("000210", 9_790);
      assertThat(run(engineB, "000210")).isEqualTo(ExitOutcome.Kind.UNCHANGED);
    }
    assertThat(keys()).containsExactlyInAnyOrder(first + ":SL1", second + ":SL2");
  }
}
