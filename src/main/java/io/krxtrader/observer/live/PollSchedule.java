package io.krxtrader.observer.live;

import io.krxtrader.krx.TradingCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Track A's poll boundaries: every 10 minutes after the open up to and including the close (09:10,
 * 09:20, ..., 15:30 KST on a normal day), on trading days only — the same boundaries the
 * sample-data generator uses.
 */
record PollSchedule(TradingCalendar calendar, Duration period) {

  static final Duration TEN_MINUTES = Duration.ofMinutes(10);

  /** The first boundary at or after {@code at}. */
  Instant firstAtOrAfter(Instant at) {
    LocalDate day = TradingCalendar.kstDate(at);
    while (true) {
      if (calendar.isTradingDay(day)) {
        Optional<Instant> boundary = firstOnDay(day, at);
        if (boundary.isPresent()) {
          return boundary.get();
        }
      }
      day = day.plusDays(1);
    }
  }

  /** The latest boundary at or before {@code at} on {@code at}'s trading day, if one has passed. */
  Optional<Instant> latestAtOrBefore(Instant at) {
    LocalDate day = TradingCalendar.kstDate(at);
    if (!calendar.isTradingDay(day)) {
      return Optional.empty();
    }
    Instant latest = null;
    for (Instant b = calendar.open(day).plus(period);
        !b.isAfter(calendar.close(day));
        b = b.plus(period)) {
      if (b.isAfter(at)) {
        break;
      }
      latest = b;
    }
    return Optional.ofNullable(latest);
  }

  private Optional<Instant> firstOnDay(LocalDate day, Instant at) {
    for (Instant b = calendar.open(day).plus(period);
        !b.isAfter(calendar.close(day));
        b = b.plus(period)) {
      if (!b.isBefore(at)) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }
}
