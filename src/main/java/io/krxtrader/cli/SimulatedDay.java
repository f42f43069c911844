package io.krxtrader.cli;

import io.krxtrader.DirectoryTree;
import io.krxtrader.db.Database;
import io.krxtrader.kis.KisConfig;
import io.krxtrader.kis.KisEnvironment;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.observer.live.CollectorConfig;
import io.krxtrader.observer.live.LiveCollectors;
import io.krxtrader.sim.SimulatedClock;
import io.krxtrader.sim.Simulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Drives a {@link LiveSession} through a simulated day on the simulator's clock: injects the
 * scheduled faults when their time comes, shows progress (a bar on a terminal, a line every ten
 * seconds otherwise), and at the end stops the session so that files and tables are complete.
 */
final class SimulatedDay {

  /** Something done to the simulator at a simulated time. */
  record Fault(Instant at, String description, Consumer<Simulator> action) {}

  /** What happened. */
  record Run(
      Instant start,
      Instant end,
      Duration wallTime,
      LiveCollectors.Stats collected,
      long pricesWritten,
      long pricesDropped,
      List<String> injected,
      boolean complete) {}

  private SimulatedDay() {}

  /**
   * Runs the built-in simulator from {@code start} to {@code end} at {@code speed} with a live
   * session against it, and stops the session so that files and tables are complete. KIS's rate
   * limit is per second of (simulated) time, so a clock {@code speed} times faster gets that many
   * more calls a second, up to 1,000.
   */
  static Run run(
      Database database,
      AppConfig config,
      CollectorConfig collect,
      Instant start,
      Instant end,
      double speed,
      List<Fault> faults,
      PrintWriter err) {
    int rateLimit = (int) Math.min(1_000, Math.max(20, Math.round(20 * speed)));
    // KIS's PINGPONG every 20 s and the client's silence limit, compressed like the clock: a
    // connection that dies unnoticed would otherwise stay a gap for simulated hours.
    Duration ping = Duration.ofMillis(Math.max(100, Math.round(20_000 / speed)));
    Duration silenceLimit = Duration.ofMillis(Math.max(1_000, 3 * ping.toMillis()));
    SimulatedClock clock = SimulatedClock.paused(start, speed, InstantSource.system());
    Path tokens = temporaryDirectory();
    try (Simulator simulator =
        Simulator.start(
            config
                .simulator()
                .withStart(start, speed)
                .withRateLimit(rateLimit)
                .withPingInterval(ping),
            clock)) {
      KisConfig kis =
          KisConfig.forUrls(
                  KisEnvironment.SIMULATOR,
                  simulator.restUrl(),
                  simulator.wsUrl(),
                  simulator.naverUrl(),
                  simulator.credentials(),
                  tokens.resolve("token.json"))
              .withRateLimit(rateLimit)
              .withSilenceLimit(silenceLimit);
      return run(
          database,
          kis,
          config,
          collect,
          TradingCalendar.krx(),
          simulator,
          start,
          end,
          faults,
          err);
    } finally {
      try {
        DirectoryTree.delete(tokens);
      } catch (IOException e) {
        // a leftover token cache in the temporary directory is harmless
      }
    }
  }

  private static Run run(
      Database database,
      KisConfig kis,
      AppConfig config,
      CollectorConfig collect,
      TradingCalendar calendar,
      Simulator simulator,
      Instant start,
      Instant end,
      List<Fault> faults,
      PrintWriter err) {
    long wallStart = System.nanoTime();
    List<Fault> pending = new ArrayList<>(faults);
    List<String> injected = new ArrayList<>();
    try (LiveSession session =
        LiveSession.start(
            database,
            kis,
            config.market(),
            config.observer(),
            collect,
            calendar,
            simulator.clock())) {
      // The day starts once the session is up (a paused clock waits; a running one does not).
      simulator.clock().resume();
      try (Progress progress = new Progress(start, end, err)) {
        while (true) {
          Instant now = simulator.clock().instant();
          for (Fault fault : List.copyOf(pending)) {
            if (!now.isBefore(fault.at())) {
              fault.action().accept(simulator);
              injected.add(kst(fault.at()) + " KST: " + fault.description());
              pending.remove(fault);
            }
          }
          progress.show(now, session.collectors().stats());
          if (!now.isBefore(end)) {
            break;
          }
          sleep(Duration.ofMillis(100));
        }
      }
      boolean complete = session.stop();
      var prices = session.prices().stats();
      return new Run(
          start,
          end,
          Duration.ofNanos(System.nanoTime() - wallStart),
          session.collectors().stats(),
          prices.ticksWritten(),
          prices.eventsDropped(),
          injected,
          complete);
    }
  }

  /** Room for a token cache of this run's own (each simulator issues its own tokens). */
  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("krx-simulated-day");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String kst(Instant at) {
    return at.atZone(TradingCalendar.KST).toLocalTime().withNano(0).toString();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Simulated time as progress: a bar on a terminal, a plain line every ten seconds otherwise. */
  private static final class Progress implements AutoCloseable {

    private final Instant start;
    private final PrintWriter err;
    private final ProgressBar bar;
    private long lastLine = System.nanoTime();

    Progress(Instant start, Instant end, PrintWriter err) {
      this.start = start;
      this.err = err;
      long seconds = Math.max(1, Duration.between(start, end).toSeconds());
      this.bar =
          LoadProgress.isTerminal()
              ? new ProgressBarBuilder()
                  .setTaskName("Trading day")
                  .setInitialMax(seconds)
                  .setUnit(" sim-min", 60)
                  .setConsumer(new ConsoleProgressBarConsumer(System.err))
                  .build()
              : null;
    }

    void show(Instant now, LiveCollectors.Stats stats) {
      long elapsed = Math.max(0, Duration.between(start, now).toSeconds());
      String extra =
          String.format(
              "%s KST, %,d ticks, %d polls, %d gaps",
              kst(now), stats.scalpRecords(), stats.polls(), stats.gaps());
      if (bar != null) {
        bar.stepTo(Math.min(bar.getMax(), elapsed));
        bar.setExtraMessage(" " + extra);
      } else if (System.nanoTime() - lastLine > 10_000_000_000L) {
        lastLine = System.nanoTime();
        err.println("demo: " + extra);
        err.flush();
      }
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
      }
    }
  }
}
