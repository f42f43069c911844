package io.krxtrader.bench;

import java.util.Arrays;
import java.util.List;

/** Medians and percentiles of benchmark samples (nearest rank). */
final class Percentiles {

  private Percentiles() {}

  /** The median; 0 for no values. */
  static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    if (n == 0) {
      return 0;
    }
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** The {@code p}-th percentile (0 to 100) by nearest rank. */
  static double of(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[rank(sorted.length, p)];
  }

  /** The {@code p}-th percentile (0 to 100) of the first {@code count} values (sorts them). */
  static long of(long[] values, int count, double p) {
    if (count == 0) {
      return 0;
    }
    Arrays.sort(values, 0, count);
    return values[rank(count, p)];
  }

  private static int rank(int count, double p) {
    int rank = (int) Math.ceil(p / 100.0 * count);
    return Math.max(0, Math.min(count - 1, rank - 1));
  }
}
