package io.krxtrader.kis;

import io.krxtrader.krx.Symbol;
import java.time.LocalTime;
import java.util.List;

/**
 * The 10-level book, from REST ({@code inquire-asking-price-exp-ccn}) or the H0STASP0 stream. Level
 * lists run from the best price outwards and leave out empty levels (KIS sends {@code 0}). {@code
 * expectedPrice}/{@code expectedQuantity} are the auction's expected trade; KIS reports 0 during
 * continuous trading. {@code time} is the exchange's KST time of the book.
 */
public record Orderbook(
    Symbol symbol,
    LocalTime time,
    List<BookLevel> asks,
    List<BookLevel> bids,
    long totalAskQuantity,
    long totalBidQuantity,
    long expectedPrice,
    long expectedQuantity,
    long accumulatedVolume) {

  public Orderbook {
    asks = List.copyOf(asks);
    bids = List.copyOf(bids);
  }

  /** Best ask, or 0 when the ask side is empty (e.g. pinned at the upper limit). */
  public long bestAsk() {
    return asks.isEmpty() ? 0 : asks.get(0).price();
  }

  public long bestBid() {
    return bids.isEmpty() ? 0 : bids.get(0).price();
  }
}
