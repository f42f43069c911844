package io.krxtrader.cli;

import io.krxtrader.db.Database;
import io.krxtrader.kis.KisClient;
import io.krxtrader.kis.KisConfig;
import io.krxtrader.kis.KisEnvironment;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.krx.Universe;
import io.krxtrader.observer.live.LiveCollectors;
import io.krxtrader.runtime.TradingModule;
import io.krxtrader.runtime.TradingModules;
import io.krxtrader.sim.SimulatedClock;
import io.krxtrader.sim.Simulator;
import io.krxtrader.sim.SimulatorConfig;
import io.krxtrader.system.Leadership;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code krx-trader run}: live market data and trading until Ctrl-C — collectors, files, loading
 * and PriceSync against the configured broker, and the trading modules ({@link TradingModules}:
 * exit, re-entry, router, execution, portfolio), each as leader or hot standby. With {@code
 * kis.environment=simulator} and no {@code kis.rest-url} it starts the built-in simulator in this
 * process (on its configured clock, real time by default).
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run live: Track A and Track B collectors, the gap ledger, the tailer loading their files",
      "and PriceSync, and the trading modules (exit, reentry, router, execution, portfolio), each",
      "as leader or as hot standby of another run on the same database, against the configured",
      "broker (the built-in simulator by default), until Ctrl-C. A status line every 30 seconds."
    })
final class RunCommand extends KrxCommand {

  private static final Duration STATUS_EVERY = Duration.ofSeconds(30);

  @Option(
      names = "--for",
      paramLabel = "DURATION",
      description = "Stop after this much real time, 1s to 7d, e.g. 10m (default: until Ctrl-C).")
  Duration limit;

  @Option(
      names = "--modules",
      paramLabel = "LIST",
      description =
          "The trading modules to start, comma-separated, from: exit, reentry, router, execution,"
              + " portfolio (default: all).")
  String modules;

  // The seam for issue 17's dashboard: when web lands, `run` starts Web.start(...) unless this.
  @Option(names = "--no-web", description = "Do not start the dashboard.")
  boolean noWeb;

  @Option(
      names = "--start",
      paramLabel = "KST",
      description =
          "Rehearse a session from this simulated moment, e.g. 2026-11-23T08:55: every module of"
              + " this process lives on that clock (the simulator only). Key: sim.start.")
  String start;

  @Option(
      names = "--speed",
      paramLabel = "FACTOR",
      description =
          "Simulated seconds per real second for the rehearsal (the simulator only). Key:"
              + " sim.speed.")
  Double speed;

  @Override
  public Integer call() throws InterruptedException {
    override(SimulatorConfig.START, start);
    override(SimulatorConfig.SPEED, speed);
    if (limit != null
        && (limit.compareTo(Duration.ofSeconds(1)) < 0
            || limit.compareTo(Duration.ofDays(7)) > 0)) {
      throw new ParameterException(
          spec.commandLine(), "--for must be from 1s to 7d [value=" + limit + "]");
    }
    Set<TradingModule> chosen;
    try {
      chosen = modules == null ? TradingModule.all() : TradingModule.parse(modules);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--modules: " + e.getMessage());
    }
    Database database = context().migratedDatabase();
    AppConfig config = context().config();
    KisConfig kis = config.kis();
    InstantSource clock = context().clock();
    String broker = "KIS " + kis.environment().name().toLowerCase(Locale.ROOT);
    boolean rehearsal = start != null || speed != null;
    if (rehearsal && kis.environment() != KisEnvironment.SIMULATOR) {
      throw new ParameterException(
          spec.commandLine(),
          "--start and --speed rehearse against a simulator only [kis.environment="
              + kis.environment().name().toLowerCase(Locale.ROOT)
              + "]");
    }
    // the day begins once everything below has started, however long that takes here
    SimulatedClock simulated = null;
    if (kis.environment() == KisEnvironment.SIMULATOR && kis.restUrl().isEmpty()) {
      Simulator simulator = context().closeLater(Simulator.startPaused(config.simulator()));
      kis = kis.withUrls(simulator.restUrl(), simulator.wsUrl(), simulator.naverUrl());
      simulated = simulator.clock();
      broker = "the built-in simulator at " + simulator.restUrl();
    } else if (rehearsal) {
      // a standalone `krx-trader sim` started with the same --start and --speed
      simulated =
          SimulatedClock.paused(
              config.simulator().start().orElseGet(Instant::now),
              config.simulator().speed(),
              InstantSource.system());
    }
    if (simulated != null) {
      clock = simulated;
    }
    KisClient tradingClient = context().closeLater(KisClient.open(kis, clock));
    String instance =
        "run-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    TradingModules trading =
        TradingModules.start(
            new TradingModules.Setup(
                database,
                tradingClient,
                kis.environment().name().toLowerCase(Locale.ROOT),
                TradingCalendar.krx(),
                clock,
                Universe.defaultUniverse(),
                config.exit(),
                config.reentry(),
                config.router(),
                config.risk(),
                config.market().staleness().staleAfter(),
                instance,
                TradingModules.Pacing.standard()),
            chosen);
    LiveSession session;
    try {
      session =
          context()
              .closeLater(
                  LiveSession.start(
                      database,
                      kis,
                      config.market(),
                      config.observer(),
                      config.collectors(),
                      TradingCalendar.krx(),
                      clock,
                      null,
                      trading.prices(),
                      trading.executionNotices()));
    } catch (RuntimeException e) {
      trading.close();
      throw e;
    }
    context().closeLater(trading); // closed first: the modules step down before the data stops
    if (simulated != null) {
      simulated.resume();
    }
    PrintWriter out = out();
    out.printf(
        "running against %s: %d Track B and %d Track A symbols, files in %s. Ctrl-C stops.%n",
        broker,
        config.collectors().scalpSymbols().size(),
        config.collectors().swingSymbols().size(),
        config.observer().dataDirectory());
    if (rehearsal) {
      out.printf(
          "rehearsing from %s KST at %s times real speed%n",
          clock.instant().atZone(TradingCalendar.KST).toLocalDateTime().withNano(0),
          config.simulator().speed());
    }
    out.printf("trading modules (instance %s): %s%n", instance, modules(trading));
    out.flush();
    long deadline = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      Thread.sleep(
          Math.min(
              STATUS_EVERY.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
      status(out, clock.instant(), session);
      out.printf("  modules: %s%n", modules(trading));
      out.flush();
    }
    return 0;
  }

  /** Each started module with where its claim stands: {@code exit leading (term 3)}. */
  private static String modules(TradingModules trading) {
    return trading.states().entrySet().stream()
        .map(RunCommand::describe)
        .collect(Collectors.joining(", "));
  }

  private static String describe(Map.Entry<TradingModule, Leadership.State> entry) {
    String state =
        switch (entry.getValue()) {
          case Leadership.Leading l -> "leading (term " + l.term().number() + ")";
          case Leadership.Standby s -> "standby";
          case Leadership.Lost l -> "lost term " + l.term().number() + ", standby";
          case Leadership.Closed c -> "stopped";
        };
    return entry.getKey().displayName() + " " + state;
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
