package io.krxtrader.market;

import java.time.Duration;
import java.time.Instant;

/** {@code quality_score}: how much a strategy may trust a best price (0..100). */
final class QualityScore {

  private QualityScore() {}

  /**
   * Source base − 1 point per {@code pointPer} of age beyond the grace period − the penalty while a
   * HIGH discrepancy younger than the penalty period exists, clamped to 0..100.
   *
   * @param ageMs the price's age at write time (not negative)
   * @param lastHighDiscrepancy the latest HIGH discrepancy's time, or null
   */
  static int of(
      PriceSource source,
      long ageMs,
      Instant lastHighDiscrepancy,
      Instant now,
      MarketConfig.Quality rules) {
    long beyondGrace = Math.max(0, ageMs - rules.grace().toMillis());
    long agePoints = beyondGrace / rules.pointPer().toMillis();
    long score = rules.base(source) - agePoints;
    if (lastHighDiscrepancy != null
        && Duration.between(lastHighDiscrepancy, now).compareTo(rules.discrepancyPenaltyFor())
            < 0) {
      score -= rules.discrepancyPenalty();
    }
    return (int) Math.max(0, Math.min(100, score));
  }
}
