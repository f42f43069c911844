package io.krxtrader.market;

import static io.krxtrader.market.MarketDatabase.count;
import static io.krxtrader.market.MarketDatabase.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.config.Settings;
import io.krxtrader.db.Database;
import io.krxtrader.krx.Symbol;
import io.krxtrader.testkit.PostgresExtension;
import io.krxtrader.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PriceSync as the KIS client and trade will use it: events pushed in, a watched symbol going
 * stale, refresh workers fetching REST and Naver prices through a fake quote source, and the board
 * the {@code prices} command shows.
 */
@ExtendWith(PostgresExtension.class)
class PriceSyncIT {

  private static final Symbol HELD = Symbol.of("005930");
  private static final Symbol LIVE = Symbol.of("000660");

  private final Database db;
  private final TestClock clock = TestClock.kst("10:00:00");

  PriceSyncIT(Database db) {
    this.db = db;
  }

  @BeforeEach
  void empty() {
    MarketDatabase.execute(
        db,
        "TRUNCATE market.sync_jobs, market.freshness, market.prices_best, market.prices_ticks,"
            + " market.discrepancies");
  }

  /** Threads run, but the scan runs only when the test calls it. */
  private static MarketConfig config(Map<String, String> more) {
    Map<String, String> values = new java.util.HashMap<>(more);
    values.put(MarketConfig.SCAN_INTERVAL, "1h");
    values.put(MarketConfig.POLL_INTERVAL, "10ms");
    return MarketConfig.from(Settings.of(values));
  }

  @Test
  void a_stale_held_symbol_is_refreshed_from_rest_and_cross_checked_with_naver() throws Exception {
    List<String> fetched = new CopyOnWriteArrayList<>();
    QuoteSource quotes =
        (symbol, source) -> {
          fetched.add(symbol + "/" + source);
          long price = source == PriceSource.NAVER ? 73_000 : 71_000;
          return PriceEvent.of(symbol, source, clock.instant(), price);
        };
    List<BestPrice> committed = new CopyOnWriteArrayList<>();
    try (PriceSync sync =
        PriceSync.builder(db, config(Map.of()), clock)
            .quotes(quotes)
            .watch(() -> Map.of(HELD, WatchReason.HELD, LIVE, WatchReason.SUBSCRIBED))
            .listener((events, bests) -> committed.addAll(bests))
            .start()) {
      Instant t0 = clock.instant();
      assertThat(sync.accept(PriceEvent.of(HELD, PriceSource.KIS_WS, t0, 71_100))).isTrue();
      assertThat(sync.accept(PriceEvent.of(LIVE, PriceSource.KIS_WS, t0, 150_000))).isTrue();
      assertThat(sync.flush(Duration.ofSeconds(30))).isTrue();
      assertThat(committed).extracting(BestPrice::symbol).contains(HELD, LIVE);

      clock.advance(Duration.ofSeconds(6));
      sync.accept(PriceEvent.of(LIVE, PriceSource.KIS_WS, clock.instant(), 150_100));
      sync.flush(Duration.ofSeconds(30));
      StaleScanner.Result scan = sync.maintain();
      assertThat(scan.stale()).containsOnlyKeys(HELD);
      assertThat(scan.restJobs()).isEqualTo(1);
      assertThat(scan.naverJobs()).isEqualTo(1);

      awaitJobsDone(2);
      assertThat(sync.flush(Duration.ofSeconds(30))).isTrue();
      assertThat(fetched).containsExactlyInAnyOrder("005930/KIS_REST", "005930/NAVER");
      assertThat(row(db, "SELECT * FROM market.prices_best WHERE symbol = '005930'"))
          .containsEntry("source", "KIS_REST")
          // REST base 80, no age, - 30 for the HIGH discrepancy Naver's 73,000 just caused
          .containsEntry("quality_score", 50);
      assertThat(row(db, "SELECT * FROM market.freshness WHERE symbol = '005930'"))
          .containsEntry("is_stale", false);
      assertThat(count(db, "SELECT count(*) FROM market.discrepancies WHERE severity = 'HIGH'"))
          .isEqualTo(1);
      assertThat(sync.stats().ticksWritten()).isEqualTo(5);
      assertThat(sync.stats().eventsDropped()).isZero();

      List<BoardRow> board = PriceSync.board(db);
      assertThat(board).extracting(BoardRow::symbol).containsExactly(LIVE, HELD);
      BoardRow held = board.get(1);
      assertThat(held.lastPrice()).hasValue(71_000);
      assertThat(held.source()).contains(PriceSource.KIS_REST);
      assertThat(held.qualityScore()).hasValue(50);
      assertThat(held.lastWebSocket()).contains(t0);
      assertThat(held.stale()).isFalse();
    }
    assertThat(count(db, "SELECT count(*) FROM market.sync_jobs WHERE status = 'RUNNING'"))
        .isZero();
  }

  @Test
  void a_failing_quote_source_is_retried_and_the_symbol_is_reported_as_rest_failed()
      throws Exception {
    AtomicInteger calls = new AtomicInteger();
    QuoteSource failing =
        (symbol, source) -> {
          calls.incrementAndGet();
          throw new IllegalStateException("KIS REST answered 500");
        };
    try (PriceSync sync =
        PriceSync.builder(db, config(Map.of(MarketConfig.NAVER_WORKERS, "0")), clock)
            .quotes(failing)
            .watch(() -> Map.of(HELD, WatchReason.HELD, LIVE, WatchReason.SUBSCRIBED))
            .start()) {
      sync.accept(PriceEvent.of(HELD, PriceSource.KIS_WS, clock.instant(), 71_100));
      clock.advance(Duration.ofSeconds(6));
      sync.accept(PriceEvent.of(LIVE, PriceSource.KIS_WS, clock.instant(), 150_100));
      sync.flush(Duration.ofSeconds(30));
      sync.maintain();
      for (int i = 0; i < 400 && calls.get() == 0; i++) {
        Thread.sleep(10);
      }
      awaitRow("SELECT count(*) FROM market.sync_jobs WHERE last_error IS NOT NULL");
      assertThat(sync.maintain().stale()).containsEntry(HELD, StaleReason.REST_FAILED);
      assertThat(row(db, "SELECT * FROM market.sync_jobs WHERE source = 'KIS_REST'"))
          .containsEntry("status", "PENDING")
          .containsEntry("last_error", "KIS REST answered 500");
    }
  }

  @Test
  void a_price_fetched_while_price_sync_closes_is_written_and_its_job_done() throws Exception {
    CountDownLatch fetching = new CountDownLatch(1);
    AtomicReference<Thread> closer = new AtomicReference<>();
    QuoteSource slow =
        (symbol, source) -> {
          fetching.countDown();
          // Answers only once close() is waiting for this worker thread to end.
          while (closer.get() == null || closer.get().getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
          }
          return PriceEvent.of(symbol, source, clock.instant(), 71_000);
        };
    PriceSync sync =
        PriceSync.builder(db, config(Map.of(MarketConfig.NAVER_WORKERS, "0")), clock)
            .quotes(slow)
            .watch(() -> Map.of(HELD, WatchReason.HELD, LIVE, WatchReason.SUBSCRIBED))
            .start();
    sync.accept(PriceEvent.of(HELD, PriceSource.KIS_WS, clock.instant(), 71_100));
    clock.advance(Duration.ofSeconds(6));
    sync.accept(PriceEvent.of(LIVE, PriceSource.KIS_WS, clock.instant(), 150_100));
    sync.flush(Duration.ofSeconds(30));
    sync.maintain();
    fetching.await();
    Thread closing = Thread.ofPlatform().unstarted(sync::close);
    closer.set(closing);
    closing.start();
    closing.join();

    assertThat(row(db, "SELECT * FROM market.sync_jobs WHERE source = 'KIS_REST'"))
        .containsEntry("status", "DONE")
        .containsEntry("last_error", null);
    assertThat(row(db, "SELECT * FROM market.prices_best WHERE symbol = '005930'"))
        .containsEntry("source", "KIS_REST");
    assertThat(sync.stats().eventsDropped()).isZero();
  }

  @Test
  void on_a_full_queue_the_oldest_event_is_dropped_and_counted_and_the_newest_written() {
    PriceSync sync =
        PriceSync.builder(
                db,
                MarketConfig.from(
                    Settings.of(
                        Map.of(
                            MarketConfig.QUEUE_CAPACITY, "2", MarketConfig.WRITER_THREADS, "1"))),
                clock)
            .build();
    Instant now = clock.instant();
    assertThat(sync.accept(PriceEvent.of(HELD, PriceSource.KIS_WS, now, 1))).isTrue();
    assertThat(sync.accept(PriceEvent.of(HELD, PriceSource.KIS_WS, now.plusMillis(1), 2))).isTrue();
    assertThat(sync.accept(PriceEvent.of(HELD, PriceSource.KIS_WS, now.plusMillis(2), 3))).isTrue();
    assertThat(sync.flush(Duration.ofSeconds(30))).isTrue();
    assertThat(sync.stats()).isEqualTo(new PriceSync.Stats(2, 1));
    assertThat(count(db, "SELECT last_price FROM market.prices_best")).isEqualTo(3);
    assertThat(count(db, "SELECT min(last_price) FROM market.prices_ticks")).isEqualTo(2);
    sync.close();
  }

  private void awaitJobsDone(int jobs) throws InterruptedException {
    for (int i = 0; i < 1_000; i++) {
      if (count(db, "SELECT count(*) FROM market.sync_jobs WHERE status = 'DONE'") == jobs) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("sync jobs did not finish");
  }

  private void awaitRow(String countQuery) throws InterruptedException {
    for (int i = 0; i < 1_000; i++) {
      if (count(db, countQuery) > 0) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no row for " + countQuery);
  }
}
