package io.krxtrader.observer.jsonl;

import io.krxtrader.krx.Symbol;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One gap-ledger record (a line of {@code system/gap_*.jsonl}): a span without data.
 *
 * @param timestamp when the gap was recorded
 * @param scope {@code scalp} or {@code swing}
 * @param reason {@code ws_disconnect}, {@code rest_error}, {@code no_data}, ...
 * @param symbol the one symbol concerned, or empty for a whole-stream outage
 */
public record GapEntry(
    Instant timestamp,
    Instant start,
    Instant end,
    String scope,
    String reason,
    String sessionId,
    Optional<Symbol> symbol) {

  public GapEntry {
    if (end.isBefore(start)) {
      throw new IllegalArgumentException(
          "a gap ends before it starts [start=" + start + ", end=" + end + "]");
    }
  }

  /** Whole seconds, rounded, as the ledger stores them. */
  public long seconds() {
    return Math.round(Duration.between(start, end).toMillis() / 1000.0);
  }
}
