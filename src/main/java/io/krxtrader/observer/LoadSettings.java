package io.krxtrader.observer;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a file is loaded: chunk size, retries of a failed chunk, where rejects go.
 *
 * @param chunkLines lines per transaction at most
 * @param retries retries of a failed chunk after its first attempt
 * @param retryBackoff wait before the first retry; doubles for each next one
 */
record LoadSettings(int chunkLines, int retries, Duration retryBackoff, Path rejectDirectory) {

  LoadSettings {
    if (chunkLines < 1 || retries < 0 || retryBackoff.isNegative()) {
      throw new IllegalArgumentException(
          "invalid load settings [chunkLines=" + chunkLines + ", retries=" + retries + "]");
    }
  }
}
