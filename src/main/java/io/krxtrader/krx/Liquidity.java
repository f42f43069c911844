package io.krxtrader.krx;

/**
 * How actively a stock trades, as a model parameter: the share of 500 ms slots in which a trade or
 * quote change arrives, and the typical spread in ticks.
 */
public enum Liquidity {
  HIGH(0.97, 1),
  MEDIUM(0.80, 1),
  LOW(0.40, 2);

  private final double activeSlotShare;
  private final int spreadTicks;

  Liquidity(double activeSlotShare, int spreadTicks) {
    this.activeSlotShare = activeSlotShare;
    this.spreadTicks = spreadTicks;
  }

  /** Probability that something happens in a given 500 ms slot (a ratio, not money). */
  public double activeSlotShare() {
    return activeSlotShare;
  }

  public int spreadTicks() {
    return spreadTicks;
  }
}
