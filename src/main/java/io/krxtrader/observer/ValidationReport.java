package io.krxtrader.observer;

import java.time.Instant;
import java.util.List;

/**
 * What {@code validate} found: the seed's data-quality rules (each a count that must be zero), the
 * seed's statistics, and every loaded file against the ledger and its table.
 *
 * @param unloadedFiles JSONL files in the data directory that the ledger has never seen
 */
public record ValidationReport(
    List<QualityCheck> checks,
    TickStatistics ticks,
    List<SymbolTicks> symbols,
    List<GapTotal> gaps,
    List<FlagCount> barFlags,
    List<FileCheck> files,
    List<String> unloadedFiles) {

  /** The seed's scalp_ticks integrity summary. */
  public record TickStatistics(
      long ticks, long symbols, long sessions, Instant earliest, Instant latest) {}

  /** One symbol's ticks and bars. */
  public record SymbolTicks(
      String symbol,
      long ticks,
      Instant first,
      Instant last,
      long bars,
      double averageCoverage,
      long gradeA) {}

  /** The seed's gap totals of one scope. */
  public record GapTotal(
      String scope, long gaps, long totalSeconds, double averageSeconds, long maxSeconds) {}

  /** 1-minute bars per quality flag. */
  public record FlagCount(String flag, long bars, double averageCoverage) {}

  public ValidationReport {
    checks = List.copyOf(checks);
    symbols = List.copyOf(symbols);
    gaps = List.copyOf(gaps);
    barFlags = List.copyOf(barFlags);
    files = List.copyOf(files);
    unloadedFiles = List.copyOf(unloadedFiles);
  }

  /** True when a rule or a file check is violated: {@code validate} exits non-zero. */
  public boolean violated() {
    return checks.stream().anyMatch(QualityCheck::violated)
        || files.stream().anyMatch(FileCheck::violated);
  }
}
