package io.krxtrader.observer;

import io.krxtrader.krx.TradingCalendar;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The collectors' file layout under a root: {@code swing/YYYYMMDD_HHMM.jsonl} (one file per
 * 10-minute poll), {@code scalp/YYYYMMDD_HHMM.jsonl} (rotated every 10 minutes of receive time,
 * KST) and {@code system/gap_YYYYMMDD.jsonl} (one per day). Existing files of the same name are
 * replaced.
 */
final class SampleFiles implements AutoCloseable {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmm");
  private static final long ROTATE_MILLIS = 600_000;

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
      lines++;
    }

    void write(String line) throws IOException {
      byte[] data = line.getBytes(StandardCharsets.US_ASCII);
      stream.write(data);
      bytes += data.length;
      lines++;
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
  long lines;
  long ticks;
  long swingRecords;
  long gapRecords;

  SampleFiles(Path root) {
    this.root = root;
  }

  Output scalp(long receivedAtMillis) throws IOException {
    long bucket = Math.floorDiv(receivedAtMillis, ROTATE_MILLIS);
    if (bucket != scalpBucket) {
      closeScalp();
      scalp = new Output(root.resolve("scalp").resolve(stamp(bucket * ROTATE_MILLIS) + ".jsonl"));
      scalpBucket = bucket;
    }
    ticks++;
    return scalp;
  }

  Output swing(long boundaryMillis) throws IOException {
    closeSwing();
    swing = new Output(root.resolve("swing").resolve(stamp(boundaryMillis) + ".jsonl"));
    return swing;
  }

  Output gaps(LocalDate day) throws IOException {
    closeGaps();
    gaps =
        new Output(
            root.resolve("system")
                .resolve("gap_" + day.format(DateTimeFormatter.BASIC_ISO_DATE) + ".jsonl"));
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

  private static String stamp(long epochMillis) {
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), TradingCalendar.KST)
        .format(STAMP);
  }
}
