package io.krxtrader.krx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PricePathTest {

  private static final LocalDate DAY = LocalDate.of(2026, 1, 22);
  private static final TradingCalendar CALENDAR = TradingCalendar.krx();

  private static List<PricePath.Step> day(Stock stock, long seed) {
    PricePath path = PricePath.forDay(stock, stock.referencePrice(), DAY, seed, CALENDAR);
    List<PricePath.Step> steps = new ArrayList<>();
    Instant end = CALENDAR.close(DAY);
    for (Instant t = CALENDAR.open(DAY); t.isBefore(end); t = t.plus(Duration.ofMillis(500))) {
      steps.add(path.advanceTo(t));
    }
    return steps;
  }

  @Test
  void the_same_seed_gives_the_same_day_and_another_seed_another() {
    Stock samsung = Universe.defaultUniverse().find(Symbol.of("005930")).orElseThrow();
    assertThat(day(samsung, 7)).isEqualTo(day(samsung, 7));
    assertThat(day(samsung, 7)).isNotEqualTo(day(samsung, 8));
  }

  @Test
  void every_price_is_on_the_grid_inside_the_limits_with_bid_below_ask() {
    for (Stock stock : Universe.defaultUniverse().stocks()) {
      PriceLimits limits = PriceLimits.fromBase(stock.referencePrice());
      for (PricePath.Step step : day(stock, 42)) {
        assertThat(TickSize.isOnGrid(step.last())).isTrue();
        assertThat(limits.contains(step.last())).isTrue();
        assertThat(step.bid()).isLessThan(step.ask());
        assertThat(TickSize.isOnGrid(step.bid()) && TickSize.isOnGrid(step.ask())).isTrue();
        assertThat(step.bid()).isGreaterThanOrEqualTo(limits.lower() - TickSize.of(limits.lower()));
      }
    }
  }

  @Test
  void illiquid_stocks_trade_in_fewer_slots_than_liquid_ones() {
    Universe universe = Universe.defaultUniverse();
    Stock liquid = universe.find(Symbol.of("005930")).orElseThrow();
    Stock illiquid = universe.find(Symbol.of("003280")).orElseThrow();
    double liquidShare = day(liquid, 1).stream().filter(PricePath.Step::traded).count() / 46_800.0;
    double illiquidShare =
        day(illiquid, 1).stream().filter(PricePath.Step::traded).count() / 46_800.0;
    assertThat(liquidShare).isGreaterThan(0.9);
    assertThat(illiquidShare).isBetween(0.3, 0.5);
  }

  @Test
  void a_day_moves_like_a_stock_not_like_noise_or_a_rocket() {
    Stock samsung = Universe.defaultUniverse().find(Symbol.of("005930")).orElseThrow();
    int days = 0;
    int flat = 0;
    for (long seed = 0; seed < 40; seed++) {
      List<PricePath.Step> steps = day(samsung, seed);
      long close = steps.get(steps.size() - 1).last();
      double move = Math.abs((double) close / samsung.referencePrice() - 1);
      assertThat(move).as("seed %d", seed).isLessThan(0.15);
      if (close == steps.get(0).last()) {
        flat++;
      }
      days++;
    }
    assertThat(flat).isLessThan(days / 4);
  }

  @Test
  void a_liquid_stock_with_a_coarse_tick_still_moves_within_the_hour() {
    // 005930's 100 KRW tick is 0.14 % of its price, far more than a 500 ms move: the walk must
    // accumulate sub-tick moves instead of snapping back to the last traded price.
    Stock samsung = Universe.defaultUniverse().find(Symbol.of("005930")).orElseThrow();
    List<PricePath.Step> firstHour = day(samsung, 3).subList(0, 7_200);
    long distinct = firstHour.stream().mapToLong(PricePath.Step::last).distinct().count();
    assertThat(distinct).isGreaterThanOrEqualTo(5);
  }
}
