package io.krxtrader.observer;

import java.time.Duration;
import java.util.List;

/**
 * What an ingest or back-fill did.
 *
 * @param outcomes every file's outcome, in the order the files were started
 * @param loadTime from the first file started to the last file done
 */
public record LoadSummary(List<FileOutcome> outcomes, Duration loadTime) {

  public LoadSummary {
    outcomes = List.copyOf(outcomes);
  }

  public long count(FileOutcome.Result result) {
    return outcomes.stream().filter(o -> o.result() == result).count();
  }

  public long linesLoaded() {
    return outcomes.stream().mapToLong(FileOutcome::linesLoaded).sum();
  }

  public long linesRejected() {
    return outcomes.stream().mapToLong(FileOutcome::linesRejected).sum();
  }

  public long bytes() {
    return outcomes.stream().mapToLong(FileOutcome::bytes).sum();
  }

  /** Files that were refused or failed: the command's exit code is non-zero. */
  public List<FileOutcome> failures() {
    return outcomes.stream().filter(o -> o.result().failed()).toList();
  }

  /** Lines (loaded and rejected) per second of load time. */
  public double linesPerSecond() {
    double seconds = loadTime.toNanos() / 1e9;
    return seconds <= 0 ? 0 : (linesLoaded() + linesRejected()) / seconds;
  }
}
