package io.krxtrader.krx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class TradingCalendarTest {

  private final TradingCalendar calendar = TradingCalendar.krx();

  private SessionPhase at(String kst) {
    return calendar.phaseAt(
        ZonedDateTime.of(java.time.LocalDateTime.parse(kst), TradingCalendar.KST).toInstant());
  }

  @Test
  void phases_follow_the_krx_session() {
    assertThat(at("2026-01-22T08:29:59")).isEqualTo(SessionPhase.CLOSED);
    assertThat(at("2026-01-22T08:30:00")).isEqualTo(SessionPhase.PRE_OPEN_AUCTION);
    assertThat(at("2026-01-22T09:00:00")).isEqualTo(SessionPhase.CONTINUOUS);
    assertThat(at("2026-01-22T15:19:59")).isEqualTo(SessionPhase.CONTINUOUS);
    assertThat(at("2026-01-22T15:20:00")).isEqualTo(SessionPhase.CLOSING_AUCTION);
    assertThat(at("2026-01-22T15:30:00")).isEqualTo(SessionPhase.AFTER_HOURS);
    assertThat(at("2026-01-22T18:00:00")).isEqualTo(SessionPhase.CLOSED);
  }

  @Test
  void weekends_and_holidays_are_closed() {
    assertThat(at("2026-01-24T10:00:00")).isEqualTo(SessionPhase.CLOSED); // Saturday
    assertThat(at("2026-02-17T10:00:00")).isEqualTo(SessionPhase.CLOSED); // Seollal
    assertThat(calendar.nextTradingDay(LocalDate.of(2026, 2, 13)))
        .isEqualTo(LocalDate.of(2026, 2, 19));
    assertThat(calendar.previousTradingDay(LocalDate.of(2026, 2, 19)))
        .isEqualTo(LocalDate.of(2026, 2, 13));
  }

  @Test
  void the_first_trading_day_of_a_year_opens_at_ten() {
    assertThat(calendar.openTime(LocalDate.of(2026, 1, 2)))
        .isEqualTo(java.time.LocalTime.of(10, 0));
    assertThat(at("2026-01-02T09:30:00")).isEqualTo(SessionPhase.PRE_OPEN_AUCTION);
    assertThat(calendar.openTime(LocalDate.of(2026, 1, 5))).isEqualTo(java.time.LocalTime.of(9, 0));
  }
}
