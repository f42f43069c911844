package io.krxtrader.market;

import io.krxtrader.krx.Symbol;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One price seen from one source: a row of {@code market.prices_ticks}. Prices are whole KRW.
 *
 * @param ts when the price was true (the exchange's trade time for the WebSocket, the moment of the
 *     answer for REST and Naver), kept to the microsecond as PostgreSQL stores it; the event's
 *     identity is (symbol, ts, source)
 * @param lastPrice the last traded price, positive
 * @param bid best bid, if the source gave one (positive)
 * @param ask best ask, if the source gave one (positive)
 * @param volume shares traded (the source's own meaning: per trade or cumulative), not negative
 * @param tradeValue KRW traded, same meaning as {@code volume}, not negative
 */
public record PriceEvent(
    Symbol symbol,
    PriceSource source,
    Instant ts,
    long lastPrice,
    OptionalLong bid,
    OptionalLong ask,
    OptionalLong volume,
    OptionalLong tradeValue) {

  public PriceEvent {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(ts, "ts");
    Objects.requireNonNull(bid, "bid");
    Objects.requireNonNull(ask, "ask");
    Objects.requireNonNull(volume, "volume");
    Objects.requireNonNull(tradeValue, "tradeValue");
    ts = ts.truncatedTo(ChronoUnit.MICROS);
    if (lastPrice <= 0
        || (bid.isPresent() && bid.getAsLong() <= 0)
        || (ask.isPresent() && ask.getAsLong() <= 0)
        || (volume.isPresent() && volume.getAsLong() < 0)
        || (tradeValue.isPresent() && tradeValue.getAsLong() < 0)) {
      throw new IllegalArgumentException(
          "a price event needs positive prices and no negative volume [symbol="
              + symbol
              + ", source="
              + source
              + ", ts="
              + ts
              + ", last="
              + lastPrice
              + ", bid="
              + bid
              + ", ask="
              + ask
              + ", volume="
              + volume
              + ", tradeValue="
              + tradeValue
              + "]");
    }
  }

  /** A price with no quote and no volume. */
  public static PriceEvent of(Symbol symbol, PriceSource source, Instant ts, long lastPrice) {
    return new PriceEvent(
        symbol,
        source,
        ts,
        lastPrice,
        OptionalLong.empty(),
        OptionalLong.empty(),
        OptionalLong.empty(),
        OptionalLong.empty());
  }

  /** A price with the best bid and ask. */
  public static PriceEvent quoted(
      Symbol symbol, PriceSource source, Instant ts, long lastPrice, long bid, long ask) {
    return new PriceEvent(
        symbol,
        source,
        ts,
        lastPrice,
        OptionalLong.of(bid),
        OptionalLong.of(ask),
        OptionalLong.empty(),
        OptionalLong.empty());
  }
}
