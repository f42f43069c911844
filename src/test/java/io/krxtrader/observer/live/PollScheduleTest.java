package io.krxtrader.observer.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.krx.TradingCalendar;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class PollScheduleTest {

  private final PollSchedule schedule = new PollSchedule(TradingCalendar.krx());

  private static Instant kst(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(TradingCalendar.KST).toInstant();
  }

  @Test
  void boundaries_run_every_ten_minutes_from_ten_past_the_open_to_the_close() {
    assertThat(schedule.firstAtOrAfter(kst("2026-01-22T08:00"))).isEqualTo(kst("2026-01-22T09:10"));
    assertThat(schedule.firstAtOrAfter(kst("2026-01-22T09:10"))).isEqualTo(kst("2026-01-22T09:10"));
    assertThat(schedule.firstAtOrAfter(kst("2026-01-22T09:10:00.001")))
        .isEqualTo(kst("2026-01-22T09:20"));
    assertThat(schedule.firstAtOrAfter(kst("2026-01-22T15:25"))).isEqualTo(kst("2026-01-22T15:30"));
  }

  @Test
  void after_the_close_the_next_boundary_is_on_the_next_trading_day() {
    // Friday after the close -> Monday
    assertThat(schedule.firstAtOrAfter(kst("2026-01-23T15:31"))).isEqualTo(kst("2026-01-26T09:10"));
    // the first trading day of a year opens at 10:00
    assertThat(schedule.firstAtOrAfter(kst("2025-12-31T16:00"))).isEqualTo(kst("2026-01-02T10:10"));
  }

  @Test
  void the_latest_passed_boundary_of_the_day() {
    assertThat(schedule.latestAtOrBefore(kst("2026-01-22T09:05"))).isEmpty();
    assertThat(schedule.latestAtOrBefore(kst("2026-01-22T11:47")))
        .contains(kst("2026-01-22T11:40"));
    assertThat(schedule.latestAtOrBefore(kst("2026-01-22T17:00")))
        .contains(kst("2026-01-22T15:30"));
    assertThat(schedule.latestAtOrBefore(kst("2026-01-24T11:00"))).isEmpty();
  }
}
