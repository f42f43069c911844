package io.krxtrader.observer.jsonl;

import java.util.OptionalLong;

/**
 * The one place the collectors' JSONL lines are spelled (field names and order as the seed's
 * examples), for the live collectors and the sample-data generator alike, so that what is written
 * is what the readers accept.
 */
public final class JsonlRecords {

  private JsonlRecords() {}

  public static JsonlText scalp(JsonlText line, ScalpRecord r) {
    line.begin()
        .time("ts", r.receivedAt().toEpochMilli())
        .time("event_time", r.eventTime().toEpochMilli())
        .string("symbol", r.symbol().code());
    optional(line, "bid_price", r.bid());
    optional(line, "ask_price", r.ask());
    optional(line, "bid_size", r.bidSize());
    optional(line, "ask_size", r.askSize());
    return line.number("last_price", r.lastPrice())
        .number("volume", r.volume())
        .string("session_id", r.sessionId())
        .number("mitigation_level", 0)
        .string("quality_flag", "normal")
        .end();
  }

  public static JsonlText swing(JsonlText line, SwingRecord r) {
    line.begin()
        .time("ts", r.ts().toEpochMilli())
        .string("session", r.sessionId())
        .string("dataset", "track_a_swing")
        .string("market", "kr_stocks")
        .string("symbol", r.symbol().code())
        .beginObject("price")
        .number("open", r.open())
        .number("high", r.high())
        .number("low", r.low())
        .number("close", r.close())
        .endObject()
        .number("volume", r.volume());
    optional(line, "bid_price", r.bid());
    optional(line, "ask_price", r.ask());
    return line.string("source", "kis").end();
  }

  public static JsonlText gap(JsonlText line, GapEntry g) {
    line.begin()
        .time("timestamp", g.timestamp().toEpochMilli())
        .time("gap_start_ts", g.start().toEpochMilli())
        .time("gap_end_ts", g.end().toEpochMilli())
        .number("gap_seconds", g.seconds())
        .string("scope", g.scope())
        .string("reason", g.reason())
        .string("session_id", g.sessionId());
    g.symbol().ifPresent(s -> line.string("symbol", s.code()));
    return line.end();
  }

  private static void optional(JsonlText line, String name, OptionalLong value) {
    if (value.isPresent()) {
      line.number(name, value.getAsLong());
    } else {
      line.nullValue(name);
    }
  }
}
