package io.krxtrader.market;

import io.krxtrader.krx.Symbol;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * A row of {@code market.prices_best}: the price the strategies use for a symbol, as of the moment
 * it was written.
 *
 * @param ts the chosen event's time
 * @param freshnessMs the event's age when the row was written
 * @param qualityScore 0..100, see {@link MarketConfig.Quality}
 * @param writtenAt when the row was written ({@code updated_ts})
 */
public record BestPrice(
    Symbol symbol,
    PriceSource source,
    Instant ts,
    long lastPrice,
    OptionalLong bid,
    OptionalLong ask,
    long freshnessMs,
    int qualityScore,
    Instant writtenAt) {

  public BestPrice {
    if (lastPrice <= 0 || freshnessMs < 0 || qualityScore < 0 || qualityScore > 100) {
      throw new IllegalArgumentException(
          "invalid best price [symbol="
              + symbol
              + ", last="
              + lastPrice
              + ", freshnessMs="
              + freshnessMs
              + ", quality="
              + qualityScore
              + "]");
    }
  }
}
