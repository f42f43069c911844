package io.krxtrader.market;

import io.krxtrader.krx.Symbol;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What PriceSync knows about one symbol while it merges a batch: the latest event of each source,
 * whether the latest Naver price was compared with a KIS price yet, the latest HIGH discrepancy and
 * the stale flag. Loaded from and written back to its {@code market.freshness} row; mutable, used
 * by one writer at a time (under the symbol bucket's lock).
 */
final class SymbolState {

  private final Symbol symbol;
  private final PriceEvent[] latest = new PriceEvent[PriceSource.values().length];
  private boolean naverCompared;
  private Instant highDiscrepancyTs;
  private boolean stale;
  private String staleReason;
  private boolean stored;
  private boolean storedBest;

  SymbolState(Symbol symbol) {
    this.symbol = symbol;
  }

  /** Restores a state read from the database (any of the events may be null). */
  static SymbolState restore(
      Symbol symbol,
      PriceEvent ws,
      PriceEvent rest,
      PriceEvent naver,
      boolean naverCompared,
      Instant highDiscrepancyTs,
      boolean stale,
      String staleReason) {
    SymbolState state = new SymbolState(symbol);
    state.latest[PriceSource.KIS_WS.ordinal()] = ws;
    state.latest[PriceSource.KIS_REST.ordinal()] = rest;
    state.latest[PriceSource.NAVER.ordinal()] = naver;
    state.naverCompared = naverCompared;
    state.highDiscrepancyTs = highDiscrepancyTs;
    state.stale = stale;
    state.staleReason = staleReason;
    state.stored = true;
    state.storedBest = ws != null || rest != null || naver != null;
    return state;
  }

  /** Whether the symbol had a {@code freshness} row when the state was read. */
  boolean stored() {
    return stored;
  }

  /**
   * Whether the symbol had a best price when the state was read (the writer writes a symbol's best
   * price in the transaction that first records one of its sources).
   */
  boolean storedBest() {
    return storedBest;
  }

  Symbol symbol() {
    return symbol;
  }

  /** The latest event of {@code source}, or null. */
  PriceEvent latest(PriceSource source) {
    return latest[source.ordinal()];
  }

  boolean naverCompared() {
    return naverCompared;
  }

  /** The latest HIGH discrepancy's time, or null. */
  Instant highDiscrepancyTs() {
    return highDiscrepancyTs;
  }

  boolean stale() {
    return stale;
  }

  /** The stale reason, or null. */
  String staleReason() {
    return staleReason;
  }

  /**
   * Takes an event into the state if it is newer than its source's latest (an older or repeated one
   * changes nothing here; its tick is still recorded). A Naver price is compared once with a KIS
   * price less than the window apart: when it arrives, against the latest KIS price, or else
   * against the first KIS price that arrives within the window after it.
   *
   * @return the discrepancy the comparison found, if any
   */
  Optional<Discrepancy> apply(PriceEvent event, MarketConfig.Discrepancies rules) {
    PriceEvent current = latest[event.source().ordinal()];
    if (current != null && !event.ts().isAfter(current.ts())) {
      return Optional.empty();
    }
    latest[event.source().ordinal()] = event;
    if (event.source() == PriceSource.NAVER) {
      naverCompared = false;
      return compareIfClose(latestKis(), event, rules);
    }
    PriceEvent naver = latest[PriceSource.NAVER.ordinal()];
    return naverCompared ? Optional.empty() : compareIfClose(event, naver, rules);
  }

  private PriceEvent latestKis() {
    PriceEvent ws = latest[PriceSource.KIS_WS.ordinal()];
    PriceEvent rest = latest[PriceSource.KIS_REST.ordinal()];
    if (ws == null) {
      return rest;
    }
    return rest != null && rest.ts().isAfter(ws.ts()) ? rest : ws;
  }

  private Optional<Discrepancy> compareIfClose(
      PriceEvent kis, PriceEvent naver, MarketConfig.Discrepancies rules) {
    if (kis == null
        || naver == null
        || Duration.between(kis.ts(), naver.ts()).abs().compareTo(rules.window()) >= 0) {
      return Optional.empty();
    }
    naverCompared = true;
    Optional<Discrepancy> found = Discrepancy.compare(kis, naver, rules);
    found
        .filter(d -> d.severity() == Severity.HIGH)
        .ifPresent(
            d -> {
              if (highDiscrepancyTs == null || d.ts().isAfter(highDiscrepancyTs)) {
                highDiscrepancyTs = d.ts();
              }
            });
    return found;
  }

  /**
   * The best price now: the freshest latest event among sources no older than their maximum age,
   * preferring the higher-ranked source among those at most {@code preferWithin} older than the
   * freshest. When every source is past its maximum age the freshest event of all is used, so the
   * row keeps showing the last known price; its age and quality score say it is not to be trusted.
   *
   * @return empty only if no source ever gave a price
   */
  Optional<BestPrice> best(Instant now, MarketConfig config) {
    PriceEvent freshest = null;
    boolean anyValid = false;
    for (PriceSource source : PriceSource.values()) {
      PriceEvent event = latest[source.ordinal()];
      if (event != null && withinMaxAge(event, now, config)) {
        anyValid = true;
        if (freshest == null || event.ts().isAfter(freshest.ts())) {
          freshest = event;
        }
      }
    }
    if (!anyValid) {
      for (PriceSource source : PriceSource.values()) {
        PriceEvent event = latest[source.ordinal()];
        if (event != null && (freshest == null || event.ts().isAfter(freshest.ts()))) {
          freshest = event;
        }
      }
    }
    if (freshest == null) {
      return Optional.empty();
    }
    Instant preferFrom = freshest.ts().minus(config.selection().preferWithin());
    PriceEvent chosen = freshest;
    for (PriceSource source : PriceSource.values()) {
      PriceEvent event = latest[source.ordinal()];
      if (event != null
          && (!anyValid || withinMaxAge(event, now, config))
          && !event.ts().isBefore(preferFrom)) {
        chosen = event;
        break;
      }
    }
    long ageMs = Math.max(0, Duration.between(chosen.ts(), now).toMillis());
    int quality = QualityScore.of(chosen.source(), ageMs, highDiscrepancyTs, now, config.quality());
    return Optional.of(
        new BestPrice(
            symbol,
            chosen.source(),
            chosen.ts(),
            chosen.lastPrice(),
            chosen.bid(),
            chosen.ask(),
            ageMs,
            quality,
            now));
  }

  private static boolean withinMaxAge(PriceEvent event, Instant now, MarketConfig config) {
    return Duration.between(event.ts(), now).compareTo(config.selection().maxAge(event.source()))
        <= 0;
  }

  /** After a write: a best price no older than {@code staleAfter} clears the stale flag. */
  void clearStaleIfFresh(BestPrice best, MarketConfig config) {
    if (best.freshnessMs() <= config.staleness().staleAfter().toMillis()) {
      stale = false;
      staleReason = null;
    }
  }
}
