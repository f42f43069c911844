package io.krxtrader.krx;

/**
 * Where a trading day is at a moment (KST):
 *
 * <pre>
 *   CLOSED             not a trading day, or before 08:30 / after 18:00
 *   PRE_OPEN_AUCTION   08:30-09:00  orders collected, one price at the open (also the 08:30-08:40
 *                      pre-market closing-price window)
 *   CONTINUOUS         09:00-15:20  continuous matching
 *   CLOSING_AUCTION    15:20-15:30  orders collected, one price at the close
 *   AFTER_HOURS        15:30-18:00  closing-price trading 15:40-16:00, single-price auctions to 18:00
 * </pre>
 *
 * On the first trading day of a year the open moves to 10:00, and the pre-open auction with it.
 */
public enum SessionPhase {
  CLOSED,
  PRE_OPEN_AUCTION,
  CONTINUOUS,
  CLOSING_AUCTION,
  AFTER_HOURS;

  /** The regular session, 09:00-15:30, in which a price is "during the session". */
  public boolean isRegularSession() {
    return this == CONTINUOUS || this == CLOSING_AUCTION;
  }
}
