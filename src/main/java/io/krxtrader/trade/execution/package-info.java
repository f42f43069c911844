/**
 * Execution: the one module that sends order intents to the broker, each at most once (role {@code
 * krx_execution}, leader {@link io.krxtrader.system.LeaderName#EXECUTION}). {@link
 * io.krxtrader.trade.execution.Execution} claims NEW intents, checks them ({@link
 * io.krxtrader.trade.execution.PreTradeChecks}), commits SUBMITTING before it calls the {@link
 * io.krxtrader.trade.execution.Broker} (a port; {@code kis} implements it), and on an ambiguous
 * outcome looks for the order in the broker's day instead of sending again ({@link
 * io.krxtrader.trade.execution.IntentState} is the state machine). Owns {@code trade.orders},
 * {@code trade.fills}, {@code trade.holdings} and {@code trade.holding_mismatches}, and moves
 * {@code trade.order_intents} past NEW.
 */
package io.krxtrader.trade.execution;
