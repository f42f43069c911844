package io.krxtrader.market;

/**
 * A port: where the KIS client pushes live prices, in-process (not through the database). {@link
 * PriceSync} implements it. Both methods return at once and never block the caller's socket thread.
 */
public interface PriceSink {

  /**
   * Takes one price event for writing in the next batch. If the write queue is full (the database
   * is away or far behind), the oldest waiting event is dropped and counted to make room: the
   * newest price matters most. Returns false only if the sink is closed and took nothing.
   */
  boolean accept(PriceEvent event);

  /**
   * The WebSocket connection went up or down. While it is down, stale watched symbols are reported
   * as {@link StaleReason#WS_DISCONNECTED}.
   */
  void webSocketConnected(boolean connected);
}
