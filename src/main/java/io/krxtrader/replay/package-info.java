/**
 * Replay of a trading day (issue 18): the stored prices of a day ({@code market.prices_ticks}, or a
 * JSONL day of the observer's files) in event-time order on a virtual clock, through the exit and
 * re-entry engines' own decision code ({@link io.krxtrader.trade.exit.ExitRules}, {@link
 * io.krxtrader.trade.reentry.ReentryRules}), compared with what the live engines wrote ({@code
 * trade.exit_signals}, {@code trade.order_intents}). {@link io.krxtrader.replay.DayLoader} reads a
 * day and the positions as they stood at its start, {@link io.krxtrader.replay.Replayer} runs it in
 * memory (it writes nothing; the live database is only read), {@link
 * io.krxtrader.replay.LiveDecisions} reads what happened live and {@link
 * io.krxtrader.replay.Comparison} lists each difference.
 */
package io.krxtrader.replay;
