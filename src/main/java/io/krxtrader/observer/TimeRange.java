package io.krxtrader.observer;

import io.krxtrader.krx.TradingCalendar;
import java.time.Instant;
import java.time.LocalDate;

/** A half-open time range {@code [from, to)}. */
public record TimeRange(Instant from, Instant to) {

  public TimeRange {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException(
          "a time range must end after it starts [from=" + from + ", to=" + to + "]");
    }
  }

  /** The KST days {@code first} to {@code last}, both included. */
  public static TimeRange kstDays(LocalDate first, LocalDate last) {
    return new TimeRange(
        first.atStartOfDay(TradingCalendar.KST).toInstant(),
        last.plusDays(1).atStartOfDay(TradingCalendar.KST).toInstant());
  }
}
