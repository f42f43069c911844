package io.krxtrader.trade.exit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AtrTest {

  static DailyBar bar(LocalDate date, long high, long low, long close) {
    return new DailyBar(
        date,
        BigDecimal.valueOf(close),
        BigDecimal.valueOf(high),
        BigDecimal.valueOf(low),
        BigDecimal.valueOf(close));
  }

  @Test
  void wilder_atr_starts_with_the_mean_and_then_smooths() {
    // period 3: closes 100 each day, ranges 10, 20, 30 → first ATR 20; then TR 40 → (20×2+40)/3
    LocalDate day = LocalDate.of(2026, 11, 2);
    List<DailyBar> bars = new ArrayList<>();
    bars.add(bar(day, 105, 95, 100));
    bars.add(bar(day.plusDays(1), 110, 100, 100));
    bars.add(bar(day.plusDays(2), 110, 90, 100));
    bars.add(bar(day.plusDays(3), 115, 85, 100));
    LocalDate today = day.plusDays(10);
    assertThat(Atr.wilder(bars, 3, today))
        .hasValueSatisfying(a -> assertThat(a).isEqualByComparingTo("20"));
    bars.add(bar(day.plusDays(4), 120, 80, 100));
    assertThat(Atr.wilder(bars, 3, today))
        .hasValueSatisfying(a -> assertThat(a).isEqualByComparingTo("26.6667"));
  }

  @Test
  void a_gap_counts_in_the_true_range() {
    // previous close 100, bar 120..115: TR = |120 − 100| = 20
    DailyBar gap = bar(LocalDate.of(2026, 11, 3), 120, 115, 118);
    assertThat(Atr.trueRange(gap, BigDecimal.valueOf(100))).isEqualByComparingTo("20");
  }

  @Test
  void too_few_bars_give_no_atr_and_todays_bar_is_ignored() {
    LocalDate day = LocalDate.of(2026, 11, 2);
    List<DailyBar> bars =
        List.of(
            bar(day, 105, 95, 100),
            bar(day.plusDays(1), 110, 100, 100),
            bar(day.plusDays(2), 110, 90, 100));
    assertThat(Atr.wilder(bars, 3, day.plusDays(5))).isEmpty();
    List<DailyBar> withToday = new ArrayList<>(bars);
    withToday.add(bar(day.plusDays(3), 115, 85, 100));
    assertThat(Atr.wilder(withToday, 3, day.plusDays(3))).isEmpty();
    assertThat(Atr.previousClose(withToday, day.plusDays(3))).hasValue(100);
    assertThat(Atr.previousClose(List.of(), day)).isEmpty();
  }
}
