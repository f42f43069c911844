package io.krxtrader.sim;

import io.krxtrader.krx.PricePath;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TickSize;
import io.krxtrader.krx.TradingCalendar;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Lays the day's stories over the seeded model (the market model's one hook for them): on a story
 * symbol's story days each step's price becomes reference × (1 + shape %) × (model ratio) ^ {@link
 * DayStories#TEXTURE}, on the tick grid and inside the day's limits, with the model's own side of
 * the spread. Other symbols and days are the model's. Guarded by the market lock.
 */
final class StoryPaths {

  private final DayStories stories;
  private final TradingCalendar calendar;
  private final Map<Symbol, Long> references = new HashMap<>();

  StoryPaths(DayStories stories, TradingCalendar calendar) {
    this.stories = stories;
    this.calendar = calendar;
  }

  /** The synthetic daily history a story asks for the symbol, if any. */
  OptionalInt historyDays(Symbol symbol) {
    return stories.find(symbol).map(DayStory::historyDays).orElse(OptionalInt.empty());
  }

  /**
   * A new day starts with {@code base} as the previous close: remembers a story's reference on its
   * first day (or the first story day the simulator sees) and sets the pre-open book.
   */
  void onNewDay(SymbolMarket market, LocalDate date) {
    Optional<DayStory> story = stories.find(market.stock.symbol());
    if (story.isEmpty()) {
      return;
    }
    int day = relativeDay(date);
    if (day < story.get().firstDay() || day > story.get().lastDay()) {
      references.remove(market.stock.symbol());
      return;
    }
    references.putIfAbsent(market.stock.symbol(), market.previousClose);
    long open = price(market, story.get(), day, java.time.LocalTime.of(9, 0), market.expectedPrice);
    market.expectedPrice = open;
    long spread = TickSize.of(open);
    market.rebuildBook(TickSize.floor(open - spread), TickSize.ceil(open + spread), 100, 100);
  }

  /** The step as the story shapes it (the model's step when the symbol has no story today). */
  PricePath.Step shape(SymbolMarket market, PricePath.Step step) {
    Long reference = references.get(market.stock.symbol());
    if (reference == null) {
      return step;
    }
    DayStory story = stories.find(market.stock.symbol()).orElseThrow();
    int day = relativeDay(market.day);
    long last = price(market, story, day, SymbolMarket.kstTime(step.at()), step.last());
    long spread = Math.max(step.ask() - step.bid(), TickSize.of(last));
    long bid;
    long ask;
    if (step.ask() == step.last()) {
      ask = last;
      bid = market.limits.clamp(TickSize.floor(last - spread));
    } else {
      bid = last;
      ask = market.limits.clamp(TickSize.ceil(last + spread));
    }
    return new PricePath.Step(
        step.at(), last, bid, ask, step.bidSize(), step.askSize(), step.volume(), step.traded());
  }

  private long price(
      SymbolMarket market, DayStory story, int day, java.time.LocalTime time, long modelPrice) {
    long reference = references.get(market.stock.symbol());
    BigDecimal pct = story.pctAt(day, time);
    double texture = Math.pow((double) modelPrice / market.previousClose, DayStories.TEXTURE);
    double raw = reference * (1 + pct.doubleValue() / 100) * texture;
    return market.limits.clamp(TickSize.nearest(Math.max(1, Math.round(raw))));
  }

  /** Trading days from the story day to {@code date} (negative before it). */
  private int relativeDay(LocalDate date) {
    LocalDate storyDay = stories.day();
    int days = 0;
    LocalDate d = date;
    while (d.isBefore(storyDay)) {
      d = calendar.nextTradingDay(d);
      days--;
    }
    while (d.isAfter(storyDay)) {
      d = calendar.previousTradingDay(d);
      days++;
    }
    return days;
  }
}
