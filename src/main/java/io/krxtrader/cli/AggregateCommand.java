package io.krxtrader.cli;

import io.krxtrader.observer.LoadListener;
import io.krxtrader.observer.Observer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "aggregate",
    mixinStandardHelpOptions = true,
    description = {
      "Compute 1-minute bars: those of the minutes loads queued (every load does this itself",
      "unless told --bars none), or with --from every minute with ticks in the range."
    })
final class AggregateCommand extends KrxCommand {

  @Option(names = "--from", paramLabel = "TIME", description = "Recompute from (KST date or time).")
  String from;

  @Option(
      names = "--to",
      paramLabel = "TIME",
      description = "Recompute to (default: end of --from's day).")
  String to;

  @Option(
      names = "--symbol",
      paramLabel = "SYMBOL",
      description = "With --from: only these symbols (repeatable).")
  List<String> codes;

  @Override
  public Integer call() {
    Observer observer =
        new Observer(
            context().migratedDatabase(), context().config().observer(), context().clock());
    long started = System.nanoTime();
    long bars =
        from == null
            ? observer.aggregate(LoadListener.NONE)
            : observer.aggregate(
                TimeArguments.range(from, Optional.ofNullable(to), spec.commandLine()),
                QueryCommand.symbols(codes, spec.commandLine()),
                LoadListener.NONE);
    out()
        .printf(
            Locale.ROOT,
            "computed %,d 1-minute bars in %.1f s%n",
            bars,
            (System.nanoTime() - started) / 1e9);
    out().flush();
    return 0;
  }
}
