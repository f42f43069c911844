package io.krxtrader.observer.jsonl;

import io.krxtrader.krx.TradingCalendar;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where the collectors' files go under a data root, as the seed lays them out:
 *
 * <pre>
 *   swing/YYYYMMDD_HHMM.jsonl   one Track A poll of every swing symbol (HHMM: the poll's boundary)
 *   scalp/YYYYMMDD_HHMM.jsonl   Track B records, a new file every 10 minutes of receive time
 *   system/gap_YYYYMMDD.jsonl   the gap ledger, one file per KST day
 * </pre>
 *
 * Names are KST. Session ids are {@code track_a_YYYYMMDD} and {@code track_b_YYYYMMDD}.
 */
public final class JsonlLayout {

  /** Track B files rotate every 10 minutes of receive time. */
  public static final long SCALP_ROTATION_MILLIS = 600_000;

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmm");

  private JsonlLayout() {}

  public static Path scalpFile(Path root, Instant receivedAt) {
    long bucket = Math.floorDiv(receivedAt.toEpochMilli(), SCALP_ROTATION_MILLIS);
    return root.resolve("scalp").resolve(stamp(bucket * SCALP_ROTATION_MILLIS) + ".jsonl");
  }

  public static Path swingFile(Path root, Instant pollBoundary) {
    return root.resolve("swing").resolve(stamp(pollBoundary.toEpochMilli()) + ".jsonl");
  }

  public static Path gapFile(Path root, LocalDate kstDay) {
    return root.resolve("system")
        .resolve("gap_" + kstDay.format(DateTimeFormatter.BASIC_ISO_DATE) + ".jsonl");
  }

  public static String scalpSession(LocalDate kstDay) {
    return "track_b_" + kstDay.format(DateTimeFormatter.BASIC_ISO_DATE);
  }

  public static String swingSession(LocalDate kstDay) {
    return "track_a_" + kstDay.format(DateTimeFormatter.BASIC_ISO_DATE);
  }

  private static String stamp(long epochMillis) {
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), TradingCalendar.KST)
        .format(STAMP);
  }
}
