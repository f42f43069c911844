package io.krxtrader.observer;

import java.nio.file.Path;

/**
 * What loading one file did in one run.
 *
 * @param linesLoaded lines loaded as rows in this run
 * @param linesRejected lines rejected in this run (see the reject file)
 * @param bytes bytes of complete lines consumed in this run
 * @param pendingBytes bytes after the last complete line, left for the next load
 * @param message why a file was refused or failed; empty otherwise
 */
public record FileOutcome(
    Path file,
    RecordKind kind,
    Result result,
    long linesLoaded,
    long linesRejected,
    long bytes,
    long pendingBytes,
    String message) {

  /** The outcome of one file. */
  public enum Result {
    /** New lines were loaded (or rejected). */
    LOADED,
    /** Nothing new since the last load. */
    UNCHANGED,
    /** The already-loaded part changed, or the file is a copy of a loaded one: nothing loaded. */
    CONFLICT,
    /** Another process is loading the file right now. */
    BUSY,
    /** A chunk failed after every retry; committed chunks stay, the next run continues. */
    FAILED;

    public boolean failed() {
      return this == CONFLICT || this == FAILED;
    }
  }

  static FileOutcome of(Path file, RecordKind kind, Result result, String message) {
    return new FileOutcome(file, kind, result, 0, 0, 0, 0, message);
  }
}
