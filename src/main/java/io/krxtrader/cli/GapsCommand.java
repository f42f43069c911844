package io.krxtrader.cli;

import io.krxtrader.observer.GapCount;
import io.krxtrader.observer.GapRecord;
import io.krxtrader.observer.Observer;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "gaps",
    mixinStandardHelpOptions = true,
    description = {
      "Gaps in the data: how many per scope (scalp, swing) that started on --from..--to (KST",
      "days), or with --critical the long ones (default: observer.critical-gap, 60 s) that",
      "overlap a regular session."
    })
final class GapsCommand extends QueryCommand {

  @Mixin DayRangeOptions days;

  @Option(names = "--scope", paramLabel = "SCOPE", description = "scalp or swing (default: both).")
  String scope;

  @Option(names = "--critical", description = "List the critical gaps instead of counting.")
  boolean critical;

  @Option(
      names = "--min-seconds",
      paramLabel = "N",
      description = "With --critical: the shortest gap listed (default: observer.critical-gap).")
  Long minimumSeconds;

  @Option(
      names = "--all-hours",
      description = "With --critical: also gaps outside the regular session.")
  boolean allHours;

  @Override
  public Integer call() {
    Observer observer = observer();
    LocalDate first = days.first(spec.commandLine());
    LocalDate last = days.last(spec.commandLine());
    if (!critical) {
      Rows rows = new Rows("scope", "gaps", "seconds");
      for (GapCount count : observer.gapCounts(Optional.ofNullable(scope), first, last)) {
        rows.add(count.scope(), count.gaps(), count.seconds());
      }
      return print(rows);
    }
    Rows rows =
        new Rows("gap_start", "gap_end", "seconds", "scope", "reason", "symbol", "session_id");
    for (GapRecord gap :
        observer.criticalGaps(
            first, last, Optional.ofNullable(minimumSeconds).map(Duration::ofSeconds), !allHours)) {
      if (scope != null && !scope.equals(gap.scope())) {
        continue;
      }
      rows.add(
          gap.start(),
          gap.end(),
          gap.seconds(),
          gap.scope(),
          gap.reason(),
          gap.symbol().map(s -> s.code()).orElse(null),
          gap.sessionId());
    }
    return print(rows);
  }
}
