package io.krxtrader.trade.exit;

import java.util.Optional;
import java.util.UUID;

/** What the engine did with one position on one price change. */
public record ExitOutcome(UUID positionId, Kind kind, Optional<ExitOrder> order) {

  public enum Kind {
    /** An order was decided and committed with its state and signal rows. */
    ORDERED,
    /** No rule acted; the state or a quiet signal row was written. */
    RECORDED,
    /** No rule acted and nothing was worth a write. */
    UNCHANGED,
    /** The price was stale or of low quality; the skip was recorded. */
    SKIP_RECORDED,
    /** The price was stale or of low quality; a skip was recorded less than a minute ago. */
    SKIPPED,
    /** The position changed under every attempt (fills): nothing written this time. */
    CONFLICTED,
    /** This process is not the exit leader (or its term ended): nothing written. */
    NOT_LEADER
  }
}
