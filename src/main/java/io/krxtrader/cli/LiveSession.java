package io.krxtrader.cli;

import io.krxtrader.clock.Participant;
import io.krxtrader.clock.SteppedClock;
import io.krxtrader.clock.Tally;
import io.krxtrader.db.Database;
import io.krxtrader.kis.KisClient;
import io.krxtrader.kis.KisConfig;
import io.krxtrader.kis.KisMarketFeed;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.market.MarketConfig;
import io.krxtrader.market.PriceSync;
import io.krxtrader.market.WatchReason;
import io.krxtrader.observer.Observer;
import io.krxtrader.observer.ObserverConfig;
import io.krxtrader.observer.live.CollectorConfig;
import io.krxtrader.observer.live.LiveCollectors;
import io.krxtrader.observer.live.Tailer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live market data, wired: the KIS client (real, paper or the simulator), PriceSync fed in-process
 * by the client, the observer's collectors writing JSONL, and the tailer loading those files into
 * the database. {@code run} and {@code demo} both start one. Closing stops the collectors first,
 * then the stream, loads what the files still hold, and lets PriceSync write what it has queued.
 */
final class LiveSession implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LiveSession.class);

  /** How often the tailer loads on a stepped clock, in simulated time. */
  static final Duration STEPPED_TAIL_EVERY = Duration.ofSeconds(5);

  private static final Duration FRAME_PATIENCE = Duration.ofSeconds(30);
  private static final Duration FLUSH = Duration.ofSeconds(30);

  private final KisClient client;
  private final PriceSync prices;
  private final KisMarketFeed feed;
  private final LiveCollectors collectors;
  private final Tailer tailer;
  private boolean stopped;

  private LiveSession(
      KisClient client,
      PriceSync prices,
      KisMarketFeed feed,
      LiveCollectors collectors,
      Tailer tailer) {
    this.client = client;
    this.prices = prices;
    this.feed = feed;
    this.collectors = collectors;
    this.tailer = tailer;
  }

  static LiveSession start(
      Database database,
      KisConfig kis,
      MarketConfig market,
      ObserverConfig observerConfig,
      CollectorConfig collect,
      TradingCalendar calendar,
      InstantSource clock) {
    return start(database, kis, market, observerConfig, collect, calendar, clock, null);
  }

  /**
   * Like {@link #start(Database, KisConfig, MarketConfig, ObserverConfig, CollectorConfig,
   * TradingCalendar, InstantSource)}; on a {@link SteppedClock} the session's parts join it as
   * participants, in this order after the simulator's "market": "websocket" (every market data
   * frame in {@code framesSent} received), "track A", "collectors" (slots closed), "pricesync"
   * (queued prices written, every simulated second) and "tailer" (files loaded, every {@link
   * #STEPPED_TAIL_EVERY} of simulated time).
   */
  static LiveSession start(
      Database database,
      KisConfig kis,
      MarketConfig market,
      ObserverConfig observerConfig,
      CollectorConfig collect,
      TradingCalendar calendar,
      InstantSource clock,
      Tally framesSent) {
    SteppedClock stepped = clock instanceof SteppedClock s ? s : null;
    KisClient client = KisClient.open(kis, clock);
    if (stepped != null && framesSent != null) {
      stepped.join(
          Participant.of(
              "websocket",
              now -> {
                long target = framesSent.get();
                if (!client.dataFramesReceived().awaitAtLeast(target, FRAME_PATIENCE)) {
                  log.warn(
                      "market data frames not received in time [sent={}, received={}]",
                      target,
                      client.dataFramesReceived().get());
                }
              }));
    }
    Map<Symbol, WatchReason> subscribed = new LinkedHashMap<>();
    collect.scalpSymbols().forEach(symbol -> subscribed.put(symbol, WatchReason.SUBSCRIBED));
    PriceSync prices =
        PriceSync.builder(database, market, clock)
            .calendar(calendar)
            .quotes(KisMarketFeed.quotes(client))
            .watch(() -> subscribed)
            .start();
    KisMarketFeed feed = new KisMarketFeed(client, prices);
    Path root = observerConfig.dataDirectory();
    Observer observer = new Observer(database, observerConfig, clock);
    Tailer tailer =
        stepped != null
            ? Tailer.onDemand(observer, root)
            : Tailer.start(observer, root, collect.tailEvery());
    LiveCollectors collectors = LiveCollectors.start(collect, root, feed, feed, calendar, clock);
    if (stepped != null) {
      stepped.join(every("pricesync", stepped, Duration.ofSeconds(1), () -> prices.flush(FLUSH)));
      stepped.join(every("tailer", stepped, STEPPED_TAIL_EVERY, tailer::load));
    }
    log.info(
        "live session started [broker={}, scalp symbols={}, swing symbols={}, data={}]",
        kis.environment(),
        collect.scalpSymbols().size(),
        collect.swingSymbols().size(),
        root);
    return new LiveSession(client, prices, feed, collectors, tailer);
  }

  /** A participant that does {@code work} whenever {@code period} of simulated time has passed. */
  private static Participant every(
      String name, SteppedClock clock, Duration period, Runnable work) {
    Instant[] next = {clock.instant().plus(period)};
    return Participant.of(
        name,
        now -> {
          if (!now.isBefore(next[0])) {
            work.run();
            next[0] = now.plus(period);
          }
        });
  }

  LiveCollectors collectors() {
    return collectors;
  }

  Tailer tailer() {
    return tailer;
  }

  PriceSync prices() {
    return prices;
  }

  /**
   * Stops collecting and makes the database complete: every appended record loaded, every queued
   * price written. Returns whether the tailer's last pass loaded every file.
   */
  synchronized boolean stop() {
    if (stopped) {
      return true;
    }
    stopped = true;
    collectors.close();
    feed.close();
    tailer.close();
    boolean loaded = tailer.catchUp();
    prices.flush(Duration.ofSeconds(30));
    return loaded;
  }

  @Override
  public void close() {
    try {
      stop();
    } finally {
      prices.close();
      client.close();
    }
  }
}
