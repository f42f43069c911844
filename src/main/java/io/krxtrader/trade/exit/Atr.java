package io.krxtrader.trade.exit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Wilder's average true range over daily bars, and the previous close. True range = max(high − low,
 * |high − previous close|, |low − previous close|); the first ATR is the mean of the first {@code
 * period} true ranges, each later one (ATR × (period − 1) + TR) / period. A bar's true range needs
 * the bar before it, so {@code period + 1} bars are the least that give an ATR.
 */
public final class Atr {

  private static final int SCALE = 4;

  private Atr() {}

  /**
   * The ATR as of the last bar before {@code today} ({@code bars} oldest first; bars of {@code
   * today} or later are ignored, so an intraday evaluation never sees today's incomplete bar).
   */
  public static Optional<BigDecimal> wilder(List<DailyBar> bars, int period, LocalDate today) {
    List<DailyBar> usable = before(bars, today);
    if (usable.size() < period + 1) {
      return Optional.empty();
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (int i = 1; i <= period; i++) {
      sum = sum.add(trueRange(usable.get(i), usable.get(i - 1).close()));
    }
    BigDecimal n = BigDecimal.valueOf(period);
    BigDecimal atr = sum.divide(n, SCALE, RoundingMode.HALF_EVEN);
    for (int i = period + 1; i < usable.size(); i++) {
      BigDecimal tr = trueRange(usable.get(i), usable.get(i - 1).close());
      atr =
          atr.multiply(BigDecimal.valueOf(period - 1L))
              .add(tr)
              .divide(n, SCALE, RoundingMode.HALF_EVEN);
    }
    return Optional.of(atr);
  }

  /** The close of the last bar before {@code today}, in whole won (rounded half up). */
  public static OptionalLong previousClose(List<DailyBar> bars, LocalDate today) {
    List<DailyBar> usable = before(bars, today);
    if (usable.isEmpty()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(
        usable.get(usable.size() - 1).close().setScale(0, RoundingMode.HALF_UP).longValueExact());
  }

  static BigDecimal trueRange(DailyBar bar, BigDecimal previousClose) {
    return bar.high()
        .subtract(bar.low())
        .max(bar.high().subtract(previousClose).abs())
        .max(bar.low().subtract(previousClose).abs());
  }

  private static List<DailyBar> before(List<DailyBar> bars, LocalDate today) {
    return bars.stream().filter(bar -> bar.date().isBefore(today)).toList();
  }
}
