package io.krxtrader.krx;

import java.util.Optional;

/**
 * Buy or sell, with the KRX side code that KIS also uses ({@code SLL_BUY_DVSN_CD}: 01 sell, 02
 * buy). Every module that speaks of a side (execution, exit, router, portfolio, the broker client
 * and the simulator) uses this one type.
 */
public enum OrderSide {
  SELL("01"),
  BUY("02");

  private final String code;

  OrderSide(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** The side for a code, accepting the one-digit form some answers use; empty if unknown. */
  public static Optional<OrderSide> fromCode(String code) {
    return switch (code.strip()) {
      case "01", "1" -> Optional.of(SELL);
      case "02", "2" -> Optional.of(BUY);
      default -> Optional.empty();
    };
  }
}
