package io.krxtrader.portfolio;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How weights and drift are computed and stored: every division and the square root in {@link
 * #CONTEXT} (20 significant digits, half-even), then rounded half-even to {@link #SCALE} decimal
 * places, the scale of the {@code NUMERIC(20,12)} columns, so what is stored is exactly what was
 * computed and compared.
 */
final class Weights {

  static final MathContext CONTEXT = new MathContext(20, RoundingMode.HALF_EVEN);
  static final int SCALE = 12;

  private Weights() {}

  static BigDecimal ratio(BigDecimal part, BigDecimal whole) {
    if (whole.signum() == 0) {
      return BigDecimal.ZERO.setScale(SCALE);
    }
    return part.divide(whole, CONTEXT).setScale(SCALE, RoundingMode.HALF_EVEN);
  }

  static BigDecimal stored(BigDecimal value) {
    return value.setScale(SCALE, RoundingMode.HALF_EVEN);
  }

  /** √Σ diff², the allocation drift, as a fraction. */
  static BigDecimal drift(Iterable<BigDecimal> diffs) {
    BigDecimal sum = BigDecimal.ZERO;
    for (BigDecimal diff : diffs) {
      sum = sum.add(diff.multiply(diff));
    }
    return stored(sum.sqrt(CONTEXT));
  }
}
