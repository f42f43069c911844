package io.krxtrader.trade.reentry;

import io.krxtrader.config.Settings;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * The re-entry thresholds (keys {@code reentry.*}); every default is the spec's and {@code
 * ReentryRulesTest} pins it.
 *
 * @param cooldown a candidate watches this long after its exit (30 min)
 * @param abovePct the price must be at least exit price × (1 + this / 100) (1.0)
 * @param holdFor ... for this long without a break (30 s)
 * @param sizePct the buy is this share of the original entry quantity, rounded down, at least 1
 *     (50)
 * @param maxReentries re-entries per candidate (2)
 * @param minQuality a best price below this quality score is not fresh (50)
 * @param maxPriceAge a best price older than this is not fresh (5 s)
 */
public record ReentryConfig(
    Duration cooldown,
    BigDecimal abovePct,
    Duration holdFor,
    BigDecimal sizePct,
    int maxReentries,
    int minQuality,
    Duration maxPriceAge) {

  public static final String COOLDOWN = "reentry.cooldown";
  public static final String ABOVE_PCT = "reentry.above-pct";
  public static final String HOLD_FOR = "reentry.hold-for";
  public static final String SIZE_PCT = "reentry.size-pct";
  public static final String MAX_REENTRIES = "reentry.max-reentries";
  public static final String MIN_QUALITY = "reentry.min-quality";
  public static final String MAX_PRICE_AGE = "reentry.max-price-age";

  public static ReentryConfig defaults() {
    return from(Settings.of(Map.of()));
  }

  public static ReentryConfig from(Settings settings) {
    Duration day = Duration.ofDays(1);
    return new ReentryConfig(
        settings.duration(COOLDOWN, Duration.ofMinutes(30), Duration.ZERO, day),
        settings.decimal(
            ABOVE_PCT, new BigDecimal("1.0"), new BigDecimal("-50"), new BigDecimal("100")),
        settings.duration(HOLD_FOR, Duration.ofSeconds(30), Duration.ZERO, day),
        settings.decimal(SIZE_PCT, new BigDecimal("50"), BigDecimal.ONE, new BigDecimal("100")),
        settings.integer(MAX_REENTRIES, 2, 0, 100),
        settings.integer(MIN_QUALITY, 50, 0, 100),
        settings.duration(MAX_PRICE_AGE, Duration.ofSeconds(5), Duration.ofMillis(1), day));
  }
}
