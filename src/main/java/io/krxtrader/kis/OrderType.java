package io.krxtrader.kis;

/**
 * The KRX order types we use, with KIS's {@code ORD_DVSN} codes (REFERENCE.md §4.5). Types without
 * a price ({@link #priced()} false) are sent with {@code ORD_UNPR "0"}.
 */
public enum OrderType {
  LIMIT("00", true),
  MARKET("01", false),
  CONDITIONAL_LIMIT("02", true),
  BEST_LIMIT("03", false),
  PRIORITY_LIMIT("04", false),
  PRE_MARKET_CLOSING_PRICE("05", false),
  POST_MARKET_CLOSING_PRICE("06", false),
  AFTER_HOURS_SINGLE_PRICE("07", true),
  IOC_LIMIT("11", true),
  FOK_LIMIT("12", true),
  IOC_MARKET("13", false),
  FOK_MARKET("14", false),
  IOC_BEST("15", false),
  FOK_BEST("16", false);

  private final String code;
  private final boolean priced;

  OrderType(String code, boolean priced) {
    this.code = code;
    this.priced = priced;
  }

  public String code() {
    return code;
  }

  /** Whether the order carries a limit price. */
  public boolean priced() {
    return priced;
  }

  /** Immediate-or-cancel: what does not fill at once is cancelled. */
  public boolean immediateOrCancel() {
    return this == IOC_LIMIT || this == IOC_MARKET || this == IOC_BEST;
  }

  /** Fill-or-kill: fills completely at once or not at all. */
  public boolean fillOrKill() {
    return this == FOK_LIMIT || this == FOK_MARKET || this == FOK_BEST;
  }

  public static OrderType fromCode(String code) {
    for (OrderType type : values()) {
      if (type.code.equals(code.strip())) {
        return type;
      }
    }
    throw new IllegalArgumentException("unsupported ORD_DVSN [value=" + code.strip() + "]");
  }
}
