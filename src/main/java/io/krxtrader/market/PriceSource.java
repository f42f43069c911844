package io.krxtrader.market;

/**
 * Where a price came from, in order of preference: when two sources' latest prices are close in
 * time, the earlier constant wins (WebSocket over REST over Naver). The names are the values of the
 * {@code source} columns.
 */
public enum PriceSource {
  KIS_WS,
  KIS_REST,
  NAVER;

  /** Whether {@code sync_jobs} can refresh a symbol from this source. */
  public boolean isRefreshable() {
    return this != KIS_WS;
  }
}
