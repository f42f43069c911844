package io.krxtrader.sim;

import io.krxtrader.krx.PriceLimits;
import io.krxtrader.krx.Stock;
import io.krxtrader.krx.TickSize;
import io.krxtrader.krx.TradingCalendar;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Past daily bars of one symbol: a seeded walk backwards from the simulation's first previous close
 * (so the newest synthetic day closes exactly there), then the days the simulator ran. Oldest
 * first.
 */
final class DailyHistory {

  /** One day's bar. */
  record Day(LocalDate date, long open, long high, long low, long close, long volume, long value) {}

  /** Enough for inquire-daily-price's 30 months and the month before them (about 650 days). */
  static final int SYNTHETIC_DAYS = 700;

  private final List<Day> days = new ArrayList<>();

  DailyHistory(
      Stock stock, LocalDate firstSimulatedDay, long seed, TradingCalendar calendar, int length) {
    SplittableRandom random = new SplittableRandom(seed * 31 + stock.symbol().code().hashCode());
    List<Day> backwards = new ArrayList<>();
    long close = stock.referencePrice();
    LocalDate date = calendar.previousTradingDay(firstSimulatedDay);
    double volatility = stock.dailyVolatility();
    for (int i = 0; i < length; i++) {
      long previous =
          Math.max(
              1,
              TickSize.nearest(Math.round(close / Math.exp(random.nextGaussian() * volatility))));
      PriceLimits limits = PriceLimits.fromBase(previous);
      close = limits.clamp(close);
      long open =
          limits.clamp(
              TickSize.nearest(
                  Math.round(previous * Math.exp(random.nextGaussian() * volatility * 0.3))));
      long high =
          limits.clamp(
              TickSize.ceil(
                  Math.round(
                      Math.max(open, close)
                          * (1 + Math.abs(random.nextGaussian()) * volatility * 0.5))));
      long low =
          limits.clamp(
              TickSize.floor(
                  Math.round(
                      Math.min(open, close)
                          * (1 - Math.abs(random.nextGaussian()) * volatility * 0.5))));
      long volume = 1_000 + Math.round(50_000_000.0 / close * (0.5 + random.nextDouble()));
      backwards.add(
          new Day(
              date,
              open,
              Math.max(high, Math.max(open, close)),
              Math.min(low, Math.min(open, close)),
              close,
              volume,
              volume * close));
      close = previous;
      date = calendar.previousTradingDay(date);
    }
    for (int i = backwards.size() - 1; i >= 0; i--) {
      days.add(backwards.get(i));
    }
  }

  void add(Day day) {
    days.add(day);
  }

  /** Days from {@code from} to {@code to}, newest first (KIS's order). */
  List<Day> between(LocalDate from, LocalDate to) {
    List<Day> result = new ArrayList<>();
    for (int i = days.size() - 1; i >= 0; i--) {
      Day day = days.get(i);
      if (!day.date().isAfter(to) && !day.date().isBefore(from)) {
        result.add(day);
      }
    }
    return result;
  }
}
