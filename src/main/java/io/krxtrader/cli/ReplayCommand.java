package io.krxtrader.cli;

import io.krxtrader.TextTable;
import io.krxtrader.config.Settings;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.replay.Comparison;
import io.krxtrader.replay.DayLoader;
import io.krxtrader.replay.LiveDecisions;
import io.krxtrader.replay.ReplayDay;
import io.krxtrader.replay.ReplayResult;
import io.krxtrader.replay.Replayer;
import io.krxtrader.trade.exit.ExitConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code krx-trader replay --date D}: a stored day through the engines' decision code again. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Feeds a day's stored prices (market.prices_ticks, in event-time order, on a virtual clock)",
      "through the exit and re-entry decision code, with the positions as they stood at the day's",
      "start and the day's fills at their times, and compares every fired exit signal and every",
      "intent (action key, type, quantity, price) with what happened live: prints \"identical\" or",
      "each difference (exit code 0 identical, 1 differences). Nothing is written.",
      "With --jsonl DIR: a what-if over the observer's Track B files of the day; each intent is",
      "filled at once, once with the configuration without the --set exit.* flags and once with",
      "them, and the P&L difference is printed (for example --set exit.sl1.pnl-pct=-3)."
    })
final class ReplayCommand extends KrxCommand {

  @Option(names = "--date", required = true, description = "The KST day, 2026-12-03.")
  LocalDate date;

  @Option(
      names = "--jsonl",
      paramLabel = "DIR",
      description = "A what-if over the Track B JSONL files under DIR instead of prices_ticks.")
  Path jsonl;

  @Option(
      names = "--scan-every",
      defaultValue = "1s",
      description = "Virtual time between two re-entry scans (default: ${DEFAULT-VALUE}).")
  Duration scanEvery;

  @Option(
      names = "--decisions",
      paramLabel = "FILE",
      description = "Also write the replay's decision list to FILE (one decision a line).")
  Path decisions;

  @Override
  public Integer call() throws SQLException, IOException {
    AppConfig config = context().config();
    PrintWriter out = out();
    ReplayDay day =
        new DayLoader(context().migratedDatabase(), config.exit())
            .load(date, Optional.ofNullable(jsonl));
    out.printf(
        Locale.ROOT,
        "replay of %s: %,d price events, %d positions, %d fills%n",
        date,
        day.prices().size(),
        day.positions().size(),
        day.fills().size());
    out.flush();
    if (jsonl == null) {
      ReplayResult replay = replayer(config.exit(), Replayer.FillMode.LIVE).run(day, progress(day));
      write(replay);
      List<String> differences =
          Comparison.differences(LiveDecisions.read(context().migratedDatabase(), date), replay);
      out.printf(
          Locale.ROOT,
          "%d exit signals, %d intents decided%n",
          replay.signals().size(),
          replay.intents().size());
      if (differences.isEmpty()) {
        out.println("identical");
        out.flush();
        return 0;
      }
      differences.forEach(out::println);
      out.printf("%d differences%n", differences.size());
      out.flush();
      return 1;
    }
    Settings base = ((Main) spec.root().userObject()).settingsWithoutFlags("exit.");
    ReplayResult before =
        replayer(ExitConfig.from(base), Replayer.FillMode.AT_ONCE).run(day, progress(day));
    ReplayResult after = replayer(config.exit(), Replayer.FillMode.AT_ONCE).run(day, progress(day));
    write(after);
    Map<java.util.UUID, ReplayResult.PositionPnl> was = new HashMap<>();
    before.pnl().forEach(p -> was.put(p.positionId(), p));
    TextTable table = new TextTable("position_id", "pnl", "what_if_pnl", "difference");
    for (ReplayResult.PositionPnl p : after.pnl()) {
      BigDecimal old = was.get(p.positionId()).total();
      table.row(p.positionId().toString(), won(old), won(p.total()), won(p.total().subtract(old)));
    }
    table.print(out, "");
    Comparison.differences(before, after).forEach(d -> out.println("decision " + d));
    out.printf(
        Locale.ROOT,
        "P&L %s won, with the changes %s won: difference %s won%n",
        won(before.totalPnl()),
        won(after.totalPnl()),
        won(after.totalPnl().subtract(before.totalPnl())));
    out.flush();
    return 0;
  }

  private Replayer replayer(ExitConfig exit, Replayer.FillMode mode) {
    AppConfig config = context().config();
    return new Replayer(
        exit, config.reentry(), config.market(), TradingCalendar.krx(), scanEvery, mode);
  }

  private void write(ReplayResult result) throws IOException {
    if (decisions != null) {
      Files.write(decisions, result.decisionBytes());
    }
  }

  private static String won(BigDecimal value) {
    return String.format(Locale.ROOT, "%,.0f", value);
  }

  /** A progress bar on stderr when it is a terminal; nothing otherwise. */
  private LongConsumer progress(ReplayDay day) {
    if (System.console() == null) {
      return done -> {};
    }
    PrintWriter err = spec.commandLine().getErr();
    long total = Math.max(1, day.prices().size());
    return done -> {
      int filled = (int) (30 * done / total);
      err.printf(
          Locale.ROOT,
          "\r[%s%s] %3d%% %,d/%,d events",
          "#".repeat(filled),
          "-".repeat(30 - filled),
          100 * done / total,
          done,
          total);
      if (done >= total) {
        err.println();
      }
      err.flush();
    };
  }
}
