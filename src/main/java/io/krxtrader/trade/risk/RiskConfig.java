package io.krxtrader.trade.risk;

import io.krxtrader.config.Settings;

/**
 * The risk gate's limits (keys {@code risk.*}); defaults are the spec's (03-trading.md, "Router",
 * gate 2): fewer than 10 open positions, a new position at most 10 % of equity, at most 5 new
 * entries a day.
 */
public record RiskConfig(int maxOpenPositions, int maxPositionPercent, int maxEntriesPerDay) {

  public static final String MAX_OPEN_POSITIONS = "risk.max-open-positions";
  public static final String MAX_POSITION_PCT = "risk.max-position-pct";
  public static final String MAX_ENTRIES_PER_DAY = "risk.max-entries-per-day";

  public static RiskConfig defaults() {
    return new RiskConfig(10, 10, 5);
  }

  public static RiskConfig from(Settings settings) {
    return new RiskConfig(
        settings.integer(MAX_OPEN_POSITIONS, 10, 1, 1_000),
        settings.integer(MAX_POSITION_PCT, 10, 1, 100),
        settings.integer(MAX_ENTRIES_PER_DAY, 5, 0, 1_000));
  }
}
