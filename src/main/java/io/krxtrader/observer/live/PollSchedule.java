package io.krxtrader.observer.live;

import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.observer.jsonl.PollBoundaries;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Track A's poll boundaries ({@link PollBoundaries}) on trading days only, as seen from a moment.
 */
record PollSchedule(TradingCalendar calendar) {

  /** The first boundary at or after {@code at}. */
  Instant firstAtOrAfter(Instant at) {
    LocalDate day = TradingCalendar.kstDate(at);
    while (true) {
      if (calendar.isTradingDay(day)) {
        for (Instant boundary : PollBoundaries.onDay(calendar, day)) {
          if (!boundary.isBefore(at)) {
            return boundary;
          }
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
    for (Instant boundary : PollBoundaries.onDay(calendar, day)) {
      if (boundary.isAfter(at)) {
        break;
      }
      latest = boundary;
    }
    return Optional.ofNullable(latest);
  }
}
