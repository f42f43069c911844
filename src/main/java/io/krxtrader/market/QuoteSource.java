package io.krxtrader.market;

import io.krxtrader.krx.Symbol;

/**
 * A port: fetches the current price of one symbol from KIS REST or Naver, for a refresh job. The
 * KIS client implements it and honours the broker's rate limit itself (a call may wait for its
 * turn). A call that cannot answer throws; the job records the message and is retried with
 * back-off.
 */
@FunctionalInterface
public interface QuoteSource {

  /**
   * @param source {@link PriceSource#KIS_REST} or {@link PriceSource#NAVER}
   * @return the price, with {@code symbol} and {@code source} as asked
   */
  PriceEvent fetch(Symbol symbol, PriceSource source);
}
