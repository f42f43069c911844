package io.krxtrader.trade.reentry;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.db.Database;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.system.LeaderName;
import io.krxtrader.system.Leadership;
import io.krxtrader.testkit.PostgresExtension;
import io.krxtrader.testkit.TestClock;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The re-entry engine on a real PostgreSQL: stopped positions, their exit intents, orders and fills
 * inserted as admin, as execution would leave them; each test its own symbol.
 */
@ExtendWith(PostgresExtension.class)
class ReentryEngineIT {

  private final Database db;
  private final Jdbi admin;
  private final TestClock clock =
      new TestClock(
          LocalDateTime.parse("2026-12-03T10:00:00").atZone(TradingCalendar.KST).toInstant());
  private final AtomicBoolean halted = new AtomicBoolean();
  private Leadership leadership;
  private ReentryEngine engine;

  ReentryEngineIT(Database db) {
    this.db = db;
    this.admin = Jdbi.create(db.admin());
  }

  @BeforeEach
  void start() {
    leadership = Leadership.elect(db, LeaderName.REENTRY, "reentry-it", clock);
    engine =
        new ReentryEngine(
            db,
            ReentryConfig.defaults(),
            TradingCalendar.krx(),
            clock,
            leadership,
            halted::get,
            ReentryRisk.ALLOW_ALL);
  }

  @AfterEach
  void stop() {
    leadership.close();
  }

  /** A position of 100 closed by {@code rule} at {@code price}, filled now. */
  private UUID stopped(String symbol, String rule, long price) {
    UUID position = UUID.randomUUID();
    UUID intent = UUID.randomUUID();
    Instant now = clock.instant();
    admin.useHandle(
        h -> {
          h.execute(
              "INSERT INTO trade.positions (position_id, account_id, symbol, side, qty, avg_price,"
                  + " entry_ts, status) VALUES (?, 'acct', ?, 'LONG', 0, 10400, ?, 'CLOSED')",
              position,
              symbol,
              now.minus(Duration.ofDays(1)));
          h.execute(
              "INSERT INTO trade.position_state (position_id, phase, entry_qty) VALUES (?,"
                  + " 'CLOSED', 100)",
              position);
          h.execute(
              "INSERT INTO trade.order_intents (intent_id, position_id, symbol, side, intent_type,"
                  + " qty, order_type, reason_code, action_key, status, created_by) VALUES (?, ?,"
                  + " ?, 'SELL', 'EXIT_FULL', 100, 'MKT', ?, ?, 'FILLED', 'exit')",
              intent,
              position,
              symbol,
              rule,
              position + ":" + rule);
          h.execute(
              "INSERT INTO trade.orders (order_id, intent_id, status) VALUES (?, ?, 'FILLED')",
              "o-" + position,
              intent);
          h.execute(
              "INSERT INTO trade.fills (fill_id, order_id, ts, qty, price) VALUES (?, ?, ?, 100,"
                  + " ?)",
              UUID.randomUUID(),
              "o-" + position,
              now,
              price);
        });
    return position;
  }

  private void price(String symbol, long price) {
    Instant now = clock.instant();
    admin.useHandle(
        h ->
            h.execute(
                "INSERT INTO market.prices_best AS b (symbol, ts, source, last_price, freshness_ms,"
                    + " quality_score) VALUES (?, ?, 'KIS_WS', ?, 0, 100) ON CONFLICT (symbol) DO"
                    + " UPDATE SET ts = EXCLUDED.ts, last_price = EXCLUDED.last_price",
                symbol,
                now,
                price));
  }

  private Map<String, Object> candidate(UUID origin) {
    return admin.withHandle(
        h ->
            h.createQuery(
                    "SELECT candidate_id, state, reentry_count, exit_price, cooldown_until,"
                        + " original_qty, last_note FROM trade.reentry_candidates"
                        + " WHERE origin_position_id = ?")
                .bind(0, origin)
                .mapToMap()
                .one());
  }

  private List<Map<String, Object>> entries(Object candidateId) {
    return admin.withHandle(
        h ->
            h.createQuery(
                    "SELECT action_key, qty, order_type, limit_price, side, intent_type,"
                        + " created_by FROM trade.order_intents WHERE candidate_id = ?")
                .bind(0, candidateId)
                .mapToMap()
                .list());
  }

  @Test
  void a_stop_makes_a_candidate_that_buys_back_half_after_the_cooldown_and_the_hold()
      throws SQLException {
    UUID origin = stopped("000110", "SL2", 10_000);
    assertThat(engine.scan().created()).isEqualTo(1);
    assertThat(engine.scan().created()).as("once per position").isZero();
    Map<String, Object> created = candidate(origin);
    assertThat(created)
        .containsEntry("state", "COOLDOWN")
        .containsEntry("original_qty", 100L)
        .containsEntry("exit_price", new BigDecimal("10000.0000000000000000"));

    clock.advance(Duration.ofMinutes(30));
    price("000110", 10_100);
    engine.scan();
    assertThat(candidate(origin)).containsEntry("state", "WATCHING");
    clock.advance(Duration.ofSeconds(30));
    price("000110", 10_100);
    assertThat(engine.scan().ordered()).isEqualTo(1);
    Object id = created.get("candidate_id");
    assertThat(entries(id))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e)
                    .containsEntry("action_key", id + ":ENTRY:1")
                    .containsEntry("qty", 50L)
                    .containsEntry("order_type", "LMT")
                    .containsEntry("limit_price", new BigDecimal("10100"))
                    .containsEntry("side", "BUY")
                    .containsEntry("intent_type", "ENTRY")
                    .containsEntry("created_by", "reentry"));
    assertThat(candidate(origin))
        .containsEntry("state", "ENTERED")
        .containsEntry("reentry_count", 1);
  }

  @Test
  void a_take_profit_exit_makes_no_candidate() throws SQLException {
    stopped("000120", "TP3", 11_500);
    assertThat(engine.scan().created()).isZero();
  }

  @Test
  void while_entries_are_halted_nothing_is_bought_and_the_note_says_why() throws SQLException {
    UUID origin = stopped("000130", "TRAIL", 10_000);
    engine.scan();
    clock.advance(Duration.ofMinutes(30));
    price("000130", 10_200);
    engine.scan();
    halted.set(true);
    clock.advance(Duration.ofSeconds(30));
    price("000130", 10_200);
    assertThat(engine.scan().ordered()).isZero();
    assertThat(candidate(origin))
        .containsEntry("state", "WATCHING")
        .containsEntry("last_note", "entries are halted");
    assertThat(entries(candidate(origin).get("candidate_id"))).isEmpty();
    halted.set(false);
    clock.advance(Duration.ofSeconds(1));
    price("000130", 10_200);
    assertThat(engine.scan().ordered()).isEqualTo(1);
  }

  @Test
  void a_candidate_expires_at_the_close() throws SQLException {
    UUID origin = stopped("000140", "GAP", 10_000);
    engine.scan();
    clock.set(LocalDateTime.parse("2026-12-03T15:30:00").atZone(TradingCalendar.KST).toInstant());
    engine.scan();
    assertThat(candidate(origin)).containsEntry("state", "EXPIRED");
  }
}
