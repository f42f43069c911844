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
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The engine on a real PostgreSQL: positions, best prices and daily bars inserted as admin, the
 * engine evaluating as {@code krx_exit} under its own leader term. Each test uses its own symbol.
 */
@ExtendWith(PostgresExtension.class)
class ExitEngineIT {

  private final Database db;
  private final Jdbi admin;
  private final TestClock clock =
      new TestClock(
          LocalDateTime.parse("2026-12-03T10:00:00").atZone(TradingCalendar.KST).toInstant());
  private Leadership leadership;
  private ExitEngine engine;

  ExitEngineIT(Database db) {
    this.db = db;
    this.admin = Jdbi.create(db.admin());
  }

  @BeforeEach
  void start() {
    leadership = Leadership.elect(db, LeaderName.EXIT, "exit-it", clock);
    assertThat(leadership.isLeading()).isTrue();
    engine = new ExitEngine(db, ExitConfig.defaults(), TradingCalendar.krx(), clock, leadership);
  }

  @AfterEach
  void stop() {
    leadership.close();
  }

  private UUID position(String symbol, long qty, long avgPrice) {
    UUID id = UUID.randomUUID();
    admin.useHandle(
        h ->
            h.execute(
                "INSERT INTO trade.positions (position_id, account_id, symbol, side, qty,"
                    + " avg_price, entry_ts, status) VALUES (?, 'acct', ?, 'LONG', ?, ?, ?, 'OPEN')",
                id,
                symbol,
                qty,
                avgPrice,
                clock.instant().minus(Duration.ofDays(2))));
    return id;
  }

  /** Writes the symbol's best price, as PriceSync would, at the clock's time. */
  private void price(String symbol, long price, int quality, boolean stale) {
    Instant now = clock.instant();
    admin.useHandle(
        h -> {
          h.execute(
              "INSERT INTO market.prices_best AS b (symbol, ts, source, last_price, freshness_ms,"
                  + " quality_score, updated_ts) VALUES (?, ?, 'KIS_WS', ?, 0, ?, ?)"
                  + " ON CONFLICT (symbol) DO UPDATE SET ts = EXCLUDED.ts,"
                  + " last_price = EXCLUDED.last_price, quality_score = EXCLUDED.quality_score",
              symbol,
              now,
              price,
              quality,
              now);
          h.execute(
              "INSERT INTO market.freshness AS f (symbol, best_ts, is_stale, stale_reason)"
                  + " VALUES (?, ?, ?, ?) ON CONFLICT (symbol) DO UPDATE SET"
                  + " best_ts = EXCLUDED.best_ts, is_stale = EXCLUDED.is_stale,"
                  + " stale_reason = EXCLUDED.stale_reason",
              symbol,
              now,
              stale,
              stale ? "NO_WS_DATA" : null);
        });
  }

  private void price(String symbol, long price) {
    price(symbol, price, 100, false);
  }

  private List<Map<String, Object>> intents(UUID position) {
    return admin.withHandle(
        h ->
            h.createQuery(
                    "SELECT intent_id, action_key, qty, order_type, limit_price, intent_type,"
                        + " reason_code, created_by, side FROM trade.order_intents"
                        + " WHERE position_id = ? ORDER BY created_ts, action_key")
                .bind(0, position)
                .mapToMap()
                .list());
  }

  private List<Map<String, Object>> signals(UUID position) {
    return admin.withHandle(
        h ->
            h.createQuery(
                    "SELECT rule_name, triggered, reason, intent_id, current_price"
                        + " FROM trade.exit_signals WHERE position_id = ? ORDER BY created_ts, ts")
                .bind(0, position)
                .mapToMap()
                .list());
  }

  private Map<String, Object> state(UUID position) {
    return admin.withHandle(
        h ->
            h.createQuery(
                    "SELECT s.phase, s.hwm_price, s.stop_floor_price, s.cooldown_until, s.entry_qty,"
                        + " s.atr, p.status FROM trade.position_state s JOIN trade.positions p"
                        + " USING (position_id) WHERE position_id = ?")
                .bind(0, position)
                .mapToMap()
                .one());
  }

  private ExitOutcome.Kind evaluate(String symbol) throws SQLException {
    List<ExitOutcome> outcomes = engine.priceChanged(Symbol.of(symbol));
    assertThat(outcomes).hasSize(1);
    return outcomes.get(0).kind();
  }

  @Test
  void a_stop_commits_its_intent_state_and_signal_together() throws SQLException {
    UUID id = position("000010", 100, 10_000);
    price("000010", 9_800);
    assertThat(evaluate("000010")).isEqualTo(ExitOutcome.Kind.ORDERED);

    List<Map<String, Object>> intents = intents(id);
    assertThat(intents).hasSize(1);
    assertThat(intents.get(0))
        .containsEntry("action_key", id + ":SL1")
        .containsEntry("qty", 50L)
        .containsEntry("order_type", "MKT")
        .containsEntry("limit_price", null)
        .containsEntry("intent_type", "EXIT_PARTIAL")
        .containsEntry("reason_code", "SL1")
        .containsEntry("side", "SELL")
        .containsEntry("created_by", "exit");
    Map<String, Object> state = state(id);
    assertThat(state).containsEntry("phase", "SL1_DONE").containsEntry("entry_qty", 100L);
    assertThat(state.get("cooldown_until")).isNotNull();
    List<Map<String, Object>> signals = signals(id);
    assertThat(signals).hasSize(1);
    assertThat(signals.get(0))
        .containsEntry("rule_name", "SL1")
        .containsEntry("triggered", true)
        .containsEntry("intent_id", intents.get(0).get("intent_id"));

    clock.advance(Duration.ofSeconds(1));
    price("000010", 9_790);
    assertThat(evaluate("000010")).isEqualTo(ExitOutcome.Kind.UNCHANGED);
    assertThat(intents(id)).as("SL1 once").hasSize(1);
  }

  @Test
  void a_full_exit_marks_the_position_closing() throws SQLException {
    UUID id = position("000020", 100, 10_000);
    price("000020", 9_600);
    assertThat(evaluate("000020")).isEqualTo(ExitOutcome.Kind.ORDERED);
    assertThat(intents(id))
        .singleElement()
        .satisfies(
            i -> assertThat(i).containsEntry("action_key", id + ":SL2").containsEntry("qty", 100L));
    assertThat(state(id)).containsEntry("phase", "CLOSING").containsEntry("status", "CLOSING");
    assertThat(signals(id)).extracting(s -> s.get("rule_name")).containsExactly("SL2", "SL1");
  }

  @Test
  void a_take_profit_is_a_limit_and_the_trail_uses_the_atr_of_the_daily_bars() throws SQLException {
    // 20 sessions before today, each 10,000..10,100 closing at 10,050: every true range is 100
    LocalDate day = LocalDate.of(2026, 12, 2);
    for (int i = 0; i < 20; i++) {
      LocalDate date = day;
      admin.useHandle(
          h ->
              h.execute(
                  "INSERT INTO observer.eod_prices (symbol, trade_date, open, high, low, close)"
                      + " VALUES ('000030', ?, 10050, 10100, 10000, 10050)",
                  date));
      day = TradingCalendar.krx().previousTradingDay(day);
    }
    UUID id = position("000030", 100, 10_000);
    price("000030", 10_500);
    assertThat(evaluate("000030")).isEqualTo(ExitOutcome.Kind.ORDERED);
    assertThat(intents(id))
        .singleElement()
        .satisfies(
            i ->
                assertThat(i)
                    .containsEntry("action_key", id + ":TP1")
                    .containsEntry("qty", 33L)
                    .containsEntry("order_type", "LMT")
                    .containsEntry("limit_price", new java.math.BigDecimal("10500")));
    assertThat(state(id).get("atr")).isEqualTo(new java.math.BigDecimal("100.0000"));
    admin.useHandle(
        h -> h.execute("UPDATE trade.positions SET qty = 67 WHERE position_id = ?", id));

    clock.advance(Duration.ofSeconds(61));
    price("000030", 10_800);
    assertThat(evaluate("000030")).isEqualTo(ExitOutcome.Kind.RECORDED);
    clock.advance(Duration.ofSeconds(1));
    // trail = 10,800 − 2 × 100 = 10,600
    price("000030", 10_600);
    assertThat(evaluate("000030")).isEqualTo(ExitOutcome.Kind.ORDERED);
    assertThat(intents(id))
        .extracting(i -> i.get("action_key"), i -> i.get("qty"), i -> i.get("order_type"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(id + ":TP1", 33L, "LMT"),
            org.assertj.core.groups.Tuple.tuple(id + ":TRAIL", 67L, "MKT"));
  }

  @Test
  void a_stale_or_poor_price_is_skipped_and_recorded_at_most_once_a_minute() throws SQLException {
    UUID id = position("000040", 100, 10_000);
    price("000040", 9_000, 100, true);
    assertThat(evaluate("000040")).isEqualTo(ExitOutcome.Kind.SKIP_RECORDED);
    clock.advance(Duration.ofSeconds(30));
    price("000040", 9_000, 40, false);
    assertThat(evaluate("000040")).isEqualTo(ExitOutcome.Kind.SKIPPED);
    clock.advance(Duration.ofSeconds(31));
    price("000040", 9_000, 40, false);
    assertThat(evaluate("000040")).isEqualTo(ExitOutcome.Kind.SKIP_RECORDED);
    assertThat(intents(id)).isEmpty();
    assertThat(signals(id))
        .extracting(s -> s.get("rule_name"), s -> s.get("reason"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("SKIP", "stale price (NO_WS_DATA)"),
            org.assertj.core.groups.Tuple.tuple("SKIP", "quality 40 below 50"));
  }

  @Test
  void a_price_older_than_the_max_age_is_stale() throws SQLException {
    UUID id = position("000050", 100, 10_000);
    price("000050", 9_000);
    clock.advance(Duration.ofSeconds(6));
    assertThat(evaluate("000050")).isEqualTo(ExitOutcome.Kind.SKIP_RECORDED);
    assertThat(intents(id)).isEmpty();
  }

  @Test
  void a_quiet_evaluation_is_written_on_change_or_once_a_minute() throws SQLException {
    UUID id = position("000060", 100, 10_000);
    price("000060", 10_100);
    assertThat(evaluate("000060")).isEqualTo(ExitOutcome.Kind.RECORDED);
    clock.advance(Duration.ofSeconds(1));
    price("000060", 10_050);
    assertThat(evaluate("000060")).isEqualTo(ExitOutcome.Kind.UNCHANGED);
    clock.advance(Duration.ofSeconds(1));
    price("000060", 10_200);
    assertThat(evaluate("000060")).as("a new HWM").isEqualTo(ExitOutcome.Kind.RECORDED);
    clock.advance(Duration.ofSeconds(60));
    price("000060", 10_150);
    assertThat(evaluate("000060"))
        .as("a minute since the last row")
        .isEqualTo(ExitOutcome.Kind.RECORDED);
    assertThat(signals(id))
        .extracting(s -> s.get("rule_name"), s -> s.get("triggered"))
        .containsOnly(org.assertj.core.groups.Tuple.tuple("EVALUATION", false))
        .hasSize(3);
    assertThat(state(id)).containsEntry("hwm_price", new java.math.BigDecimal("10200"));
  }

  @Test
  void a_fill_during_the_decision_means_re_evaluate_on_the_new_quantity() throws Exception {
    UUID id = position("000070", 100, 10_000);
    price("000070", 9_800);
    try (Connection fill = db.admin().getConnection()) {
      fill.setAutoCommit(false);
      try (Statement statement = fill.createStatement()) {
        statement.executeUpdate(
            "UPDATE trade.positions SET qty = 80 WHERE position_id = '" + id + "'");
      }
      CompletableFuture<ExitOutcome.Kind> decided =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return evaluate("000070");
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      Backends.awaitLockWait(db.admin());
      fill.commit();
      assertThat(decided.get()).isEqualTo(ExitOutcome.Kind.ORDERED);
    }
    assertThat(intents(id))
        .singleElement()
        .satisfies(
            i -> assertThat(i).containsEntry("qty", 40L).containsEntry("action_key", id + ":SL1"));
  }

  @Test
  void a_process_that_does_not_lead_writes_nothing() throws SQLException {
    UUID id = position("000080", 100, 10_000);
    price("000080", 9_000);
    try (Leadership standby = Leadership.elect(db, LeaderName.EXIT, "exit-standby", clock)) {
      assertThat(standby.isLeading()).isFalse();
      ExitEngine second =
          new ExitEngine(db, ExitConfig.defaults(), TradingCalendar.krx(), clock, standby);
      assertThat(second.priceChanged(Symbol.of("000080")))
          .singleElement()
          .satisfies(o -> assertThat(o.kind()).isEqualTo(ExitOutcome.Kind.NOT_LEADER));
    }
    assertThat(intents(id)).isEmpty();
    assertThat(signals(id)).isEmpty();
  }
}
