package io.krxtrader.cli;

import io.krxtrader.db.Database;
import io.krxtrader.kis.KisConfig;
import io.krxtrader.kis.KisEnvironment;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.observer.live.LiveCollectors;
import io.krxtrader.sim.Simulator;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code krx-trader run}: live market data until Ctrl-C — collectors, files, loading and PriceSync
 * against the configured broker. With {@code kis.environment=simulator} and no {@code kis.rest-url}
 * it starts the built-in simulator in this process (on its configured clock, real time by default).
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run live: Track A and Track B collectors, the gap ledger, the tailer loading their files",
      "and PriceSync, against the configured broker (the built-in simulator by default), until",
      "Ctrl-C. A status line every 30 seconds."
    })
final class RunCommand extends KrxCommand {

  private static final Duration STATUS_EVERY = Duration.ofSeconds(30);

  @Option(
      names = "--for",
      paramLabel = "DURATION",
      description = "Stop after this much real time, 1s to 7d, e.g. 10m (default: until Ctrl-C).")
  Duration limit;

  @Override
  public Integer call() throws InterruptedException {
    if (limit != null
        && (limit.compareTo(Duration.ofSeconds(1)) < 0
            || limit.compareTo(Duration.ofDays(7)) > 0)) {
      throw new ParameterException(
          spec.commandLine(), "--for must be from 1s to 7d [value=" + limit + "]");
    }
    Database database = context().migratedDatabase();
    AppConfig config = context().config();
    KisConfig kis = config.kis();
    InstantSource clock = context().clock();
    String broker = "KIS " + kis.environment().name().toLowerCase(java.util.Locale.ROOT);
    if (kis.environment() == KisEnvironment.SIMULATOR && kis.restUrl().isEmpty()) {
      Simulator simulator = context().closeLater(Simulator.start(config.simulator()));
      kis = kis.withUrls(simulator.restUrl(), simulator.wsUrl(), simulator.naverUrl());
      clock = simulator.clock();
      broker = "the built-in simulator at " + simulator.restUrl();
    }
    LiveSession session =
        context()
            .closeLater(
                LiveSession.start(
                    database,
                    kis,
                    config.market(),
                    config.observer(),
                    config.collectors(),
                    TradingCalendar.krx(),
                    clock));
    PrintWriter out = out();
    out.printf(
        "running against %s: %d Track B and %d Track A symbols, files in %s. Ctrl-C stops.%n",
        broker,
        config.collectors().scalpSymbols().size(),
        config.collectors().swingSymbols().size(),
        config.observer().dataDirectory());
    out.flush();
    long deadline = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      Thread.sleep(
          Math.min(
              STATUS_EVERY.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
      status(out, clock.instant(), session);
    }
    return 0;
  }

  private static void status(PrintWriter out, Instant now, LiveSession session) {
    LiveCollectors.Stats stats = session.collectors().stats();
    out.printf(
        "%s KST  Track B %,d records  Track A %d polls (%d failed snapshots)  gaps %d  loaded %,d lines%s"
            + "  prices %,d%n",
        now.atZone(TradingCalendar.KST).toLocalDateTime().withNano(0),
        stats.scalpRecords(),
        stats.polls(),
        stats.failedSnapshots(),
        stats.gaps(),
        session.tailer().linesLoaded(),
        session.tailer().failing() ? " (database unreachable: files keep growing)" : "",
        session.prices().stats().ticksWritten());
    out.flush();
  }
}
