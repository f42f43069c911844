package io.krxtrader.trade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.krx.Symbol;
import io.krxtrader.market.WatchReason;
import io.krxtrader.testkit.PostgresExtension;
import io.krxtrader.testkit.TestClock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** PriceSync's watch list from the trade tables: what is held, candidate or picked today. */
class TradedSymbolsIT {

  private static final Duration EVERY = Duration.ofSeconds(5);
  private static final LocalDate TODAY = LocalDate.of(2026, 1, 22);

  @Test
  void reads_held_candidates_and_todays_picks_with_the_strongest_reason_each() {
    try (Database db = PostgresExtension.freshDatabase()) {
      Jdbi admin = Jdbi.create(db.admin());
      position(admin, "005930", "OPEN");
      position(admin, "000660", "CLOSING");
      position(admin, "035420", "CLOSED");
      candidate(admin, "051910", "WATCHING");
      candidate(admin, "068270", "COOLDOWN");
      candidate(admin, "105560", "EXPIRED");
      pick(admin, "005380", TODAY);
      pick(admin, "005930", TODAY); // held and picked: held wins
      pick(admin, "055550", TODAY.minusDays(1));
      TestClock clock = TestClock.kst("10:00:00");

      TradedSymbols traded = new TradedSymbols(db, ModuleRole.PRICESYNC, clock, EVERY);

      assertThat(traded.watched())
          .containsOnly(
              entry(Symbol.of("005930"), WatchReason.HELD),
              entry(Symbol.of("000660"), WatchReason.HELD),
              entry(Symbol.of("051910"), WatchReason.CANDIDATE),
              entry(Symbol.of("068270"), WatchReason.CANDIDATE),
              entry(Symbol.of("005380"), WatchReason.PICKED));
    }
  }

  @Test
  void reads_again_only_after_its_interval_and_keeps_the_last_answer_when_the_database_fails() {
    Database db = PostgresExtension.freshDatabase();
    Jdbi admin = Jdbi.create(db.admin());
    position(admin, "005930", "OPEN");
    TestClock clock = TestClock.kst("10:00:00");
    TradedSymbols traded = new TradedSymbols(db, ModuleRole.PRICESYNC, clock, EVERY);
    assertThat(traded.watched()).containsOnlyKeys(Symbol.of("005930"));

    position(admin, "000660", "OPEN");
    clock.advance(EVERY.minusMillis(1));
    assertThat(traded.watched()).containsOnlyKeys(Symbol.of("005930"));
    clock.advance(Duration.ofMillis(1));
    assertThat(traded.watched()).containsOnlyKeys(Symbol.of("005930"), Symbol.of("000660"));

    db.close();
    clock.advance(EVERY);
    assertThat(traded.watched()).containsOnlyKeys(Symbol.of("005930"), Symbol.of("000660"));
  }

  @Test
  void track_b_carries_held_symbols_then_candidates_then_the_configured_ones_within_capacity() {
    List<Symbol> configured =
        List.of(Symbol.of("000001"), Symbol.of("000002"), Symbol.of("000003"));
    Map<Symbol, WatchReason> traded =
        Map.of(
            Symbol.of("000009"), WatchReason.CANDIDATE,
            Symbol.of("000008"), WatchReason.HELD,
            Symbol.of("000002"), WatchReason.HELD,
            Symbol.of("000007"), WatchReason.PICKED);

    assertThat(TradedSymbols.subscription(traded, configured, 4))
        .containsExactly(
            Symbol.of("000002"), Symbol.of("000008"), Symbol.of("000009"), Symbol.of("000001"));
    assertThat(TradedSymbols.subscription(Map.of(), configured, 4)).isEqualTo(configured);
  }

  private static void position(Jdbi admin, String symbol, String status) {
    admin.useHandle(
        h ->
            h.execute(
                "INSERT INTO trade.positions (position_id, account_id, symbol, side, qty, avg_price,"
                    + " entry_ts, status) VALUES (?, 'acct', ?, 'LONG', ?, 10000, now(), ?)",
                UUID.randomUUID(),
                symbol,
                status.equals("CLOSED") ? 0 : 10,
                status));
  }

  private static void candidate(Jdbi admin, String symbol, String state) {
    admin.useHandle(
        h ->
            h.execute(
                "INSERT INTO trade.reentry_candidates (candidate_id, symbol, origin_position_id,"
                    + " exit_reason, exit_ts, exit_price, cooldown_until, state) VALUES (?, ?, ?,"
                    + " 'SL2', now(), 9000, now(), ?)",
                UUID.randomUUID(),
                symbol,
                UUID.randomUUID(),
                state));
  }

  private static void pick(Jdbi admin, String symbol, LocalDate day) {
    admin.useHandle(
        h ->
            h.execute(
                "INSERT INTO trade.picks (producer_id, run_id, run_date, asof_ts, symbol, side,"
                    + " score, confidence) VALUES ('3000', ?, ?, now(), ?, 'LONG', 80, 'HIGH')",
                "run-" + symbol,
                day,
                symbol));
  }
}
