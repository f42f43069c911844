package io.krxtrader.observer.live;

import io.krxtrader.observer.FileOutcome;
import io.krxtrader.observer.Observer;
import io.krxtrader.observer.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  private final Observer observer;
  private final Path root;
  private final Duration interval;
  private final Map<Path, Long> loadedSize = new HashMap<>();
  private final Thread thread;
  private volatile boolean closed;
  private boolean failing;
  private long linesLoaded;

  private Tailer(Observer observer, Path root, Duration interval, boolean start) {
    this.observer = observer;
    this.root = root;
    this.interval = interval;
    this.thread =
        start ? Thread.ofPlatform().name("observer-tailer").daemon().start(this::loop) : null;
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

  private boolean pass() {
    boolean ok = true;
    if (!Files.isDirectory(root)) {
      return true; // nothing collected yet
    }
    List<SourceFile> files;
    try {
      files = observer.discover(root);
    } catch (RuntimeException e) {
      report(e.getMessage());
      return false;
    }
    for (SourceFile file : files) {
      long size = sizeOf(file.path());
      Long loaded = loadedSize.get(file.path());
      if (loaded != null && loaded == size) {
        continue;
      }
      FileOutcome outcome;
      try {
        outcome = observer.loadAppended(file.path(), file.kind());
      } catch (RuntimeException e) {
        outcome = null;
        report(e.getMessage());
      }
      if (outcome == null || outcome.result() == FileOutcome.Result.FAILED) {
        if (outcome != null) {
          report(outcome.message());
        }
        return false; // the database is away: try every file again next pass
      }
      if (outcome.result() == FileOutcome.Result.CONFLICT) {
        log.error(
            "a collector file changed after it was loaded [file={}, reason={}]",
            file.path(),
            outcome.message());
        ok = false;
      }
      if (outcome.result() != FileOutcome.Result.BUSY) {
        loadedSize.put(file.path(), size);
      }
      linesLoaded += outcome.linesLoaded();
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

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (java.io.IOException e) {
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
    if (thread != null) {
      try {
        thread.join(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
