package io.krxtrader.cli;

import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.trade.router.RouterQueries;
import java.time.LocalDate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "decisions",
    mixinStandardHelpOptions = true,
    description = "The router's decisions of a day: method, each gate's result, PASS or REJECT.")
final class DecisionsCommand extends QueryCommand {

  @Option(names = "--date", paramLabel = "DATE", description = "The KST day (default today).")
  LocalDate date;

  @Override
  public Integer call() {
    LocalDate day = date != null ? date : TradingCalendar.kstDate(context().clock().instant());
    Rows rows =
        new Rows(
            "symbol",
            "decided",
            "method",
            "score",
            "producers",
            "gate1",
            "gate2",
            "gate3",
            "decision",
            "reason",
            "action_key");
    for (RouterQueries.DecisionRow d : RouterQueries.decisions(context().migratedDatabase(), day)) {
      rows.add(
          d.symbol(),
          d.decided(),
          d.method(),
          d.finalScore(),
          d.producerCount(),
          d.gate1(),
          d.gate2() == null ? "" : d.gate2(),
          d.gate3() == null ? "" : d.gate3(),
          d.decision(),
          d.rejectReason().orElse(""),
          d.actionKey().orElse(""));
    }
    return print(rows);
  }
}
