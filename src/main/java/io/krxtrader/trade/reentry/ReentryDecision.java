package io.krxtrader.trade.reentry;

import java.util.Optional;

/**
 * One evaluation of a candidate: its next state, the buy decided (if any) and why nothing was
 * bought when the price qualified (halted, denied by risk).
 */
public record ReentryDecision(Candidate next, Optional<EntryOrder> order, Optional<String> note) {

  /** A limit buy on the tick grid with key {@code {candidate_id}:ENTRY:{n}}. */
  public record EntryOrder(long quantity, long limitPrice, String actionKey) {}
}
