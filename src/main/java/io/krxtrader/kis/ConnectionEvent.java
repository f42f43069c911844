package io.krxtrader.kis;

import java.time.Instant;

/**
 * The WebSocket session's life, one event per change, with our clock's time: the gap ledger records
 * the span from {@code DISCONNECTED} to {@code RESUBSCRIBED} as an outage. {@code attempt} counts
 * reconnect attempts since the last good connection.
 */
public record ConnectionEvent(Type type, Instant at, int attempt, String reason) {

  public enum Type {
    /** The first connection of the session is open. */
    CONNECTED,
    /** The connection dropped (or a reconnect attempt failed); a reconnect is scheduled. */
    DISCONNECTED,
    /** A new connection is open after a drop; registrations are being re-sent. */
    RECONNECTED,
    /** Every registration was acknowledged again after a reconnect: data flows again. */
    RESUBSCRIBED,
    /** The stream was closed by its owner. */
    CLOSED
  }
}
