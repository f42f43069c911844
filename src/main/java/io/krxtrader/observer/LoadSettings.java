package io.krxtrader.observer;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a file is loaded: chunk size, retries of a failed chunk, where rejects go.
 *
 * @param chunkLines lines per transaction at most
 * @param chunkBytes COPY bytes per transaction at most (bounds memory whatever the lines)
 * @param retries retries of a failed chunk after its first attempt
 * @param retryBackoff wait before the first retry; doubles for each next one
 */
record LoadSettings(
    int chunkLines, int chunkBytes, int retries, Duration retryBackoff, Path rejectDirectory) {

  LoadSettings {
    if (chunkLines < 1 || chunkBytes < 1024 || retries < 0 || retryBackoff.isNegative()) {
      throw new IllegalArgumentException(
          "invalid load settings [chunkLines="
              + chunkLines
              + ", chunkBytes="
              + chunkBytes
              + ", retries="
              + retries
              + "]");
    }
  }
}
