package io.krxtrader.observer;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * What {@code observer generate} makes.
 *
 * @param days trading days (from the first trading day on or after {@code startDate})
 * @param symbols the first {@code symbols} stocks of the default universe (1 to 131)
 * @param scalpDays the last {@code scalpDays} days also get Track B ticks (the others only swing
 *     snapshots and their gaps): thirty days of swing bars need not cost thirty days of ticks
 * @param seed the same seed gives byte-identical files
 */
public record SampleDataSpec(
    int days, int symbols, int scalpDays, Path out, long seed, LocalDate startDate) {

  public static final LocalDate DEFAULT_START = LocalDate.of(2026, 1, 5);

  public SampleDataSpec {
    if (days < 1 || days > 3660) {
      throw new IllegalArgumentException("days must be 1 to 3660 [value=" + days + "]");
    }
    if (scalpDays < 0 || scalpDays > days) {
      throw new IllegalArgumentException(
          "scalp days must be 0 to days [value=" + scalpDays + ", days=" + days + "]");
    }
    if (symbols < 1) {
      throw new IllegalArgumentException("symbols must be at least 1 [value=" + symbols + "]");
    }
  }
}
