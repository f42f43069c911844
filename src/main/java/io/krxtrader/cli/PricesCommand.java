package io.krxtrader.cli;

import io.krxtrader.TextTable;
import io.krxtrader.krx.Symbol;
import io.krxtrader.market.BoardRow;
import io.krxtrader.market.PriceSource;
import io.krxtrader.market.PriceSync;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
final class PricesCommand extends QueryCommand {

  @Parameters(paramLabel = "SYMBOL", arity = "0..*", description = "Only these symbols.")
  List<String> codes;

  @Option(names = "--stale", description = "Only stale symbols.")
  boolean staleOnly;

  @Override
  public Integer call() {
    Set<Symbol> wanted = new HashSet<>(symbols(codes));
    Instant now = context().clock().instant();
    List<BoardRow> board = PriceSync.board(context().migratedDatabase());
    List<BoardRow> rows =
        board.stream()
            .filter(r -> wanted.isEmpty() || wanted.contains(r.symbol()))
            .filter(r -> !staleOnly || r.stale())
            .toList();
    if (format != OutputFormat.TABLE) {
      return print(forPrograms(rows, now));
    }
    PrintWriter out = out();
    if (rows.isEmpty()) {
      out.println(board.isEmpty() ? "no prices yet" : "no matching prices");
    } else {
      table(out, rows, now);
    }
    out.flush();
    return 0;
  }

  private static void table(PrintWriter out, List<BoardRow> rows, Instant now) {
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

  private static Rows forPrograms(List<BoardRow> board, Instant now) {
    Rows rows =
        new Rows(
            "symbol",
            "price",
            "source",
            "ts",
            "age_ms",
            "quality",
            "stale",
            "stale_reason",
            "written_at",
            "last_websocket",
            "last_rest",
            "last_naver");
    for (BoardRow row : board) {
      rows.add(
          row.symbol().code(),
          row.lastPrice().isPresent() ? row.lastPrice().getAsLong() : null,
          row.source().orElse(null),
          row.bestTs().orElse(null),
          row.bestTs().map(ts -> Duration.between(ts, now).toMillis()).orElse(null),
          row.qualityScore().isPresent() ? row.qualityScore().getAsInt() : null,
          row.stale(),
          row.staleReason().orElse(null),
          row.writtenAt().orElse(null),
          row.lastWebSocket().orElse(null),
          row.lastRest().orElse(null),
          row.lastNaver().orElse(null));
    }
    return rows;
  }

  private static String sourceName(PriceSource source) {
    return switch (source) {
      case KIS_WS -> "KIS WebSocket";
      case KIS_REST -> "KIS REST";
      case NAVER -> "Naver";
    };
  }

  private static String reasonText(String reason) {
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
