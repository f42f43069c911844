package io.krxtrader.cli;

import io.krxtrader.TextTable;
import io.krxtrader.db.Database;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.krx.Universe;
import io.krxtrader.market.MarketConfig;
import io.krxtrader.market.PriceHistory;
import io.krxtrader.observer.FileCheck;
import io.krxtrader.observer.GapRecord;
import io.krxtrader.observer.Observer;
import io.krxtrader.observer.SymbolCoverage;
import io.krxtrader.observer.TimeRange;
import io.krxtrader.observer.ValidationReport;
import io.krxtrader.observer.live.CollectorConfig;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The end-of-day report of a simulated (or live) session: what was collected and whether the files
 * and tables agree, per-symbol coverage, the gap ledger, stale periods and discrepancies.
 */
final class DayReport {

  private static final int LONGEST_STALE_SHOWN = 10;

  private DayReport() {}

  static void print(
      PrintWriter out,
      Database database,
      MarketConfig market,
      Observer observer,
      Path dataDirectory,
      LocalDate day,
      CollectorConfig collect,
      SimulatedDay.Run run,
      Optional<Path> homeFlag) {
    TradingCalendar calendar = TradingCalendar.krx();
    out.println();
    out.printf(
        "Trading day %s: %s-%s KST simulated in %.1f s of real time%n",
        day,
        SimulatedDay.kst(run.start()),
        SimulatedDay.kst(run.end()),
        run.wallTime().toMillis() / 1000.0);
    out.printf(
        "  pace         %s (the speed is a ceiling; every step waits for the slowest part)%n",
        run.pace().summary());
    for (String fault : run.injected()) {
      out.println("  injected     " + fault);
    }

    out.println();
    out.println("Collected");
    out.printf(
        "  Track B      %,d records (at most one per symbol per 500 ms)%n",
        run.collected().scalpRecords());
    out.printf(
        "  Track A      %,d snapshots in %d polls, %d failed%n",
        run.collected().snapshots(), run.collected().polls(), run.collected().failedSnapshots());
    out.printf("  gap ledger   %,d records%n", run.collected().gaps());
    out.printf(
        "  PriceSync    %,d price events written to market.prices_ticks, %,d dropped%n",
        run.pricesWritten(), run.pricesDropped());
    printFilesAgainstTables(out, observer, dataDirectory, day);

    out.println();
    out.println("Coverage (Track B, 1-minute bars of the regular session)");
    TextTable coverage =
        new TextTable("symbol", "name", "ticks", "bars", "coverage", "A", "B", "C", "D")
            .rightAlign(2, 3, 4, 5, 6, 7, 8);
    for (SymbolCoverage c : observer.coverage(collect.scalpSymbols(), day, day)) {
      coverage.row(
          c.symbol(),
          name(c.symbol()),
          String.format("%,d", c.ticks()),
          c.bars(),
          String.format("%.1f %%", c.coverage() * 100),
          c.gradeA(),
          c.gradeB(),
          c.gradeC(),
          c.gradeD());
    }
    coverage.print(out, "  ");

    out.println();
    List<GapRecord> gaps = observer.criticalGaps(day, day, Optional.of(Duration.ZERO), false);
    out.println("Gaps (" + gaps.size() + ")");
    if (gaps.isEmpty()) {
      out.println("  none");
    } else {
      TextTable table =
          new TextTable("scope", "reason", "symbol", "from", "to", "seconds").rightAlign(5);
      for (GapRecord gap : gaps) {
        table.row(
            gap.scope(),
            gap.reason(),
            gap.symbol().map(Symbol::code).orElse("all"),
            SimulatedDay.kst(gap.start()),
            SimulatedDay.kst(gap.end()),
            gap.seconds());
      }
      table.print(out, "  ");
    }

    out.println();
    PriceHistory history = new PriceHistory(database);
    Duration staleAfter = market.staleness().staleAfter();
    List<PriceHistory.StalePeriod> stale =
        history.stalePeriods(
            collect.scalpSymbols(),
            calendar.open(day),
            calendar.closingAuctionStart(day),
            staleAfter);
    out.printf(
        "Stale periods (a watched symbol without a new price for more than %s s in continuous"
            + " trading, %s-%s): %d%n",
        seconds(staleAfter),
        SimulatedDay.kst(calendar.open(day)),
        SimulatedDay.kst(calendar.closingAuctionStart(day)),
        stale.size());
    if (!stale.isEmpty()) {
      Map<Symbol, Integer> perSymbol = new TreeMap<>();
      stale.forEach(p -> perSymbol.merge(p.symbol(), 1, Integer::sum));
      StringBuilder counts = new StringBuilder("  per symbol  ");
      perSymbol.forEach(
          (symbol, count) -> counts.append(symbol).append(' ').append(count).append("  "));
      out.println(counts.toString().stripTrailing());
      TextTable table = new TextTable("symbol", "from", "to", "seconds").rightAlign(3);
      stale.stream()
          .sorted(Comparator.comparing(PriceHistory.StalePeriod::length).reversed())
          .limit(LONGEST_STALE_SHOWN)
          .forEach(
              p ->
                  table.row(
                      p.symbol(),
                      SimulatedDay.kst(p.from()),
                      SimulatedDay.kst(p.to()),
                      String.format("%.1f", p.length().toMillis() / 1000.0)));
      out.println("  the longest:");
      table.print(out, "  ");
    }

    out.println();
    TimeRange whole = TimeRange.kstDays(day, day);
    List<PriceHistory.DiscrepancyRow> discrepancies =
        history.discrepancies(whole.from(), whole.to());
    out.println(
        "Discrepancies (KIS against Naver, at least "
            + BigDecimal.valueOf(market.discrepancies().recordFromBp(), 2)
                .stripTrailingZeros()
                .toPlainString()
            + " %): "
            + discrepancies.size());
    if (discrepancies.isEmpty()) {
      out.println(
          "  none (Naver cross-checks run for held symbols every "
              + seconds(market.queue().naverEvery())
              + " s; this day held nothing)");
    } else {
      TextTable table =
          new TextTable("symbol", "time", "KIS", "Naver", "diff %", "severity").rightAlign(2, 3, 4);
      for (PriceHistory.DiscrepancyRow d : discrepancies) {
        table.row(
            d.symbol(),
            SimulatedDay.kst(d.ts()),
            String.format("%,d", d.kisPrice()),
            String.format("%,d", d.naverPrice()),
            String.format("%.2f", d.diffPct()),
            d.severity());
      }
      table.print(out, "  ");
    }
    out.println();
    out.println(
        "Everything stays in the database; run demo again for the next trading day, or look closer:");
    String krx = "  krx-trader" + homeFlag.map(home -> " --home " + home).orElse("");
    out.printf(
        "%s minute-bars %s --from %sT10:25 --to %sT10:35%n",
        krx,
        collect.scalpSymbols().isEmpty() ? "005930" : collect.scalpSymbols().get(0).code(),
        day,
        day);
    out.printf("%s gaps --from %s%n", krx, day);
    out.printf("%s prices%n", krx);
    out.flush();
  }

  private static void printFilesAgainstTables(
      PrintWriter out, Observer observer, Path dataDirectory, LocalDate day) {
    ValidationReport report =
        observer.validate(Optional.of(TimeRange.kstDays(day, day)), Optional.of(dataDirectory));
    String stamp = day.format(DateTimeFormatter.BASIC_ISO_DATE);
    long files = 0;
    long lines = 0;
    long loaded = 0;
    long rejected = 0;
    long waiting = 0;
    long problems = 0;
    for (FileCheck file : report.files()) {
      if (!Path.of(file.path()).getFileName().toString().contains(stamp)) {
        continue;
      }
      files++;
      lines += Math.max(0, file.fileLines());
      loaded += file.linesLoaded();
      rejected += file.linesRejected();
      waiting += file.waiting();
      problems += file.violated() ? 1 : 0;
    }
    long neverLoaded =
        report.unloadedFiles().stream()
            .filter(path -> Path.of(path).getFileName().toString().contains(stamp))
            .count();
    out.printf(
        "  files        %d files, %,d lines: %,d loaded, %,d rejected, %,d waiting -> %s%n",
        files + neverLoaded,
        lines,
        loaded,
        rejected,
        waiting,
        agreement(problems, neverLoaded, rejected, waiting));
  }

  /** The verdict on the day's files, naming only what is not zero. */
  static String agreement(long problems, long neverLoaded, long rejected, long waiting) {
    List<String> findings = new ArrayList<>();
    if (neverLoaded > 0) {
      findings.add(neverLoaded == 1 ? "1 file never loaded" : neverLoaded + " files never loaded");
    }
    if (problems > 0) {
      findings.add(
          problems == 1
              ? "1 file disagrees with its table"
              : problems + " files disagree with their tables");
    }
    if (rejected > 0) {
      findings.add(
          String.format(
              Locale.ROOT, "%,d %s rejected", rejected, rejected == 1 ? "line" : "lines"));
    }
    if (waiting > 0) {
      findings.add(
          String.format(
              Locale.ROOT, "%,d %s not loaded", waiting, waiting == 1 ? "line" : "lines"));
    }
    return findings.isEmpty()
        ? "files and tables agree"
        : String.join(", ", findings) + " (run krx-trader validate)";
  }

  /** Whole seconds as {@code 5}, a fraction as {@code 2.5}. */
  private static String seconds(Duration duration) {
    return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
  }

  private static String name(Symbol symbol) {
    return Universe.defaultUniverse().find(symbol).map(s -> s.name()).orElse("");
  }
}
