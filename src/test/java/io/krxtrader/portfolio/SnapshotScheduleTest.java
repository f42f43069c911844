package io.krxtrader.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.krx.TradingCalendar;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotScheduleTest {

  private static final TradingCalendar KRX = TradingCalendar.krx();

  private static boolean due(RebalanceFrequency frequency, String last, String now) {
    return SnapshotSchedule.isDue(
        frequency, Optional.ofNullable(last).map(Instant::parse), Instant.parse(now), KRX);
  }

  @Test
  void a_daily_snapshot_is_due_from_0931_kst_once_per_trading_day() {
    // 2026-12-03 is a Thursday; 00:30Z is 09:30 KST.
    assertThat(due(RebalanceFrequency.DAILY, null, "2026-12-03T00:30:59Z")).isFalse();
    assertThat(due(RebalanceFrequency.DAILY, null, "2026-12-03T00:31:00Z")).isTrue();
    assertThat(due(RebalanceFrequency.DAILY, "2026-12-02T00:31:00Z", "2026-12-03T05:00:00Z"))
        .isTrue();
    assertThat(due(RebalanceFrequency.DAILY, "2026-12-03T00:31:00Z", "2026-12-03T05:00:00Z"))
        .isFalse();
    // Saturday.
    assertThat(due(RebalanceFrequency.DAILY, null, "2026-12-05T01:00:00Z")).isFalse();
  }

  @Test
  void weekly_and_monthly_snapshots_are_due_once_per_period() {
    // Monday 2026-11-30 was taken: not again on Thursday, again on Monday 2026-12-07.
    assertThat(due(RebalanceFrequency.WEEKLY, "2026-11-30T00:31:00Z", "2026-12-03T01:00:00Z"))
        .isFalse();
    assertThat(due(RebalanceFrequency.WEEKLY, "2026-11-30T00:31:00Z", "2026-12-07T01:00:00Z"))
        .isTrue();
    assertThat(due(RebalanceFrequency.MONTHLY, "2026-11-30T00:31:00Z", "2026-12-03T01:00:00Z"))
        .isTrue();
    assertThat(due(RebalanceFrequency.MONTHLY, "2026-12-01T00:31:00Z", "2026-12-03T01:00:00Z"))
        .isFalse();
  }
}
