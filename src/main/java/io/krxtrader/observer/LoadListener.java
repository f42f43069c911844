package io.krxtrader.observer;

import java.nio.file.Path;

/**
 * Progress of a load, for a progress bar or log lines. Called from the loading threads: an
 * implementation must be thread-safe and quick.
 */
public interface LoadListener {

  LoadListener NONE = new LoadListener() {};

  /** The files about to be loaded and their total size. */
  default void started(int files, long bytes) {}

  /** A chunk of {@code file} committed: its lines and the bytes they span. */
  default void chunkCommitted(Path file, long lines, long bytes) {}

  /** A file is done (loaded, unchanged, refused or failed). */
  default void fileFinished(SourceFile file, FileOutcome outcome) {}
}
