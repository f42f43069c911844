package io.krxtrader.observer.live;

import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.observer.jsonl.CollectorFiles;
import io.krxtrader.observer.jsonl.JsonlLayout;
import io.krxtrader.observer.jsonl.ScalpRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Track B: conflates a symbol's trades and quotes to at most one record per 500 ms slot of receive
 * time, written when the slot is over (a later event, or {@link #sweep}). A record carries the
 * slot's last trade price and exchange time, the shares traded in the slot and the latest book; a
 * slot in which only the book moved repeats the last trade price with volume 0 at the time the book
 * arrived (so it counts towards that minute's coverage, not the old trade's). Nothing is written
 * for a symbol before its first trade (there is no price yet).
 *
 * <p>Thread-safe: events arrive on the stream's thread, sweeps on the collectors' ticker.
 */
final class TrackB {

  static final long SLOT_MILLIS = 500;

  /** One symbol's state in its current slot. */
  private static final class Slot {
    long index = Long.MIN_VALUE;
    boolean pending;
    boolean traded;
    Instant receivedAt;
    Instant eventTime;
    long last;
    long volume;
    long bid;
    long ask;
    long bidSize;
    long askSize;
  }

  private final CollectorFiles files;
  // sorted: a sweep writes its records in the same order on every run
  private final Map<Symbol, Slot> slots = new TreeMap<>();
  private long written;
  private String session;
  private long sessionFrom = Long.MAX_VALUE;
  private long sessionUntil = Long.MIN_VALUE;

  TrackB(CollectorFiles files) {
    this.files = files;
  }

  synchronized void trade(LiveTrade trade) {
    Slot slot = enter(trade.symbol(), trade.receivedAt());
    slot.last = trade.price();
    slot.eventTime = trade.exchangeTime();
    slot.volume += trade.volume();
    slot.traded = true;
    if (trade.bid() > 0 && trade.ask() > 0) {
      book(slot, trade.bid(), trade.ask(), trade.bidSize(), trade.askSize());
    }
    slot.pending = true;
  }

  synchronized void quote(LiveQuote quote) {
    Slot slot = enter(quote.symbol(), quote.receivedAt());
    book(slot, quote.bid(), quote.ask(), quote.bidSize(), quote.askSize());
    slot.pending = slot.last > 0;
  }

  /** Writes every slot that is over at {@code now}. */
  synchronized void sweep(Instant now) {
    long current = index(now);
    slots.forEach(
        (symbol, slot) -> {
          if (slot.pending && slot.index < current) {
            write(symbol, slot);
          }
        });
  }

  synchronized long written() {
    return written;
  }

  private Slot enter(Symbol symbol, Instant receivedAt) {
    Slot slot = slots.computeIfAbsent(symbol, s -> new Slot());
    long index = index(receivedAt);
    if (index != slot.index) {
      if (slot.pending) {
        write(symbol, slot);
      }
      slot.index = index;
    }
    slot.receivedAt = receivedAt;
    return slot;
  }

  private static void book(Slot slot, long bid, long ask, long bidSize, long askSize) {
    // A one-sided or crossed book (a limit-locked stock, an auction) is not a quote to keep.
    if (bid > 0 && ask > 0 && bid < ask) {
      slot.bid = bid;
      slot.ask = ask;
      slot.bidSize = bidSize;
      slot.askSize = askSize;
    }
  }

  private void write(Symbol symbol, Slot slot) {
    boolean quoted = slot.bid > 0;
    files.append(
        new ScalpRecord(
            slot.receivedAt,
            slot.traded ? slot.eventTime : slot.receivedAt,
            symbol,
            quoted ? OptionalLong.of(slot.bid) : OptionalLong.empty(),
            quoted ? OptionalLong.of(slot.ask) : OptionalLong.empty(),
            quoted ? OptionalLong.of(slot.bidSize) : OptionalLong.empty(),
            quoted ? OptionalLong.of(slot.askSize) : OptionalLong.empty(),
            slot.last,
            slot.volume,
            session(slot.receivedAt)));
    written++;
    slot.pending = false;
    slot.traded = false;
    slot.volume = 0;
  }

  /** The session id of {@code at}'s KST day, worked out once a day rather than once a record. */
  private String session(Instant at) {
    long millis = at.toEpochMilli();
    if (millis < sessionFrom || millis >= sessionUntil) {
      LocalDate day = TradingCalendar.kstDate(at);
      session = JsonlLayout.scalpSession(day);
      sessionFrom = day.atStartOfDay(TradingCalendar.KST).toInstant().toEpochMilli();
      sessionUntil = day.plusDays(1).atStartOfDay(TradingCalendar.KST).toInstant().toEpochMilli();
    }
    return session;
  }

  private static long index(Instant at) {
    return Math.floorDiv(at.toEpochMilli(), SLOT_MILLIS);
  }
}
