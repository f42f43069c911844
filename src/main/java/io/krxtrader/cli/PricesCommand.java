package io.krxtrader.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.krxtrader.krx.Symbol;
import io.krxtrader.market.BoardRow;
import io.krxtrader.market.PriceSource;
import io.krxtrader.market.PriceSync;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "prices",
    mixinStandardHelpOptions = true,
    description = {
      "Best prices and their freshness: price, source, age, quality score (0-100, as written)",
      "and, for a watched symbol whose price is stale during the session, why."
    })
final class PricesCommand extends KrxCommand {

  enum Format {
    TABLE,
    JSON,
    CSV
  }

  @Parameters(paramLabel = "SYMBOL", arity = "0..*", description = "Only these symbols.")
  List<String> symbols = new ArrayList<>();

  @Option(names = "--stale", description = "Only stale symbols.")
  boolean staleOnly;

  @Option(
      names = "--format",
      defaultValue = "table",
      paramLabel = "FORMAT",
      description = "table, json or csv (default: ${DEFAULT-VALUE}).")
  Format format;

  @Override
  public Integer call() throws JsonProcessingException {
    Set<Symbol> wanted = new TreeSet<>();
    for (String code : symbols) {
      if (!Symbol.isValid(code)) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "not a symbol (six upper-case letters or digits): " + code);
      }
      wanted.add(Symbol.of(code));
    }
    Instant now = context().clock().instant();
    List<BoardRow> rows =
        PriceSync.board(context().migratedDatabase()).stream()
            .filter(r -> wanted.isEmpty() || wanted.contains(r.symbol()))
            .filter(r -> !staleOnly || r.stale())
            .toList();
    PrintWriter out = out();
    switch (format) {
      case TABLE -> table(out, rows, now);
      case JSON -> json(out, rows, now);
      case CSV -> csv(out, rows, now);
    }
    out.flush();
    return 0;
  }

  private static void table(PrintWriter out, List<BoardRow> rows, Instant now) {
    if (rows.isEmpty()) {
      out.println("no prices yet");
      return;
    }
    TextTable table =
        new TextTable("symbol", "price", "source", "age", "quality", "stale").rightAlign(1, 3, 4);
    for (BoardRow row : rows) {
      table.row(
          row.symbol(),
          row.lastPrice().isPresent() ? String.format("%,d", row.lastPrice().getAsLong()) : "-",
          row.source().map(PricesCommand::sourceName).orElse("-"),
          row.bestTs().map(ts -> age(Duration.between(ts, now))).orElse("-"),
          row.qualityScore().isPresent() ? Integer.toString(row.qualityScore().getAsInt()) : "-",
          row.stale()
              ? "stale: " + row.staleReason().map(PricesCommand::reasonText).orElse("")
              : "");
    }
    table.print(out, "");
  }

  private static void json(PrintWriter out, List<BoardRow> rows, Instant now)
      throws JsonProcessingException {
    List<Map<String, Object>> list = new ArrayList<>();
    for (BoardRow row : rows) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("symbol", row.symbol().code());
      m.put("price", row.lastPrice().isPresent() ? row.lastPrice().getAsLong() : null);
      m.put("source", row.source().map(Enum::name).orElse(null));
      m.put("ts", text(row.bestTs()));
      m.put("ageMs", row.bestTs().map(ts -> Duration.between(ts, now).toMillis()).orElse(null));
      m.put("quality", row.qualityScore().isPresent() ? row.qualityScore().getAsInt() : null);
      m.put("writtenAt", text(row.writtenAt()));
      m.put("stale", row.stale());
      m.put("staleReason", row.staleReason().orElse(null));
      m.put("lastWebSocket", text(row.lastWebSocket()));
      m.put("lastRest", text(row.lastRest()));
      m.put("lastNaver", text(row.lastNaver()));
      list.add(m);
    }
    out.println(
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(list));
  }

  private static void csv(PrintWriter out, List<BoardRow> rows, Instant now) {
    out.println("symbol,price,source,ts,age_ms,quality,stale,stale_reason");
    for (BoardRow row : rows) {
      out.println(
          String.join(
              ",",
              row.symbol().code(),
              row.lastPrice().isPresent() ? Long.toString(row.lastPrice().getAsLong()) : "",
              row.source().map(Enum::name).orElse(""),
              text(row.bestTs()) == null ? "" : text(row.bestTs()),
              row.bestTs()
                  .map(ts -> Long.toString(Duration.between(ts, now).toMillis()))
                  .orElse(""),
              row.qualityScore().isPresent() ? Integer.toString(row.qualityScore().getAsInt()) : "",
              Boolean.toString(row.stale()),
              row.staleReason().orElse("")));
    }
  }

  private static String text(Optional<Instant> instant) {
    return instant.map(Instant::toString).orElse(null);
  }

  static String sourceName(PriceSource source) {
    return switch (source) {
      case KIS_WS -> "KIS WebSocket";
      case KIS_REST -> "KIS REST";
      case NAVER -> "Naver";
    };
  }

  static String reasonText(String reason) {
    return switch (reason) {
      case "WS_DISCONNECTED" -> "WebSocket disconnected";
      case "REST_FAILED" -> "REST refresh failed";
      case "NO_WS_DATA" -> "no WebSocket data";
      default -> reason;
    };
  }

  /** An age a person reads at a glance: 0.3 s, 42 s, 5 min, 3 h, 2 d. */
  static String age(Duration age) {
    long ms = Math.max(0, age.toMillis());
    if (ms < 10_000) {
      return String.format("%.1f s", ms / 1000.0);
    } else if (ms < 120_000) {
      return (ms / 1000) + " s";
    } else if (ms < 2 * 3_600_000) {
      return (ms / 60_000) + " min";
    } else if (ms < 2 * 86_400_000L) {
      return (ms / 3_600_000) + " h";
    }
    return (ms / 86_400_000L) + " d";
  }
}
