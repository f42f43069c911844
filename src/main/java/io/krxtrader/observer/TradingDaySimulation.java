package io.krxtrader.observer;

import io.krxtrader.krx.PricePath;
import io.krxtrader.krx.Stock;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.observer.jsonl.GapEntry;
import io.krxtrader.observer.jsonl.JsonlLayout;
import io.krxtrader.observer.jsonl.JsonlRecords;
import io.krxtrader.observer.jsonl.JsonlText;
import io.krxtrader.observer.jsonl.PollBoundaries;
import io.krxtrader.observer.jsonl.ScalpRecord;
import io.krxtrader.observer.jsonl.SwingRecord;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * One simulated trading day of the collectors' output for a set of stocks, drawn from their {@link
 * PricePath}s:
 *
 * <ul>
 *   <li>Track B: at most one tick per symbol per 500 ms slot of the regular session, only in slots
 *       where something arrived (the path's liquidity: an illiquid stock is silent in most slots);
 *       the record is written at the slot's end ({@code ts}), its {@code event_time} inside it. In
 *       the closing auction (15:20-15:30) quotes move but nothing trades; the last slot carries the
 *       closing print with the auction's volume.
 *   <li>Track A: a snapshot of every symbol at each 10-minute boundary after the open up to the
 *       close, polled 50 ms apart; like KIS's current-price endpoint it reports the day's open,
 *       high and low so far, the last price and the day's cumulative volume.
 *   <li>Gaps: sometimes a WebSocket outage (no ticks of any symbol), a symbol silent for minutes, a
 *       failed REST poll for one symbol; each with its gap record and the matching missing data.
 * </ul>
 */
final class TradingDaySimulation {

  private static final long SLOT_MILLIS = 500;
  private static final long SWING_ONLY_STEP_MILLIS = 10_000;

  /** A span in which some symbol's (or, with symbol -1, every symbol's) ticks are missing. */
  private record Silence(int symbol, long from, long to) {}

  private final List<Stock> stocks;
  private final TradingCalendar calendar;
  private final LocalDate date;
  private final boolean scalp;
  private final SampleFiles files;
  private final SplittableRandom random;
  private final PricePath[] paths;
  private final String scalpSession;
  private final String swingSession;

  private final long[] dayOpen;
  private final long[] dayHigh;
  private final long[] dayLow;
  private final long[] last;
  private final long[] volume;
  private final boolean[] tradedToday;
  private final long[] bid;
  private final long[] ask;

  private final List<Silence> silences = new ArrayList<>();
  private final List<GapEntry> gaps = new ArrayList<>();
  private int failedPoll = -1;
  private int failedPollSymbol = -1;
  private final JsonlText line = new JsonlText();

  TradingDaySimulation(
      List<Stock> stocks,
      long[] previousClose,
      TradingCalendar calendar,
      LocalDate date,
      long seed,
      boolean scalp,
      SampleFiles files) {
    this.stocks = stocks;
    this.calendar = calendar;
    this.date = date;
    this.scalp = scalp;
    this.files = files;
    this.random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ date.toEpochDay() * 31);
    int n = stocks.size();
    this.paths = new PricePath[n];
    this.dayOpen = new long[n];
    this.dayHigh = new long[n];
    this.dayLow = new long[n];
    this.last = new long[n];
    this.volume = new long[n];
    this.tradedToday = new boolean[n];
    this.bid = new long[n];
    this.ask = new long[n];
    for (int i = 0; i < n; i++) {
      paths[i] = PricePath.forDay(stocks.get(i), previousClose[i], date, seed, calendar);
      last[i] = paths[i].last();
    }
    this.scalpSession = JsonlLayout.scalpSession(date);
    this.swingSession = JsonlLayout.swingSession(date);
  }

  /** Writes the day's files; returns every symbol's closing price (the next day's base). */
  long[] run() throws IOException {
    long open = calendar.open(date).toEpochMilli();
    long auction = calendar.closingAuctionStart(date).toEpochMilli();
    long close = calendar.close(date).toEpochMilli();
    List<Long> polls =
        PollBoundaries.onDay(calendar, date).stream().map(Instant::toEpochMilli).toList();
    planGaps(open, close, polls);
    long step = scalp ? SLOT_MILLIS : SWING_ONLY_STEP_MILLIS;
    long[] auctionVolume = new long[stocks.size()];
    int nextPoll = 0;
    for (long slot = open; slot < close; slot += step) {
      boolean lastSlot = slot + step >= close;
      for (int i = 0; i < stocks.size(); i++) {
        long at = slot + (scalp ? random.nextInt((int) SLOT_MILLIS) : 0);
        PricePath.Step s = paths[i].advanceTo(Instant.ofEpochMilli(at));
        bid[i] = s.bid();
        ask[i] = s.ask();
        long tickLast;
        long tickVolume;
        boolean emit = s.traded();
        if (slot < auction) {
          if (s.traded()) {
            trade(i, s.last(), s.volume());
          }
          tickLast = s.last();
          tickVolume = s.volume();
        } else if (!lastSlot) {
          auctionVolume[i] += s.volume();
          tickLast = last[i];
          tickVolume = 0;
        } else {
          tickVolume = auctionVolume[i] + s.volume();
          trade(i, s.last(), tickVolume);
          tickLast = s.last();
          emit = true;
        }
        if (scalp && emit && !silenced(i, slot)) {
          long receivedAt = slot + SLOT_MILLIS + 1 + random.nextInt(30);
          writeTick(i, at, receivedAt, tickLast, tickVolume, s);
        }
      }
      while (nextPoll < polls.size() && polls.get(nextPoll) <= slot + step) {
        writePoll(nextPoll, polls.get(nextPoll));
        nextPoll++;
      }
    }
    while (nextPoll < polls.size()) {
      writePoll(nextPoll, polls.get(nextPoll));
      nextPoll++;
    }
    writeGaps();
    return last.clone();
  }

  private void trade(int i, long price, long shares) {
    if (!tradedToday[i]) {
      tradedToday[i] = true;
      dayOpen[i] = price;
      dayHigh[i] = price;
      dayLow[i] = price;
    }
    dayHigh[i] = Math.max(dayHigh[i], price);
    dayLow[i] = Math.min(dayLow[i], price);
    last[i] = price;
    volume[i] += shares;
  }

  private boolean silenced(int symbol, long slot) {
    for (Silence silence : silences) {
      if ((silence.symbol() < 0 || silence.symbol() == symbol)
          && slot >= silence.from()
          && slot < silence.to()) {
        return true;
      }
    }
    return false;
  }

  private void planGaps(long open, long close, List<Long> polls) {
    long margin = 10 * 60_000;
    long span = close - open - 2 * margin;
    if (scalp && random.nextDouble() < 0.35) {
      long from = alignToSlot(open + margin + (long) (random.nextDouble() * span));
      long to = from + (3 + random.nextInt(118)) * 1000L;
      silences.add(new Silence(-1, from, to));
      gap(to + 1500, from, to, "scalp", "ws_disconnect", scalpSession, -1);
    }
    int silent = scalp ? random.nextInt(3) : 0;
    for (int k = 0; k < silent; k++) {
      int symbol = random.nextInt(stocks.size());
      long from = alignToSlot(open + margin + (long) (random.nextDouble() * span));
      long to = from + (60 + random.nextInt(241)) * 1000L;
      silences.add(new Silence(symbol, from, to));
      gap(to, from, to, "scalp", "no_data", scalpSession, symbol);
    }
    if (!polls.isEmpty() && random.nextDouble() < 0.3) {
      failedPoll = random.nextInt(polls.size());
      failedPollSymbol = random.nextInt(stocks.size());
      long from = pollTime(polls.get(failedPoll), failedPollSymbol);
      long to = from + PollBoundaries.PERIOD.toMillis();
      gap(to, from, to, "swing", "rest_error", swingSession, failedPollSymbol);
    }
  }

  private long alignToSlot(long millis) {
    return millis - Math.floorMod(millis, SLOT_MILLIS);
  }

  private static long pollTime(long boundary, int symbol) {
    return boundary + 200 + 50L * symbol;
  }

  private void gap(
      long timestamp, long from, long to, String scope, String reason, String session, int sym) {
    gaps.add(
        new GapEntry(
            Instant.ofEpochMilli(timestamp),
            Instant.ofEpochMilli(from),
            Instant.ofEpochMilli(to),
            scope,
            reason,
            session,
            sym >= 0 ? Optional.of(stocks.get(sym).symbol()) : Optional.empty()));
  }

  private void writeTick(
      int i, long eventAt, long receivedAt, long price, long shares, PricePath.Step s)
      throws IOException {
    JsonlRecords.scalp(
        line,
        new ScalpRecord(
            Instant.ofEpochMilli(receivedAt),
            Instant.ofEpochMilli(eventAt),
            stocks.get(i).symbol(),
            OptionalLong.of(s.bid()),
            OptionalLong.of(s.ask()),
            OptionalLong.of(s.bidSize()),
            OptionalLong.of(s.askSize()),
            price,
            shares,
            scalpSession));
    files.scalp(receivedAt).write(line);
  }

  private void writePoll(int poll, long boundary) throws IOException {
    SampleFiles.Output out = files.swing(boundary);
    for (int i = 0; i < stocks.size(); i++) {
      if (poll == failedPoll && i == failedPollSymbol) {
        continue;
      }
      long price = last[i];
      JsonlRecords.swing(
          line,
          new SwingRecord(
              Instant.ofEpochMilli(pollTime(boundary, i)),
              swingSession,
              stocks.get(i).symbol(),
              tradedToday[i] ? dayOpen[i] : price,
              tradedToday[i] ? dayHigh[i] : price,
              tradedToday[i] ? dayLow[i] : price,
              price,
              volume[i],
              OptionalLong.of(bid[i]),
              OptionalLong.of(ask[i])));
      out.write(line);
      files.swingRecords++;
    }
    files.closeSwing();
  }

  private void writeGaps() throws IOException {
    files.closeScalp();
    gaps.sort(Comparator.comparing(GapEntry::timestamp));
    if (gaps.isEmpty()) {
      return;
    }
    SampleFiles.Output out = files.gaps(date);
    for (GapEntry gap : gaps) {
      out.write(JsonlRecords.gap(line, gap));
      files.gapRecords++;
    }
    files.closeGaps();
  }
}
