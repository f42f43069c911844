package io.krxtrader.portfolio;

import io.krxtrader.krx.TradingCalendar;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

/**
 * When a policy's snapshot is due: from 09:31 KST (after the first 10-minute bar) of a trading day,
 * once per day ({@code daily}), per ISO week ({@code weekly}) or per month ({@code monthly}) — the
 * first trading day of the period on which the loop runs at or after 09:31 and no snapshot of the
 * period exists yet.
 */
final class SnapshotSchedule {

  static final LocalTime AT = LocalTime.of(9, 31);

  private SnapshotSchedule() {}

  static boolean isDue(
      RebalanceFrequency frequency,
      Optional<Instant> lastSnapshot,
      Instant now,
      TradingCalendar calendar) {
    ZonedDateTime local = now.atZone(TradingCalendar.KST);
    if (!calendar.isTradingDay(local.toLocalDate()) || local.toLocalTime().isBefore(AT)) {
      return false;
    }
    if (lastSnapshot.isEmpty()) {
      return true;
    }
    LocalDate last = lastSnapshot.get().atZone(TradingCalendar.KST).toLocalDate();
    return last.isBefore(periodStart(frequency, local.toLocalDate()));
  }

  private static LocalDate periodStart(RebalanceFrequency frequency, LocalDate day) {
    return switch (frequency) {
      case DAILY -> day;
      case WEEKLY -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTHLY -> day.withDayOfMonth(1);
    };
  }
}
