package io.krxtrader.observer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.krxtrader.observer.jsonl.IsoTimestamp;
import java.io.IOException;

/**
 * Track A records ({@code swing/YYYYMMDD_HHMM.jsonl}) into {@code observer.swing_bars_10m}, through
 * a staging table: {@code bar_time} is {@code ts} floored to its 10-minute boundary and a later
 * snapshot of a slot replaces an earlier one.
 *
 * <p>Required: {@code ts}, {@code symbol}, {@code session} (or {@code session_id}) and {@code
 * price} with {@code open}, {@code high}, {@code low}, {@code close}. Optional: {@code volume},
 * {@code bid_price}, {@code ask_price}. {@code dataset}, {@code market} and {@code source} are
 * accepted and not stored. Rejected besides the common rules: a negative price or volume, {@code
 * high < low}, {@code bid_price > ask_price}.
 */
final class SwingLineParser extends LineParser {

  /** The staging table's COPY column list, in the order {@link #finish} writes them. */
  static final String COLUMNS =
      "symbol, bar_time, open, high, low, close, volume, bid_price, ask_price, session_id,"
          + " snapshot_time, ingest_file_id, line_no";

  private static final long SLOT_MICROS = 10 * IsoTimestamp.MICROS_PER_MINUTE;

  private final TimeField ts = new TimeField();
  private final TextField symbol = new TextField();
  private final TextField session = new TextField();
  private final PriceField open = new PriceField();
  private final PriceField high = new PriceField();
  private final PriceField low = new PriceField();
  private final PriceField close = new PriceField();
  private final CountField volume = new CountField();
  private final PriceField bidPrice = new PriceField();
  private final PriceField askPrice = new PriceField();
  private boolean priceSeen;

  @Override
  void clear() {
    ts.clear();
    symbol.clear();
    session.clear();
    open.clear();
    high.clear();
    low.clear();
    close.clear();
    volume.clear();
    bidPrice.clear();
    askPrice.clear();
    priceSeen = false;
  }

  @Override
  String field(String name, JsonParser parser, JsonToken token) throws IOException {
    return switch (name) {
      case "ts" -> ts.read(parser, token, name);
      case "symbol" -> symbol.read(parser, token, name, 20);
      case "session", "session_id" -> session.read(parser, token, name, 50);
      case "price" -> price(parser, token);
      case "volume" -> volume.read(parser, token, name, 0, Long.MAX_VALUE);
      case "bid_price" -> bidPrice.read(parser, token, name);
      case "ask_price" -> askPrice.read(parser, token, name);
      default -> {
        parser.skipChildren();
        yield null;
      }
    };
  }

  private String price(JsonParser parser, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token != JsonToken.START_OBJECT) {
      return "wrong type [field=price, expected=object]";
    }
    priceSeen = true;
    String name;
    while ((name = parser.nextFieldName()) != null) {
      JsonToken value = parser.nextToken();
      String reject =
          switch (name) {
            case "open" -> open.read(parser, value, "price.open");
            case "high" -> high.read(parser, value, "price.high");
            case "low" -> low.read(parser, value, "price.low");
            case "close" -> close.read(parser, value, "price.close");
            default -> {
              parser.skipChildren();
              yield null;
            }
          };
      if (reject != null) {
        return reject;
      }
    }
    return null;
  }

  @Override
  String finish(long lineNumber, Chunk chunk) {
    if (!ts.present) {
      return missing("ts");
    }
    if (!symbol.present) {
      return missing("symbol");
    }
    if (!session.present) {
      return missing("session");
    }
    if (!priceSeen) {
      return missing("price");
    }
    if (!open.present) {
      return missing("price.open");
    }
    if (!high.present) {
      return missing("price.high");
    }
    if (!low.present) {
      return missing("price.low");
    }
    if (!close.present) {
      return missing("price.close");
    }
    if (!isSymbol(symbol)) {
      return symbolReject(symbol);
    }
    if (high.compareTo(low) < 0) {
      return "high below low [high=" + high.text() + ", low=" + low.text() + "]";
    }
    if (bidPrice.present && askPrice.present && bidPrice.compareTo(askPrice) > 0) {
      return "bid above ask [bid_price=" + bidPrice.text() + ", ask_price=" + askPrice.text() + "]";
    }
    CopyText out = chunk.copy;
    out.ascii(symbol.chars, 0, 6).next();
    out.utcTimestamp(Math.floorDiv(ts.micros, SLOT_MICROS) * SLOT_MICROS);
    out.next();
    open.write(out);
    out.next();
    high.write(out);
    out.next();
    low.write(out);
    out.next();
    close.write(out);
    out.next();
    volume.write(out);
    out.next();
    bidPrice.write(out);
    out.next();
    askPrice.write(out);
    out.next().text(session.chars, 0, session.length).next();
    ts.write(out);
    out.next().number(chunk.fileId).next().number(lineNumber).endRow();
    return null;
  }
}
