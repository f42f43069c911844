package io.krxtrader.cli;

import io.krxtrader.TextTable;
import io.krxtrader.observer.FileCheck;
import io.krxtrader.observer.QualityCheck;
import io.krxtrader.observer.TimeRange;
import io.krxtrader.observer.ValidationReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "The seed's data-quality checks, each with its count, the seed's statistics, and every",
      "loaded JSONL file against the ledger and its table. Exit code 1 when a check fails."
    })
final class ValidateCommand extends QueryCommand {

  @Mixin DayRangeOptions days;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "Also list JSONL files under DIR never loaded (default: observer.data-dir if it exists).")
  Path data;

  @Option(
      names = "--details",
      description = "Per-symbol statistics and every file, not only problems.")
  boolean details;

  @Override
  public Integer call() {
    Optional<TimeRange> range = Optional.empty();
    if (days.given()) {
      range =
          Optional.of(
              TimeRange.kstDays(days.first(spec.commandLine()), days.last(spec.commandLine())));
    }
    Path directory = data != null ? data : context().config().observer().dataDirectory();
    Optional<Path> scan = Files.isDirectory(directory) ? Optional.of(directory) : Optional.empty();
    ValidationReport report = observer().validate(range, scan);
    if (format == OutputFormat.TABLE) {
      printText(report, scan);
    } else {
      Rows rows = new Rows("table", "rule", "count", "result");
      for (QualityCheck check : report.checks()) {
        rows.add(check.table(), check.rule(), check.count(), check.violated() ? "VIOLATED" : "ok");
      }
      for (FileCheck file : report.files()) {
        rows.add(
            file.kind().table(),
            "file " + file.path() + " agrees with the ledger and the table",
            file.violated() ? 1L : 0L,
            file.violated() ? "VIOLATED: " + file.problem() : "ok");
      }
      rows.print(out(), format);
    }
    return report.violated() ? Main.EXIT_FAILURE : 0;
  }

  private void printText(ValidationReport report, Optional<Path> scanned) {
    PrintWriter out = out();
    out.println("Data-quality rules (a count above 0 is a violation)");
    TextTable rules = new TextTable("table", "rule", "count", "result").rightAlign(2);
    for (QualityCheck check : report.checks()) {
      rules.row(
          check.table(),
          check.rule(),
          String.format(Locale.ROOT, "%,d", check.count()),
          check.violated() ? "VIOLATED" : "ok");
    }
    rules.print(out, "  ");
    out.println();

    ValidationReport.TickStatistics ticks = report.ticks();
    out.printf(
        Locale.ROOT,
        "Ticks: %,d from %,d symbols in %,d sessions, %s to %s%n",
        ticks.ticks(),
        ticks.symbols(),
        ticks.sessions(),
        Rows.text(ticks.earliest()),
        Rows.text(ticks.latest()));
    if (!report.symbols().isEmpty()) {
      long fewest = report.symbols().stream().mapToLong(s -> s.ticks()).min().orElse(0);
      long most = report.symbols().stream().mapToLong(s -> s.ticks()).max().orElse(0);
      out.printf(Locale.ROOT, "  per symbol: %,d to %,d ticks%n", fewest, most);
    }
    if (details) {
      TextTable symbols =
          new TextTable("symbol", "ticks", "first", "last", "bars", "avg coverage", "grade A")
              .rightAlign(1, 4, 5, 6);
      report
          .symbols()
          .forEach(
              s ->
                  symbols.row(
                      s.symbol(),
                      String.format(Locale.ROOT, "%,d", s.ticks()),
                      Rows.text(s.first()),
                      Rows.text(s.last()),
                      String.format(Locale.ROOT, "%,d", s.bars()),
                      Rows.text(s.averageCoverage()),
                      String.format(Locale.ROOT, "%,d", s.gradeA())));
      symbols.print(out, "  ");
    }
    out.println();
    out.println("1-minute bars by quality flag");
    TextTable flags = new TextTable("flag", "bars", "avg coverage").rightAlign(1, 2);
    report
        .barFlags()
        .forEach(
            f ->
                flags.row(
                    f.flag(),
                    String.format(Locale.ROOT, "%,d", f.bars()),
                    Rows.text(f.averageCoverage())));
    flags.print(out, "  ");
    out.println();
    out.println("Gaps by scope");
    TextTable gaps =
        new TextTable("scope", "gaps", "total s", "avg s", "max s").rightAlign(1, 2, 3, 4);
    report
        .gaps()
        .forEach(
            g ->
                gaps.row(
                    g.scope(),
                    g.gaps(),
                    g.totalSeconds(),
                    String.format(Locale.ROOT, "%.1f", g.averageSeconds()),
                    g.maxSeconds()));
    gaps.print(out, "  ");
    out.println();

    List<FileCheck> files = report.files();
    long bad = files.stream().filter(FileCheck::violated).count();
    long waiting = files.stream().mapToLong(FileCheck::waiting).sum();
    long missing = files.stream().filter(f -> f.fileLines() < 0).count();
    out.printf(
        Locale.ROOT,
        "JSONL files vs database: %,d files in the ledger, %,d agree, %,d do not;"
            + " %,d lines waiting to load; %,d files no longer on disk%n",
        files.size(),
        files.size() - bad,
        bad,
        waiting,
        missing);
    TextTable table =
        new TextTable(
                "file", "kind", "file lines", "ledger lines", "rejected", "table rows", "problem")
            .rightAlign(2, 3, 4, 5);
    files.stream()
        .filter(f -> details || f.violated())
        .forEach(
            f ->
                table.row(
                    f.path(),
                    f.kind().label(),
                    f.fileLines() < 0 ? "gone" : String.format(Locale.ROOT, "%,d", f.fileLines()),
                    String.format(Locale.ROOT, "%,d", f.ledgerLines()),
                    String.format(Locale.ROOT, "%,d", f.linesRejected()),
                    String.format(Locale.ROOT, "%,d", f.tableRows()),
                    f.problem()));
    if (details || bad > 0) {
      table.print(out, "  ");
    }
    scanned.ifPresent(
        directory -> {
          out.printf(
              Locale.ROOT,
              "Files under %s never loaded: %,d%n",
              directory,
              report.unloadedFiles().size());
          if (details) {
            report.unloadedFiles().forEach(f -> out.println("  " + f));
          }
        });
    out.println();
    long violations = report.checks().stream().filter(QualityCheck::violated).count() + bad;
    out.println(
        violations == 0
            ? "Result: every check passed"
            : "Result: " + violations + " check" + (violations == 1 ? "" : "s") + " failed");
    out.flush();
  }
}
