package io.krxtrader.portfolio;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A rebalancing policy ({@code portfolio.portfolio_policy}). Percentages are fractions: {@code
 * 0.10} is 10 %.
 *
 * @param maxPositionPct no target weight above it, and no plan buys a position past it
 * @param minPositionPct no target weight below it (a weight of 0 is not a target: leave it out)
 * @param rebalanceThreshold a snapshot whose drift exceeds it gets a plan
 */
public record Policy(
    String policyId,
    String name,
    Optional<String> description,
    RebalanceFrequency frequency,
    BigDecimal maxPositionPct,
    BigDecimal minPositionPct,
    BigDecimal rebalanceThreshold) {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,50}");

  public Policy {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(frequency, "frequency");
    if (policyId == null || !ID.matcher(policyId).matches()) {
      throw new IllegalArgumentException(
          "a policy id is 1 to 50 letters, digits, '_', '.' or '-' [policyId=" + policyId + "]");
    }
    if (name == null || name.isBlank() || name.length() > 100) {
      throw new IllegalArgumentException(
          "a policy needs a name of at most 100 characters [policyId=" + policyId + "]");
    }
    if (maxPositionPct.signum() <= 0 || maxPositionPct.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException(
          "max_position_pct is a fraction in (0, 1] [value="
              + maxPositionPct.toPlainString()
              + "]");
    }
    if (minPositionPct.signum() < 0 || minPositionPct.compareTo(maxPositionPct) > 0) {
      throw new IllegalArgumentException(
          "min_position_pct is a fraction in [0, max_position_pct] [value="
              + minPositionPct.toPlainString()
              + "]");
    }
    if (rebalanceThreshold.signum() <= 0) {
      throw new IllegalArgumentException(
          "rebalance_threshold is a positive fraction [value="
              + rebalanceThreshold.toPlainString()
              + "]");
    }
  }
}
