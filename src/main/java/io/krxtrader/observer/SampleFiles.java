package io.krxtrader.observer;

import io.krxtrader.observer.jsonl.JsonlLayout;
import io.krxtrader.observer.jsonl.JsonlText;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The collectors' file layout under a root: {@code swing/YYYYMMDD_HHMM.jsonl} (one file per
 * 10-minute poll), {@code scalp/YYYYMMDD_HHMM.jsonl} (rotated every 10 minutes of receive time,
 * KST) and {@code system/gap_YYYYMMDD.jsonl} (one per day). Existing files of the same name are
 * replaced.
 */
public final class SampleFiles implements AutoCloseable {

  /** One open file. */
  final class Output {
    private final OutputStream stream;

    private Output(Path path) throws IOException {
      Files.createDirectories(path.getParent());
      stream = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
      files++;
    }

    void write(JsonlText line) throws IOException {
      line.writeTo(stream);
      bytes += line.length();
    }

    private void close() throws IOException {
      stream.close();
    }
  }

  private final Path root;
  private Output scalp;
  private long scalpBucket = Long.MIN_VALUE;
  private Output swing;
  private Output gaps;

  int files;
  long bytes;
  long ticks;
  long swingRecords;
  long gapRecords;

  SampleFiles(Path root) {
    this.root = root;
  }

  Output scalp(long receivedAtMillis) throws IOException {
    long bucket = Math.floorDiv(receivedAtMillis, JsonlLayout.SCALP_ROTATION_MILLIS);
    if (bucket != scalpBucket) {
      closeScalp();
      scalp = new Output(JsonlLayout.scalpFile(root, Instant.ofEpochMilli(receivedAtMillis)));
      scalpBucket = bucket;
    }
    ticks++;
    return scalp;
  }

  Output swing(long boundaryMillis) throws IOException {
    closeSwing();
    swing = new Output(JsonlLayout.swingFile(root, Instant.ofEpochMilli(boundaryMillis)));
    return swing;
  }

  Output gaps(LocalDate day) throws IOException {
    closeGaps();
    gaps = new Output(JsonlLayout.gapFile(root, day));
    return gaps;
  }

  void closeScalp() throws IOException {
    if (scalp != null) {
      scalp.close();
      scalp = null;
      scalpBucket = Long.MIN_VALUE;
    }
  }

  void closeSwing() throws IOException {
    if (swing != null) {
      swing.close();
      swing = null;
    }
  }

  void closeGaps() throws IOException {
    if (gaps != null) {
      gaps.close();
      gaps = null;
    }
  }

  @Override
  public void close() throws IOException {
    closeScalp();
    closeSwing();
    closeGaps();
  }
}
