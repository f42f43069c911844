package io.krxtrader.market;

import static io.krxtrader.market.PriceSource.KIS_REST;
import static io.krxtrader.market.PriceSource.KIS_WS;
import static io.krxtrader.market.PriceSource.NAVER;
import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.krx.Symbol;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Best-price selection, quality score and discrepancies on scripted sequences, no database. */
class SymbolStateTest {

  private static final Symbol SAMSUNG = Symbol.of("005930");
  private static final MarketConfig CONFIG = MarketConfig.defaults();
  private static final Instant T0 = Instant.parse("2026-01-22T01:00:00Z"); // 10:00 KST

  private final SymbolState state = new SymbolState(SAMSUNG);

  private static Instant at(double seconds) {
    return T0.plusMillis(Math.round(seconds * 1000));
  }

  private Optional<Discrepancy> event(PriceSource source, double seconds, long price) {
    return state.apply(PriceEvent.of(SAMSUNG, source, at(seconds), price), CONFIG.discrepancies());
  }

  private BestPrice bestAt(double seconds) {
    return state.best(at(seconds), CONFIG).orElseThrow();
  }

  @Test
  void the_websocket_price_is_best_while_it_is_fresh() {
    event(KIS_REST, 0, 71_000);
    event(KIS_WS, 0.5, 71_100);
    BestPrice best = bestAt(1.0);
    assertThat(best.source()).isEqualTo(KIS_WS);
    assertThat(best.lastPrice()).isEqualTo(71_100);
    assertThat(best.freshnessMs()).isEqualTo(500);
    assertThat(best.qualityScore()).isEqualTo(100);
  }

  @Test
  void within_one_second_the_websocket_wins_over_a_fresher_rest_price() {
    event(KIS_WS, 0, 71_100);
    event(KIS_REST, 1.0, 71_200);
    assertThat(bestAt(1.2).source()).isEqualTo(KIS_WS);
    event(KIS_REST, 1.001 + 0.5, 71_300); // now 1.5 s after the WebSocket price
    assertThat(bestAt(1.6).source()).isEqualTo(KIS_REST);
    assertThat(bestAt(1.6).lastPrice()).isEqualTo(71_300);
  }

  @Test
  void rest_takes_over_when_the_websocket_goes_silent_and_the_websocket_wins_when_it_returns() {
    event(KIS_WS, 0, 71_100);
    event(KIS_REST, 0.2, 71_000);
    assertThat(bestAt(4.0).source()).isEqualTo(KIS_WS);
    // The WebSocket's last price is 5 s old at 5.0: still within its maximum age (5 s).
    assertThat(bestAt(5.0).source()).isEqualTo(KIS_WS);
    // Past 5 s it is no candidate; the REST price (4.9 s old, within 20 s) is.
    BestPrice silent = bestAt(5.1);
    assertThat(silent.source()).isEqualTo(KIS_REST);
    assertThat(silent.lastPrice()).isEqualTo(71_000);
    assertThat(silent.freshnessMs()).isEqualTo(4_900);
    // REST base 80 - (4,900 - 1,000) / 100 = 80 - 39
    assertThat(silent.qualityScore()).isEqualTo(41);
    event(KIS_REST, 8, 70_900);
    assertThat(bestAt(8.5).source()).isEqualTo(KIS_REST);
    assertThat(bestAt(8.5).qualityScore()).isEqualTo(80);
    event(KIS_WS, 9, 70_800);
    assertThat(bestAt(9.1).source()).isEqualTo(KIS_WS);
    assertThat(bestAt(9.1).lastPrice()).isEqualTo(70_800);
  }

  @Test
  void naver_is_best_only_when_both_kis_sources_are_past_their_maximum_age() {
    event(KIS_REST, 0, 71_000);
    event(NAVER, 1, 71_050);
    assertThat(bestAt(1.5).source()).isEqualTo(KIS_REST); // within 1 s: REST preferred
    event(NAVER, 3, 71_060);
    assertThat(bestAt(3.5).source()).isEqualTo(NAVER); // 3 s fresher than REST
    BestPrice best = bestAt(20.5); // REST 20.5 s old: past 20 s
    assertThat(best.source()).isEqualTo(NAVER);
    assertThat(best.qualityScore()).isZero(); // 60 - 165 points, clamped
  }

  @Test
  void when_every_source_is_past_its_maximum_age_the_freshest_price_is_kept_with_quality_zero() {
    event(KIS_WS, 0, 71_100);
    event(KIS_REST, 2, 71_000);
    BestPrice best = bestAt(30);
    assertThat(best.source()).isEqualTo(KIS_REST);
    assertThat(best.freshnessMs()).isEqualTo(28_000);
    assertThat(best.qualityScore()).isZero();
  }

  @Test
  void quality_loses_one_point_per_100_ms_beyond_one_second() {
    event(KIS_WS, 0, 71_100);
    assertThat(bestAt(1.0).qualityScore()).isEqualTo(100);
    assertThat(bestAt(1.099).qualityScore()).isEqualTo(100);
    assertThat(bestAt(1.1).qualityScore()).isEqualTo(99);
    assertThat(bestAt(3.55).qualityScore()).isEqualTo(75);
    assertThat(bestAt(5.0).qualityScore()).isEqualTo(60);
  }

  @Test
  void a_price_from_the_future_has_age_zero() {
    event(KIS_WS, 2, 71_100);
    assertThat(bestAt(1).freshnessMs()).isZero();
    assertThat(bestAt(1).qualityScore()).isEqualTo(100);
  }

  @Test
  void an_older_or_repeated_event_does_not_change_the_state() {
    event(KIS_WS, 5, 71_100);
    event(KIS_WS, 5, 99_000);
    event(KIS_WS, 4, 98_000);
    assertThat(state.latest(KIS_WS).lastPrice()).isEqualTo(71_100);
  }

  @Test
  void
      a_naver_price_two_and_a_half_percent_off_is_a_high_discrepancy_and_costs_30_points_for_5_minutes() {
    event(KIS_WS, 0, 100_000);
    Optional<Discrepancy> found = event(NAVER, 1, 102_500);
    assertThat(found).isPresent();
    Discrepancy d = found.get();
    assertThat(d.severity()).isEqualTo(Severity.HIGH);
    assertThat(d.diffPct()).isEqualTo(2.5);
    assertThat(d.kisPrice()).isEqualTo(100_000);
    assertThat(d.naverPrice()).isEqualTo(102_500);
    assertThat(d.kisSource()).isEqualTo(KIS_WS);
    assertThat(d.ts()).isEqualTo(at(1));

    event(KIS_WS, 2, 100_000);
    assertThat(bestAt(2.5).qualityScore()).isEqualTo(70);
    event(KIS_WS, 300, 100_000);
    assertThat(bestAt(300.5).qualityScore()).isEqualTo(70); // 299.5 s after the discrepancy
    event(KIS_WS, 301, 100_000);
    assertThat(bestAt(301.0).qualityScore()).isEqualTo(100); // 5 minutes after it: over
  }

  @Test
  void a_naver_price_is_compared_once_and_only_with_a_kis_price_less_than_10_seconds_away() {
    event(KIS_WS, 0, 100_000);
    assertThat(event(NAVER, 10, 101_000)).isEmpty(); // exactly 10 s apart: not compared
    assertThat(state.naverCompared()).isFalse();
    Optional<Discrepancy> later = event(KIS_REST, 12, 100_000); // 2 s after the Naver price
    assertThat(later).map(Discrepancy::severity).contains(Severity.MEDIUM);
    assertThat(later).map(Discrepancy::kisSource).contains(KIS_REST);
    assertThat(state.naverCompared()).isTrue();
    assertThat(event(KIS_WS, 13, 100_000)).isEmpty(); // already compared
  }

  @Test
  void severity_thresholds_are_exact() {
    MarketConfig.Discrepancies rules = CONFIG.discrepancies();
    PriceEvent kis = PriceEvent.of(SAMSUNG, KIS_WS, T0, 10_000);
    assertThat(Discrepancy.compare(kis, PriceEvent.of(SAMSUNG, NAVER, T0, 10_049), rules))
        .isEmpty();
    assertThat(Discrepancy.compare(kis, PriceEvent.of(SAMSUNG, NAVER, T0, 10_050), rules))
        .map(Discrepancy::severity)
        .contains(Severity.LOW);
    assertThat(Discrepancy.compare(kis, PriceEvent.of(SAMSUNG, NAVER, T0, 9_901), rules))
        .map(Discrepancy::severity)
        .contains(Severity.LOW);
    assertThat(Discrepancy.compare(kis, PriceEvent.of(SAMSUNG, NAVER, T0, 9_900), rules))
        .map(Discrepancy::severity)
        .contains(Severity.MEDIUM);
    assertThat(Discrepancy.compare(kis, PriceEvent.of(SAMSUNG, NAVER, T0, 10_199), rules))
        .map(Discrepancy::severity)
        .contains(Severity.MEDIUM);
    assertThat(Discrepancy.compare(kis, PriceEvent.of(SAMSUNG, NAVER, T0, 10_200), rules))
        .map(Discrepancy::severity)
        .contains(Severity.HIGH);
  }

  @Test
  void a_stale_flag_is_cleared_only_by_a_fresh_best_price() {
    SymbolState stale =
        SymbolState.restore(SAMSUNG, null, null, null, false, null, true, "NO_WS_DATA");
    stale.apply(PriceEvent.of(SAMSUNG, KIS_REST, at(0), 71_000), CONFIG.discrepancies());
    stale.clearStaleIfFresh(stale.best(at(5.5), CONFIG).orElseThrow(), CONFIG);
    assertThat(stale.stale()).isTrue();
    stale.clearStaleIfFresh(stale.best(at(5.0), CONFIG).orElseThrow(), CONFIG);
    assertThat(stale.stale()).isFalse();
    assertThat(stale.staleReason()).isNull();
    assertThat(Duration.ofSeconds(5)).isEqualTo(CONFIG.staleness().staleAfter());
  }
}
