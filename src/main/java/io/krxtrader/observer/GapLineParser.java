package io.krxtrader.observer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Gap-ledger records ({@code system/gap_YYYYMMDD.jsonl}) into {@code observer.scalp_gaps}.
 *
 * <p>Required: {@code gap_start_ts}, {@code gap_end_ts}, {@code gap_seconds}, {@code scope} ({@code
 * scalp} or {@code swing}), {@code session_id}. Optional: {@code reason}, {@code symbol} (a gap of
 * one silent symbol), {@code timestamp} (when the record was written; not stored). Rejected besides
 * the common rules: a negative {@code gap_seconds} and an end before the start.
 */
final class GapLineParser extends LineParser {

  /** The COPY column list, in the order {@link #finish} writes them. */
  static final String COLUMNS =
      "gap_start_ts, gap_end_ts, gap_seconds, scope, reason, session_id, symbol, ingest_file_id";

  private final TimeField timestamp = new TimeField();
  private final TimeField start = new TimeField();
  private final TimeField end = new TimeField();
  private final CountField seconds = new CountField();
  private final TextField scope = new TextField();
  private final TextField reason = new TextField();
  private final TextField sessionId = new TextField();
  private final TextField symbol = new TextField();

  @Override
  void clear() {
    timestamp.clear();
    start.clear();
    end.clear();
    seconds.clear();
    scope.clear();
    reason.clear();
    sessionId.clear();
    symbol.clear();
  }

  @Override
  String field(String name, JsonParser parser, JsonToken token) throws IOException {
    return switch (name) {
      case "timestamp" -> timestamp.read(parser, token, name);
      case "gap_start_ts" -> start.read(parser, token, name);
      case "gap_end_ts" -> end.read(parser, token, name);
      case "gap_seconds" -> seconds.read(parser, token, name, 0, Integer.MAX_VALUE);
      case "scope" -> scope.read(parser, token, name, 20);
      case "reason" -> reason.read(parser, token, name, 100);
      case "session_id" -> sessionId.read(parser, token, name, 50);
      case "symbol" -> symbol.read(parser, token, name, 20);
      default -> {
        parser.skipChildren();
        yield null;
      }
    };
  }

  @Override
  String finish(long lineNumber, Chunk chunk) {
    if (!start.present) {
      return missing("gap_start_ts");
    }
    if (!end.present) {
      return missing("gap_end_ts");
    }
    if (!seconds.present) {
      return missing("gap_seconds");
    }
    if (!scope.present) {
      return missing("scope");
    }
    if (!sessionId.present) {
      return missing("session_id");
    }
    if (!scope.equalsText("scalp") && !scope.equalsText("swing")) {
      return "unknown scope, expected scalp or swing [value=" + scope.value() + "]";
    }
    if (symbol.present && !isSymbol(symbol)) {
      return symbolReject(symbol);
    }
    if (end.micros < start.micros) {
      return "gap ends before it starts [gap_start_ts="
          + start.value()
          + ", gap_end_ts="
          + end.value()
          + "]";
    }
    CopyText out = chunk.copy;
    start.write(out);
    out.next();
    end.write(out);
    out.next().number(seconds.value).next().ascii(scope.chars, 0, scope.length).next();
    if (reason.present) {
      out.text(reason.chars, 0, reason.length);
    } else {
      out.nullValue();
    }
    out.next().text(sessionId.chars, 0, sessionId.length).next();
    if (symbol.present) {
      out.ascii(symbol.chars, 0, 6);
    } else {
      out.nullValue();
    }
    out.next().number(chunk.fileId).endRow();
    return null;
  }
}
