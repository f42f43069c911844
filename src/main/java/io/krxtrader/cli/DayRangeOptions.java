package io.krxtrader.cli;

import java.time.LocalDate;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --from DATE --to DATE} of the commands that read whole KST days (a picocli mixin). */
final class DayRangeOptions {

  @Option(names = "--from", paramLabel = "DATE", description = "First KST day (default: any).")
  String from;

  @Option(names = "--to", paramLabel = "DATE", description = "Last KST day (default: any).")
  String to;

  boolean given() {
    return from != null || to != null;
  }

  LocalDate first(CommandLine command) {
    return TimeArguments.firstDay(from, command);
  }

  LocalDate last(CommandLine command) {
    return TimeArguments.lastDay(to, command);
  }
}
