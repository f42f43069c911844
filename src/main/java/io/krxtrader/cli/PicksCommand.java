package io.krxtrader.cli;

import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.trade.router.PickIntake;
import io.krxtrader.trade.router.RouterConfig;
import io.krxtrader.trade.router.RouterQueries;
import io.krxtrader.trade.router.RunProblem;
import io.krxtrader.trade.router.RunSource;
import io.krxtrader.trade.router.Submission;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "picks",
    mixinStandardHelpOptions = true,
    description = "Producer picks for the router.",
    subcommands = {PicksCommand.Submit.class, PicksCommand.ListPicks.class})
final class PicksCommand extends KrxCommand {

  @Override
  public Integer call() {
    spec.commandLine().usage(out());
    return 0;
  }

  @Command(
      name = "submit",
      mixinStandardHelpOptions = true,
      description = {
        "Submit one producer run: a JSON file (docs/pick-run.schema.json) or, ending in .csv,",
        "the CSV form. A malformed run is refused whole with every problem listed (exit 1);",
        "the same run again changes nothing."
      })
  static final class Submit extends KrxCommand {

    @Parameters(paramLabel = "FILE", description = "The run file (.json or .csv).")
    Path file;

    @Override
    public Integer call() throws IOException {
      RouterConfig config = context().config().router();
      PickIntake intake =
          new PickIntake(context().migratedDatabase(), config.parser(), context().clock());
      Submission outcome;
      long size = Files.size(file);
      if (size > intake.maxBytes()) {
        outcome = intake.tooLarge(size);
      } else {
        byte[] content;
        try (InputStream in = Files.newInputStream(file)) {
          content = in.readNBytes((int) intake.maxBytes() + 1);
        }
        outcome = intake.submit(content, file.getFileName().toString(), RunSource.CLI);
      }
      if (outcome instanceof Submission.Rejected refused) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(file + ": " + refused.summary());
        for (RunProblem problem : refused.problems()) {
          err.println("  " + problem);
        }
        err.flush();
        return 1;
      }
      out().println(outcome.summary());
      out().flush();
      return 0;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "A day's picks: status, the time each gate passed, the reason of a reject.")
  static final class ListPicks extends QueryCommand {

    @Option(names = "--date", paramLabel = "DATE", description = "The KST day (default today).")
    LocalDate date;

    @Override
    public Integer call() {
      LocalDate day = date != null ? date : TradingCalendar.kstDate(context().clock().instant());
      Rows rows =
          new Rows(
              "symbol",
              "producer",
              "run",
              "score",
              "confidence",
              "status",
              "gate1",
              "gate2",
              "gate3",
              "reason");
      for (RouterQueries.PickRow p : RouterQueries.picks(context().migratedDatabase(), day)) {
        rows.add(
            p.symbol(),
            p.producerId(),
            p.runId(),
            p.score(),
            p.confidence(),
            p.status(),
            p.gate1().orElse(null),
            p.gate2().orElse(null),
            p.gate3().orElse(null),
            p.rejectReason().orElse(""));
      }
      return print(rows);
    }
  }
}
