package io.krxtrader.observer.live;

import io.krxtrader.clock.Participant;
import io.krxtrader.clock.SteppedClock;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.observer.jsonl.CollectorFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The observer's live collection, the package's entry type: Track A, Track B and the gap detector
 * writing JSONL files under a data root. (The {@link Tailer} loads the files into the database; it
 * runs beside the collectors, or alone.) Time is the injected clock's, so a simulated session runs
 * at the simulator's speed; the sweeps that close 500 ms slots and detect silence run every 50 ms
 * of real time, the fsync of the files about every second. On a {@link SteppedClock} the sweeps run
 * as its participant "collectors" on every step instead, and Track A is its worker "track A".
 */
public final class LiveCollectors implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LiveCollectors.class);
  private static final long SWEEP_MILLIS = 50;
  private static final int SYNC_EVERY_SWEEPS = 20;

  /** What the collectors did so far. */
  public record Stats(
      long scalpRecords, int polls, long snapshots, long failedSnapshots, long gaps) {}

  private final InstantSource clock;
  private final CollectorFiles files;
  private final TrackA trackA;
  private final TrackB trackB;
  private final GapDetector gaps;
  private final Thread trackAThread;
  private final ScheduledExecutorService ticker;
  private final Participant participant;
  private volatile boolean closed;
  private int sweeps;

  private LiveCollectors(
      CollectorConfig config,
      Path root,
      SnapshotSource snapshots,
      TickStream stream,
      TradingCalendar calendar,
      InstantSource clock) {
    this.clock = clock;
    this.files = new CollectorFiles(root);
    this.gaps = new GapDetector(files, calendar, config.silentAfter(), config.scalpSymbols());
    this.trackB = new TrackB(files);
    this.trackA = new TrackA(snapshots, files, gaps, config.swingSymbols(), calendar, clock);
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("observer-collectors").daemon().unstarted(r));
    if (!config.scalpSymbols().isEmpty()) {
      stream.start(config.scalpSymbols(), new Listener());
    }
    this.trackAThread =
        config.swingSymbols().isEmpty()
            ? null
            : Thread.ofPlatform().name("observer-track-a").daemon().start(trackA);
    if (clock instanceof SteppedClock stepped) {
      // Asked after the frames of the step arrived: closes every slot that is over before the
      // next step, so the records and their order do not depend on when a thread ran.
      Duration step = stepped.stepSize();
      this.participant =
          Participant.of(
              "collectors",
              now -> {
                if (!closed) {
                  sweep(now.plus(step), now);
                }
              });
      stepped.join(participant);
    } else {
      this.participant = null;
      ticker.scheduleWithFixedDelay(
          () -> sweep(clock.instant(), clock.instant()),
          SWEEP_MILLIS,
          SWEEP_MILLIS,
          TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Starts Track A (if there are swing symbols), Track B (if scalp symbols) and the gap detector.
   */
  public static LiveCollectors start(
      CollectorConfig config,
      Path root,
      SnapshotSource snapshots,
      TickStream stream,
      TradingCalendar calendar,
      InstantSource clock) {
    return new LiveCollectors(config, root, snapshots, stream, calendar, clock);
  }

  public Stats stats() {
    return new Stats(
        trackB.written(), trackA.polls(), trackA.snapshots(), trackA.failures(), gaps.recorded());
  }

  private void sweep(Instant slotsBefore, Instant now) {
    try {
      trackB.sweep(slotsBefore);
      gaps.sweep(now);
      if (++sweeps % SYNC_EVERY_SWEEPS == 0) {
        files.sync();
      }
    } catch (RuntimeException e) {
      log.error("collector sweep failed", e);
    }
  }

  /** Stops polling and streaming into files, writes the last open slots and closes the files. */
  @Override
  public void close() {
    closed = true;
    trackA.close();
    if (participant != null) {
      ((SteppedClock) clock).leave(participant);
      if (trackAThread != null) {
        trackAThread.interrupt(); // it may sleep on a clock that no longer moves
      }
    }
    ticker.shutdown();
    try {
      ticker.awaitTermination(10, TimeUnit.SECONDS);
      if (trackAThread != null) {
        trackAThread.join(30_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    trackB.sweep(clock.instant().plusMillis(TrackB.SLOT_MILLIS));
    files.close();
  }

  /** Feeds stream events to Track B and the gap detector. */
  private final class Listener implements TickListener {

    @Override
    public void onTrade(LiveTrade trade) {
      if (closed) {
        return;
      }
      gaps.heard(trade.symbol(), trade.receivedAt());
      trackB.trade(trade);
    }

    @Override
    public void onQuote(LiveQuote quote) {
      if (closed) {
        return;
      }
      gaps.heard(quote.symbol(), quote.receivedAt());
      trackB.quote(quote);
    }

    @Override
    public void onDisconnected(Instant at, String reason) {
      log.warn("market data stream down [at={}, reason={}]", at, reason);
      if (!closed) {
        gaps.disconnected(at);
      }
    }

    @Override
    public void onResubscribed(Instant at) {
      log.info("market data stream back [at={}]", at);
      if (!closed) {
        gaps.resubscribed(at);
      }
    }
  }
}
