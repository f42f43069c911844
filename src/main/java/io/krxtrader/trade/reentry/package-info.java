/**
 * The re-entry engine (role {@code krx_reentry}): after a stop-type full exit (SL2, GAP, TRAIL, BE)
 * a candidate waits out a cooldown, then watches for the price to hold above the exit price, and
 * buys back half of the original entry, by the rules of ../shared/spec/03-trading.md ("Re-entry
 * engine"). {@link io.krxtrader.trade.reentry.ReentryPhase} is the candidate's state machine,
 * {@link io.krxtrader.trade.reentry.ReentryRules} the pure decision; the risk check is the port
 * {@link io.krxtrader.trade.reentry.ReentryRisk} (the router's shared gate implements it when the
 * lead wires them). Will write {@code trade.reentry_candidates} and, through {@link
 * io.krxtrader.trade.OrderIntents}, ENTRY intents.
 */
package io.krxtrader.trade.reentry;
