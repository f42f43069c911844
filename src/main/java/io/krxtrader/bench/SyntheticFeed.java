package io.krxtrader.bench;

import io.krxtrader.krx.PricePath;
import io.krxtrader.krx.Stock;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.krx.Universe;
import io.krxtrader.market.PriceEvent;
import io.krxtrader.market.PriceSource;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * WebSocket-like price events for benchmarks: round-robin over the symbols, each symbol's price
 * from its own {@link PricePath}, timed by the clock (a live feed's events are as old as their
 * delivery). Not thread-safe.
 */
final class SyntheticFeed {

  private final List<Stock> stocks;
  private final PricePath[] paths;
  private final InstantSource clock;
  private final Instant open;
  private final long startNanos = System.nanoTime();
  private int next;

  SyntheticFeed(List<Stock> stocks, InstantSource clock, long seed) {
    this.stocks = stocks;
    this.clock = clock;
    LocalDate day = LocalDate.of(2026, 1, 22);
    TradingCalendar calendar = TradingCalendar.krx();
    this.open = calendar.open(day);
    this.paths = new PricePath[stocks.size()];
    for (int i = 0; i < paths.length; i++) {
      Stock stock = stocks.get(i);
      paths[i] = PricePath.forDay(stock, stock.referencePrice(), day, seed, calendar);
    }
  }

  /** {@code count} synthetic stocks: the real universe's price levels under new symbols. */
  static List<Stock> stocks(int count) {
    List<Stock> base = Universe.defaultUniverse().stocks();
    List<Stock> stocks = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Stock model = base.get(i % base.size());
      stocks.add(
          new Stock(
              Symbol.of(String.format("9%05d", i)),
              model.name(),
              model.market(),
              model.referencePrice(),
              model.liquidity()));
    }
    return stocks;
  }

  PriceEvent next() {
    int i = next;
    next = (next + 1) % paths.length;
    // The simulated session advances with real time; event times come from the clock.
    Instant simulated = open.plusNanos(System.nanoTime() - startNanos);
    PricePath.Step step = paths[i].advanceTo(simulated);
    return new PriceEvent(
        stocks.get(i).symbol(),
        PriceSource.KIS_WS,
        clock.instant(),
        step.last(),
        OptionalLong.of(step.bid()),
        OptionalLong.of(step.ask()),
        OptionalLong.of(step.volume()),
        OptionalLong.of(step.volume() * step.last()));
  }
}
