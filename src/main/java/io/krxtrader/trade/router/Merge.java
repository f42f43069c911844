package io.krxtrader.trade.router;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The day's picks of one symbol that passed gate 1, merged by {@link MergeMethod}. Pure: the same
 * picks and configuration give the same answer.
 */
final class Merge {

  /** The merged view: final score and confidence, the deciding pick, or why it does not enter. */
  record Outcome(
      BigDecimal finalScore,
      Confidence confidence,
      ActivePick deciding,
      Optional<String> rejectReason) {}

  private final RouterConfig config;

  Merge(RouterConfig config) {
    this.config = config;
  }

  /** Highest priority first; ties: higher score, then lower producer id, then run id. */
  Comparator<ActivePick> byPriority() {
    return Comparator.comparingInt((ActivePick p) -> -config.producer(p.producerId()).priority())
        .thenComparing(ActivePick::score, Comparator.reverseOrder())
        .thenComparing(ActivePick::producerId)
        .thenComparing(ActivePick::runId);
  }

  Outcome merge(List<ActivePick> passed) {
    if (passed.isEmpty()) {
      throw new IllegalArgumentException("merge needs at least one pick that passed gate 1");
    }
    ActivePick top = passed.stream().sorted(byPriority()).findFirst().orElseThrow();
    return switch (config.method()) {
      case PRIORITY -> new Outcome(top.score(), top.confidence(), top, Optional.empty());
      case WEIGHTED -> {
        BigDecimal weighted = BigDecimal.ZERO;
        long weights = 0;
        ActivePick deciding = top;
        BigDecimal best = null;
        for (ActivePick pick : passed.stream().sorted(byPriority()).toList()) {
          int weight = config.producer(pick.producerId()).weight();
          BigDecimal contribution = pick.score().multiply(BigDecimal.valueOf(weight));
          weighted = weighted.add(contribution);
          weights += weight;
          if (best == null || contribution.compareTo(best) > 0) {
            best = contribution;
            deciding = pick;
          }
        }
        BigDecimal mean = weighted.divide(BigDecimal.valueOf(weights), 4, RoundingMode.HALF_EVEN);
        Optional<String> reason =
            mean.compareTo(BigDecimal.valueOf(config.weightedThreshold())) >= 0
                ? Optional.empty()
                : Optional.of(
                    "WEIGHTED_BELOW_THRESHOLD (mean="
                        + mean.stripTrailingZeros().toPlainString()
                        + " threshold="
                        + config.weightedThreshold()
                        + ")");
        yield new Outcome(mean, confidence(passed), deciding, reason);
      }
      case CONSENSUS -> {
        long producers = passed.stream().map(ActivePick::producerId).distinct().count();
        BigDecimal mean =
            passed.stream()
                .map(ActivePick::score)
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(passed.size()), 4, RoundingMode.HALF_EVEN);
        Optional<String> reason =
            producers >= config.consensusMin()
                ? Optional.empty()
                : Optional.of(
                    "CONSENSUS_TOO_FEW (producers="
                        + producers
                        + " needed="
                        + config.consensusMin()
                        + ")");
        yield new Outcome(mean, confidence(passed), top, reason);
      }
    };
  }

  /** The lowest confidence among the merged picks: a merge is as sure as its least sure pick. */
  private static Confidence confidence(List<ActivePick> picks) {
    return picks.stream().map(ActivePick::confidence).min(Comparator.naturalOrder()).orElseThrow();
  }
}
