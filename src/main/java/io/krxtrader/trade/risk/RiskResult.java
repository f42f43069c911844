package io.krxtrader.trade.risk;

/** The risk gate's answer: a value, never an exception. */
public sealed interface RiskResult {

  record Passed() implements RiskResult {}

  /** {@code detail} has the numbers a trader checks (e.g. {@code open=10 max=10}). */
  record Failed(RiskReason reason, String detail) implements RiskResult {}
}
