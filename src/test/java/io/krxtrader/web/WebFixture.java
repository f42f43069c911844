package io.krxtrader.web;

import io.krxtrader.config.Settings;
import io.krxtrader.db.Database;
import io.krxtrader.db.DayPartitions;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.krx.Universe;
import io.krxtrader.observer.Observer;
import io.krxtrader.observer.ObserverConfig;
import io.krxtrader.portfolio.Portfolio;
import io.krxtrader.testkit.TestClock;
import io.krxtrader.trade.router.PickIntake;
import io.krxtrader.trade.router.RouterConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The operator surface on a random loopback port over a database with known rows: the clock stands
 * at 2026-01-22 10:00 KST; 005930 is held (10 at 70,000, best price 71,000: P&L 10,000, 1.43 %),
 * 000660 is held (5 at 200,000) but stale (WS_SILENT) and the broker holds 7 of it (a QTY
 * mismatch); one entry intent was ordered and filled at 09:05.
 */
final class WebFixture implements AutoCloseable {

  static final UUID SAMSUNG_POSITION = UUID.fromString("00000000-0000-0000-0000-000000005930");
  static final UUID HYNIX_POSITION = UUID.fromString("00000000-0000-0000-0000-000000000660");
  static final UUID ENTRY_INTENT = UUID.fromString("00000000-0000-0000-0001-000000005930");

  static final LocalDate DAY = LocalDate.of(2026, 1, 22);

  final Database db;
  final TestClock clock = TestClock.kst("10:00:00");
  final Path home;
  final Web web;
  final String token;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  WebFixture(Database db, Path home) throws SQLException, IOException {
    this.db = db;
    this.home = home;
    seed(db);
    WebConfig config = WebConfig.from(Settings.of(Map.of()), home).withPort(0);
    Web.Modules modules =
        new Web.Modules(
            db,
            new Observer(db, ObserverConfig.from(Settings.of(Map.of()), home), clock),
            new Portfolio(
                db,
                clock,
                Duration.ofSeconds(10),
                Universe.defaultUniverse(),
                TradingCalendar.krx()),
            Optional.of(new PickIntake(db, RouterConfig.defaults(home).parser(), clock)));
    this.web = Web.start(config, modules, clock);
    this.token = Files.readString(home.resolve("web-token")).strip();
  }

  static void seed(Database db) throws SQLException {
    for (String table : DayPartitions.TABLES) {
      DayPartitions.ensure(db.admin(), table, DAY, DAY);
    }
    try (Connection c = db.admin().getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO trade.positions (position_id, account_id, symbol, side, qty, avg_price,"
              + " entry_ts, status, strategy_id) VALUES"
              + " ('"
              + SAMSUNG_POSITION
              + "', 'paper', '005930', 'LONG', 10, 70000, '2026-01-22T09:05:01+09:00', 'OPEN',"
              + " 'router'),"
              + " ('"
              + HYNIX_POSITION
              + "', 'paper', '000660', 'LONG', 5, 200000, '2026-01-21T13:00:00+09:00', 'OPEN',"
              + " 'router')");
      s.execute(
          "INSERT INTO trade.position_state (position_id, phase, hwm_price, stop_floor_price,"
              + " entry_qty) VALUES ('"
              + SAMSUNG_POSITION
              + "', 'TP1_DONE', 71500, 68000, 10)");
      s.execute(
          "INSERT INTO market.prices_best (symbol, ts, source, last_price, bid, ask,"
              + " freshness_ms, quality_score) VALUES"
              + " ('005930', '2026-01-22T09:59:58+09:00', 'KIS_WS', 71000, 70900, 71000, 2000,"
              + " 100),"
              + " ('000660', '2026-01-22T09:59:00+09:00', 'KIS_REST', 195000, NULL, NULL, 60000,"
              + " 40)");
      s.execute(
          "INSERT INTO market.freshness (symbol, best_ts, is_stale, stale_reason, updated_ts)"
              + " VALUES ('005930', '2026-01-22T09:59:58+09:00', false, NULL,"
              + " '2026-01-22T09:59:58+09:00'),"
              + " ('000660', '2026-01-22T09:59:00+09:00', true, 'WS_SILENT',"
              + " '2026-01-22T09:59:30+09:00')");
      s.execute(
          "INSERT INTO trade.order_intents (intent_id, position_id, symbol, side, intent_type,"
              + " qty, order_type, reason_code, action_key, status, created_by, created_ts,"
              + " updated_ts) VALUES ('"
              + ENTRY_INTENT
              + "', NULL, '005930', 'BUY', 'ENTRY', 10, 'MKT', 'PICK', 'web-fixture-1',"
              + " 'FILLED', 'router', '2026-01-22T09:04:59+09:00', '2026-01-22T09:05:01+09:00')");
      s.execute(
          "INSERT INTO trade.orders (order_id, intent_id, submitted_ts, status, symbol, side, qty,"
              + " filled_qty) VALUES ('10001', '"
              + ENTRY_INTENT
              + "', '2026-01-22T09:05:00.250+09:00', 'FILLED', '005930', 'BUY', 10, 10)");
      s.execute(
          "INSERT INTO trade.fills (fill_id, order_id, ts, qty, price, fee, side, position_id)"
              + " VALUES (gen_random_uuid(), '10001', '2026-01-22T09:05:01+09:00', 10, 70000, 105,"
              + " 'BUY', '"
              + SAMSUNG_POSITION
              + "')");
      s.execute(
          "INSERT INTO trade.holdings (account_id, symbol, qty, avg_price, current_price) VALUES"
              + " ('paper', '005930', 10, 70000, 71000), ('paper', '000660', 7, 195000, 195000)");
      s.execute(
          "INSERT INTO trade.holding_mismatches (mismatch_id, account_id, symbol, kind,"
              + " position_qty, position_avg, holding_qty, holding_avg, first_seen, last_seen)"
              + " VALUES (gen_random_uuid(), 'paper', '000660', 'QTY', 5, 200000, 7, 195000,"
              + " '2026-01-22T09:30:00+09:00', '2026-01-22T09:59:00+09:00')");
      s.execute(
          "INSERT INTO trade.exit_signals (signal_id, position_id, ts, rule_name, triggered,"
              + " reason, current_price, hwm_price, stop_floor_price, current_pnl_pct) VALUES"
              + " (gen_random_uuid(), '"
              + SAMSUNG_POSITION
              + "', '2026-01-22T09:30:00+09:00', 'TP1', true, 'take profit 1', 71400, 71500,"
              + " 68000, 2.0)");
      s.execute(
          "INSERT INTO observer.scalp_ticks (symbol, event_time, last_price, bid_price,"
              + " ask_price, session_id) VALUES"
              + " ('005930', '2026-01-22T09:58:00+09:00', 70800, 70700, 70800, 'REGULAR'),"
              + " ('005930', '2026-01-22T09:59:00+09:00', 70900, 70800, 70900, 'REGULAR'),"
              + " ('005930', '2026-01-22T09:59:30+09:00', 71000, 70900, 71000, 'REGULAR')");
    }
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, Optional<String> bearer, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    bearer.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  URI uri(String path) {
    return web.url().resolve(path.startsWith("/") ? path.substring(1) : path);
  }

  @Override
  public void close() {
    web.close();
  }
}
