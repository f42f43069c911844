package io.krxtrader.observer;

import io.krxtrader.config.Settings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The observer's configuration.
 *
 * @param dataDirectory where the collectors write their JSONL files ({@code swing/}, {@code
 *     scalp/}, {@code system/}); {@code backfill} loads it when given no directory
 * @param rejectDirectory where each loaded file's rejected lines go
 * @param parallelism files loaded at once (1 to 10)
 * @param chunkLines lines per load transaction
 * @param retries retries of a failed chunk (exponential back-off)
 * @param retryBackoff the wait before the first retry
 * @param criticalGap the shortest gap the critical-gap query reports
 */
public record ObserverConfig(
    Path dataDirectory,
    Path rejectDirectory,
    int parallelism,
    int chunkLines,
    int retries,
    Duration retryBackoff,
    Duration criticalGap) {

  public static final String DATA_DIRECTORY = "observer.data-dir";
  public static final String REJECT_DIRECTORY = "observer.reject-dir";
  public static final String PARALLELISM = "observer.load.parallelism";
  public static final String CHUNK_LINES = "observer.load.chunk-lines";
  public static final String RETRIES = "observer.load.retries";
  public static final String RETRY_BACKOFF = "observer.load.retry-backoff";
  public static final String CRITICAL_GAP = "observer.critical-gap";

  /** The most files loaded at once (the seed's limit). */
  public static final int MAX_PARALLELISM = 10;

  public ObserverConfig {
    if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
      throw new IllegalArgumentException("parallelism must be 1 to 10 [value=" + parallelism + "]");
    }
  }

  private static int defaultParallelism() {
    return Math.min(Runtime.getRuntime().availableProcessors(), MAX_PARALLELISM);
  }

  public static ObserverConfig from(Settings settings, Path home) {
    return new ObserverConfig(
        settings.path(DATA_DIRECTORY, home.resolve("observer").resolve("jsonl")),
        settings.path(REJECT_DIRECTORY, home.resolve("observer").resolve("rejects")),
        settings.integer(PARALLELISM, defaultParallelism(), 1, MAX_PARALLELISM),
        settings.integer(CHUNK_LINES, 20_000, 100, 1_000_000),
        settings.integer(RETRIES, 3, 0, 10),
        settings.duration(
            RETRY_BACKOFF, Duration.ofMillis(500), Duration.ZERO, Duration.ofMinutes(1)),
        settings.duration(
            CRITICAL_GAP, Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofDays(1)));
  }

  LoadSettings loadSettings() {
    return new LoadSettings(chunkLines, retries, retryBackoff, rejectDirectory);
  }
}
