package io.krxtrader.trade.router;

/** How sure a producer is of a pick ({@code trade.picks.confidence}). */
public enum Confidence {
  LOW,
  MEDIUM,
  HIGH
}
