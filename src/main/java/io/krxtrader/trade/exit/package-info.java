/**
 * The exit engine (role {@code krx_exit}): decides when an open position sells, by the rules of
 * ../shared/spec/03-trading.md ("Exit engine"). {@link io.krxtrader.trade.exit.ExitRules} is the
 * pure decision (one price, one position, at most one order); {@link
 * io.krxtrader.trade.exit.ExitPhase} the per-position state machine. Writes {@code
 * trade.position_state}, {@code trade.exit_signals} and, through {@link
 * io.krxtrader.trade.OrderIntents}, {@code trade.order_intents}.
 */
package io.krxtrader.trade.exit;
