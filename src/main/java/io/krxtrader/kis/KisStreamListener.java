package io.krxtrader.kis;

/**
 * Receives what a {@link KisStream} delivers. Calls come from the WebSocket's receiving thread, one
 * at a time and in arrival order: keep them quick (hand work to a queue) and do not block.
 */
public interface KisStreamListener {

  default void onTrade(TradeTick trade) {}

  default void onQuote(QuoteTick quote) {}

  default void onExecution(ExecutionNotice notice) {}

  default void onConnection(ConnectionEvent event) {}

  default void onProblem(StreamProblem problem) {}
}
