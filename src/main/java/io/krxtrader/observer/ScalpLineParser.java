package io.krxtrader.observer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.krxtrader.krx.Symbol;
import io.krxtrader.observer.jsonl.IsoTimestamp;
import io.krxtrader.observer.jsonl.ScalpRecord;
import java.io.IOException;
import java.util.OptionalLong;

/**
 * Track B records ({@code scalp/YYYYMMDD_HHMM.jsonl}) into {@code observer.scalp_ticks}.
 *
 * <p>Required: {@code ts}, {@code event_time}, {@code symbol}, {@code last_price}, {@code
 * session_id}. Optional: bid/ask prices and sizes, {@code volume}, {@code mitigation_level}
 * (default 0), {@code quality_flag} (default {@code normal}). Rejected besides the common rules: a
 * negative price or size, {@code bid_price > ask_price}, and an event time more than a day away
 * from its receive time (it would create a partition for a day the file does not cover).
 */
final class ScalpLineParser extends LineParser {

  /** The COPY column list, in the order {@link #finish} writes them. */
  static final String COLUMNS =
      "symbol, event_time, bid_price, ask_price, bid_size, ask_size, last_price, volume,"
          + " session_id, receive_time, mitigation_level, quality_flag, ingest_file_id";

  private static final long MAX_SKEW_MICROS = IsoTimestamp.MICROS_PER_DAY;

  private final TimeField ts = new TimeField();
  private final TimeField eventTime = new TimeField();
  private final TextField symbol = new TextField();
  private final PriceField bidPrice = new PriceField();
  private final PriceField askPrice = new PriceField();
  private final CountField bidSize = new CountField();
  private final CountField askSize = new CountField();
  private final PriceField lastPrice = new PriceField();
  private final CountField volume = new CountField();
  private final TextField sessionId = new TextField();
  private final CountField mitigationLevel = new CountField();
  private final TextField qualityFlag = new TextField();
  private String lastSession;

  @Override
  void clear() {
    ts.clear();
    eventTime.clear();
    symbol.clear();
    bidPrice.clear();
    askPrice.clear();
    bidSize.clear();
    askSize.clear();
    lastPrice.clear();
    volume.clear();
    sessionId.clear();
    mitigationLevel.clear();
    qualityFlag.clear();
  }

  @Override
  String field(String name, JsonParser parser, JsonToken token) throws IOException {
    return switch (name) {
      case "ts" -> ts.read(parser, token, name);
      case "event_time" -> eventTime.read(parser, token, name);
      case "symbol" -> symbol.read(parser, token, name, 20);
      case "bid_price" -> bidPrice.read(parser, token, name);
      case "ask_price" -> askPrice.read(parser, token, name);
      case "bid_size" -> bidSize.read(parser, token, name, 0, Long.MAX_VALUE);
      case "ask_size" -> askSize.read(parser, token, name, 0, Long.MAX_VALUE);
      case "last_price" -> lastPrice.read(parser, token, name);
      case "volume" -> volume.read(parser, token, name, 0, Long.MAX_VALUE);
      case "session_id" -> sessionId.read(parser, token, name, 50);
      case "mitigation_level" ->
          mitigationLevel.read(parser, token, name, Integer.MIN_VALUE, Integer.MAX_VALUE);
      case "quality_flag" -> qualityFlag.read(parser, token, name, 20);
      default -> {
        parser.skipChildren();
        yield null;
      }
    };
  }

  @Override
  String finish(long lineNumber, Chunk chunk) {
    String reject = check();
    if (reject != null) {
      return reject;
    }
    CopyText out = chunk.copy;
    out.ascii(symbol.chars, 0, 6).next();
    eventTime.write(out);
    out.next();
    bidPrice.write(out);
    out.next();
    askPrice.write(out);
    out.next();
    bidSize.write(out);
    out.next();
    askSize.write(out);
    out.next();
    lastPrice.write(out);
    out.next();
    volume.write(out);
    out.next().text(sessionId.chars, 0, sessionId.length).next();
    ts.write(out);
    out.next().number(mitigationLevel.present ? mitigationLevel.value : 0).next();
    if (qualityFlag.present) {
      out.text(qualityFlag.chars, 0, qualityFlag.length);
    } else {
      out.ascii("normal");
    }
    out.next().number(chunk.fileId).endRow();
    chunk.touchDay(IsoTimestamp.kstEpochDay(eventTime.micros));
    chunk.bars.add(
        symbol.chars,
        eventTime.micros,
        lastPrice.scaled(),
        volume.present,
        volume.present ? volume.value : 0,
        mitigationLevel.present ? (int) mitigationLevel.value : 0,
        session());
    return null;
  }

  /** Checks the fields {@link #read} found; returns a reject reason or null. */
  String check() {
    if (!ts.present) {
      return missing("ts");
    }
    if (!eventTime.present) {
      return missing("event_time");
    }
    if (!symbol.present) {
      return missing("symbol");
    }
    if (!lastPrice.present) {
      return missing("last_price");
    }
    if (!sessionId.present) {
      return missing("session_id");
    }
    if (!isSymbol(symbol)) {
      return symbolReject(symbol);
    }
    if (bidPrice.present && askPrice.present && bidPrice.compareTo(askPrice) > 0) {
      return "bid above ask [bid_price=" + bidPrice.text() + ", ask_price=" + askPrice.text() + "]";
    }
    if (Math.abs(eventTime.micros - ts.micros) > MAX_SKEW_MICROS) {
      return "event time more than a day from the receive time [event_time="
          + eventTime.value()
          + ", ts="
          + ts.value()
          + "]";
    }
    return null;
  }

  /**
   * The line {@link #read} and {@link #check} accepted, as a record; a price with decimals is
   * rounded to whole KRW.
   */
  ScalpRecord record() {
    return new ScalpRecord(
        IsoTimestamp.instant(ts.micros),
        IsoTimestamp.instant(eventTime.micros),
        Symbol.of(symbol.value()),
        whole(bidPrice),
        whole(askPrice),
        bidSize.present ? OptionalLong.of(bidSize.value) : OptionalLong.empty(),
        askSize.present ? OptionalLong.of(askSize.value) : OptionalLong.empty(),
        lastPrice.rounded(),
        volume.present ? volume.value : 0,
        sessionId.value());
  }

  private static OptionalLong whole(PriceField price) {
    return price.present ? OptionalLong.of(price.rounded()) : OptionalLong.empty();
  }

  /** The session id as a string, the previous line's when equal (most lines share one). */
  private String session() {
    if (lastSession == null || !sessionId.equalsText(lastSession)) {
      lastSession = sessionId.value();
    }
    return lastSession;
  }
}
