package io.krxtrader.cli;

import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.trade.exit.DailyBar;
import io.krxtrader.trade.exit.ExitSimulation;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code krx-trader exit ...}: the exit engine's commands for a trader. */
@Command(
    name = "exit",
    mixinStandardHelpOptions = true,
    description = "The exit engine: try a rule profile on a price path.",
    subcommands = {ExitCommand.Simulate.class})
final class ExitCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "simulate",
      mixinStandardHelpOptions = true,
      description = {
        "A what-if over one position without a database: the engine's own rules over a price",
        "path (CSV ts,price), each intent taken as filled at once at the price that triggered it.",
        "Thresholds are the exit.* configuration keys (for example --set exit.tp1.pnl-pct=4)."
      })
  static final class Simulate extends KrxCommand {

    @Option(names = "--avg-price", required = true, description = "The average price, won.")
    BigDecimal avgPrice;

    @Option(names = "--qty", required = true, description = "Shares held at entry.")
    long quantity;

    @Option(
        names = "--entry",
        required = true,
        description = "Entry time, KST (2026-12-01T10:00:00) or with an offset.")
    String entry;

    @Option(names = "--prices", required = true, description = "CSV ts,price (ts KST or offset).")
    Path prices;

    @Option(
        names = "--daily",
        description = "CSV date,open,high,low,close, oldest first (ATR, previous close).")
    Path daily;

    @Option(
        names = "--format",
        defaultValue = "table",
        converter = FormatConverter.class,
        description = "table or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() {
      if (avgPrice.signum() <= 0 || quantity <= 0) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--avg-price and --qty must be positive");
      }
      List<DailyBar> bars = daily == null ? List.of() : ExitSimulation.readDaily(daily);
      List<ExitSimulation.Row> rows =
          new ExitSimulation(context().config().exit(), TradingCalendar.krx())
              .run(avgPrice, quantity, entryInstant(), ExitSimulation.readPrices(prices), bars);
      Rows out =
          new Rows(
              "ts",
              "rule_name",
              "action_key",
              "quantity",
              "order_type",
              "limit_price",
              "phase",
              "stop_floor_price",
              "hwm_price");
      for (ExitSimulation.Row row : rows) {
        out.add(
            row.ts(),
            row.order().rule().code(),
            row.order().actionKey(),
            row.order().quantity(),
            row.order().priceType().name(),
            row.order().limitPrice().isPresent() ? row.order().limitPrice().getAsLong() : null,
            row.phase().code(),
            row.stopFloor().orElse(null),
            row.hwm().isPresent() ? row.hwm().getAsLong() : null);
      }
      out.print(out(), format);
      out().flush();
      return 0;
    }

    private Instant entryInstant() {
      try {
        return OffsetDateTime.parse(entry).toInstant();
      } catch (DateTimeParseException e) {
        try {
          return LocalDateTime.parse(entry).atZone(TradingCalendar.KST).toInstant();
        } catch (DateTimeParseException again) {
          throw new CommandLine.ParameterException(
              spec.commandLine(),
              "--entry: expected 2026-12-01T10:00:00 (KST) or with an offset [value="
                  + entry
                  + "]");
        }
      }
    }
  }

  /** table or json only. */
  static final class FormatConverter implements CommandLine.ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      return switch (value) {
        case "table" -> OutputFormat.TABLE;
        case "json" -> OutputFormat.JSON;
        default -> throw new CommandLine.TypeConversionException("expected table or json");
      };
    }
  }
}
