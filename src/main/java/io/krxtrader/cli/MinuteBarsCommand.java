package io.krxtrader.cli;

import io.krxtrader.observer.CoverageGrade;
import io.krxtrader.observer.MinuteBar;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "minute-bars",
    mixinStandardHelpOptions = true,
    description = {
      "1-minute bars with their coverage, newest first, of some symbols (default: all) in",
      "--from..--to, optionally only at or above a coverage grade (A >= 0.9, B >= 0.75, C >= 0.5)."
    })
final class MinuteBarsCommand extends QueryCommand {

  @Parameters(paramLabel = "SYMBOL", arity = "0..*", description = "Six-character codes.")
  List<String> codes;

  /** {@code --from} is required here. */
  @Mixin TimeRangeOptions time;

  @Option(names = "--min-grade", paramLabel = "GRADE", description = "A, B, C or D.")
  CoverageGrade minimumGrade;

  @Override
  public Integer call() {
    List<MinuteBar> bars =
        observer()
            .minuteBars(
                symbols(codes),
                time.required(spec.commandLine()),
                Optional.ofNullable(minimumGrade));
    Rows rows =
        new Rows(
            "symbol",
            "bar_time",
            "open",
            "high",
            "low",
            "close",
            "volume",
            "ticks",
            "coverage_ratio",
            "quality_flag",
            "grade");
    for (MinuteBar bar : bars) {
      rows.add(
          bar.symbol().code(),
          bar.barTime(),
          bar.open(),
          bar.high(),
          bar.low(),
          bar.close(),
          bar.volume(),
          bar.tickCount(),
          bar.coverageRatio(),
          bar.qualityFlag(),
          bar.coverageGrade());
    }
    return print(rows);
  }
}
