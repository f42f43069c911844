package io.krxtrader.cli;

import io.krxtrader.DirectoryTree;
import io.krxtrader.clock.SteppedClock;
import io.krxtrader.db.Database;
import io.krxtrader.kis.KisConfig;
import io.krxtrader.kis.KisEnvironment;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.observer.live.CollectorConfig;
import io.krxtrader.observer.live.LiveCollectors;
import io.krxtrader.sim.Simulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Drives a {@link LiveSession} through a simulated day on a {@link SteppedClock} it steps itself:
 * injects the scheduled faults between steps when their time comes, shows progress (a bar on a
 * terminal, a line every ten seconds otherwise), and at the end stops the session so that files and
 * tables are complete.
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
      boolean complete,
      SteppedClock.Stats pace) {}

  /** KIS's REST limit per app key, in (simulated) seconds. */
  static final int KIS_RATE_LIMIT = 20;

  private SimulatedDay() {}

  /**
   * Runs the built-in simulator from {@code start} to {@code end} with a live session against it on
   * a {@link SteppedClock}: {@code speed} is a ceiling, and every step waits for the market, the
   * WebSocket frames, Track A, the collectors, PriceSync and the tailer (see {@link LiveSession}),
   * so the day's data does not depend on how busy the machine is. Faults are injected between two
   * steps, at their exact simulated time. KIS's rate limit (20 calls a second) is kept in simulated
   * seconds on both sides. At the end the session stops so that files and tables are complete.
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
    return run(database, config, collect, start, end, speed, faults, err, clock -> {});
  }

  /**
   * Like {@link #run(Database, AppConfig, CollectorConfig, Instant, Instant, double, List,
   * PrintWriter)}, with a test hook that gets the clock once every participant joined (a test joins
   * a deliberately slow participant there and shows the data stays the same).
   */
  static Run run(
      Database database,
      AppConfig config,
      CollectorConfig collect,
      Instant start,
      Instant end,
      double speed,
      List<Fault> faults,
      PrintWriter err,
      Consumer<SteppedClock> hook) {
    int rateLimit = KIS_RATE_LIMIT;
    // KIS's PINGPONG every 20 s and the client's silence limit stay in wall time (liveness of the
    // connection, not market data), compressed like the ceiling so a dead connection is noticed.
    Duration ping = Duration.ofMillis(Math.max(100, Math.round(20_000 / speed)));
    Duration silenceLimit = Duration.ofMillis(Math.max(1_000, 3 * ping.toMillis()));
    SteppedClock clock = SteppedClock.paused(start, config.simulator().step(), speed);
    Path tokens = temporaryDirectory();
    try (Simulator simulator =
        Simulator.stepped(
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
          clock,
          start,
          end,
          faults,
          err,
          hook);
    } finally {
      clock.close();
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
      SteppedClock clock,
      Instant start,
      Instant end,
      List<Fault> faults,
      PrintWriter err,
      Consumer<SteppedClock> hook) {
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
            clock,
            simulator.dataFramesSent(),
            io.krxtrader.market.BestPriceListener.NONE,
            null)) {
      hook.accept(clock);
      // The day starts once the session is up.
      clock.resume();
      try (Progress progress = new Progress(start, end, err)) {
        while (true) {
          Instant now = clock.instant();
          for (Fault fault : List.copyOf(pending)) {
            if (!now.isBefore(fault.at())) {
              fault.action().accept(simulator);
              injected.add(kst(fault.at()) + " KST: " + fault.description());
              pending.remove(fault);
            }
          }
          progress.show(now, session.collectors().stats(), clock.stats());
          if (!now.isBefore(end)) {
            break;
          }
          clock.step();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      SteppedClock.Stats pace = clock.stats();
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
          complete,
          pace);
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

    void show(Instant now, LiveCollectors.Stats stats, SteppedClock.Stats pace) {
      long elapsed = Math.max(0, Duration.between(start, now).toSeconds());
      String extra =
          String.format(
              "%s KST, %,d ticks, %d polls, %d gaps, %s",
              kst(now), stats.scalpRecords(), stats.polls(), stats.gaps(), pace.summary());
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
