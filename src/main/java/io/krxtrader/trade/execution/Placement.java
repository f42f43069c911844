package io.krxtrader.trade.execution;

import java.time.LocalTime;

/**
 * What became of an order call. {@link Accepted}: the broker took it ({@code raw} is its whole
 * answer). {@link Rejected}: the broker said no, with its code and message. {@link Ambiguous}: the
 * call failed (timeout, cut connection, an answer that could not be read, a server error) and the
 * order may or may not stand. An ambiguous outcome is not a rejection.
 */
public sealed interface Placement {

  record Accepted(String orderId, String branch, LocalTime time, String msgCd, String raw)
      implements Placement {}

  record Rejected(String msgCd, String message) implements Placement {}

  record Ambiguous(String reason) implements Placement {}
}
