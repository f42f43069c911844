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
}
