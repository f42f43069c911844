package io.krxtrader.kis;

/** Buy or sell, with KIS's {@code SLL_BUY_DVSN_CD} code (01 sell, 02 buy). */
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

  static OrderSide fromCode(String code) {
    return switch (code.strip()) {
      case "01", "1" -> SELL;
      case "02", "2" -> BUY;
      default -> throw new KisException("unknown side code in a KIS answer [value=" + code + "]");
    };
  }
}
