package io.krxtrader.cli;

import java.util.Arrays;
import java.util.List;

/** Percentiles and medians of benchmark samples (nearest-rank). */
final class Percentiles {

  private Percentiles() {}

  /** The {@code p}-th percentile (0 < p <= 100) of the first {@code count} values (sorts them). */
  static long of(long[] values, int count, double p) {
    if (count == 0) {
      return 0;
    }
    Arrays.sort(values, 0, count);
    int rank = (int) Math.ceil(p / 100.0 * count);
    return values[Math.max(0, Math.min(count - 1, rank - 1))];
  }

  static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    if (n == 0) {
      return 0;
    }
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
