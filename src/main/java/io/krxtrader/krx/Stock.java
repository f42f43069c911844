package io.krxtrader.krx;

/**
 * A listed stock as the models see it. {@code referencePrice} is a typical price level (whole KRW),
 * used as the first previous close of a simulation.
 */
public record Stock(
    Symbol symbol, String name, Market market, long referencePrice, Liquidity liquidity) {

  public Stock {
    if (referencePrice <= 0 || !TickSize.isOnGrid(referencePrice)) {
      throw new IllegalArgumentException(
          "reference price must be a positive price on the tick grid [symbol="
              + symbol
              + ", price="
              + referencePrice
              + "]");
    }
  }

  /**
   * Typical standard deviation of a day's return (a ratio): KOSDAQ moves more than KOSPI, and penny
   * stocks more than both.
   */
  public double dailyVolatility() {
    double base = market == Market.KOSDAQ ? 0.030 : 0.018;
    return referencePrice < 5_000 ? base * 1.6 : base;
  }
}
