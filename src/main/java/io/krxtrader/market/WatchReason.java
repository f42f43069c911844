package io.krxtrader.market;

/**
 * Why a symbol's price matters. A watched symbol's best price must stay fresh during the session;
 * the reason sets the priority of its refresh jobs ({@link MarketConfig.Priorities}).
 */
public enum WatchReason {
  /** A position is open in it. */
  HELD,
  /** A re-entry candidate. */
  CANDIDATE,
  /** Picked by a selection producer for today. */
  PICKED,
  /** Subscribed on the WebSocket (a collector's universe) and nothing more. */
  SUBSCRIBED
}
