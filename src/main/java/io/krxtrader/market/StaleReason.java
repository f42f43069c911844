package io.krxtrader.market;

/**
 * Why a watched symbol's best price is stale (older than {@code market.stale-after} during the
 * session). The names are the values of {@code freshness.stale_reason}. When several apply, the
 * first in this order is reported: it is the one to fix first.
 */
public enum StaleReason {
  /**
   * The WebSocket is down: the KIS client said so, or no symbol at all had a WebSocket price within
   * its maximum age.
   */
  WS_DISCONNECTED,
  /** The WebSocket works but this symbol's REST refresh failed since its last best price. */
  REST_FAILED,
  /** The WebSocket works but sends nothing for this symbol (not subscribed, or not trading). */
  NO_WS_DATA
}
