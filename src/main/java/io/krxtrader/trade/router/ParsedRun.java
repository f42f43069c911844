package io.krxtrader.trade.router;

import java.util.List;

/** What {@link PickRunParser} made of a file: a valid run, or every problem it found. */
public sealed interface ParsedRun {

  record Valid(PickRun run) implements ParsedRun {}

  record Invalid(List<RunProblem> problems) implements ParsedRun {
    public Invalid {
      problems = List.copyOf(problems);
      if (problems.isEmpty()) {
        throw new IllegalArgumentException("an invalid run names at least one problem");
      }
    }
  }
}
