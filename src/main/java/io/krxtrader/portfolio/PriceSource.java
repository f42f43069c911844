package io.krxtrader.portfolio;

/** Which price valued a snapshot position ({@code portfolio_positions.price_source}). */
public enum PriceSource {
  /** A best price from {@code market.prices_best} no older than the market's stale-after. */
  BEST_PRICE("best_price"),
  /** No fresh best price: the latest 10-minute bar close at or before the snapshot. */
  BAR_CLOSE("bar_close"),
  /** No price at all (a target with no holding): a plan cannot buy it. */
  NONE("none");

  private final String code;

  PriceSource(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static PriceSource of(String code) {
    for (PriceSource source : values()) {
      if (source.code.equals(code)) {
        return source;
      }
    }
    throw new IllegalArgumentException("unknown price source [value=" + code + "]");
  }
}
