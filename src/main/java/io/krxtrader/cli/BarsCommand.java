package io.krxtrader.cli;

import io.krxtrader.krx.Symbol;
import io.krxtrader.observer.Observer;
import io.krxtrader.observer.SwingBar;
import io.krxtrader.observer.TimeRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "bars",
    mixinStandardHelpOptions = true,
    description = {
      "10-minute swing bars (Track A), newest first: the latest --limit of each symbol, or those",
      "in --from..--to by symbol."
    })
final class BarsCommand extends QueryCommand {

  @Parameters(paramLabel = "SYMBOL", arity = "1..*", description = "Six-character codes.")
  List<String> codes;

  @Mixin TimeRangeOptions time;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Bars at most (default: 100 per symbol without a range, all with one).")
  Integer limit;

  @Override
  public Integer call() {
    Observer observer = observer();
    List<SwingBar> bars = new ArrayList<>();
    Optional<TimeRange> range = time.range(spec.commandLine());
    if (range.isEmpty()) {
      for (Symbol symbol : symbols(codes)) {
        bars.addAll(observer.latestSwingBars(symbol, limit == null ? 100 : limit));
      }
    } else {
      bars.addAll(observer.swingBars(symbols(codes), range.get(), Optional.ofNullable(limit)));
    }
    Rows rows =
        new Rows(
            "symbol",
            "bar_time",
            "open",
            "high",
            "low",
            "close",
            "volume",
            "bid_price",
            "ask_price",
            "session_id");
    for (SwingBar bar : bars) {
      rows.add(
          bar.symbol().code(),
          bar.barTime(),
          bar.open(),
          bar.high(),
          bar.low(),
          bar.close(),
          bar.volume(),
          bar.bidPrice(),
          bar.askPrice(),
          bar.sessionId());
    }
    return print(rows);
  }
}
