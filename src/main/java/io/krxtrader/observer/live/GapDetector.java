package io.krxtrader.observer.live;

import io.krxtrader.krx.SessionPhase;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.observer.jsonl.CollectorFiles;
import io.krxtrader.observer.jsonl.GapEntry;
import io.krxtrader.observer.jsonl.JsonlLayout;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The gap ledger's writer. It records:
 *
 * <ul>
 *   <li>{@code ws_disconnect} (scope scalp): from the first disconnect to the moment every
 *       subscription is active again — one record per outage, however many reconnect attempts;
 *   <li>{@code rest_error} (scope swing, one symbol): a Track A poll that got no snapshot of the
 *       symbol, for the 10 minutes that poll stands for;
 *   <li>{@code poll_missed} (scope swing): a poll boundary that passed without a poll;
 *   <li>{@code no_data} (scope scalp, one symbol): a subscribed symbol silent for longer than the
 *       threshold during continuous trading, from its last event until it is heard again (or until
 *       continuous trading ends, or an outage starts: the outage's record covers the rest).
 * </ul>
 *
 * Thread-safe: stream events, polls and sweeps come from different threads.
 */
final class GapDetector {

  private final CollectorFiles files;
  private final TradingCalendar calendar;
  private final Duration silentAfter;
  private final Map<Symbol, Instant> lastHeard = new HashMap<>();
  private final Map<Symbol, Instant> silentSince = new HashMap<>();
  private Instant outageStart;
  private long recorded;

  GapDetector(
      CollectorFiles files,
      TradingCalendar calendar,
      Duration silentAfter,
      Collection<Symbol> subscribed) {
    this.files = files;
    this.calendar = calendar;
    this.silentAfter = silentAfter;
    for (Symbol symbol : subscribed) {
      lastHeard.put(symbol, Instant.MIN);
    }
  }

  /** A subscribed symbol's trade or quote arrived. */
  synchronized void heard(Symbol symbol, Instant at) {
    Instant since = silentSince.remove(symbol);
    if (since != null) {
      record(at, since, at, "scalp", "no_data", Optional.of(symbol));
    }
    lastHeard.computeIfPresent(symbol, (s, previous) -> at.isAfter(previous) ? at : previous);
  }

  synchronized void disconnected(Instant at) {
    if (outageStart == null) {
      outageStart = at;
      endSilences(at, at);
    }
  }

  synchronized void resubscribed(Instant at) {
    if (outageStart != null) {
      record(at, outageStart, at, "scalp", "ws_disconnect", Optional.empty());
      outageStart = null;
      lastHeard.replaceAll((symbol, previous) -> at);
    }
  }

  synchronized void pollFailed(Symbol symbol, Instant boundary, Duration period, Instant at) {
    record(at, boundary, boundary.plus(period), "swing", "rest_error", Optional.of(symbol));
  }

  synchronized void pollMissed(Instant boundary, Duration period, Instant at) {
    record(at, boundary, boundary.plus(period), "swing", "poll_missed", Optional.empty());
  }

  /** Flags symbols silent for too long; ends silences when continuous trading is over. */
  synchronized void sweep(Instant now) {
    SessionPhase phase = calendar.phaseAt(now);
    if (phase != SessionPhase.CONTINUOUS) {
      if (!silentSince.isEmpty()) {
        Instant end = calendar.closingAuctionStart(TradingCalendar.kstDate(now));
        endSilences(now, end.isBefore(now) ? end : now);
      }
      return;
    }
    if (outageStart != null) {
      return;
    }
    Instant open = calendar.open(TradingCalendar.kstDate(now));
    lastHeard.forEach(
        (symbol, heard) -> {
          Instant since = heard.isAfter(open) ? heard : open;
          if (!silentSince.containsKey(symbol)
              && Duration.between(since, now).compareTo(silentAfter) > 0) {
            silentSince.put(symbol, since);
          }
        });
  }

  synchronized long recorded() {
    return recorded;
  }

  private void endSilences(Instant at, Instant end) {
    silentSince.forEach(
        (symbol, since) -> {
          if (end.isAfter(since)) {
            record(at, since, end, "scalp", "no_data", Optional.of(symbol));
          }
        });
    silentSince.clear();
  }

  private void record(
      Instant at,
      Instant start,
      Instant end,
      String scope,
      String reason,
      Optional<Symbol> symbol) {
    String session =
        scope.equals("swing")
            ? JsonlLayout.swingSession(TradingCalendar.kstDate(start))
            : JsonlLayout.scalpSession(TradingCalendar.kstDate(start));
    files.append(new GapEntry(at, start, end, scope, reason, session, symbol));
    recorded++;
  }
}
