package io.krxtrader.observer.live;

import io.krxtrader.krx.Symbol;
import java.time.Instant;

/**
 * One trade from the stream. {@code exchangeTime} is the exchange's time of the trade; {@code
 * receivedAt} our clock when it arrived. Bid and ask (and their sizes) are the best levels after
 * the trade, 0 when unknown. Prices are whole KRW.
 */
public record LiveTrade(
    Symbol symbol,
    Instant exchangeTime,
    Instant receivedAt,
    long price,
    long volume,
    long bid,
    long ask,
    long bidSize,
    long askSize) {

  public LiveTrade {
    if (price <= 0 || volume < 0) {
      throw new IllegalArgumentException(
          "a trade needs a positive price and no negative volume [symbol="
              + symbol
              + ", price="
              + price
              + ", volume="
              + volume
              + "]");
    }
  }
}
