package io.krxtrader.trade.reentry;

import io.krxtrader.krx.Symbol;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A re-entry candidate ({@code trade.reentry_candidates}).
 *
 * @param originalQuantity the exited position's entry quantity: a re-entry buys a share of it
 * @param exitReason the rule code of the last qualifying exit (SL2, GAP, TRAIL, BE)
 * @param aboveSince since when the price has stayed at or above the trigger, if it has
 */
public record Candidate(
    UUID candidateId,
    Symbol symbol,
    UUID originPositionId,
    long originalQuantity,
    String exitReason,
    Instant exitTs,
    BigDecimal exitPrice,
    Instant cooldownUntil,
    ReentryPhase phase,
    int reentryCount,
    int maxReentries,
    Optional<Instant> aboveSince) {

  public Candidate {
    Objects.requireNonNull(candidateId, "candidateId");
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(aboveSince, "aboveSince");
    if (originalQuantity <= 0 || exitPrice.signum() <= 0) {
      throw new IllegalArgumentException(
          "invalid candidate [candidateId="
              + candidateId
              + ", originalQuantity="
              + originalQuantity
              + ", exitPrice="
              + exitPrice
              + "]");
    }
  }

  Candidate with(ReentryPhase next, int count, Optional<Instant> above) {
    return new Candidate(
        candidateId,
        symbol,
        originPositionId,
        originalQuantity,
        exitReason,
        exitTs,
        exitPrice,
        cooldownUntil,
        next,
        count,
        maxReentries,
        above);
  }
}
