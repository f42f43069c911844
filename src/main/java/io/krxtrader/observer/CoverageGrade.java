package io.krxtrader.observer;

import java.util.Arrays;
import java.util.List;

/**
 * The seed's finer grade of a 1-minute bar's coverage: A (ratio &gt;= 0.9), B (&gt;= 0.75), C
 * (&gt;= 0.5), D (below).
 */
public enum CoverageGrade {
  A,
  B,
  C,
  D;

  /** This grade and every better one. */
  public List<CoverageGrade> atOrAbove() {
    return Arrays.stream(values()).filter(g -> g.ordinal() <= ordinal()).toList();
  }

  /** The grade of a minute with {@code ticks} ticks (120 is full coverage at 2 Hz). */
  public static CoverageGrade ofTicks(int ticks) {
    if (ticks >= 108) {
      return A;
    } else if (ticks >= 90) {
      return B;
    } else if (ticks >= 60) {
      return C;
    }
    return D;
  }
}
