package io.krxtrader.trade;

/**
 * Where an intent is on its way to the broker ({@code trade.order_intents.status}). Only the
 * creating module writes NEW; every later status is execution's.
 *
 * <pre>
 * NEW        created by a deciding module; nothing sent
 * SUBMITTING claimed by execution and committed before the broker is called
 * SUBMITTED  the broker accepted it: an orders row with the KIS order number exists
 * UNKNOWN    the call's outcome is not known (timeout, cut connection, crash): reconciliation
 *            looks for the order at the broker; never resent blindly
 * HELD       a broker order could belong to more than one intent: the operator decides
 * REJECTED   the broker refused it (its message recorded)
 * DENIED     execution's own checks refused it; nothing sent
 * PARTIALLY_FILLED, FILLED, CANCELLED: the order's progress after SUBMITTED
 * </pre>
 */
public enum IntentStatus {
  NEW,
  SUBMITTING,
  SUBMITTED,
  UNKNOWN,
  HELD,
  REJECTED,
  DENIED,
  PARTIALLY_FILLED,
  FILLED,
  CANCELLED;

  /** Whether nothing more will happen to the intent at the broker. */
  public boolean isFinal() {
    return switch (this) {
      case REJECTED, DENIED, FILLED, CANCELLED -> true;
      case NEW, SUBMITTING, SUBMITTED, UNKNOWN, HELD, PARTIALLY_FILLED -> false;
    };
  }
}
