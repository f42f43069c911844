package io.krxtrader.cli;

import io.krxtrader.observer.TimeRange;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --from TIME --to TIME} of the query commands that read a time range (a picocli mixin). */
final class TimeRangeOptions {

  @Option(names = "--from", paramLabel = "TIME", description = "Range start (KST date or time).")
  String from;

  @Option(
      names = "--to",
      paramLabel = "TIME",
      description = "Range end (default: end of --from's day).")
  String to;

  /** The range, or empty without {@code --from}. */
  Optional<TimeRange> range(CommandLine command) {
    return from == null
        ? Optional.empty()
        : Optional.of(TimeArguments.range(from, Optional.ofNullable(to), command));
  }

  /** The range, for a command that cannot run without one. */
  TimeRange required(CommandLine command) {
    return range(command)
        .orElseThrow(
            () -> new ParameterException(command, "Missing required option: '--from=TIME'"));
  }
}
