package io.krxtrader.portfolio;

import java.util.Locale;

/**
 * Where a plan's order is ({@code rebalance_orders.status}, the same values as its CHECK): PLANNED
 * until it becomes an intent, then its intent's status as portfolio reads it.
 */
public enum RebalanceOrderStatus {
  /** Not sent: no intent yet (a buy waiting for the sells, or any order of a pending plan). */
  PLANNED,
  /** An intent exists that execution has not taken yet (NEW). */
  PENDING,
  /** Execution has it (SUBMITTING, SUBMITTED, UNKNOWN, HELD). */
  SUBMITTED,
  PARTIALLY_FILLED,
  FILLED,
  /** Cancelled at the broker, or never sent because the plan was cancelled or failed. */
  CANCELLED,
  /** The broker refused it or execution denied it (REJECTED, DENIED). */
  REJECTED;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RebalanceOrderStatus of(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }

  public boolean isFinal() {
    return switch (this) {
      case FILLED, CANCELLED, REJECTED -> true;
      case PLANNED, PENDING, SUBMITTED, PARTIALLY_FILLED -> false;
    };
  }
}
