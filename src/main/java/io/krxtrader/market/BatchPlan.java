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
 * What one batch of price events changes, computed without the database: the ticks to insert, the
 * new state and best price of every symbol the batch touched, and the discrepancies found.
 *
 * <p>A repeat of the same (symbol, ts, source) within the batch is dropped here. A repeat of a
 * stored tick can only be at or before its (symbol, source)'s latest stored time, which the stored
 * state holds: ticks after it are {@code newTicks} (a plain insert, about 30 % cheaper for the
 * server than {@code ON CONFLICT DO NOTHING}); the rest are {@code maybeStored} and go through
 * {@code ON CONFLICT DO NOTHING}.
 */
record BatchPlan(
    List<PriceEvent> newTicks,
    List<PriceEvent> maybeStored,
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
    List<PriceEvent> unique = new ArrayList<>(events.size());
    List<PriceEvent> newTicks = new ArrayList<>(events.size());
    List<PriceEvent> maybeStored = new ArrayList<>();
    Set<Key> seen = new HashSet<>(events.size() * 2);
    // Sorted against the stored states before the loop below changes them.
    for (PriceEvent event : events) {
      if (seen.add(new Key(event.symbol(), event.ts(), event.source()))) {
        unique.add(event);
        SymbolState stored = known.get(event.symbol());
        PriceEvent latest = stored == null ? null : stored.latest(event.source());
        (latest == null || event.ts().isAfter(latest.ts()) ? newTicks : maybeStored).add(event);
      }
    }
    Map<Symbol, SymbolState> touched = new LinkedHashMap<>();
    List<Discrepancy> discrepancies = new ArrayList<>();
    for (PriceEvent event : unique) {
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
    return new BatchPlan(newTicks, maybeStored, touched, bests, discrepancies);
  }
}
