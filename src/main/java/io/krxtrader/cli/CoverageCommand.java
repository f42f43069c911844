package io.krxtrader.cli;

import io.krxtrader.observer.SymbolCoverage;
import java.time.LocalDate;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "coverage",
    mixinStandardHelpOptions = true,
    description = {
      "How well the ticks covered each symbol's trading days: minutes with bars, ticks, the day's",
      "coverage (1.0 = 2 ticks a second all session) and the bars per grade."
    })
final class CoverageCommand extends QueryCommand {

  @Parameters(paramLabel = "SYMBOL", arity = "0..*", description = "Codes (default: all).")
  List<String> codes;

  @Option(names = "--from", paramLabel = "DATE", description = "First KST day (default: any).")
  String from;

  @Option(
      names = "--to",
      paramLabel = "DATE",
      description = "Last KST day (default: --from, or any).")
  String to;

  @Override
  public Integer call() {
    LocalDate first = TimeArguments.firstDay(from, spec.commandLine());
    LocalDate last =
        to == null && from != null ? first : TimeArguments.lastDay(to, spec.commandLine());
    Rows rows =
        new Rows(
            "day",
            "symbol",
            "session_minutes",
            "bars",
            "ticks",
            "coverage",
            "grade_a",
            "grade_b",
            "grade_c",
            "grade_d");
    for (SymbolCoverage c : observer().coverage(symbols(codes), first, last)) {
      rows.add(
          c.day().toString(),
          c.symbol().code(),
          c.sessionMinutes(),
          c.bars(),
          c.ticks(),
          c.coverage(),
          c.gradeA(),
          c.gradeB(),
          c.gradeC(),
          c.gradeD());
    }
    return print(rows);
  }
}
