package io.krxtrader.krx;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * One stock's simulated trading day: a seeded random walk of the log return against the previous
 * close, with an opening gap, a U-shaped intraday volatility (busy open and close), mild mean
 * reversion to the day's drift and rare jumps. Every price it reports is a whole-KRW price on the
 * tick grid inside the day's ±30 % limits; bids, asks, sizes and trade volumes are consistent with
 * it.
 *
 * <p>The walk's state is a ratio (a log return), so it is a {@code double}; money never is. Given
 * the same stock, previous close, date, seed and the same sequence of {@link #advanceTo} times, the
 * path is identical on every run: the sample-data generator and the simulator rely on that.
 */
public final class PricePath {

  private static final double SESSION_SECONDS = 6.5 * 3600;
  private static final double JUMPS_PER_SECOND = 1.0 / 7200;

  /** The market at one moment. {@code volume} is the shares traded since the previous step. */
  public record Step(
      Instant at,
      long last,
      long bid,
      long ask,
      long bidSize,
      long askSize,
      long volume,
      boolean traded) {}

  private final Stock stock;
  private final PriceLimits limits;
  private final SplittableRandom random;
  private final Instant open;
  private final Instant close;
  private final double sigmaPerSqrtSecond;
  private final double drift;
  private final long meanTradeShares;

  private Instant now;
  private double logReturn;
  private long last;

  private PricePath(
      Stock stock, long previousClose, LocalDate date, long seed, TradingCalendar calendar) {
    this.stock = stock;
    this.limits = PriceLimits.fromBase(previousClose);
    this.random = new SplittableRandom(mix(seed, stock.symbol().code().hashCode(), date));
    this.open = calendar.open(date);
    this.close = calendar.close(date);
    double volatility = stock.dailyVolatility();
    this.sigmaPerSqrtSecond = volatility / Math.sqrt(SESSION_SECONDS) / 1.15;
    this.drift = random.nextGaussian() * volatility * 0.5;
    this.logReturn = random.nextGaussian() * volatility * 0.35;
    this.last = toPrice(logReturn);
    this.now = open;
    double liquidityFactor =
        switch (stock.liquidity()) {
          case HIGH -> 3.0;
          case MEDIUM -> 1.0;
          case LOW -> 0.3;
        };
    this.meanTradeShares =
        Math.max(1, Math.min(20_000, Math.round(3_000_000.0 / previousClose * liquidityFactor)));
  }

  /**
   * A path for {@code date}, starting from {@code previousClose} (the day's base price), at the
   * session open.
   */
  public static PricePath forDay(
      Stock stock, long previousClose, LocalDate date, long seed, TradingCalendar calendar) {
    return new PricePath(stock, previousClose, date, seed, calendar);
  }

  /**
   * The latest price: the day's opening price until the first {@link #advanceTo}, then the price of
   * the latest step.
   */
  public long last() {
    return last;
  }

  /**
   * Moves the walk forward to {@code at} (never backwards) and reports the market there. Whether a
   * trade happened in the interval follows the stock's liquidity: a HIGH stock trades in almost
   * every 500 ms slot, a LOW one in fewer than half.
   */
  public Step advanceTo(Instant at) {
    if (at.isBefore(now)) {
      throw new IllegalArgumentException(
          "a price path only moves forward [now=" + now + ", requested=" + at + "]");
    }
    double seconds = Duration.between(now, at).toNanos() / 1e9;
    now = at;
    if (seconds > 0) {
      step(seconds);
    }
    double slots = Math.max(seconds / 0.5, 1e-9);
    boolean traded =
        random.nextDouble() < 1 - Math.pow(1 - stock.liquidity().activeSlotShare(), slots);
    long volume = 0;
    if (traded) {
      volume = Math.max(1, Math.round(meanTradeShares * -Math.log(1 - random.nextDouble())));
    }
    long tick = TickSize.of(last);
    long spread = tick * stock.liquidity().spreadTicks();
    long bid;
    long ask;
    if (random.nextBoolean()) {
      ask = last;
      bid = Math.max(limits.lower(), TickSize.floor(last - spread));
    } else {
      bid = last;
      ask = Math.min(limits.upper(), TickSize.ceil(last + spread));
    }
    if (bid == ask) {
      // Pinned at a limit: one side of the book is empty in reality; keep a one-tick spread.
      if (ask == limits.upper()) {
        bid = TickSize.down(ask);
      } else {
        ask = TickSize.up(bid);
      }
    }
    long bidSize = 1 + Math.round(meanTradeShares * 5 * random.nextDouble());
    long askSize = 1 + Math.round(meanTradeShares * 5 * random.nextDouble());
    return new Step(at, last, bid, ask, bidSize, askSize, volume, traded);
  }

  private void step(double seconds) {
    double minutesSinceOpen = Math.max(0, Duration.between(open, now).toSeconds() / 60.0);
    double minutesToClose = Math.max(0, Duration.between(now, close).toSeconds() / 60.0);
    double intraday =
        1 + 0.8 * Math.exp(-minutesSinceOpen / 30) + 0.4 * Math.exp(-minutesToClose / 30);
    double sigma = sigmaPerSqrtSecond * intraday * Math.sqrt(seconds);
    double reversion = Math.min(1, seconds / 3600) * 0.2 * (drift - logReturn);
    logReturn += reversion + sigma * random.nextGaussian();
    if (random.nextDouble() < seconds * JUMPS_PER_SECOND) {
      logReturn += random.nextGaussian() * 0.01;
    }
    last = toPrice(logReturn);
    if (last == limits.upper() || last == limits.lower()) {
      // Keep the walk where the exchange kept the price: a limit is a wall, not a suggestion.
      // Only there: resetting to the rounded price on every step erased every move smaller than
      // half a tick, and a stock whose tick is large against a 500 ms move never moved.
      logReturn = Math.log((double) last / limits.base());
    }
  }

  private long toPrice(double ratio) {
    long raw = Math.round(limits.base() * Math.exp(ratio));
    return limits.clamp(TickSize.nearest(Math.max(1, raw)));
  }

  private static long mix(long seed, int symbolHash, LocalDate date) {
    long z = seed * 0x9E3779B97F4A7C15L + symbolHash * 0xBF58476D1CE4E5B9L + date.toEpochDay();
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
