package io.krxtrader.kis;

import com.fasterxml.jackson.databind.JsonNode;
import io.krxtrader.krx.Symbol;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads KIS real-time data frames, {@code E|TR_ID|NNN|payload}: {@code E} 0 plain or 1 encrypted,
 * {@code NNN} records whose {@code ^}-separated fields are all concatenated. Fields are read by
 * index; a record may carry more fields than documented (KIS adds fields at the end), so the record
 * size is the field count divided by {@code NNN}.
 */
final class StreamFrames {

  static final int TRADE_FIELDS = 46;
  static final int QUOTE_FIELDS = 59;
  static final int NOTICE_FIELDS = 26;
  static final int OLD_NOTICE_FIELDS = 23;

  /** A data frame's header and its (possibly still encrypted) payload. */
  record Frame(boolean encrypted, String trId, int count, String payload) {}

  /**
   * A JSON control frame: a {@code PINGPONG} (echo it verbatim), or KIS's answer to a registration
   * or a release. A registration's ack carries the session's AES {@code key} and {@code iv}.
   */
  record Control(
      String trId, String trKey, String rtCd, String msgCd, String message, String key, String iv) {

    boolean pingpong() {
      return trId.equals("PINGPONG");
    }

    /** Done, or already as asked (OPSP0002 already registered, OPSP0003 not registered). */
    boolean ok() {
      return rtCd.equals("0") || msgCd.equals("OPSP0002") || msgCd.equals("OPSP0003");
    }

    /** The answer to a release rather than to a registration. */
    boolean released() {
      return msgCd.equals("OPSP0001") || message.startsWith("UNSUB") || msgCd.equals("OPSP0003");
    }

    boolean hasKey() {
      return !key.isEmpty() && !iv.isEmpty();
    }

    /**
     * The server does not know the approval key (the simulator's OPSP8993 "invalid approval : NOT
     * FOUND"; KIS's own code for it is not in REFERENCE.md, hence the text too).
     */
    boolean approvalRefused() {
      return msgCd.equals("OPSP8993") || message.startsWith("invalid approval");
    }
  }

  private StreamFrames() {}

  static Control control(String text) {
    JsonNode root;
    try {
      root = KisHttp.JSON.readTree(text);
    } catch (IOException e) {
      throw new KisException("unparseable JSON control frame");
    }
    Fields header = Fields.of(root.path("header"));
    Fields body = Fields.of(root.path("body"));
    Fields output = body.object("output").orElse(Fields.of(null));
    return new Control(
        header.trimmed("tr_id"),
        header.trimmed("tr_key"),
        body.trimmed("rt_cd"),
        body.trimmed("msg_cd"),
        body.trimmed("msg1"),
        output.trimmed("key"),
        output.trimmed("iv"));
  }

  static Frame frame(String text) {
    String[] parts = text.split("\\|", 4);
    if (parts.length != 4 || !(parts[0].equals("0") || parts[0].equals("1"))) {
      throw new KisException("not a KIS data frame (E|TR_ID|NNN|payload)");
    }
    int count;
    try {
      count = Integer.parseInt(parts[2].strip());
    } catch (NumberFormatException e) {
      throw new KisException("bad record count in a KIS data frame [count=" + parts[2] + "]");
    }
    if (count < 1) {
      throw new KisException("bad record count in a KIS data frame [count=" + count + "]");
    }
    return new Frame(parts[0].equals("1"), parts[1], count, parts[3]);
  }

  /** The payload split into {@code count} records of at least {@code minimum} fields each. */
  static List<String[]> records(String payload, int count, int minimum) {
    String[] fields = payload.split("\\^", -1);
    int size;
    if (count == 1) {
      size = fields.length;
    } else if (fields.length % count == 0) {
      size = fields.length / count;
    } else if (fields.length - 1 == count * minimum && fields[fields.length - 1].isEmpty()) {
      size = minimum; // a trailing separator
    } else {
      throw new KisException(
          "field count does not split into the announced records [fields="
              + fields.length
              + ", records="
              + count
              + "]");
    }
    if (size < minimum) {
      throw new KisException(
          "too few fields in a KIS record [fields=" + size + ", expected=" + minimum + "]");
    }
    List<String[]> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String[] record = new String[size];
      System.arraycopy(fields, i * size, record, 0, size);
      records.add(record);
    }
    return records;
  }

  static TradeTick trade(String[] f, Instant receivedAt) {
    return new TradeTick(
        Symbol.of(f[0].strip()),
        KisTime.date(f[33]),
        KisTime.time(f[1]),
        receivedAt,
        number(f[2]),
        number(f[4]),
        decimal(f[5]),
        number(f[7]),
        number(f[8]),
        number(f[9]),
        number(f[10]),
        number(f[11]),
        number(f[12]),
        number(f[13]),
        number(f[14]),
        f[21].strip().equals("1"),
        number(f[36]),
        number(f[37]),
        f[35].strip().equals("Y"),
        f[34].strip());
  }

  static QuoteTick quote(String[] f, Instant receivedAt) {
    List<BookLevel> asks = new ArrayList<>();
    List<BookLevel> bids = new ArrayList<>();
    for (int level = 0; level < 10; level++) {
      long ask = number(f[3 + level]);
      if (ask > 0) {
        asks.add(new BookLevel(ask, number(f[23 + level])));
      }
      long bid = number(f[13 + level]);
      if (bid > 0) {
        bids.add(new BookLevel(bid, number(f[33 + level])));
      }
    }
    return new QuoteTick(
        receivedAt,
        new Orderbook(
            Symbol.of(f[0].strip()),
            KisTime.time(f[1]),
            asks,
            bids,
            number(f[43]),
            number(f[44]),
            number(f[47]),
            number(f[48]),
            number(f[53])));
  }

  static ExecutionNotice notice(String[] f, Instant receivedAt) {
    boolean current = f.length >= NOTICE_FIELDS;
    String original = f[3].strip();
    ExecutionNotice.Change change =
        switch (f[5].strip()) {
          case "1" -> ExecutionNotice.Change.REVISE;
          case "2" -> ExecutionNotice.Change.CANCEL;
          default -> ExecutionNotice.Change.NEW;
        };
    return new ExecutionNotice(
        receivedAt,
        new OrderNumber(f[2]),
        original.isEmpty() || original.matches("0+")
            ? Optional.empty()
            : Optional.of(new OrderNumber(original)),
        Fields.side(f[4]),
        change,
        f[6].strip(),
        Symbol.of(f[8].strip()),
        number(f[9]),
        number(f[10]),
        KisTime.time(f[11]),
        f[12].strip().equals("1"),
        f[13].strip().equals("2"),
        f[15].strip(),
        number(f[16]),
        number(current ? f[25] : f[22]),
        (current ? f[24] : f[21]).strip());
  }

  static long number(String text) {
    return Fields.whole(
        text, value -> new KisException("not a whole number in a KIS frame [value=" + value + "]"));
  }

  static java.math.BigDecimal decimal(String text) {
    return Fields.exact(
        text, value -> new KisException("not a number in a KIS frame [value=" + value + "]"));
  }
}
