package io.krxtrader.observer.live;

import io.krxtrader.krx.Symbol;

/**
 * A port: a REST snapshot of one symbol, for a Track A poll. The KIS client implements it (current
 * price plus best bid and ask) and honours the broker's rate limit itself, so a call may wait for
 * its turn.
 */
@FunctionalInterface
public interface SnapshotSource {

  /**
   * @throws RuntimeException when the broker cannot answer; the poll records a {@code rest_error}
   *     gap for the symbol
   */
  SwingSnapshot snapshot(Symbol symbol);
}
