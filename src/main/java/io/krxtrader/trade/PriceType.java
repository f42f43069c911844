package io.krxtrader.trade;

/** How an intent is priced ({@code trade.order_intents.order_type}). */
public enum PriceType {
  /** At the market: no limit price (stops). */
  MKT,
  /** At a limit price on the KRX tick grid (take-profits, entries, rebalances). */
  LMT
}
