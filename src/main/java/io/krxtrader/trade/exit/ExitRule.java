package io.krxtrader.trade.exit;

/**
 * The exit rules, declared in the spec's priority order: when several fire at once the first
 * declared wins. {@link #code()} is the action-key suffix, the intent's reason code and the signal
 * row's {@code rule_name}.
 */
public enum ExitRule {
  MANUAL("MANUAL", true),
  GAP_DOWN("GAP", true),
  HARD_STOP_2("SL2", true),
  ATR_TRAIL("TRAIL", true),
  BREAK_EVEN("BE", true),
  TIME_EXIT("TIME", true),
  HARD_STOP_1("SL1", false),
  SCALE_OUT_3("TP3", true),
  SCALE_OUT_2("TP2", false),
  SCALE_OUT_1("TP1", false);

  private final String code;
  private final boolean full;

  ExitRule(String code, boolean full) {
    this.code = code;
    this.full = full;
  }

  public String code() {
    return code;
  }

  /**
   * Whether the rule sells everything by design; a partial rule (SL1, TP1, TP2) still sells all
   * when rounding would leave nothing, and MANUAL may name a quantity.
   */
  public boolean sellsAll() {
    return full;
  }

  /** Stops go out at the market; take-profits at a limit unless configured to the market. */
  public boolean isTakeProfit() {
    return this == SCALE_OUT_1 || this == SCALE_OUT_2 || this == SCALE_OUT_3;
  }
}
