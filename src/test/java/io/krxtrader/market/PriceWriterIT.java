package io.krxtrader.market;

import static io.krxtrader.market.MarketDatabase.count;
import static io.krxtrader.market.MarketDatabase.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.krx.Symbol;
import io.krxtrader.testkit.PostgresExtension;
import io.krxtrader.testkit.TestClock;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The write path on a real database: ticks, best prices, freshness and discrepancies. */
@ExtendWith(PostgresExtension.class)
class PriceWriterIT {

  private static final MarketConfig CONFIG = MarketConfig.defaults();

  private final Database db;
  private final TestClock clock = TestClock.kst("10:00:00");
  private final PriceWriter writer;

  PriceWriterIT(Database db) {
    this.db = db;
    this.writer = new PriceWriter(db.dataSource(ModuleRole.PRICESYNC), CONFIG, clock);
  }

  private Instant at(double seconds) {
    return Instant.parse("2026-01-22T10:00:00+09:00").plusMillis(Math.round(seconds * 1000));
  }

  private void writeAt(double seconds, PriceEvent... events) throws SQLException {
    clock.set(at(seconds));
    writer.write(List.of(events));
  }

  private Map<String, Object> best(Symbol symbol) {
    return row(db, "SELECT * FROM market.prices_best WHERE symbol = ?", symbol.code());
  }

  private Map<String, Object> freshness(Symbol symbol) {
    return row(db, "SELECT * FROM market.freshness WHERE symbol = ?", symbol.code());
  }

  private static Instant instant(Object timestamp) {
    return ((Timestamp) timestamp).toInstant();
  }

  @Test
  void a_repeat_of_the_same_symbol_time_and_source_is_stored_once() throws SQLException {
    Symbol symbol = Symbol.of("000660");
    PriceEvent first =
        PriceEvent.quoted(symbol, PriceSource.KIS_WS, at(0), 150_000, 149_900, 150_000);
    PriceEvent second = PriceEvent.of(symbol, PriceSource.KIS_WS, at(0.5), 150_100);
    writeAt(0.6, first, second, first);
    // The same event again in a later batch, with a different price: still the first one counts.
    writeAt(0.7, PriceEvent.of(symbol, PriceSource.KIS_WS, at(0), 999_000));
    assertThat(count(db, "SELECT count(*) FROM market.prices_ticks WHERE symbol = ?", "000660"))
        .isEqualTo(2);
    assertThat(
            count(
                db,
                "SELECT last_price FROM market.prices_ticks WHERE symbol = ? AND ts = ?",
                "000660",
                Timestamp.from(at(0))))
        .isEqualTo(150_000);
    assertThat(best(symbol)).containsEntry("source", "KIS_WS");
    assertThat(((Number) best(symbol).get("last_price")).longValue()).isEqualTo(150_100);
  }

  @Test
  void a_repeat_is_still_ignored_when_freshness_lost_track_of_the_stored_ticks()
      throws SQLException {
    Symbol symbol = Symbol.of("207940");
    PriceEvent event = PriceEvent.of(symbol, PriceSource.KIS_WS, at(0), 800_000);
    writeAt(0.1, event);
    MarketDatabase.execute(db, "DELETE FROM market.freshness WHERE symbol = '207940'");
    clock.set(at(0.2));
    PriceWriter.Written written =
        writer.write(List.of(event, PriceEvent.of(symbol, PriceSource.KIS_WS, at(0.1), 801_000)));
    assertThat(written.ticksInserted()).isEqualTo(1);
    assertThat(count(db, "SELECT count(*) FROM market.prices_ticks WHERE symbol = ?", "207940"))
        .isEqualTo(2);
    assertThat(((Number) best(symbol).get("last_price")).longValue()).isEqualTo(801_000);
  }

  @Test
  void rows_deleted_behind_the_writers_back_are_written_again() throws SQLException {
    Symbol symbol = Symbol.of("006400");
    writeAt(0.1, PriceEvent.of(symbol, PriceSource.KIS_WS, at(0), 400_000));
    MarketDatabase.execute(db, "DELETE FROM market.prices_best WHERE symbol = '006400'");
    writeAt(0.6, PriceEvent.of(symbol, PriceSource.KIS_WS, at(0.5), 401_000));
    assertThat(((Number) best(symbol).get("last_price")).longValue()).isEqualTo(401_000);
    assertThat(freshness(symbol)).containsEntry("last_ws_price", 401_000L);
  }

  @Test
  void the_best_price_follows_a_websocket_that_goes_silent_and_returns() throws SQLException {
    Symbol symbol = Symbol.of("005930");
    writeAt(
        0.1,
        PriceEvent.quoted(symbol, PriceSource.KIS_WS, at(0), 71_100, 71_000, 71_100),
        PriceEvent.of(symbol, PriceSource.KIS_REST, at(0), 71_000));
    assertThat(best(symbol))
        .containsEntry("source", "KIS_WS")
        .containsEntry("freshness_ms", 100L)
        .containsEntry("quality_score", 100);
    assertThat(((Number) best(symbol).get("bid")).longValue()).isEqualTo(71_000);

    // The WebSocket says nothing for 6 s; a REST refresh arrives and becomes the best price.
    writeAt(6.3, PriceEvent.of(symbol, PriceSource.KIS_REST, at(6), 70_900));
    assertThat(best(symbol))
        .containsEntry("source", "KIS_REST")
        .containsEntry("freshness_ms", 300L)
        .containsEntry("quality_score", 80);
    assertThat(best(symbol).get("bid")).isNull();
    assertThat(instant(best(symbol).get("updated_ts"))).isEqualTo(at(6.3));

    // The WebSocket returns.
    writeAt(9.5, PriceEvent.of(symbol, PriceSource.KIS_WS, at(9), 70_800));
    assertThat(best(symbol))
        .containsEntry("source", "KIS_WS")
        .containsEntry("freshness_ms", 500L)
        .containsEntry("quality_score", 100);
    Map<String, Object> freshness = freshness(symbol);
    assertThat(instant(freshness.get("last_ws_ts"))).isEqualTo(at(9));
    assertThat(instant(freshness.get("last_rest_ts"))).isEqualTo(at(6));
    assertThat(freshness.get("last_naver_ts")).isNull();
    assertThat(instant(freshness.get("best_ts"))).isEqualTo(at(9));
    assertThat(freshness).containsEntry("is_stale", false);
  }

  @Test
  void a_naver_price_2_5_percent_off_kis_is_a_high_discrepancy_and_costs_quality_for_5_minutes()
      throws SQLException {
    Symbol symbol = Symbol.of("035420");
    writeAt(0.1, PriceEvent.of(symbol, PriceSource.KIS_WS, at(0), 200_000));
    writeAt(1.2, PriceEvent.of(symbol, PriceSource.NAVER, at(1), 205_000));
    Map<String, Object> discrepancy =
        row(db, "SELECT * FROM market.discrepancies WHERE symbol = ?", symbol.code());
    assertThat(discrepancy)
        .containsEntry("severity", "HIGH")
        .containsEntry("kis_source", "KIS_WS")
        .containsEntry("kis_price", 200_000L)
        .containsEntry("naver_price", 205_000L)
        .containsEntry("diff_pct", 2.5);
    assertThat(instant(discrepancy.get("ts"))).isEqualTo(at(1));
    // WebSocket price 1.2 s old: 100 - 2 (age) - 30 (discrepancy)
    assertThat(best(symbol)).containsEntry("source", "KIS_WS").containsEntry("quality_score", 68);

    writeAt(240.1, PriceEvent.of(symbol, PriceSource.KIS_WS, at(240), 200_000));
    assertThat(best(symbol)).containsEntry("quality_score", 70);
    writeAt(301.1, PriceEvent.of(symbol, PriceSource.KIS_WS, at(301), 200_000));
    assertThat(best(symbol)).containsEntry("quality_score", 100);
    assertThat(count(db, "SELECT count(*) FROM market.discrepancies")).isEqualTo(1);
  }

  @Test
  void two_processes_writing_different_sources_of_the_same_symbols_lose_no_update()
      throws Exception {
    List<Symbol> symbols = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      symbols.add(Symbol.of(String.format("1%05d", i)));
    }
    int rounds = 30;
    try (Database second = MarketDatabase.secondPool(db)) {
      PriceWriter other = new PriceWriter(second.dataSource(ModuleRole.PRICESYNC), CONFIG, clock);
      clock.set(at(100));
      List<Throwable> failures = new CopyOnWriteArrayList<>();
      Thread websocket =
          Thread.ofPlatform()
              .start(() -> writeRounds(writer, symbols, PriceSource.KIS_WS, rounds, failures));
      Thread rest =
          Thread.ofPlatform()
              .start(() -> writeRounds(other, symbols, PriceSource.KIS_REST, rounds, failures));
      websocket.join();
      rest.join();
      assertThat(failures).isEmpty();
    }
    for (Symbol symbol : symbols) {
      Map<String, Object> freshness = freshness(symbol);
      assertThat(instant(freshness.get("last_ws_ts"))).as(symbol.code()).isEqualTo(at(rounds));
      assertThat(instant(freshness.get("last_rest_ts"))).as(symbol.code()).isEqualTo(at(rounds));
      assertThat(best(symbol)).as(symbol.code()).containsEntry("source", "KIS_WS");
    }
  }

  private void writeRounds(
      PriceWriter target,
      List<Symbol> symbols,
      PriceSource source,
      int rounds,
      List<Throwable> failures) {
    try {
      for (int round = 1; round <= rounds; round++) {
        List<PriceEvent> batch = new ArrayList<>();
        for (Symbol symbol : symbols) {
          batch.add(PriceEvent.of(symbol, source, at(round), 10_000 + round));
        }
        target.write(batch);
      }
    } catch (Throwable e) {
      failures.add(e);
    }
  }

  @Test
  void a_tick_of_a_day_without_a_partition_gets_one() throws SQLException {
    Symbol symbol = Symbol.of("005380");
    Instant longAgo = Instant.parse("2025-03-04T10:00:00+09:00");
    clock.set(longAgo.plus(Duration.ofSeconds(1)));
    writer.write(List.of(PriceEvent.of(symbol, PriceSource.KIS_REST, longAgo, 180_000)));
    assertThat(
            count(
                db,
                "SELECT count(*) FROM market.prices_ticks_20250304 WHERE symbol = ?",
                symbol.code()))
        .isEqualTo(1);
  }
}
