package io.krxtrader.market;

/** How far a Naver price is from the KIS price: the values of {@code discrepancies.severity}. */
public enum Severity {
  LOW,
  MEDIUM,
  HIGH
}
