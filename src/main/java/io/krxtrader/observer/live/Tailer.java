package io.krxtrader.observer.live;

import io.krxtrader.observer.FileOutcome;
import io.krxtrader.observer.Observer;
import io.krxtrader.observer.RecordKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database half of the live dual write: every {@code interval} it loads what the collectors
 * appended to their files, through the observer's exactly-once loader ({@link
 * Observer#loadAppended}), so rows reach {@code observer.*} within about a second of being written.
 * While the database is away the files keep growing and each pass fails quickly; when it is back,
 * the next pass catches up from the ledger's offsets. A failure is a lag, never a divergence.
 */
public final class Tailer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Tailer.class);

  /** How long an older file must be untouched before the tailer stops looking at it. */
  static final Duration SETTLE_AFTER = Duration.ofMinutes(1);

  private final Observer observer;
  private final Path root;
  private final Duration interval;
  private final Map<Path, Long> loadedSize = new HashMap<>();
  private final Set<Path> settled = new HashSet<>();
  private final Thread thread;
  private volatile boolean closed;
  private boolean failing;
  private long linesLoaded;

  private Tailer(Observer observer, Path root, Duration interval, boolean threaded) {
    this.observer = observer;
    this.root = root;
    this.interval = interval;
    this.thread =
        threaded ? Thread.ofPlatform().name("observer-tailer").daemon().start(this::loop) : null;
  }

  /**
   * A tailer without a thread of its own: it loads when {@link #load} is called (a stepped day's
   * participant "tailer" does, every few simulated seconds).
   */
  public static Tailer onDemand(Observer observer, Path root) {
    return new Tailer(observer, root, Duration.ZERO, false);
  }

  /** One pass now, on the caller's thread; returns whether every file loaded. */
  public synchronized boolean load() {
    return pass();
  }

  /** Starts tailing the files under {@code root}. */
  public static Tailer start(Observer observer, Path root, Duration interval) {
    return new Tailer(observer, root, interval, true);
  }

  /**
   * Loads everything appended so far, now, on the caller's thread (the collectors call it last at
   * shutdown); returns whether every file loaded.
   */
  public synchronized boolean catchUp() {
    settled.clear();
    return pass();
  }

  public synchronized long linesLoaded() {
    return linesLoaded;
  }

  /** Whether the last pass could not reach the database. */
  public synchronized boolean failing() {
    return failing;
  }

  private synchronized void loop() {
    while (!closed) {
      try {
        pass();
      } catch (RuntimeException e) {
        // Never let the tailer die: the next pass retries from the ledger's offsets.
        log.error("tailer pass failed", e);
      }
      try {
        wait(interval.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * Loads what is new in the collectors' directories. Only the newest file of each kind keeps
   * growing (Track B rotates every 10 minutes, a poll and a day each get a new file); an older one
   * may still receive a late line just after a rotation (a slot that ended before the boundary but
   * was written after it). So a file is settled — never looked at again, however many files
   * accumulate — once it is loaded, is not the newest of its kind and has not been written for
   * {@link #SETTLE_AFTER}.
   */
  synchronized boolean pass() {
    boolean ok = true;
    for (String directory : List.of("swing", "scalp", "system")) {
      List<Path> files = jsonlFiles(root.resolve(directory));
      Path newest = files.isEmpty() ? null : files.get(files.size() - 1);
      for (Path file : files) {
        if (settled.contains(file)) {
          continue;
        }
        Optional<RecordKind> kind = RecordKind.of(file);
        if (kind.isEmpty()) {
          settled.add(file);
          continue;
        }
        long size = sizeOf(file);
        Long loaded = loadedSize.get(file);
        if (loaded == null || loaded != size) {
          FileOutcome outcome;
          try {
            outcome = observer.loadAppended(file, kind.get());
          } catch (RuntimeException e) {
            report(e.getMessage());
            return false; // the database is away: try again next pass
          }
          if (outcome.result() == FileOutcome.Result.FAILED) {
            report(outcome.message());
            return false;
          }
          if (outcome.result() == FileOutcome.Result.BUSY) {
            continue; // another process is loading it: look again next pass
          }
          if (outcome.result() == FileOutcome.Result.CONFLICT) {
            log.error(
                "a collector file changed after it was loaded [file={}, reason={}]",
                file,
                outcome.message());
            ok = false;
          }
          loadedSize.put(file, size);
          linesLoaded += outcome.linesLoaded();
        }
        if (!file.equals(newest) && untouchedFor(file, SETTLE_AFTER)) {
          settled.add(file);
          loadedSize.remove(file);
        }
      }
    }
    if (failing) {
      log.info("the tailer reaches the database again and has caught up");
      failing = false;
    }
    return ok;
  }

  private void report(String message) {
    if (!failing) {
      log.warn(
          "cannot load collector files now; they keep growing and load later [reason={}]", message);
      failing = true;
    }
  }

  /** The {@code .jsonl} files of a directory, in name (that is, time) order. */
  private static List<Path> jsonlFiles(Path directory) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*.jsonl")) {
      List<Path> files = new ArrayList<>();
      entries.forEach(files::add);
      files.sort(null);
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** By the file system's clock: real time, whatever clock the collectors run on. */
  private static boolean untouchedFor(Path file, Duration quiet) {
    try {
      return Files.getLastModifiedTime(file).toInstant().plus(quiet).isBefore(Instant.now());
    } catch (IOException e) {
      return false;
    }
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }

  /** Stops after the pass in progress (a pass is never cut short in the middle of a file). */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    try {
      if (thread != null) {
        thread.join(Duration.ofSeconds(30));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
