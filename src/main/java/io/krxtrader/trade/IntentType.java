package io.krxtrader.trade;

/** Why an intent exists: which kind of decision made it. */
public enum IntentType {
  /** A router pick that passed its gates, or a re-entry: a buy that opens a position. */
  ENTRY,
  /** An exit rule that sells part of a position (a scale-out, a first-stage stop). */
  EXIT_PARTIAL,
  /** An exit rule that sells the whole position. */
  EXIT_FULL,
  /** A portfolio rebalance order, a buy or a sell. */
  REBALANCE
}
