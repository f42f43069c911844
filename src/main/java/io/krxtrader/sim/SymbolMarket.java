package io.krxtrader.sim;

import io.krxtrader.krx.PriceLimits;
import io.krxtrader.krx.PricePath;
import io.krxtrader.krx.Stock;
import io.krxtrader.krx.TickSize;
import io.krxtrader.krx.TradingCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One symbol's market for the current day: last trade, day OHLC and volume, the 10-level book
 * (built around the price path's best bid and ask, so book and trades agree), today's minute bars
 * and what our own orders took from the book in the current step. Guarded by {@link MarketModel}'s
 * lock.
 */
final class SymbolMarket {

  static final int LEVELS = 10;

  /** One trade as the tape shows it. */
  record Trade(LocalTime time, long price, long volume, boolean buyerInitiated) {}

  final Stock stock;
  private final SplittableRandom depthRandom;
  LocalDate day;
  PriceLimits limits;
  long previousClose;
  PricePath path;
  long last;
  long open;
  long high;
  long low;
  long volume;
  long value;
  long buyVolume;
  long sellVolume;
  long buyCount;
  long sellCount;
  LocalTime openTime = LocalTime.MIDNIGHT;
  LocalTime highTime = LocalTime.MIDNIGHT;
  LocalTime lowTime = LocalTime.MIDNIGHT;
  LocalTime bookTime = LocalTime.MIDNIGHT;
  long expectedPrice;
  long expectedQuantity;
  boolean traded;
  boolean auction;
  final long[] askPrices = new long[LEVELS];
  final long[] askSizes = new long[LEVELS];
  final long[] bidPrices = new long[LEVELS];
  final long[] bidSizes = new long[LEVELS];
  final long[] askTaken = new long[LEVELS];
  final long[] bidTaken = new long[LEVELS];

  /** minute -> {open, high, low, close, volume, value}. */
  final TreeMap<LocalTime, long[]> minutes = new TreeMap<>();

  SymbolMarket(Stock stock, long seed) {
    this.stock = stock;
    this.depthRandom =
        new SplittableRandom(seed ^ stock.symbol().code().hashCode() * 0x9E3779B97F4A7C15L);
  }

  void newDay(LocalDate date, long base, PricePath dayPath) {
    day = date;
    previousClose = base;
    limits = PriceLimits.fromBase(base);
    path = dayPath;
    last = base;
    open = high = low = 0;
    volume = value = buyVolume = sellVolume = buyCount = sellCount = 0;
    traded = false;
    auction = true;
    minutes.clear();
    expectedPrice = dayPath == null ? base : dayPath.last();
    expectedQuantity = 0;
    long spread = TickSize.of(expectedPrice);
    rebuildBook(
        TickSize.floor(expectedPrice - spread), TickSize.ceil(expectedPrice + spread), 100, 100);
  }

  /** Lays out 10 levels each side from the best bid and ask; deeper levels get seeded sizes. */
  void rebuildBook(long bestBid, long bestAsk, long bidSize, long askSize) {
    long ask = Math.min(limits.upper(), Math.max(limits.lower(), bestAsk));
    long bid = Math.max(limits.lower(), Math.min(limits.upper(), bestBid));
    if (bid >= ask) {
      bid = ask > limits.lower() ? TickSize.down(ask) : 0;
    }
    for (int i = 0; i < LEVELS; i++) {
      askPrices[i] = ask > 0 && ask <= limits.upper() ? ask : 0;
      askSizes[i] = askPrices[i] == 0 ? 0 : (i == 0 ? Math.max(1, askSize) : depth(askSize));
      ask = ask > 0 && ask < limits.upper() ? TickSize.up(ask) : 0;
      bidPrices[i] = bid >= limits.lower() && bid > 0 ? bid : 0;
      bidSizes[i] = bidPrices[i] == 0 ? 0 : (i == 0 ? Math.max(1, bidSize) : depth(bidSize));
      bid = bid > limits.lower() ? TickSize.down(bid) : 0;
      askTaken[i] = 0;
      bidTaken[i] = 0;
    }
  }

  private long depth(long reference) {
    return 1 + Math.round(Math.max(10, reference) * (0.5 + depthRandom.nextDouble() * 1.5));
  }

  void trade(LocalTime time, long price, long quantity, boolean buyerInitiated) {
    last = price;
    if (!traded) {
      open = high = low = price;
      openTime = highTime = lowTime = time;
      traded = true;
    }
    if (price > high) {
      high = price;
      highTime = time;
    }
    if (price < low) {
      low = price;
      lowTime = time;
    }
    volume += quantity;
    value += price * quantity;
    if (buyerInitiated) {
      buyVolume += quantity;
      buyCount++;
    } else {
      sellVolume += quantity;
      sellCount++;
    }
    LocalTime minute = time.withSecond(0).withNano(0);
    long[] bar = minutes.get(minute);
    if (bar == null) {
      minutes.put(minute, new long[] {price, price, price, price, quantity, price * quantity});
    } else {
      bar[1] = Math.max(bar[1], price);
      bar[2] = Math.min(bar[2], price);
      bar[3] = price;
      bar[4] += quantity;
      bar[5] += price * quantity;
    }
  }

  long bestAsk() {
    return askPrices[0];
  }

  long bestBid() {
    return bidPrices[0];
  }

  long totalAsk() {
    long total = 0;
    for (int i = 0; i < LEVELS; i++) {
      total += Math.max(0, askSizes[i] - askTaken[i]);
    }
    return total;
  }

  long totalBid() {
    long total = 0;
    for (int i = 0; i < LEVELS; i++) {
      total += Math.max(0, bidSizes[i] - bidTaken[i]);
    }
    return total;
  }

  long change() {
    return last - previousClose;
  }

  /** KIS's sign code: 1 limit up, 2 up, 3 unchanged, 4 limit down, 5 down. */
  String sign() {
    if (last == limits.upper() && last != previousClose) {
      return "1";
    }
    if (last == limits.lower() && last != previousClose) {
      return "4";
    }
    return last > previousClose ? "2" : last < previousClose ? "5" : "3";
  }

  /** The day's volume-weighted average price to two decimals, "0.00" before the first trade. */
  String averagePrice() {
    return volume == 0
        ? "0.00"
        : java.math.BigDecimal.valueOf(value)
            .divide(java.math.BigDecimal.valueOf(volume), 2, java.math.RoundingMode.HALF_UP)
            .toPlainString();
  }

  String changeRate() {
    return java.math.BigDecimal.valueOf(change() * 100L)
        .divide(java.math.BigDecimal.valueOf(previousClose), 2, java.math.RoundingMode.HALF_UP)
        .toPlainString();
  }

  static LocalTime kstTime(Instant at) {
    return at.atZone(TradingCalendar.KST).toLocalTime().withNano(0);
  }
}
