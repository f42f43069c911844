package io.krxtrader.cli;

import io.krxtrader.db.Database;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.krx.Universe;
import io.krxtrader.market.MarketConfig;
import io.krxtrader.observer.Observer;
import io.krxtrader.observer.live.CollectorConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The main job with nothing to set up: one simulated trading day, end to end, at high clock speed.
 * The built-in KIS simulator plays the broker; the collectors write Track A, Track B and gap files,
 * the tailer loads them, PriceSync keeps best prices — and a WebSocket drop and a failed REST poll
 * are injected on the way, so the report shows what the system does about them.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "The main job, with nothing to set up: start the database (embedded unless --db-url),",
      "apply the migrations, print the status report, then run one simulated trading day at high",
      "clock speed against the built-in KIS simulator (collectors, JSONL files, loading, PriceSync)",
      "and report per-symbol coverage, gaps, stale periods and discrepancies. Each run simulates",
      "the trading day after the last one in the database."
    })
final class DemoCommand extends KrxCommand {

  @Option(
      names = "--date",
      paramLabel = "YYYY-MM-DD",
      description = "The trading day to simulate (default: the day after the latest collected).")
  LocalDate date;

  @Option(
      names = "--speed",
      paramLabel = "FACTOR",
      defaultValue = "200",
      description =
          "Simulated seconds per real second (default: ${DEFAULT-VALUE}: a day in 2 minutes).")
  double speed;

  @Option(
      names = "--from",
      paramLabel = "HH:MM",
      defaultValue = "08:59",
      description = "Simulated start, KST (default: ${DEFAULT-VALUE}).")
  LocalTime from;

  @Option(
      names = "--to",
      paramLabel = "HH:MM",
      defaultValue = "15:31",
      description =
          "Simulated end, KST (default: ${DEFAULT-VALUE}, after the 15:30 close and poll).")
  LocalTime to;

  @Option(
      names = "--scalp-symbols",
      paramLabel = "N",
      description =
          "Track B symbols, from the start of the universe (default: observer.scalp-symbols).")
  Integer scalpSymbols;

  @Option(
      names = "--swing-symbols",
      paramLabel = "N",
      description =
          "Track A symbols, from the start of the universe (default: observer.swing-symbols).")
  Integer swingSymbols;

  @Option(names = "--no-faults", description = "Do not drop the WebSocket or fail a REST poll.")
  boolean noFaults;

  @Override
  public Integer call() {
    compressTimers();
    Database database = context().migratedDatabase();
    StatusReport.print(out(), database);
    AppConfig config = context().config();
    TradingCalendar calendar = TradingCalendar.krx();
    Observer observer = observer();
    LocalDate day = date != null ? date : nextDay(observer, calendar);
    if (!calendar.isTradingDay(day)) {
      throw new ParameterException(spec.commandLine(), "not a KRX trading day: " + day);
    }
    if (!to.isAfter(from)) {
      throw new ParameterException(spec.commandLine(), "--to must be after --from");
    }
    Instant start = ZonedDateTime.of(day, from, TradingCalendar.KST).toInstant();
    Instant end = ZonedDateTime.of(day, to, TradingCalendar.KST).toInstant();
    CollectorConfig collect = collectorConfig(config.collectors());
    out().println();
    out()
        .printf(
            "Simulating trading day %s (%s), %s-%s KST at %.0fx: about %d seconds.%n",
            day,
            day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH),
            from,
            to,
            speed,
            Math.round(Duration.between(start, end).toSeconds() / speed));
    out().flush();
    SimulatedDay.Run run =
        SimulatedDay.run(
            database,
            config,
            collect,
            start,
            end,
            speed,
            noFaults ? List.of() : faults(day, collect),
            spec.commandLine().getErr());
    DayReport.print(
        out(),
        database,
        config.market(),
        observer,
        config.observer().dataDirectory(),
        day,
        collect,
        run,
        Optional.ofNullable(((Main) spec.root().userObject()).home));
    return run.complete() ? 0 : Main.EXIT_FAILURE;
  }

  /**
   * PriceSync's stale scan and job polling run on real time; on a clock {@code speed} times faster
   * they must run that much more often, or a stale price would wait minutes of simulated time for a
   * refresh. A value set in the config file, the environment or a flag stays.
   */
  private void compressTimers() {
    Main main = (Main) spec.root().userObject();
    long micros = Math.max(10_000, Math.round(1_000_000 / speed));
    main.defaultTo(MarketConfig.SCAN_INTERVAL, micros / 1000 + "ms");
    main.defaultTo(MarketConfig.POLL_INTERVAL, micros / 1000 + "ms");
  }

  /** The trading day after the latest one collected, or the last trading day before today. */
  private LocalDate nextDay(Observer observer, TradingCalendar calendar) {
    return observer
        .latestBarTime()
        .map(TradingCalendar::kstDate)
        .map(calendar::nextTradingDay)
        .orElseGet(
            () ->
                calendar.previousTradingDay(TradingCalendar.kstDate(context().clock().instant())));
  }

  private CollectorConfig collectorConfig(CollectorConfig configured) {
    List<Symbol> universe = Universe.defaultUniverse().symbols();
    List<Symbol> scalp =
        scalpSymbols == null
            ? configured.scalpSymbols()
            : universe.subList(
                0, bounded("--scalp-symbols", scalpSymbols, CollectorConfig.MAX_SCALP_SYMBOLS));
    List<Symbol> swing =
        swingSymbols == null
            ? configured.swingSymbols()
            : universe.subList(0, bounded("--swing-symbols", swingSymbols, universe.size()));
    return configured.withSymbols(scalp, swing);
  }

  private int bounded(String option, int count, int max) {
    if (count < 0 || count > max) {
      throw new ParameterException(spec.commandLine(), option + " must be 0 to " + max);
    }
    return count;
  }

  /** A WebSocket drop at 10:30 and a failing current-price call at the 13:00 poll. */
  private static List<SimulatedDay.Fault> faults(LocalDate day, CollectorConfig collect) {
    List<SimulatedDay.Fault> faults = new ArrayList<>();
    if (!collect.scalpSymbols().isEmpty()) {
      faults.add(
          new SimulatedDay.Fault(
              ZonedDateTime.of(day, LocalTime.of(10, 30), TradingCalendar.KST).toInstant(),
              "the simulator drops the WebSocket",
              simulator -> simulator.faults().dropWebSockets()));
    }
    if (!collect.swingSymbols().isEmpty()) {
      faults.add(
          new SimulatedDay.Fault(
              ZonedDateTime.of(day, LocalTime.of(12, 59, 50), TradingCalendar.KST).toInstant(),
              "the simulator fails the next current-price call",
              simulator ->
                  simulator
                      .faults()
                      .failNext(
                          "/uapi/domestic-stock/v1/quotations/inquire-price",
                          500,
                          "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00500\",\"msg1\":\"simulated failure\"}")));
    }
    return faults;
  }
}
