package io.krxtrader.trade.router;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watched folder ({@code router.inbox}): a producer drops a run file ({@code .json} or {@code
 * .csv}) into it, and each file is taken once.
 *
 * <ul>
 *   <li>A file is taken when two scans in a row saw the same size and modification time (a file
 *       still being written waits). Names starting with {@code .} or ending in {@code .tmp} or
 *       {@code .part} are never taken: the safe way to deliver is to write {@code run.json.tmp} and
 *       rename it to {@code run.json}.
 *   <li>Taking is an atomic rename into {@code processing/}; then the run goes through {@link
 *       PickIntake}; then the file moves to {@code done/}, or to {@code rejected/} with {@code
 *       <name>.error} beside it (the summary and one problem a line).
 *   <li>Restart-safe: a file left in {@code processing/} (a crash, the database away) is submitted
 *       again on the next scan; storing the same run twice is a no-op, so it ends in {@code done/}
 *       once. A name already in {@code done/} or {@code rejected/} gets a {@code .1}, {@code .2}
 *       suffix, never overwriting.
 *   <li>Nothing stops the scanning: an unreadable file, a database error or a bad file is reported
 *       and the next file is taken.
 * </ul>
 */
public final class PicksInbox implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PicksInbox.class);

  /** What one scan did, per file name. */
  public record ScanReport(List<String> done, List<String> rejected, List<String> failed) {}

  private record Seen(long size, FileTime modified) {}

  private final Path inbox;
  private final Path processing;
  private final Path done;
  private final Path rejected;
  private final PickIntake intake;
  private final Map<Path, Seen> seen = new HashMap<>();
  private ScheduledExecutorService scheduler;

  public PicksInbox(Path inbox, PickIntake intake) {
    this.inbox = inbox;
    this.processing = inbox.resolve("processing");
    this.done = inbox.resolve("done");
    this.rejected = inbox.resolve("rejected");
    this.intake = intake;
  }

  /** Scans every {@code everyMillis} on a thread of its own until {@link #close()}. */
  public synchronized void start(long everyMillis) {
    if (scheduler != null) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "picks-inbox");
              thread.setDaemon(true);
              return thread;
            });
    scheduler.scheduleWithFixedDelay(this::scanQuietly, 0, everyMillis, TimeUnit.MILLISECONDS);
  }

  private void scanQuietly() {
    try {
      scan();
    } catch (RuntimeException e) {
      log.warn("picks inbox scan failed, next scan continues [inbox={}]: {}", inbox, e.toString());
    }
  }

  /** One pass: first what a previous pass left in {@code processing/}, then new stable files. */
  public synchronized ScanReport scan() {
    ScanReport report = new ScanReport(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    try {
      Files.createDirectories(processing);
      Files.createDirectories(done);
      Files.createDirectories(rejected);
    } catch (IOException e) {
      report.failed().add(inbox + " (" + e.getMessage() + ")");
      return report;
    }
    for (Path left : files(processing)) {
      process(left, report);
    }
    Map<Path, Seen> now = new HashMap<>();
    for (Path file : files(inbox)) {
      String name = file.getFileName().toString();
      if (name.startsWith(".") || name.endsWith(".tmp") || name.endsWith(".part")) {
        continue;
      }
      Seen current;
      try {
        current = new Seen(Files.size(file), Files.getLastModifiedTime(file));
      } catch (IOException e) {
        continue; // gone (renamed or taken) since the listing
      }
      if (!current.equals(seen.get(file))) {
        now.put(file, current);
        continue;
      }
      Path taken = processing.resolve(name);
      try {
        move(file, taken);
      } catch (IOException e) {
        report.failed().add(name + " (cannot take it: " + e.getMessage() + ")");
        continue;
      }
      process(taken, report);
    }
    seen.clear();
    seen.putAll(now);
    return report;
  }

  private void process(Path file, ScanReport report) {
    String name = file.getFileName().toString();
    Submission outcome;
    try {
      long size = Files.size(file);
      if (size > intake.maxBytes()) {
        outcome = intake.tooLarge(size);
      } else {
        byte[] content;
        try (InputStream in = Files.newInputStream(file)) {
          content = in.readNBytes((int) intake.maxBytes() + 1);
        }
        outcome = intake.submit(content, name, RunSource.INBOX);
      }
    } catch (IOException | RuntimeException e) {
      // the database away, a disk error: the file stays in processing/ for the next scan
      log.warn(
          "picks inbox could not submit, retried on the next scan [file={}]: {}",
          file,
          e.toString());
      report.failed().add(name + " (" + e.getMessage() + ")");
      return;
    }
    try {
      if (outcome instanceof Submission.Rejected refused) {
        Path target = free(rejected, name);
        StringBuilder error = new StringBuilder(refused.summary()).append('\n');
        refused.problems().forEach(p -> error.append(p).append('\n'));
        Files.writeString(
            target.resolveSibling(target.getFileName() + ".error"), error, StandardCharsets.UTF_8);
        move(file, target);
        report.rejected().add(name);
        log.info("picks inbox rejected {}: {}", name, refused.summary());
      } else {
        move(file, free(done, name));
        report.done().add(name);
        log.info("picks inbox took {}: {}", name, outcome.summary());
      }
    } catch (IOException e) {
      report.failed().add(name + " (" + e.getMessage() + ")");
    }
  }

  private static Path free(Path directory, String name) {
    Path target = directory.resolve(name);
    for (int n = 1;
        Files.exists(target) || Files.exists(directory.resolve(target.getFileName() + ".error"));
        n++) {
      target = directory.resolve(name + "." + n);
    }
    return target;
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  private static List<Path> files(Path directory) {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, Files::isRegularFile)) {
      stream.forEach(files::add);
    } catch (IOException e) {
      log.warn("picks inbox cannot list {}: {}", directory, e.toString());
    }
    files.sort(null);
    return files;
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }
}
