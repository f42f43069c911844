package io.krxtrader.trade.router;

import java.util.List;

/** What became of a submitted run: a value for every outcome, never an exception. */
public sealed interface Submission {

  /** One line a person reads (the CLI prints it, the inbox writes it, HTTP returns it). */
  String summary();

  /**
   * Stored: {@code picks} new picks, {@code superseded} older ACTIVE picks of the producer and day
   * marked SUPERSEDED; {@code stale} when a newer run of the producer and day was there already
   * (the new picks are then stored SUPERSEDED at once).
   */
  record Accepted(String runId, int picks, int superseded, boolean stale) implements Submission {
    @Override
    public String summary() {
      return "run "
          + runId
          + " accepted: "
          + picks
          + " pick"
          + (picks == 1 ? "" : "s")
          + (stale
              ? ", stored as superseded (a newer run of this producer and day is there)"
              : ", " + superseded + " older pick" + (superseded == 1 ? "" : "s") + " superseded");
    }
  }

  /** The same run (same content) was accepted before: nothing changed. */
  record AlreadySubmitted(String runId) implements Submission {
    @Override
    public String summary() {
      return "run " + runId + " was already submitted with the same content: nothing changed";
    }
  }

  /** Refused whole: nothing of it was stored. */
  record Rejected(List<RunProblem> problems) implements Submission {
    public Rejected {
      problems = List.copyOf(problems);
    }

    @Override
    public String summary() {
      return "run rejected, nothing stored: "
          + problems.size()
          + " problem"
          + (problems.size() == 1 ? "" : "s");
    }
  }
}
