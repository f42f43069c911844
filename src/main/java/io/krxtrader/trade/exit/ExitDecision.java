package io.krxtrader.trade.exit;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one evaluation.
 *
 * @param next the state to store
 * @param fired every rule whose condition held, in priority order, with why
 * @param order the one sell decided, if any (the first of {@code fired} that may act)
 * @param notes rules that could not be judged or were held back (no ATR, cooldown)
 * @param changed whether anything worth a signal row changed (HWM, stop floor, phase, an order)
 * @param pnlPct {@code (price − avg_price) / avg_price × 100}, 4 decimals
 */
public record ExitDecision(
    ExitState next,
    List<Fired> fired,
    Optional<ExitOrder> order,
    List<String> notes,
    boolean changed,
    BigDecimal pnlPct) {

  /** A rule whose condition held. */
  public record Fired(ExitRule rule, String reason) {}

  public ExitDecision {
    fired = List.copyOf(fired);
    notes = List.copyOf(notes);
  }
}
