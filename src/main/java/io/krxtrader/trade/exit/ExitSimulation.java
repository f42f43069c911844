package io.krxtrader.trade.exit;

import io.krxtrader.KrxTraderException;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * A trader's what-if over one position without a database (the core of {@code exit simulate}): the
 * engine's own {@link ExitRules} over a price path, each intent taken as filled at once at the
 * price that triggered it, so later rules see the remaining quantity. The ATR and previous close
 * come from the daily bars before each price's KST date.
 */
public final class ExitSimulation {

  /** The placeholder position id of the action keys. */
  public static final UUID POSITION = new UUID(0, 0);

  /** One price of the path. */
  public record Tick(Instant ts, long price) {}

  /** One decided intent and the state after it. */
  public record Row(
      Instant ts,
      ExitOrder order,
      ExitPhase phase,
      Optional<BigDecimal> stopFloor,
      OptionalLong hwm) {}

  private final ExitRules rules;

  public ExitSimulation(ExitConfig config, TradingCalendar calendar) {
    this.rules = new ExitRules(config, calendar);
  }

  public List<Row> run(
      BigDecimal avgPrice, long quantity, Instant entry, List<Tick> ticks, List<DailyBar> daily) {
    ExitPosition position =
        new ExitPosition(POSITION, Symbol.of("000000"), quantity, avgPrice, entry, 1);
    ExitState state = ExitState.initial(quantity);
    List<Row> rows = new ArrayList<>();
    for (Tick tick : ticks) {
      if (position.quantity() == 0) {
        break;
      }
      LocalDate today = TradingCalendar.kstDate(tick.ts());
      ExitMarket market =
          new ExitMarket(
              tick.price(),
              tick.ts(),
              Atr.wilder(daily, rules.config().atrPeriod(), today),
              Atr.previousClose(daily, today),
              Optional.empty());
      ExitDecision decision = rules.evaluate(position, state, market);
      state = decision.next();
      if (decision.order().isPresent()) {
        ExitOrder order = decision.order().get();
        rows.add(new Row(tick.ts(), order, state.phase(), state.stopFloor(), state.hwm()));
        position =
            new ExitPosition(
                POSITION,
                position.symbol(),
                position.quantity() - order.quantity(),
                avgPrice,
                entry,
                position.version() + 1);
      }
    }
    return rows;
  }

  /** A CSV of {@code ts,price}; ts in KST ({@code 2026-12-03T10:00:00}) or with an offset. */
  public static List<Tick> readPrices(Path file) {
    List<Tick> ticks = new ArrayList<>();
    List<String> lines = lines(file);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || (i == 0 && line.startsWith("ts"))) {
        continue;
      }
      String[] fields = line.split(",", -1);
      if (fields.length != 2) {
        throw bad(file, i + 1, "line", "expected ts,price");
      }
      ticks.add(
          new Tick(
              instant(file, i + 1, fields[0].strip()), price(file, i + 1, "price", fields[1])));
    }
    return ticks;
  }

  /** A CSV of {@code date,open,high,low,close}, oldest first. */
  public static List<DailyBar> readDaily(Path file) {
    List<DailyBar> bars = new ArrayList<>();
    List<String> lines = lines(file);
    String[] names = {"date", "open", "high", "low", "close"};
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || (i == 0 && line.startsWith("date"))) {
        continue;
      }
      String[] fields = line.split(",", -1);
      if (fields.length != 5) {
        throw bad(file, i + 1, "line", "expected date,open,high,low,close");
      }
      LocalDate date;
      try {
        date = LocalDate.parse(fields[0].strip());
      } catch (DateTimeParseException e) {
        throw bad(file, i + 1, "date", "expected 2026-12-03");
      }
      BigDecimal[] values = new BigDecimal[4];
      for (int f = 1; f < 5; f++) {
        values[f - 1] = BigDecimal.valueOf(price(file, i + 1, names[f], fields[f]));
      }
      try {
        bars.add(new DailyBar(date, values[0], values[1], values[2], values[3]));
      } catch (IllegalArgumentException e) {
        throw bad(file, i + 1, "high", "high below low");
      }
    }
    return bars;
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new KrxTraderException("cannot read [file=" + file + ", error=" + e.getMessage() + "]");
    }
  }

  private static Instant instant(Path file, int line, String raw) {
    try {
      return OffsetDateTime.parse(raw).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(raw).atZone(TradingCalendar.KST).toInstant();
      } catch (DateTimeParseException again) {
        throw bad(file, line, "ts", "expected 2026-12-03T10:00:00 (KST) or with an offset");
      }
    }
  }

  private static long price(Path file, int line, String field, String raw) {
    try {
      long value = Long.parseLong(raw.strip());
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(file, line, field, "expected a positive whole number of won");
  }

  private static KrxTraderException bad(Path file, int line, String field, String expected) {
    return new KrxTraderException(
        "bad input [file=" + file + ", line=" + line + ", field=" + field + ", " + expected + "]");
  }
}
