package io.krxtrader.trade.router;

import java.util.OptionalInt;

/**
 * One thing wrong with a submitted run: where ({@code picks[3].score}, {@code run_date}, {@code
 * file}), the value found (as text, shortened) and what was expected.
 */
public record RunProblem(OptionalInt pickIndex, String field, String value, String expected) {

  private static final int MAX_VALUE = 80;

  static RunProblem run(String field, String value, String expected) {
    return new RunProblem(OptionalInt.empty(), field, shorten(value), expected);
  }

  static RunProblem pick(int index, String field, String value, String expected) {
    return new RunProblem(OptionalInt.of(index), field, shorten(value), expected);
  }

  /** {@code picks[3].score} or {@code run_date}. */
  public String location() {
    return pickIndex.isPresent() ? "picks[" + pickIndex.getAsInt() + "]." + field : field;
  }

  @Override
  public String toString() {
    return location() + ": got " + value + ", expected " + expected;
  }

  private static String shorten(String value) {
    if (value == null) {
      return "nothing";
    }
    return value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE) + "…";
  }
}
