package io.krxtrader.trade.risk;

/** Why the risk gate said no. */
public enum RiskReason {
  /** No balance is known: equity and cash cannot be checked. */
  NO_BALANCE,
  /** As many positions are open (OPEN or CLOSING) as allowed. */
  MAX_OPEN_POSITIONS,
  /** The new position would be more than the allowed share of equity. */
  POSITION_TOO_LARGE,
  /** As many entry intents were created today (router and re-entry) as allowed. */
  MAX_ENTRIES_PER_DAY,
  /** The orderable cash does not cover the entry. */
  INSUFFICIENT_CASH,
  /** A stop-type exit closed a position in the symbol today. */
  STOPPED_OUT_TODAY
}
