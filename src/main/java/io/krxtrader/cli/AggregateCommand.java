package io.krxtrader.cli;

import io.krxtrader.observer.Observer;
import io.krxtrader.observer.TimeRange;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(
    name = "aggregate",
    mixinStandardHelpOptions = true,
    description = {
      "Rebuild 1-minute bars from the ticks: of --from..--to, or of every tick. Loads keep the",
      "bars current themselves; this is for ticks loaded with --no-bars, and for repairs.",
      "Loads writing bars wait while a day is rebuilt."
    })
final class AggregateCommand extends KrxCommand {

  @Option(names = "--from", paramLabel = "TIME", description = "From (KST date or time).")
  String from;

  @Option(
      names = "--to",
      paramLabel = "TIME",
      description = "To, with --from (default: end of --from's day).")
  String to;

  @Option(
      names = "--symbol",
      paramLabel = "SYMBOL",
      description = "Only these symbols (repeatable; default: all).")
  List<String> codes;

  @Override
  public Integer call() {
    if (from == null && to != null) {
      // Without --from the rebuild covers every tick: a lone --to must not silently mean that.
      throw new ParameterException(spec.commandLine(), "--to needs --from [to=" + to + "]");
    }
    Observer observer = observer();
    Optional<TimeRange> range =
        from == null
            ? Optional.empty()
            : Optional.of(TimeArguments.range(from, Optional.ofNullable(to), spec.commandLine()));
    long started = System.nanoTime();
    long bars = observer.aggregate(range, QueryCommand.symbols(codes, spec.commandLine()));
    out()
        .printf(
            Locale.ROOT,
            "rebuilt %,d 1-minute bars in %.1f s%n",
            bars,
            (System.nanoTime() - started) / 1e9);
    out().flush();
    return 0;
  }
}
