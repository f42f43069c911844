package io.krxtrader.cli;

import io.krxtrader.krx.Symbol;
import io.krxtrader.observer.Observer;
import io.krxtrader.observer.ScalpTick;
import io.krxtrader.observer.TimeRange;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "ticks",
    mixinStandardHelpOptions = true,
    description = "Track B ticks of a symbol, newest first: the latest --limit, or --from..--to.")
final class TicksCommand extends QueryCommand {

  @Parameters(paramLabel = "SYMBOL", description = "A six-character code.")
  String code;

  @Mixin TimeRangeOptions time;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Ticks at most (default: 100 without a range, all with one).")
  Integer limit;

  @Override
  public Integer call() {
    Observer observer = observer();
    Symbol symbol = symbols(List.of(code)).get(0);
    Optional<TimeRange> range = time.range(spec.commandLine());
    List<ScalpTick> ticks =
        range.isEmpty()
            ? observer.latestTicks(symbol, limit == null ? 100 : limit)
            : observer.ticks(symbol, range.get(), Optional.ofNullable(limit));
    Rows rows =
        new Rows(
            "symbol",
            "event_time",
            "receive_time",
            "bid_price",
            "ask_price",
            "bid_size",
            "ask_size",
            "last_price",
            "volume",
            "session_id",
            "mitigation_level",
            "quality_flag");
    for (ScalpTick tick : ticks) {
      rows.add(
          tick.symbol().code(),
          tick.eventTime(),
          tick.receiveTime(),
          tick.bidPrice(),
          tick.askPrice(),
          tick.bidSize(),
          tick.askSize(),
          tick.lastPrice(),
          tick.volume(),
          tick.sessionId(),
          tick.mitigationLevel(),
          tick.qualityFlag());
    }
    return print(rows);
  }
}
