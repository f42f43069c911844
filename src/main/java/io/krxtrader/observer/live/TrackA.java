package io.krxtrader.observer.live;

import io.krxtrader.clock.SteppedClock;
import io.krxtrader.clock.Worker;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.observer.jsonl.CollectorFiles;
import io.krxtrader.observer.jsonl.JsonlLayout;
import io.krxtrader.observer.jsonl.PollBoundaries;
import io.krxtrader.observer.jsonl.SwingRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Track A: at each poll boundary, a REST snapshot of every swing symbol, one after another (the
 * snapshot source keeps to the broker's rate limit), each appended as it arrives. A symbol whose
 * snapshot fails gets a {@code rest_error} gap; a boundary that passed while the previous poll was
 * still running, or while the process was not up, gets a {@code poll_missed} gap.
 */
final class TrackA implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(TrackA.class);
  private static final Duration CHECK_EVERY = Duration.ofMillis(10);

  private final SnapshotSource source;
  private final CollectorFiles files;
  private final GapDetector gaps;
  private final List<Symbol> symbols;
  private final PollSchedule schedule;
  private final InstantSource clock;
  private final SteppedClock stepped;
  private final Worker worker;
  private volatile boolean closed;
  private long snapshots;
  private long failures;
  private int polls;

  TrackA(
      SnapshotSource source,
      CollectorFiles files,
      GapDetector gaps,
      List<Symbol> symbols,
      TradingCalendar calendar,
      InstantSource clock) {
    this.source = source;
    this.files = files;
    this.gaps = gaps;
    this.symbols = List.copyOf(symbols);
    this.schedule = new PollSchedule(calendar);
    this.clock = clock;
    this.stepped = clock instanceof SteppedClock s ? s : null;
    this.worker = stepped != null ? stepped.worker("track A") : null;
  }

  @Override
  public void run() {
    if (worker != null) {
      worker.bind();
    }
    try {
      loop();
    } finally {
      if (worker != null) {
        worker.leave();
      }
    }
  }

  private void loop() {
    Instant next = schedule.firstAtOrAfter(clock.instant());
    while (!closed) {
      Instant now = clock.instant();
      if (now.isBefore(next)) {
        pause(next);
        continue;
      }
      // Poll the latest boundary that has passed; boundaries skipped on the way are gaps.
      Instant boundary = schedule.latestAtOrBefore(now).orElse(next);
      for (Instant skipped = next;
          skipped.isBefore(boundary);
          skipped = skipped.plus(PollBoundaries.PERIOD)) {
        gaps.pollMissed(skipped, PollBoundaries.PERIOD, now);
      }
      poll(boundary);
      next = schedule.firstAtOrAfter(boundary.plusMillis(1));
    }
  }

  private void poll(Instant boundary) {
    int failed = 0;
    String firstError = null;
    for (Symbol symbol : symbols) {
      if (closed) {
        return;
      }
      try {
        SwingSnapshot s = source.snapshot(symbol);
        files.append(
            new SwingRecord(
                s.receivedAt(),
                JsonlLayout.swingSession(TradingCalendar.kstDate(boundary)),
                symbol,
                s.open(),
                s.high(),
                s.low(),
                s.last(),
                s.volume(),
                s.bid(),
                s.ask()),
            boundary);
        synchronized (this) {
          snapshots++;
        }
      } catch (RuntimeException e) {
        if (closed) {
          return; // stopped in the middle of a call: not a failure of the broker
        }
        gaps.pollFailed(symbol, boundary, PollBoundaries.PERIOD, clock.instant());
        failed++;
        if (firstError == null) {
          firstError = e.getMessage();
        }
      }
    }
    synchronized (this) {
      polls++;
      failures += failed;
    }
    if (failed > 0) {
      log.warn(
          "Track A poll got no snapshot of {} of {} symbols [boundary={}, first error={}]",
          failed,
          symbols.size(),
          boundary,
          firstError);
    }
  }

  /** Waits for the next boundary: on a stepped clock by sleeping on it, else a short wall nap. */
  private void pause(Instant next) {
    try {
      if (stepped != null) {
        if (!stepped.sleepUntil(next)) {
          closed = true;
        }
        return;
      }
      Thread.sleep(CHECK_EVERY);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }

  void close() {
    closed = true;
  }

  synchronized long snapshots() {
    return snapshots;
  }

  synchronized long failures() {
    return failures;
  }

  synchronized int polls() {
    return polls;
  }
}
