package io.krxtrader.krx;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.TreeSet;

/**
 * KRX trading days and session times in KST. Weekends and the listed holidays are closed. The
 * built-in holiday list covers 2025-2027 (public holidays, substitute holidays, election days,
 * Labour Day and the year-end closing day).
 */
public final class TradingCalendar {

  public static final ZoneId KST = ZoneId.of("Asia/Seoul");
  public static final LocalTime PRE_OPEN = LocalTime.of(8, 30);
  public static final LocalTime OPEN = LocalTime.of(9, 0);
  public static final LocalTime CLOSING_AUCTION = LocalTime.of(15, 20);
  public static final LocalTime CLOSE = LocalTime.of(15, 30);
  public static final LocalTime AFTER_HOURS_END = LocalTime.of(18, 0);

  private static final Set<LocalDate> BUILT_IN_HOLIDAYS =
      dates(
          // 2025
          "2025-01-01",
          "2025-01-27",
          "2025-01-28",
          "2025-01-29",
          "2025-01-30",
          "2025-03-03",
          "2025-05-01",
          "2025-05-05",
          "2025-05-06",
          "2025-06-03",
          "2025-06-06",
          "2025-08-15",
          "2025-10-03",
          "2025-10-06",
          "2025-10-07",
          "2025-10-08",
          "2025-10-09",
          "2025-12-25",
          "2025-12-31",
          // 2026
          "2026-01-01",
          "2026-02-16",
          "2026-02-17",
          "2026-02-18",
          "2026-03-02",
          "2026-05-01",
          "2026-05-05",
          "2026-05-25",
          "2026-06-03",
          "2026-08-17",
          "2026-09-24",
          "2026-09-25",
          "2026-10-05",
          "2026-10-09",
          "2026-12-25",
          "2026-12-31",
          // 2027
          "2027-01-01",
          "2027-02-08",
          "2027-02-09",
          "2027-03-01",
          "2027-05-05",
          "2027-05-13",
          "2027-08-16",
          "2027-09-14",
          "2027-09-15",
          "2027-09-16",
          "2027-10-04",
          "2027-10-11",
          "2027-12-27",
          "2027-12-31");

  private static final TradingCalendar DEFAULT = new TradingCalendar(BUILT_IN_HOLIDAYS);

  private final Set<LocalDate> holidays;

  private TradingCalendar(Set<LocalDate> holidays) {
    this.holidays = Set.copyOf(holidays);
  }

  public static TradingCalendar krx() {
    return DEFAULT;
  }

  public boolean isTradingDay(LocalDate date) {
    DayOfWeek day = date.getDayOfWeek();
    return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !holidays.contains(date);
  }

  public LocalDate nextTradingDay(LocalDate date) {
    LocalDate next = date.plusDays(1);
    while (!isTradingDay(next)) {
      next = next.plusDays(1);
    }
    return next;
  }

  public LocalDate previousTradingDay(LocalDate date) {
    LocalDate previous = date.minusDays(1);
    while (!isTradingDay(previous)) {
      previous = previous.minusDays(1);
    }
    return previous;
  }

  /** The trading day on or after {@code date}. */
  public LocalDate tradingDayOnOrAfter(LocalDate date) {
    return isTradingDay(date) ? date : nextTradingDay(date);
  }

  /** The time continuous trading starts: 09:00, or 10:00 on the first trading day of a year. */
  public LocalTime openTime(LocalDate date) {
    LocalDate firstOfYear = tradingDayOnOrAfter(LocalDate.of(date.getYear(), 1, 1));
    return date.equals(firstOfYear) ? OPEN.plusHours(1) : OPEN;
  }

  public Instant open(LocalDate date) {
    return ZonedDateTime.of(date, openTime(date), KST).toInstant();
  }

  public Instant closingAuctionStart(LocalDate date) {
    return ZonedDateTime.of(date, CLOSING_AUCTION, KST).toInstant();
  }

  public Instant close(LocalDate date) {
    return ZonedDateTime.of(date, CLOSE, KST).toInstant();
  }

  public static LocalDate kstDate(Instant instant) {
    return instant.atZone(KST).toLocalDate();
  }

  public SessionPhase phaseAt(Instant instant) {
    ZonedDateTime kst = instant.atZone(KST);
    LocalDate date = kst.toLocalDate();
    if (!isTradingDay(date)) {
      return SessionPhase.CLOSED;
    }
    LocalTime time = kst.toLocalTime();
    LocalTime open = openTime(date);
    if (time.isBefore(open.minusMinutes(30))) {
      return SessionPhase.CLOSED;
    } else if (time.isBefore(open)) {
      return SessionPhase.PRE_OPEN_AUCTION;
    } else if (time.isBefore(CLOSING_AUCTION)) {
      return SessionPhase.CONTINUOUS;
    } else if (time.isBefore(CLOSE)) {
      return SessionPhase.CLOSING_AUCTION;
    } else if (time.isBefore(AFTER_HOURS_END)) {
      return SessionPhase.AFTER_HOURS;
    }
    return SessionPhase.CLOSED;
  }

  private static Set<LocalDate> dates(String... isoDates) {
    Set<LocalDate> set = new TreeSet<>();
    for (String iso : isoDates) {
      set.add(LocalDate.parse(iso));
    }
    return set;
  }
}
