package io.krxtrader.observer.live;

import io.krxtrader.krx.Symbol;
import java.util.List;

/**
 * A port: the broker's real-time trades and quotes (the KIS WebSocket). The implementation keeps
 * the session alive, reconnects and resubscribes by itself, and tells the listener about every
 * outage.
 */
public interface TickStream {

  /**
   * Subscribes trades and quotes of {@code symbols} and delivers them to {@code listener} from the
   * stream's own thread, one call at a time. Returns once the broker acknowledged the subscriptions
   * (or after a time limit, leaving the stream to keep trying).
   *
   * @throws RuntimeException if the symbols exceed the session's registration limit
   */
  void start(List<Symbol> symbols, TickListener listener);
}
