package io.krxtrader.observer.jsonl;

import io.krxtrader.krx.TradingCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Track A's poll boundaries, the one definition the live collector and the sample-data generator
 * share: every {@link #PERIOD} after the open up to and including the close (09:10, 09:20, ...,
 * 15:30 KST on a normal day). A poll's file is named after its boundary ({@link
 * JsonlLayout#swingFile}).
 */
public final class PollBoundaries {

  public static final Duration PERIOD = Duration.ofMinutes(10);

  private PollBoundaries() {}

  /** The boundaries of {@code tradingDay}, in order. */
  public static List<Instant> onDay(TradingCalendar calendar, LocalDate tradingDay) {
    List<Instant> boundaries = new ArrayList<>();
    Instant close = calendar.close(tradingDay);
    for (Instant b = calendar.open(tradingDay).plus(PERIOD);
        !b.isAfter(close);
        b = b.plus(PERIOD)) {
      boundaries.add(b);
    }
    return boundaries;
  }
}
