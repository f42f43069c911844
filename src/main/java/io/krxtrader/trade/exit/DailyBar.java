package io.krxtrader.trade.exit;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/** One session's prices ({@code observer.eod_prices}), for the ATR and the previous close. */
public record DailyBar(
    LocalDate date, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close) {

  public DailyBar {
    Objects.requireNonNull(date, "date");
    if (high.compareTo(low) < 0 || close.signum() <= 0 || low.signum() <= 0) {
      throw new IllegalArgumentException(
          "invalid daily bar [date=" + date + ", high=" + high + ", low=" + low + "]");
    }
  }
}
