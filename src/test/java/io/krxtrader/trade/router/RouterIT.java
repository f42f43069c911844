package io.krxtrader.trade.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.krxtrader.config.Settings;
import io.krxtrader.db.Database;
import io.krxtrader.krx.Universe;
import io.krxtrader.system.LeaderName;
import io.krxtrader.system.Leadership;
import io.krxtrader.system.StaleTermException;
import io.krxtrader.testkit.PostgresExtension;
import io.krxtrader.testkit.TestClock;
import io.krxtrader.trade.EntriesHalted;
import io.krxtrader.trade.risk.LatestSnapshotBalance;
import io.krxtrader.trade.risk.RiskConfig;
import io.krxtrader.trade.risk.RiskGate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gates, merge and decisions against a real PostgreSQL on a test clock (2026-01-22, KST): every
 * decision is one pick_decisions row, a PASS one ENTRY intent with the deciding pick's key.
 */
@ExtendWith(PostgresExtension.class)
class RouterIT {

  private static final long EQUITY = 100_000_000;
  private final Database db;
  private final Jdbi admin;
  private final TestClock clock = TestClock.kst("08:40:00");
  private final AtomicBoolean halted = new AtomicBoolean();
  private Leadership leadership;
  private int runs;

  RouterIT(Database db) {
    this.db = db;
    this.admin = Jdbi.create(db.admin());
  }

  @BeforeEach
  void clean() {
    admin.useHandle(
        h -> {
          h.execute(
              "TRUNCATE trade.pick_decisions, trade.picks, trade.pick_runs, trade.pick_producers,"
                  + " trade.order_intents, trade.positions, trade.reentry_candidates,"
                  + " market.prices_best, observer.eod_prices, portfolio.portfolio_snapshot,"
                  + " portfolio.portfolio_policy CASCADE");
          h.execute(
              "INSERT INTO portfolio.portfolio_policy (policy_id, name, rebalance_freq,"
                  + " max_position_pct) VALUES ('p', 'p', 'daily', 0.1)");
          h.execute(
              "INSERT INTO portfolio.portfolio_snapshot (policy_id, snapshot_time, total_value,"
                  + " cash, invested_value) VALUES ('p', ?, ?, ?, 0)",
              Instant.parse("2026-01-21T07:00:00Z"),
              EQUITY,
              EQUITY);
        });
    leadership = Leadership.elect(db, LeaderName.ROUTER, "router-test", clock);
  }

  @AfterEach
  void close() {
    leadership.close();
  }

  private Router router(Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(settings);
    RouterConfig config = RouterConfig.from(Settings.of(all), Path.of("/tmp/issue15-home"));
    return new Router(
        db,
        config,
        new RiskGate(RiskConfig.defaults(), new LatestSnapshotBalance()),
        leadership,
        halted::get,
        clock,
        Universe.defaultUniverse());
  }

  private Router router() {
    return router(Map.of());
  }

  private void submit(String producer, String asof, String picks) {
    runs++;
    String json =
        """
        {"producer_id": "%s", "run_id": "run%d", "run_date": "2026-01-22",
         "asof_ts": "2026-01-22T%s+09:00", "picks": [%s]}
        """
            .formatted(producer, runs, asof, picks);
    Submission outcome =
        new PickIntake(db, PickRunParser.standard(), clock)
            .submit(json.getBytes(StandardCharsets.UTF_8), "r.json", RunSource.CLI);
    assertThat(outcome).isInstanceOf(Submission.Accepted.class);
  }

  private static String pick(String symbol, int score) {
    return "{\"symbol\": \"%s\", \"side\": \"LONG\", \"score\": %d, \"confidence\": \"HIGH\"}"
        .formatted(symbol, score);
  }

  /** A best price {@code ageMillis} old at the clock's time, and a previous close of 70,000. */
  private void price(String symbol, long last, Long bid, Long ask, int quality, long ageMillis) {
    admin.useHandle(
        h -> {
          h.execute(
              "INSERT INTO market.prices_best (symbol, ts, source, last_price, bid, ask,"
                  + " freshness_ms, quality_score) VALUES (?, ?, 'KIS_WS', ?, ?, ?, ?, ?)"
                  + " ON CONFLICT (symbol) DO UPDATE SET ts = EXCLUDED.ts,"
                  + " last_price = EXCLUDED.last_price, bid = EXCLUDED.bid, ask = EXCLUDED.ask,"
                  + " quality_score = EXCLUDED.quality_score",
              symbol,
              clock.instant().minusMillis(ageMillis),
              last,
              bid,
              ask,
              ageMillis,
              quality);
          h.execute(
              "INSERT INTO observer.eod_prices (symbol, trade_date, close) VALUES (?, ?, 70000)"
                  + " ON CONFLICT DO NOTHING",
              symbol,
              java.time.LocalDate.parse("2026-01-21"));
        });
  }

  private void freshPrice(String symbol) {
    price(symbol, 71_000L, 70_900L, 71_000L, 100, 200);
  }

  private Map<String, Object> decision(String symbol) {
    return admin.withHandle(
        h ->
            h.createQuery(
                    "SELECT d.*, i.action_key, i.qty, i.limit_price, i.created_by"
                        + " FROM trade.pick_decisions d"
                        + " LEFT JOIN trade.order_intents i ON i.intent_id = d.intent_id"
                        + " WHERE d.symbol = ?")
                .bind(0, symbol)
                .mapToMap()
                .one());
  }

  private List<String> pickStates(String symbol) {
    return admin.withHandle(
        h ->
            h.createQuery(
                    "SELECT producer_id || ' ' || status || coalesce(' ' || reject_reason, '')"
                        + " FROM trade.picks WHERE symbol = ? ORDER BY producer_id")
                .bind(0, symbol)
                .mapTo(String.class)
                .list());
  }

  private long intents() {
    return admin.withHandle(
        h -> h.createQuery("SELECT count(*) FROM trade.order_intents").mapTo(Long.class).one());
  }

  private void at(String time) {
    clock.set(Instant.parse("2026-01-22T" + time + "+09:00"));
  }

  @Test
  void a_symbol_whose_decision_fails_loses_nothing_of_the_others_and_is_decided_next_pass()
      throws SQLException {
    at("09:00:00");
    submit("3000", "08:55:00", pick("005930", 80) + "," + pick("000660", 80));
    freshPrice("005930");
    freshPrice("000660");
    // The database refuses one symbol's decision row, as a broken constraint or a full disk would.
    admin.useHandle(
        h -> {
          h.execute(
              "CREATE FUNCTION public.refuse_000660() RETURNS trigger LANGUAGE plpgsql AS"
                  + " $$ BEGIN IF NEW.symbol = '000660' THEN RAISE EXCEPTION 'refused for the test';"
                  + " END IF; RETURN NEW; END $$");
          h.execute(
              "CREATE TRIGGER refuse BEFORE INSERT ON trade.pick_decisions"
                  + " FOR EACH ROW EXECUTE FUNCTION public.refuse_000660()");
        });
    Router router = router();
    try {
      assertThat(router.decideOnce()).isEqualTo(new Router.PassReport(true, 1, 0, 0));
      assertThat(decision("005930")).containsEntry("final_decision", "PASS");
      assertThat(pickStates("000660")).containsExactly("3000 ACTIVE");
    } finally {
      admin.useHandle(
          h -> {
            h.execute("DROP TRIGGER refuse ON trade.pick_decisions");
            h.execute("DROP FUNCTION public.refuse_000660()");
          });
    }
    assertThat(router.decideOnce()).isEqualTo(new Router.PassReport(true, 1, 0, 0));
    assertThat(decision("000660")).containsEntry("final_decision", "PASS");
    assertThat(intents()).isEqualTo(2);
  }

  @Test
  void a_pick_before_the_open_waits_then_becomes_an_entry_intent_at_0900() throws SQLException {
    submit("3000", "08:35:00", pick("005930", 80));
    Router router = router();
    assertThat(router.decideOnce()).isEqualTo(new Router.PassReport(true, 0, 0, 1));
    assertThat(pickStates("005930")).containsExactly("3000 ACTIVE");
    at("09:00:00");
    freshPrice("005930");
    assertThat(router.decideOnce()).isEqualTo(new Router.PassReport(true, 1, 0, 0));
    Map<String, Object> d = decision("005930");
    assertThat(d)
        .containsEntry("final_decision", "PASS")
        .containsEntry("method", "PRIORITY")
        .containsEntry("gate1_result", "PASS")
        .containsEntry("gate2_result", "PASS")
        .containsEntry("gate3_result", "PASS")
        .containsEntry("producer_count", 1)
        .containsEntry("router_version", "router-1")
        .containsEntry("action_key", "ENTRY:20260122:005930:3000:run1")
        .containsEntry("created_by", "router");
    // floor(100,000,000 x 10 % / 71,000 ask) = 140
    assertThat(((Number) d.get("qty")).longValue()).isEqualTo(140);
    assertThat(((Number) d.get("limit_price")).longValue()).isEqualTo(71_000);
    assertThat(pickStates("005930")).containsExactly("3000 PASSED");
    // decided once: another pass does nothing
    assertThat(router.decideOnce()).isEqualTo(new Router.PassReport(true, 0, 0, 0));
    assertThat(intents()).isEqualTo(1);
  }

  @Test
  void a_price_not_fresh_yet_is_waited_for_until_the_deadline_then_rejected() throws SQLException {
    submit("3000", "08:50:00", pick("005930", 80));
    at("09:01:00");
    price("005930", 71_000, 70_900L, 71_000L, 100, 10_000);
    Router router = router();
    assertThat(router.decideOnce().waiting()).isEqualTo(1);
    at("09:05:00"); // the deadline: 09:00 + router.price-wait 5 min
    price("005930", 71_000, 70_900L, 71_000L, 100, 6_000);
    assertThat(router.decideOnce().rejected()).isEqualTo(1);
    assertThat(decision("005930"))
        .containsEntry("final_decision", "REJECT")
        .containsEntry("reject_reason", "GATE3 PRICE_NOT_FRESH");
    assertThat((String) decision("005930").get("gate3_result")).startsWith("FAIL PRICE_NOT_FRESH");
    assertThat(pickStates("005930")).containsExactly("3000 REJECTED GATE3 PRICE_NOT_FRESH");
  }

  @Test
  void gate1_failures_are_recorded_on_each_pick_and_the_decision() throws SQLException {
    admin.useHandle(
        h ->
            h.execute(
                "INSERT INTO trade.positions (position_id, account_id, symbol, side, qty,"
                    + " avg_price, entry_ts, status) VALUES (gen_random_uuid(), 'a', '000660',"
                    + " 'LONG', 1, 1, now(), 'OPEN')"));
    submit("3000", "08:50:00", pick("005930", 120) + "," + pick("000660", 80));
    submit("3001", "08:10:00", pick("005930", 70));
    submit("3002", "08:55:00", pick("ZZZZZZ", 70));
    at("09:00:30");
    router().decideOnce();
    assertThat(pickStates("005930"))
        .containsExactly(
            "3000 REJECTED GATE1 SCORE_OUT_OF_RANGE (score=120 range=0..100)",
            "3001 REJECTED GATE1 ASOF_STALE (age=3030s max=1800s)");
    assertThat(decision("005930"))
        .containsEntry("final_decision", "REJECT")
        .containsEntry("producer_count", 0);
    assertThat((String) decision("005930").get("reject_reason"))
        .isEqualTo(
            "GATE1 3000: GATE1 SCORE_OUT_OF_RANGE (score=120 range=0..100); 3001: GATE1 ASOF_STALE"
                + " (age=3030s max=1800s)");
    assertThat(pickStates("000660"))
        .containsExactly("3000 REJECTED GATE1 POSITION_OPEN (symbol=000660)");
    assertThat(pickStates("ZZZZZZ"))
        .containsExactly("3002 REJECTED GATE1 UNKNOWN_SYMBOL (symbol=ZZZZZZ)");
    assertThat(intents()).isZero();
  }

  @Test
  void priority_lets_the_highest_priority_producer_decide_and_ignores_one_that_failed_gate1()
      throws SQLException {
    Map<String, String> settings =
        Map.of(
            "router.producers", "3000,3001,3002",
            "router.producer.3000.priority", "1",
            "router.producer.3001.priority", "5",
            "router.producer.3002.priority", "9",
            "router.producer.3002.score-max", "50");
    submit("3000", "08:50:00", pick("005930", 90));
    submit("3001", "08:50:00", pick("005930", 65));
    submit("3002", "08:50:00", pick("005930", 70)); // out of its range: fails gate 1
    at("09:00:00");
    freshPrice("005930");
    router(settings).decideOnce();
    Map<String, Object> d = decision("005930");
    assertThat(d)
        .containsEntry("final_decision", "PASS")
        .containsEntry("producer_count", 2)
        .containsEntry("action_key", "ENTRY:20260122:005930:3001:run2");
    assertThat(((Number) d.get("final_score")).intValue()).isEqualTo(65);
    assertThat(pickStates("005930"))
        .containsExactly(
            "3000 PASSED",
            "3001 PASSED",
            "3002 REJECTED GATE1 SCORE_OUT_OF_RANGE (score=70 range=0..50)");
  }

  @Test
  void weighted_needs_a_weighted_mean_of_60() throws SQLException {
    Map<String, String> settings =
        Map.of(
            "router.merge", "weighted",
            "router.producers", "3000,3001",
            "router.producer.3000.weight", "3",
            "router.producer.3001.weight", "1");
    submit("3000", "08:50:00", pick("005930", 70) + "," + pick("000660", 50));
    submit("3001", "08:50:00", pick("005930", 40) + "," + pick("000660", 90));
    at("09:00:00");
    freshPrice("005930");
    freshPrice("000660");
    router(settings).decideOnce();
    // 005930: (3 x 70 + 40) / 4 = 62.5 -> PASS, decided by 3000 (largest weight x score)
    assertThat(decision("005930"))
        .containsEntry("final_decision", "PASS")
        .containsEntry("action_key", "ENTRY:20260122:005930:3000:run1");
    // 000660: (3 x 50 + 90) / 4 = 60 -> PASS at exactly the threshold
    assertThat(decision("000660")).containsEntry("final_decision", "PASS");
    assertThat(((Number) decision("000660").get("final_score")).doubleValue()).isEqualTo(60.0);
  }

  @Test
  void weighted_below_the_threshold_is_rejected_by_the_merge() throws SQLException {
    submit("3000", "08:50:00", pick("005930", 59));
    at("09:00:00");
    freshPrice("005930");
    router(Map.of("router.merge", "weighted")).decideOnce();
    assertThat(decision("005930"))
        .containsEntry("final_decision", "REJECT")
        .containsEntry("reject_reason", "MERGE WEIGHTED_BELOW_THRESHOLD (mean=59 threshold=60)");
  }

  @Test
  void consensus_needs_two_producers() throws SQLException {
    submit("3000", "08:50:00", pick("005930", 80) + "," + pick("000660", 80));
    submit("3001", "08:50:00", pick("005930", 60));
    at("09:00:00");
    freshPrice("005930");
    freshPrice("000660");
    router(Map.of("router.merge", "consensus")).decideOnce();
    assertThat(decision("005930")).containsEntry("final_decision", "PASS");
    assertThat(((Number) decision("005930").get("final_score")).intValue()).isEqualTo(70);
    assertThat(decision("000660"))
        .containsEntry("final_decision", "REJECT")
        .containsEntry("reject_reason", "MERGE CONSENSUS_TOO_FEW (producers=1 needed=2)");
  }

  @Test
  void market_gate_failures_each_have_their_reason() throws SQLException {
    submit(
        "3000",
        "08:50:00",
        String.join(
            ",", pick("005930", 80), pick("000660", 80), pick("373220", 80), pick("035420", 80)));
    at("09:00:00");
    price("005930", 71_000, 70_900L, 71_000L, 40, 100); // quality 40: not fresh; deadline passes
    price("000660", 89_500, null, null, 100, 100); // upper limit 91,000: within 2 %
    price("373220", 71_000, 70_000L, 71_000L, 100, 100); // spread 1.4 %
    price("035420", 49_900, null, null, 100, 100); // lower limit 49,000: within 2 %
    Router router = router(Map.of("router.price-wait", "0s"));
    router.decideOnce();
    assertThat(decision("005930").get("reject_reason")).isEqualTo("GATE3 PRICE_NOT_FRESH");
    assertThat(decision("000660").get("reject_reason")).isEqualTo("GATE3 NEAR_UPPER_LIMIT");
    assertThat(decision("373220").get("reject_reason")).isEqualTo("GATE3 SPREAD_TOO_WIDE");
    assertThat(decision("035420").get("reject_reason")).isEqualTo("GATE3 NEAR_LOWER_LIMIT");
    assertThat((String) decision("000660").get("gate3_result"))
        .isEqualTo("FAIL NEAR_UPPER_LIMIT (price=89500 upper=91000)");
  }

  @Test
  void after_1520_a_pick_is_rejected_outside_the_entry_window() throws SQLException {
    at("15:10:00");
    submit("3000", "15:05:00", pick("005930", 80));
    at("15:20:00");
    freshPrice("005930");
    router().decideOnce();
    assertThat(decision("005930").get("reject_reason")).isEqualTo("GATE3 AFTER_ENTRY_WINDOW");
  }

  @Test
  void risk_gate_failures_are_recorded_as_gate2() throws SQLException {
    admin.useHandle(
        h ->
            h.execute(
                "INSERT INTO trade.reentry_candidates (candidate_id, symbol, origin_position_id,"
                    + " exit_reason, exit_ts, exit_price, cooldown_until, state) VALUES"
                    + " (gen_random_uuid(), '005930', gen_random_uuid(), 'SL2', ?, 70000, ?,"
                    + " 'EXHAUSTED')",
                Instant.parse("2026-01-22T00:10:00Z"),
                Instant.parse("2026-01-22T00:40:00Z")));
    submit("3000", "08:50:00", pick("005930", 80));
    at("09:00:00");
    freshPrice("005930");
    router().decideOnce();
    assertThat(decision("005930"))
        .containsEntry("reject_reason", "GATE2 STOPPED_OUT_TODAY")
        .containsEntry("gate2_result", "FAIL STOPPED_OUT_TODAY (symbol=005930)")
        .containsEntry("gate3_result", "PASS");
  }

  @Test
  void at_most_five_entries_a_day_then_gate2_refuses() throws SQLException {
    List<String> symbols = List.of("005930", "000660", "373220", "035420", "005380", "000270");
    StringBuilder picks = new StringBuilder();
    for (String symbol : symbols) {
      picks.append(picks.isEmpty() ? "" : ",").append(pick(symbol, 80));
    }
    submit("3000", "08:50:00", picks.toString());
    at("09:00:00");
    for (String symbol : symbols) {
      freshPrice(symbol);
    }
    assertThat(router().decideOnce()).isEqualTo(new Router.PassReport(true, 5, 1, 0));
    assertThat(decision("005930").get("final_decision")).isEqualTo("PASS");
    // symbols are decided in code order: 000270 000660 005380 005930 035420, then 373220
    assertThat(decision("373220").get("reject_reason")).isEqualTo("GATE2 MAX_ENTRIES_PER_DAY");
    assertThat(intents()).isEqualTo(5);
  }

  @Test
  void without_a_balance_gate2_fails() throws SQLException {
    admin.useHandle(h -> h.execute("DELETE FROM portfolio.portfolio_snapshot"));
    submit("3000", "08:50:00", pick("005930", 80));
    at("09:00:00");
    freshPrice("005930");
    router().decideOnce();
    assertThat(decision("005930").get("reject_reason")).isEqualTo("GATE2 NO_BALANCE");
  }

  @Test
  void a_halt_rejects_with_halted_after_every_gate_passed() throws SQLException {
    submit("3000", "08:50:00", pick("005930", 80));
    at("09:00:00");
    freshPrice("005930");
    halted.set(true);
    router().decideOnce();
    assertThat(decision("005930"))
        .containsEntry("final_decision", "REJECT")
        .containsEntry("reject_reason", "HALTED")
        .containsEntry("gate2_result", "PASS");
    assertThat(intents()).isZero();
  }

  @Test
  void a_router_that_is_not_leading_does_nothing_and_a_stale_term_writes_nothing()
      throws SQLException {
    submit("3000", "08:50:00", pick("005930", 80));
    at("09:00:00");
    freshPrice("005930");
    Router first = router();
    try (Leadership standby = Leadership.elect(db, LeaderName.ROUTER, "router-standby", clock)) {
      assertThat(standby.isLeading()).isFalse();
      Router second =
          new Router(
              db,
              RouterConfig.defaults(Path.of("/tmp/issue15-home")),
              new RiskGate(RiskConfig.defaults(), new LatestSnapshotBalance()),
              standby,
              EntriesHalted.NEVER,
              clock,
              Universe.defaultUniverse());
      assertThat(second.decideOnce().leading()).isFalse();
      // the first leader's connection dies without it knowing; the standby takes over
      io.krxtrader.testkit.Backends.terminate(db.admin(), leadership.backendPid().getAsInt());
      clock.advance(Duration.ofSeconds(1));
      org.awaitility.Awaitility.await().until(() -> standby.tick() instanceof Leadership.Leading);
      assertThatThrownBy(first::decideOnce).isInstanceOf(StaleTermException.class);
      assertThat(pickStates("005930")).containsExactly("3000 ACTIVE");
      assertThat(second.decideOnce().passed()).isEqualTo(1);
    }
    assertThat(intents()).isEqualTo(1);
  }

  @Test
  void the_other_gate1_conditions_each_have_their_reason() throws SQLException {
    admin.useHandle(
        h ->
            h.execute(
                "INSERT INTO trade.reentry_candidates (candidate_id, symbol, origin_position_id,"
                    + " exit_reason, exit_ts, exit_price, cooldown_until, state) VALUES"
                    + " (gen_random_uuid(), '373220', gen_random_uuid(), 'TRAIL', ?, 70000, ?,"
                    + " 'WATCHING')",
                Instant.parse("2026-01-21T05:00:00Z"),
                Instant.parse("2026-01-21T05:30:00Z")));
    submit("3000", "08:55:00", pick("373220", 80));
    submit("3001", "09:10:00", pick("005930", 80)); // ahead of the clock
    String yesterday =
        """
        {"producer_id": "3002", "run_id": "y1", "run_date": "2026-01-22",
         "asof_ts": "2026-01-21T15:00:00+09:00", "picks": [%s]}
        """
            .formatted(pick("000660", 80));
    assertThat(
            new PickIntake(db, PickRunParser.standard(), clock)
                .submit(yesterday.getBytes(StandardCharsets.UTF_8), "y.json", RunSource.CLI))
        .isInstanceOf(Submission.Accepted.class);
    at("09:00:00");
    router().decideOnce();
    assertThat(pickStates("373220"))
        .containsExactly("3000 REJECTED GATE1 REENTRY_CANDIDATE_LIVE (symbol=373220)");
    assertThat(pickStates("005930").get(0)).startsWith("3001 REJECTED GATE1 ASOF_IN_FUTURE");
    assertThat(pickStates("000660").get(0)).startsWith("3002 REJECTED GATE1 NOT_TODAY");
  }

  @Test
  void the_other_gate2_and_gate3_conditions_each_have_their_reason() throws SQLException {
    admin.useHandle(
        h -> {
          for (int i = 0; i < 10; i++) {
            h.execute(
                "INSERT INTO trade.positions (position_id, account_id, symbol, side, qty,"
                    + " avg_price, entry_ts, status) VALUES (gen_random_uuid(), 'a', ?, 'LONG', 1,"
                    + " 1, now(), 'OPEN')",
                "90000" + i);
          }
        });
    submit("3000", "08:55:00", pick("005930", 80));
    at("09:00:00");
    freshPrice("005930");
    router().decideOnce();
    assertThat(decision("005930"))
        .containsEntry("reject_reason", "GATE2 MAX_OPEN_POSITIONS")
        .containsEntry("gate2_result", "FAIL MAX_OPEN_POSITIONS (open=10 max=10)");

    admin.useHandle(
        h -> {
          h.execute("DELETE FROM trade.positions");
          h.execute("UPDATE portfolio.portfolio_snapshot SET cash = 1000000");
          h.execute(
              "INSERT INTO observer.eod_prices (symbol, trade_date, close) VALUES"
                  + " ('373220', '2026-01-21', 12000000)");
        });
    submit(
        "3000",
        "09:00:00",
        pick("000660", 80) + "," + pick("373220", 80) + "," + pick("035420", 80));
    freshPrice("000660");
    price("373220", 12_000_000, null, null, 100, 100);
    freshPrice("035420");
    admin.useHandle(h -> h.execute("DELETE FROM observer.eod_prices WHERE symbol = '035420'"));
    router().decideOnce();
    assertThat(decision("000660").get("reject_reason")).isEqualTo("GATE2 INSUFFICIENT_CASH");
    assertThat(decision("373220").get("reject_reason")).isEqualTo("GATE2 POSITION_TOO_LARGE");
    assertThat(decision("035420").get("reject_reason")).isEqualTo("GATE3 NO_PREVIOUS_CLOSE");
    assertThat(intents()).isZero();
  }
}
