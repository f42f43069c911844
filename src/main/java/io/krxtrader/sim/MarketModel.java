package io.krxtrader.sim;

import io.krxtrader.krx.PricePath;
import io.krxtrader.krx.SessionPhase;
import io.krxtrader.krx.Stock;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated market: every symbol's {@link SymbolMarket}, moved forward on a fixed grid of
 * simulated time ({@code step}) so that the same seed gives the same prices however often anyone
 * looks. The session follows the calendar: the book shows the expected opening price from 08:30,
 * one auction print opens the day at 09:00, continuous trading to 15:20, no prints in the closing
 * auction, one closing print at 15:30. In replay mode recorded ticks move the prices instead.
 *
 * <p>The model's monitor is the simulator's one lock: the broker and the servers read and change
 * state only while holding it.
 */
final class MarketModel {

  /** Told about every print and book change while the lock is held; flushed after each catch-up. */
  interface Listener {
    void onTrade(SymbolMarket market, SymbolMarket.Trade trade);

    void onBook(SymbolMarket market);

    void flush();
  }

  /** Runs after each symbol's step: the broker matches resting orders there. */
  interface StepHook {
    void afterStep(SymbolMarket market, Instant at, boolean auctionPrint);

    void onNewDay(LocalDate day);
  }

  private final SimulatorConfig config;
  private final InstantSource clock;
  private final TradingCalendar calendar;
  private final Map<Symbol, SymbolMarket> markets = new LinkedHashMap<>();
  private final Map<Symbol, DailyHistory> histories = new LinkedHashMap<>();
  private final Optional<RecordedMarket> replay;
  private final List<Listener> listeners = new ArrayList<>();
  private final StoryPaths stories;
  private StepHook hook;
  private RecordedTick pendingTick;
  private LocalDate day;
  private Instant nextStep;
  private Instant closingStart;
  private Instant close;
  private Instant open;
  private LocalDate firstDay;

  MarketModel(SimulatorConfig config, InstantSource clock, Optional<RecordedMarket> replay) {
    this.config = config;
    this.clock = clock;
    this.calendar = config.calendar();
    this.replay = replay;
    this.stories = new StoryPaths(config.stories(), calendar);
    for (Stock stock : config.universe().stocks()) {
      markets.put(stock.symbol(), new SymbolMarket(stock, config.seed()));
    }
    replay.ifPresent(r -> pendingTick = r.next().orElse(null));
  }

  void addListener(Listener listener) {
    listeners.add(listener);
  }

  void setHook(StepHook stepHook) {
    this.hook = stepHook;
  }

  InstantSource clock() {
    return clock;
  }

  Optional<SymbolMarket> find(Symbol symbol) {
    return Optional.ofNullable(markets.get(symbol));
  }

  Optional<SymbolMarket> find(String code) {
    return Symbol.isValid(code) ? find(Symbol.of(code)) : Optional.empty();
  }

  LocalDate day() {
    return day;
  }

  SessionPhase phase() {
    return calendar.phaseAt(clock.instant());
  }

  DailyHistory history(SymbolMarket market) {
    return histories.computeIfAbsent(
        market.stock.symbol(),
        s ->
            new DailyHistory(
                market.stock,
                firstDay,
                config.seed(),
                calendar,
                stories.historyDays(s).orElse(DailyHistory.SYNTHETIC_DAYS)));
  }

  /** Brings every symbol up to the clock's now. */
  synchronized void catchUp() {
    Instant now = clock.instant();
    LocalDate sessionDay = sessionDay(now);
    if (!sessionDay.equals(day)) {
      startDay(sessionDay);
    }
    if (replay.isPresent()) {
      replayUntil(now);
    } else {
      while (!nextStep.isAfter(now) && !nextStep.isAfter(close)) {
        step(nextStep);
        nextStep = nextStep.plus(config.step());
      }
    }
    listeners.forEach(Listener::flush);
  }

  private LocalDate sessionDay(Instant now) {
    LocalDate today = TradingCalendar.kstDate(now);
    return calendar.isTradingDay(today) ? today : calendar.previousTradingDay(today);
  }

  private void startDay(LocalDate date) {
    if (firstDay == null) {
      firstDay = date;
    }
    for (SymbolMarket market : markets.values()) {
      long base = market.stock.referencePrice();
      if (day != null) {
        if (market.traded) {
          history(market)
              .add(
                  new DailyHistory.Day(
                      day,
                      market.open,
                      market.high,
                      market.low,
                      market.last,
                      market.volume,
                      market.value));
        }
        base = market.last;
      }
      PricePath path =
          replay.isPresent()
              ? null
              : PricePath.forDay(market.stock, base, date, config.seed(), calendar);
      market.newDay(date, base, path);
      if (path != null) {
        stories.onNewDay(market, date);
      }
    }
    day = date;
    open = calendar.open(date);
    closingStart = calendar.closingAuctionStart(date);
    close = calendar.close(date);
    nextStep = open;
    if (hook != null) {
      hook.onNewDay(date);
    }
    markets.values().forEach(m -> listeners.forEach(l -> l.onBook(m)));
  }

  private void step(Instant at) {
    java.time.LocalTime time = SymbolMarket.kstTime(at);
    for (SymbolMarket market : markets.values()) {
      PricePath.Step s = stories.shape(market, market.path.advanceTo(at));
      boolean print = false;
      if (at.equals(open)) {
        market.auction = false;
        market.expectedPrice = 0;
        market.rebuildBook(s.bid(), s.ask(), s.bidSize(), s.askSize());
        long quantity = Math.max(1, s.volume()) * 5 + s.bidSize();
        trade(market, new SymbolMarket.Trade(time, s.last(), quantity, true));
        print = true;
      } else if (at.isBefore(closingStart)) {
        market.rebuildBook(s.bid(), s.ask(), s.bidSize(), s.askSize());
        if (s.traded()) {
          trade(market, new SymbolMarket.Trade(time, s.last(), s.volume(), s.ask() == s.last()));
        }
      } else if (at.isBefore(close)) {
        market.auction = true;
        market.expectedPrice = s.last();
        market.expectedQuantity += s.volume();
        market.rebuildBook(s.bid(), s.ask(), s.bidSize(), s.askSize());
      } else {
        market.auction = false;
        long quantity = Math.max(1, market.expectedQuantity);
        market.expectedPrice = 0;
        market.expectedQuantity = 0;
        trade(market, new SymbolMarket.Trade(time, s.last(), quantity, true));
        print = true;
      }
      market.bookTime = time;
      if (hook != null) {
        hook.afterStep(market, at, print);
      }
      listeners.forEach(l -> l.onBook(market));
    }
  }

  private void trade(SymbolMarket market, SymbolMarket.Trade trade) {
    market.trade(trade.time(), trade.price(), trade.volume(), trade.buyerInitiated());
    listeners.forEach(l -> l.onTrade(market, trade));
  }

  private void replayUntil(Instant now) {
    while (pendingTick != null && !pendingTick.eventTime().isAfter(now)) {
      RecordedTick tick = pendingTick;
      pendingTick = replay.get().next().orElse(null);
      SymbolMarket market = markets.get(tick.symbol());
      if (market == null) {
        continue;
      }
      if (!market.traded && !market.limits.contains(tick.last())) {
        market.newDay(day, tick.last(), null);
      }
      java.time.LocalTime time = SymbolMarket.kstTime(tick.eventTime());
      market.auction = false;
      market.expectedPrice = 0;
      long bid = tick.bid() > 0 ? tick.bid() : io.krxtrader.krx.TickSize.down(tick.last());
      long ask = tick.ask() > 0 ? tick.ask() : io.krxtrader.krx.TickSize.up(tick.last());
      market.rebuildBook(bid, ask, tick.bidSize(), tick.askSize());
      market.bookTime = time;
      if (tick.volume() > 0 && market.limits.contains(tick.last())) {
        trade(market, new SymbolMarket.Trade(time, tick.last(), tick.volume(), tick.last() >= ask));
      }
      if (hook != null) {
        hook.afterStep(market, tick.eventTime(), false);
      }
      listeners.forEach(l -> l.onBook(market));
    }
  }

  /** The first recorded tick's time, so that a replay can start its clock there. */
  static Optional<Instant> firstTickTime(RecordedMarket peek) {
    return peek.next().map(RecordedTick::eventTime);
  }
}
