package io.krxtrader.market;

import static io.krxtrader.market.MarketDatabase.count;
import static io.krxtrader.market.MarketDatabase.row;
import static io.krxtrader.market.MarketDatabase.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.testkit.PostgresExtension;
import io.krxtrader.testkit.TestClock;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Staleness of watched symbols, its reasons, and the refresh jobs it creates. */
@ExtendWith(PostgresExtension.class)
class StaleScannerIT {

  private static final MarketConfig CONFIG = MarketConfig.defaults();
  private static final Symbol HELD = Symbol.of("005930");
  private static final Symbol CANDIDATE = Symbol.of("000660");
  private static final Symbol PICKED = Symbol.of("035420");
  private static final Symbol SUBSCRIBED = Symbol.of("005380");
  private static final Symbol UNWATCHED = Symbol.of("051910");
  private static final Symbol LIVE = Symbol.of("068270");
  private static final Instant OPEN_PLUS_HOUR = Instant.parse("2026-01-22T10:00:00+09:00");

  private final Database db;
  private final TestClock clock = new TestClock(OPEN_PLUS_HOUR);
  private final PriceWriter writer;
  private final SyncQueue queue;
  private final Map<Symbol, WatchReason> watched = new ConcurrentHashMap<>();
  private final AtomicBoolean webSocketDown = new AtomicBoolean();
  private final StaleScanner scanner;

  StaleScannerIT(Database db) {
    this.db = db;
    this.writer = new PriceWriter(db.dataSource(ModuleRole.PRICESYNC), CONFIG, clock);
    this.queue = SyncQueue.of(db, CONFIG, clock);
    this.scanner =
        new StaleScanner(
            db.dataSource(ModuleRole.PRICESYNC),
            queue,
            CONFIG,
            TradingCalendar.krx(),
            clock,
            List.of(() -> Map.copyOf(watched), () -> Map.of(LIVE, WatchReason.SUBSCRIBED)),
            webSocketDown::get);
  }

  @BeforeEach
  void start() throws SQLException {
    MarketDatabase.execute(
        db, "TRUNCATE market.sync_jobs, market.freshness, market.prices_best, market.prices_ticks");
    watched.putAll(
        Map.of(
            HELD, WatchReason.HELD,
            CANDIDATE, WatchReason.CANDIDATE,
            PICKED, WatchReason.PICKED,
            SUBSCRIBED, WatchReason.SUBSCRIBED));
    clock.set(OPEN_PLUS_HOUR);
    for (Symbol symbol : List.of(HELD, CANDIDATE, PICKED, SUBSCRIBED, UNWATCHED, LIVE)) {
      writer.write(List.of(PriceEvent.of(symbol, PriceSource.KIS_WS, clock.instant(), 10_000)));
    }
  }

  @AfterEach
  void clear() {
    watched.clear();
  }

  private void at(double seconds) {
    clock.set(OPEN_PLUS_HOUR.plusMillis(Math.round(seconds * 1000)));
  }

  /** The WebSocket keeps streaming one symbol, so the feed as a whole is alive. */
  private void liveTick() throws SQLException {
    writer.write(List.of(PriceEvent.of(LIVE, PriceSource.KIS_WS, clock.instant(), 10_000)));
  }

  private Map<String, Integer> jobs(PriceSource source) {
    return rows(
            db,
            "SELECT symbol, priority FROM market.sync_jobs WHERE source = ? AND status = 'PENDING'",
            source.name())
        .stream()
        .collect(Collectors.toMap(r -> (String) r.get("symbol"), r -> (Integer) r.get("priority")));
  }

  @Test
  void a_watched_symbol_older_than_5_seconds_is_stale_and_gets_a_rest_job_by_its_priority()
      throws SQLException {
    at(5);
    liveTick();
    assertThat(scanner.scan().stale()).isEmpty();

    at(5.001);
    liveTick();
    StaleScanner.Result result = scanner.scan();
    assertThat(result.inSession()).isTrue();
    assertThat(result.stale())
        .containsOnly(
            entry(HELD, StaleReason.NO_WS_DATA),
            entry(CANDIDATE, StaleReason.NO_WS_DATA),
            entry(PICKED, StaleReason.NO_WS_DATA),
            entry(SUBSCRIBED, StaleReason.NO_WS_DATA));
    assertThat(jobs(PriceSource.KIS_REST))
        .containsOnly(
            entry(HELD.code(), 100),
            entry(CANDIDATE.code(), 50),
            entry(PICKED.code(), 50),
            entry(SUBSCRIBED.code(), 10));
    assertThat(row(db, "SELECT * FROM market.freshness WHERE symbol = ?", HELD.code()))
        .containsEntry("is_stale", true)
        .containsEntry("stale_reason", "NO_WS_DATA");
    assertThat(row(db, "SELECT * FROM market.freshness WHERE symbol = ?", UNWATCHED.code()))
        .containsEntry("is_stale", false);

    // The next scan finds the same stale symbols and queues nothing twice.
    at(6);
    liveTick();
    assertThat(scanner.scan().restJobs()).isZero();
    assertThat(jobs(PriceSource.KIS_REST)).hasSize(4);
  }

  @Test
  void a_fresh_price_clears_the_stale_flag_when_it_is_written() throws SQLException {
    at(6);
    liveTick();
    scanner.scan();
    at(6.5);
    writer.write(List.of(PriceEvent.of(HELD, PriceSource.KIS_REST, clock.instant(), 10_050)));
    assertThat(row(db, "SELECT * FROM market.freshness WHERE symbol = ?", HELD.code()))
        .containsEntry("is_stale", false)
        .containsEntry("stale_reason", null);
    // A late price older than 5 s does not make the symbol fresh.
    writer.write(
        List.of(PriceEvent.of(CANDIDATE, PriceSource.NAVER, clock.instant().minusSeconds(6), 1)));
    assertThat(row(db, "SELECT * FROM market.freshness WHERE symbol = ?", CANDIDATE.code()))
        .containsEntry("is_stale", true);
  }

  @Test
  void the_reason_says_whether_the_websocket_is_down_or_the_rest_refresh_failed()
      throws SQLException {
    at(6);
    // Nothing at all on the WebSocket for 6 s: the feed is down.
    assertThat(scanner.scan().stale()).containsEntry(HELD, StaleReason.WS_DISCONNECTED);

    liveTick();
    assertThat(scanner.scan().stale()).containsEntry(HELD, StaleReason.NO_WS_DATA);

    // The KIS client says the WebSocket dropped.
    webSocketDown.set(true);
    assertThat(scanner.scan().stale()).containsEntry(HELD, StaleReason.WS_DISCONNECTED);
    webSocketDown.set(false);

    // The REST refresh of HELD failed once and waits for its retry.
    try (SyncNode node = SyncNode.register(db.dataSource(ModuleRole.PRICESYNC))) {
      WorkerId worker = node.worker("rest-1");
      List<SyncJob> claimed = queue.claim(worker, PriceSource.KIS_REST, 1);
      assertThat(claimed).extracting(SyncJob::symbol).containsExactly(HELD);
      queue.fail(worker, List.of(new SyncQueue.Failure(claimed.get(0), "rate limited")));
    }
    StaleScanner.Result result = scanner.scan();
    assertThat(result.stale())
        .containsEntry(HELD, StaleReason.REST_FAILED)
        .containsEntry(CANDIDATE, StaleReason.NO_WS_DATA);
    assertThat(row(db, "SELECT * FROM market.freshness WHERE symbol = ?", HELD.code()))
        .containsEntry("stale_reason", "REST_FAILED");
  }

  @Test
  void a_watched_symbol_that_never_had_a_price_is_stale() throws SQLException {
    Symbol newcomer = Symbol.of("373220");
    watched.put(newcomer, WatchReason.HELD);
    liveTick();
    assertThat(scanner.scan().stale()).containsOnlyKeys(newcomer);
    assertThat(row(db, "SELECT * FROM market.freshness WHERE symbol = ?", newcomer.code()))
        .containsEntry("is_stale", true)
        .containsEntry("best_ts", null);
    assertThat(jobs(PriceSource.KIS_REST)).containsOnly(entry(newcomer.code(), 100));
  }

  @Test
  void outside_the_session_nothing_is_stale_and_nothing_is_queued() throws SQLException {
    at(6);
    liveTick();
    scanner.scan();
    assertThat(count(db, "SELECT count(*) FROM market.freshness WHERE is_stale")).isEqualTo(4);
    MarketDatabase.execute(db, "TRUNCATE market.sync_jobs");

    clock.set(Instant.parse("2026-01-22T15:35:00+09:00")); // after the close
    StaleScanner.Result closed = scanner.scan();
    assertThat(closed.inSession()).isFalse();
    assertThat(closed.stale()).isEmpty();
    assertThat(count(db, "SELECT count(*) FROM market.freshness WHERE is_stale")).isZero();
    clock.set(Instant.parse("2026-01-22T08:45:00+09:00")); // pre-open auction
    assertThat(scanner.scan().inSession()).isFalse();
    clock.set(Instant.parse("2026-01-24T10:00:00+09:00")); // Saturday
    assertThat(scanner.scan().inSession()).isFalse();
    assertThat(count(db, "SELECT count(*) FROM market.sync_jobs")).isZero();
  }

  @Test
  void a_symbol_no_longer_watched_is_no_longer_stale() throws SQLException {
    at(6);
    liveTick();
    scanner.scan();
    watched.remove(PICKED);
    assertThat(scanner.scan().stale()).doesNotContainKey(PICKED);
    assertThat(row(db, "SELECT * FROM market.freshness WHERE symbol = ?", PICKED.code()))
        .containsEntry("is_stale", false);
  }

  @Test
  void held_symbols_get_a_naver_cross_check_every_30_seconds() throws SQLException {
    try (SyncNode node = SyncNode.register(db.dataSource(ModuleRole.PRICESYNC))) {
      WorkerId worker = node.worker("naver-1");
      for (int second = 0; second <= 65; second += 5) {
        at(second);
        liveTick();
        writer.write(List.of(PriceEvent.of(HELD, PriceSource.KIS_WS, clock.instant(), 10_000)));
        scanner.scan();
        queue.complete(worker, queue.claim(worker, PriceSource.NAVER, 10));
      }
    }
    assertThat(
            rows(db, "SELECT symbol, created_ts FROM market.sync_jobs WHERE source = 'NAVER'")
                .stream()
                .map(r -> r.get("symbol") + "@" + r.get("created_ts").toString().substring(11, 19)))
        .containsExactlyInAnyOrder(
            HELD.code() + "@01:00:00", HELD.code() + "@01:00:30", HELD.code() + "@01:01:00");
    assertThat(count(db, "SELECT min(priority) FROM market.sync_jobs WHERE source = 'NAVER'"))
        .isEqualTo(100);
    assertThat(Duration.ofSeconds(30)).isEqualTo(CONFIG.queue().naverEvery());
  }
}
