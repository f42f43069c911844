/**
 * Portfolio: policies and target weights, snapshots of the broker's holdings with their drift from
 * the targets, and rebalancing plans whose orders execute through {@code trade.order_intents} like
 * every other order (../shared/spec/04-portfolio.md).
 *
 * <p>Owns and writes {@code portfolio.*} through the {@code krx_portfolio} role, and inserts {@code
 * REBALANCE} intents (key {@code REBAL:{plan_id}:{symbol}}) through {@link
 * io.krxtrader.trade.OrderIntents} in the portfolio leader's term. Reads {@code trade.holdings},
 * {@code trade.fills}, {@code market.prices_best} and {@code observer.swing_bars_10m}. The entry
 * type is {@link io.krxtrader.portfolio.Portfolio}.
 */
package io.krxtrader.portfolio;
