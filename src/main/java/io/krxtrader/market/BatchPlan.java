package io.krxtrader.market;

import io.krxtrader.krx.Symbol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one batch of price events changes, computed without the database: the ticks to insert (a
 * repeat of the same (symbol, ts, source) within the batch is dropped; one already stored is
 * ignored by the insert), the new state and best price of every symbol the batch touched, and the
 * discrepancies found.
 */
record BatchPlan(
    List<PriceEvent> ticks,
    Map<Symbol, SymbolState> states,
    List<BestPrice> bests,
    List<Discrepancy> discrepancies) {

  private record Key(Symbol symbol, Instant ts, PriceSource source) {}

  /**
   * @param events in arrival order
   * @param known the stored states of the batch's symbols (missing ones start empty); updated in
   *     place
   * @param now the write time: ages and quality scores are as of it
   */
  static BatchPlan of(
      List<PriceEvent> events, Map<Symbol, SymbolState> known, Instant now, MarketConfig config) {
    List<PriceEvent> ticks = new ArrayList<>(events.size());
    Set<Key> seen = new HashSet<>(events.size() * 2);
    Map<Symbol, SymbolState> touched = new LinkedHashMap<>();
    List<Discrepancy> discrepancies = new ArrayList<>();
    for (PriceEvent event : events) {
      if (!seen.add(new Key(event.symbol(), event.ts(), event.source()))) {
        continue;
      }
      ticks.add(event);
      SymbolState state =
          touched.computeIfAbsent(event.symbol(), s -> known.computeIfAbsent(s, SymbolState::new));
      state.apply(event, config.discrepancies()).ifPresent(discrepancies::add);
    }
    List<BestPrice> bests = new ArrayList<>(touched.size());
    for (SymbolState state : touched.values()) {
      Optional<BestPrice> best = state.best(now, config);
      best.ifPresent(
          b -> {
            bests.add(b);
            state.clearStaleIfFresh(b, config);
          });
    }
    return new BatchPlan(ticks, touched, bests, discrepancies);
  }
}
