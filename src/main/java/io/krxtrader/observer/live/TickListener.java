package io.krxtrader.observer.live;

import java.time.Instant;

/**
 * What a {@link TickStream} delivers. Calls must return quickly (they run on the socket thread).
 */
public interface TickListener {

  void onTrade(LiveTrade trade);

  void onQuote(LiveQuote quote);

  /** The stream dropped (or a reconnect attempt failed); data is missing from {@code at}. */
  void onDisconnected(Instant at, String reason);

  /** After a drop, every subscription is active again: data flows from {@code at}. */
  void onResubscribed(Instant at);
}
