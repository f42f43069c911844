package io.krxtrader.portfolio;

import io.krxtrader.KrxTraderException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A target-weight file that was rejected whole: every problem found, nothing stored. */
public final class TargetFileException extends KrxTraderException {

  /**
   * One problem of a target file.
   *
   * @param line the 1-based line, or 0 for a problem of a whole date's weights
   * @param field the field ({@code symbol}, {@code weight}, {@code effective_date}) or the row
   */
  public record Problem(Path file, int line, String field, String message) {

    @Override
    public String toString() {
      return file + (line > 0 ? ":" + line : "") + ": " + field + ": " + message;
    }
  }

  private final transient List<Problem> problems;

  public TargetFileException(List<Problem> problems) {
    super(
        "target file rejected, nothing stored ["
            + problems.size()
            + " problem(s)]\n"
            + problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
