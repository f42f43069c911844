package io.krxtrader.bench;

import io.krxtrader.KrxTraderException;
import io.krxtrader.krx.PricePath;
import io.krxtrader.krx.Stock;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.krx.Universe;
import io.krxtrader.market.PriceSource;
import io.krxtrader.replay.PriceTape;
import io.krxtrader.replay.ReplayDay;
import io.krxtrader.replay.ReplayResult;
import io.krxtrader.replay.Replayer;
import io.krxtrader.trade.exit.DailyBar;
import io.krxtrader.trade.exit.ExitConfig;
import io.krxtrader.trade.reentry.ReentryConfig;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code bench replay}: a synthetic full day of the 131-symbol universe (each symbol's seeded
 * {@link PricePath} sampled every {@code step} through the session, about 4 million WebSocket
 * events at 750 ms) through {@link Replayer} with one position on every symbol, so that every event
 * is an exit evaluation. Target: at least 200,000 events/s; the reference measured in the same run
 * is a plain pass over the same tape (reading each event, no decision). Every run's decision list
 * must be byte-identical to the first's.
 */
public final class ReplayBenchmark {

  /** What the command line asked for. */
  public record Settings(Duration step, int runs, long seed) {}

  private static final LocalDate DAY = LocalDate.of(2026, 1, 6);
  private static final double TARGET = 200_000;

  private final BenchContext context;
  private final Settings settings;

  public ReplayBenchmark(BenchContext context, Settings settings) {
    this.context = context;
    this.settings = settings;
  }

  public int run() {
    PrintWriter out = context.out();
    out.printf(
        "machine: %d cores, load average before %s%n",
        Runtime.getRuntime().availableProcessors(), BenchData.loadAverage());
    TradingCalendar calendar = TradingCalendar.krx();
    ReplayDay day = syntheticDay(calendar);
    out.printf(
        Locale.ROOT,
        "day: %s, %d symbols, %,d price events every %d ms, %d positions%n",
        DAY,
        Universe.defaultUniverse().size(),
        day.prices().size(),
        settings.step().toMillis(),
        day.positions().size());
    Replayer replayer =
        new Replayer(
            ExitConfig.defaults(),
            ReentryConfig.defaults(),
            context.market(),
            calendar,
            Duration.ofSeconds(1),
            Replayer.FillMode.AT_ONCE);
    replayer.run(day, done -> {}); // warm-up
    double[] rates = new double[settings.runs()];
    double[] reference = new double[settings.runs()];
    byte[] first = null;
    int differing = 0;
    ReplayResult last = null;
    for (int i = 0; i < settings.runs(); i++) {
      long start = System.nanoTime();
      last = replayer.run(day, done -> {});
      rates[i] = day.prices().size() / ((System.nanoTime() - start) / 1e9);
      byte[] bytes = last.decisionBytes();
      if (first == null) {
        first = bytes;
      } else if (!Arrays.equals(first, bytes)) {
        differing++;
      }
      start = System.nanoTime();
      long sum = scan(day.prices());
      reference[i] = day.prices().size() / ((System.nanoTime() - start) / 1e9);
      if (sum == 42) {
        out.print(""); // keeps the pass from being optimised away
      }
    }
    double median = Percentiles.of(rates, 50);
    double referenceMedian = Percentiles.of(reference, 50);
    out.printf(
        Locale.ROOT,
        "replay: %d runs, median %,.0f events/s (min %,.0f, max %,.0f), %,d evaluations,"
            + " %d signals, %d intents a run%n",
        settings.runs(),
        median,
        Percentiles.of(rates, 0),
        Percentiles.of(rates, 100),
        last.evaluations(),
        last.signals().size(),
        last.intents().size());
    out.printf(
        Locale.ROOT,
        "reference (a plain pass over the tape): median %,.0f events/s; replay/reference %.3f%n",
        referenceMedian,
        median / referenceMedian);
    out.printf(
        Locale.ROOT,
        "decision lists differing from the first run: %d of %d (hash of the first: %s)%n",
        differing,
        settings.runs() - 1,
        Integer.toHexString(Arrays.hashCode(first)));
    out.printf(
        Locale.ROOT,
        "target >= 200,000 events/s: %s (%.2f x)%n",
        median >= TARGET ? "met" : "NOT met",
        median / TARGET);
    out.flush();
    if (differing > 0) {
      throw new KrxTraderException("replays of one day decided differently");
    }
    return 0;
  }

  private static long scan(PriceTape tape) {
    long sum = 0;
    for (int i = 0; i < tape.size(); i++) {
      sum += tape.priceAt(i) ^ tape.microsAt(i);
    }
    return sum;
  }

  private ReplayDay syntheticDay(TradingCalendar calendar) {
    Universe universe = Universe.defaultUniverse();
    List<PricePath> paths = new ArrayList<>();
    for (Stock stock : universe.stocks()) {
      paths.add(PricePath.forDay(stock, 50_000, DAY, settings.seed(), calendar));
    }
    PriceTape tape = new PriceTape();
    Instant open = calendar.open(DAY);
    Instant close = calendar.close(DAY);
    List<ReplayDay.Holding> positions = new ArrayList<>();
    Map<io.krxtrader.krx.Symbol, List<DailyBar>> daily = new HashMap<>();
    for (int s = 0; s < paths.size(); s++) {
      Stock stock = universe.stocks().get(s);
      positions.add(
          new ReplayDay.Holding(
              UUID.nameUUIDFromBytes(
                  ("bench:" + stock.symbol().code()).getBytes(StandardCharsets.UTF_8)),
              stock.symbol(),
              300,
              BigDecimal.valueOf(paths.get(s).last()),
              open.minus(Duration.ofDays(3)),
              Optional.empty()));
      List<DailyBar> bars = new ArrayList<>();
      for (int d = 40; d >= 1; d--) {
        BigDecimal c = BigDecimal.valueOf(50_000 + (d % 5) * 300L);
        bars.add(
            new DailyBar(
                DAY.minusDays(d),
                c,
                c.add(BigDecimal.valueOf(700)),
                c.subtract(BigDecimal.valueOf(600)),
                c));
      }
      daily.put(stock.symbol(), bars);
    }
    for (Instant t = open; t.isBefore(close); t = t.plus(settings.step())) {
      for (int s = 0; s < paths.size(); s++) {
        tape.add(
            t,
            universe.stocks().get(s).symbol(),
            PriceSource.KIS_WS,
            paths.get(s).advanceTo(t).last());
      }
    }
    return new ReplayDay(DAY, tape, positions, List.of(), daily, Set.of(), Map.of());
  }
}
