package io.krxtrader.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.config.Settings;
import io.krxtrader.db.Database;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.market.MarketConfig;
import io.krxtrader.system.LeaderName;
import io.krxtrader.system.Leadership;
import io.krxtrader.testkit.PostgresExtension;
import io.krxtrader.testkit.TestClock;
import io.krxtrader.trade.EntriesHalted;
import io.krxtrader.trade.exit.ExitConfig;
import io.krxtrader.trade.exit.ExitEngine;
import io.krxtrader.trade.reentry.ReentryConfig;
import io.krxtrader.trade.reentry.ReentryEngine;
import io.krxtrader.trade.reentry.ReentryRisk;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A live day built in a real database by the real engines (the exit engine on each price of a path,
 * the re-entry engine's scan every 5 s of virtual time, fills written as execution would), then
 * replayed from {@code market.prices_ticks}: identical; with one stored tick or one configuration
 * value changed, the replay names the difference.
 */
@ExtendWith(PostgresExtension.class)
class ReplayIT {

  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
  private static final Duration SCAN = Duration.ofSeconds(5);
  private static final String STOPPED = "005930";
  private static final String RISING = "000660";
  private static final String UNHELD = "035420";

  private final Database db;
  private final Jdbi admin;
  private final ReentryConfig reentry =
      ReentryConfig.from(Settings.of(Map.of(ReentryConfig.COOLDOWN, "2m")));
  // the live day is built once for the class (its methods share the class's database)
  private static UUID stopped;
  private static UUID rising;
  private static Instant sl1Tick;

  ReplayIT(Database db) {
    this.db = db;
    this.admin = Jdbi.create(db.admin());
  }

  private static Instant kst(String time) {
    return LocalDateTime.parse(DAY + "T" + time).atZone(TradingCalendar.KST).toInstant();
  }

  @BeforeEach
  void liveDay() throws SQLException {
    if (stopped != null) {
      return;
    }
    admin.useHandle(
        h ->
            h.execute(
                "SELECT system.ensure_day_partitions('market.prices_ticks'::regclass, ?, ?)",
                DAY,
                DAY));
    TestClock clock = new TestClock(kst("09:59:00"));
    UUID stoppedId = position(STOPPED, 100, 10_000);
    rising = position(RISING, 30, 20_000);
    stopped = stoppedId;
    try (Leadership exitLeader = Leadership.elect(db, LeaderName.EXIT, "replay-it", clock);
        Leadership reentryLeader = Leadership.elect(db, LeaderName.REENTRY, "replay-it", clock)) {
      ExitEngine exit =
          new ExitEngine(db, ExitConfig.defaults(), TradingCalendar.krx(), clock, exitLeader);
      ReentryEngine reentries =
          new ReentryEngine(
              db,
              reentry,
              TradingCalendar.krx(),
              clock,
              reentryLeader,
              EntriesHalted.NEVER,
              ReentryRisk.ALLOW_ALL);
      Instant t = kst("10:00:00");
      long[] stoppedPath = {10_000, 10_050, 9_850, 9_790, 9_760, 9_700, 9_640};
      long[] risingPath = {20_000, 20_500, 21_000, 21_200, 21_500, 21_800, 22_000};
      Instant lastScan = Instant.EPOCH;
      for (int i = 0; i < stoppedPath.length; i++) {
        lastScan = scans(clock, reentries, lastScan, t);
        tick(clock, exit, t, STOPPED, stoppedPath[i]);
        tick(clock, exit, t.plusMillis(300), UNHELD, 50_000 + i * 100);
        tick(clock, exit, t.plusMillis(500), RISING, risingPath[i]);
        if (stoppedPath[i] == 9_790) {
          sl1Tick = t;
          fill(stopped, STOPPED + "", ":SL1", t.plusSeconds(1), 50, 9_790);
        }
        if (stoppedPath[i] == 9_640) {
          fill(stopped, STOPPED, ":SL2", t.plusSeconds(1), 50, 9_640);
        }
        t = t.plusSeconds(40);
      }
      // after the stop-out the price comes back above exit × 1.01 and holds: a re-entry
      for (int i = 0; i < 120; i++) {
        lastScan = scans(clock, reentries, lastScan, t);
        tick(clock, exit, t, STOPPED, 9_800 + (i % 3) * 10);
        t = t.plusSeconds(2);
      }
    }
    assertThat(count("SELECT count(*) FROM trade.order_intents WHERE intent_type = 'ENTRY'"))
        .isEqualTo(1);
  }

  private UUID position(String symbol, long qty, long avg) {
    UUID id = UUID.randomUUID();
    admin.useHandle(
        h ->
            h.execute(
                "INSERT INTO trade.positions (position_id, account_id, symbol, side, qty,"
                    + " avg_price, entry_ts, status) VALUES (?, 'acct', ?, 'LONG', ?, ?, ?, 'OPEN')",
                id,
                symbol,
                qty,
                avg,
                kst("10:00:00").minus(Duration.ofDays(3))));
    return id;
  }

  /** The re-entry scans due up to {@code until}, at multiples of 5 s as the replay's. */
  private static Instant scans(TestClock clock, ReentryEngine engine, Instant last, Instant until)
      throws SQLException {
    long step = SCAN.toMillis();
    long from =
        Math.max(last.toEpochMilli() + step, Math.floorDiv(until.toEpochMilli(), step) * step);
    Instant at = last;
    for (long ms = from - from % step; ms <= until.toEpochMilli(); ms += step) {
      at = Instant.ofEpochMilli(ms);
      clock.set(at);
      engine.scan();
    }
    return at;
  }

  /** One price as PriceSync stores it (tick, best price, freshness), then the exit engine. */
  private void tick(TestClock clock, ExitEngine exit, Instant ts, String symbol, long price)
      throws SQLException {
    admin.useHandle(
        h -> {
          h.execute(
              "INSERT INTO market.prices_ticks (ts, symbol, source, last_price)"
                  + " VALUES (?, ?, 'KIS_WS', ?)",
              ts,
              symbol,
              price);
          h.execute(
              "INSERT INTO market.prices_best AS b (symbol, ts, source, last_price, freshness_ms,"
                  + " quality_score, updated_ts) VALUES (?, ?, 'KIS_WS', ?, 0, 100, ?)"
                  + " ON CONFLICT (symbol) DO UPDATE SET ts = EXCLUDED.ts,"
                  + " last_price = EXCLUDED.last_price, quality_score = EXCLUDED.quality_score",
              symbol,
              ts,
              price,
              ts);
          h.execute(
              "INSERT INTO market.freshness AS f (symbol, best_ts, is_stale) VALUES (?, ?, false)"
                  + " ON CONFLICT (symbol) DO UPDATE SET best_ts = EXCLUDED.best_ts",
              symbol,
              ts);
        });
    clock.set(ts);
    exit.priceChanged(Symbol.of(symbol));
  }

  /** Execution's part: the intent of {@code key} filled, the position moved. */
  private void fill(UUID position, String symbol, String key, Instant ts, long qty, long price) {
    admin.useHandle(
        h -> {
          UUID intent =
              h.createQuery("SELECT intent_id FROM trade.order_intents WHERE action_key = ?")
                  .bind(0, position + key)
                  .mapTo(UUID.class)
                  .one();
          String order = "o-" + intent;
          h.execute(
              "INSERT INTO trade.orders (order_id, intent_id, status) VALUES (?, ?, 'FILLED')",
              order,
              intent);
          h.execute(
              "INSERT INTO trade.fills (fill_id, order_id, ts, qty, price, side, position_id)"
                  + " VALUES (?, ?, ?, ?, ?, 'SELL', ?)",
              UUID.randomUUID(),
              order,
              ts,
              qty,
              price,
              position);
          h.execute(
              "UPDATE trade.positions SET qty = qty - ?,"
                  + " status = CASE WHEN qty - ? <= 0 THEN 'CLOSED' ELSE status END"
                  + " WHERE position_id = ?",
              qty,
              qty,
              position);
        });
  }

  private long count(String sql) {
    return admin.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  private ReplayResult replay(ExitConfig config) throws SQLException {
    ReplayDay day = new DayLoader(db, config).load(DAY);
    return new Replayer(
            config,
            reentry,
            MarketConfig.defaults(),
            TradingCalendar.krx(),
            SCAN,
            Replayer.FillMode.LIVE)
        .run(day, done -> {});
  }

  @Test
  void a_replay_of_the_live_day_is_identical_and_two_replays_give_the_same_bytes()
      throws SQLException {
    ReplayResult live = LiveDecisions.read(db, DAY);
    ReplayResult first = replay(ExitConfig.defaults());
    ReplayResult second = replay(ExitConfig.defaults());

    assertThat(live.signals()).extracting(Decision.Signal::rule).contains("SL1", "SL2", "TP1");
    assertThat(live.intents()).extracting(Decision.Intent::actionKey).hasSize(5);
    assertThat(Comparison.differences(live, first)).isEmpty();
    assertThat(first.decisionBytes()).isEqualTo(second.decisionBytes());
    assertThat(first.decisionList())
        .contains("INTENT " + stopped + ":SL1 EXIT_PARTIAL qty=50 MKT")
        .contains("INTENT " + rising + ":TP1 EXIT_PARTIAL qty=10 LMT limit=21000")
        .contains(":ENTRY:1 ENTRY qty=50 LMT");
  }

  @Test
  void a_changed_tick_is_named() throws SQLException {
    admin.useHandle(
        h ->
            h.execute(
                "UPDATE market.prices_ticks SET last_price = 9850 WHERE symbol = ? AND ts = ?",
                STOPPED,
                sl1Tick));
    try {
      List<String> differences =
          Comparison.differences(LiveDecisions.read(db, DAY), replay(ExitConfig.defaults()));
      assertThat(differences)
          .containsExactly(
              "only live:   SIGNAL " + sl1Tick + " " + stopped + " SL1 9790",
              "only replay: SIGNAL " + sl1Tick.plusSeconds(40) + " " + stopped + " SL1 9760",
              // the live fill of 50 came before the later SL1: half of what is left
              "differs:     INTENT "
                  + stopped
                  + ":SL1 live EXIT_PARTIAL qty=50 MKT, replay EXIT_PARTIAL qty=25 MKT");
    } finally {
      admin.useHandle(
          h ->
              h.execute(
                  "UPDATE market.prices_ticks SET last_price = 9790 WHERE symbol = ? AND ts = ?",
                  STOPPED,
                  sl1Tick));
    }
  }

  @Test
  void a_changed_configuration_value_is_named() throws SQLException {
    ExitConfig tighter = ExitConfig.from(Settings.of(Map.of(ExitConfig.SL1_PNL_PCT, "-1.0")));
    List<String> differences = Comparison.differences(LiveDecisions.read(db, DAY), replay(tighter));
    assertThat(differences)
        .contains(
            "only live:   SIGNAL " + sl1Tick + " " + stopped + " SL1 9790",
            "only replay: SIGNAL " + sl1Tick.minusSeconds(40) + " " + stopped + " SL1 9850");
  }

  @Test
  void a_what_if_with_a_changed_stop_prints_its_pnl_difference() throws SQLException {
    ExitConfig base = ExitConfig.defaults();
    ExitConfig tighter = ExitConfig.from(Settings.of(Map.of(ExitConfig.SL1_PNL_PCT, "-1.0")));
    ReplayDay day = new DayLoader(db, base).load(DAY);
    Replayer.FillMode mode = Replayer.FillMode.AT_ONCE;
    ReplayResult before =
        new Replayer(base, reentry, MarketConfig.defaults(), TradingCalendar.krx(), SCAN, mode)
            .run(day, done -> {});
    ReplayResult after =
        new Replayer(tighter, reentry, MarketConfig.defaults(), TradingCalendar.krx(), SCAN, mode)
            .run(day, done -> {});
    // SL1 sells 50 at 9850 instead of 9790: 50 x 60 won better; SL2 sells the rest at 9640
    assertThat(after.totalPnl().subtract(before.totalPnl()))
        .isEqualByComparingTo(java.math.BigDecimal.valueOf(50 * 60));
  }
}
