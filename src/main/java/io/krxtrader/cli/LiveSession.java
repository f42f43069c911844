package io.krxtrader.cli;

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
    return start(
        database,
        kis,
        market,
        observerConfig,
        collect,
        calendar,
        clock,
        io.krxtrader.market.BestPriceListener.NONE);
  }

  /**
   * As above, with {@code listener} told of every committed best price (the trading modules' exit
   * feed, issue 18's one hook here).
   */
  static LiveSession start(
      Database database,
      KisConfig kis,
      MarketConfig market,
      ObserverConfig observerConfig,
      CollectorConfig collect,
      TradingCalendar calendar,
      InstantSource clock,
      io.krxtrader.market.BestPriceListener listener) {
    KisClient client = KisClient.open(kis, clock);
    Map<Symbol, WatchReason> subscribed = new LinkedHashMap<>();
    collect.scalpSymbols().forEach(symbol -> subscribed.put(symbol, WatchReason.SUBSCRIBED));
    PriceSync prices =
        PriceSync.builder(database, market, clock)
            .calendar(calendar)
            .quotes(KisMarketFeed.quotes(client))
            .watch(() -> subscribed)
            .listener(listener)
            .start();
    KisMarketFeed feed = new KisMarketFeed(client, prices);
    Path root = observerConfig.dataDirectory();
    Tailer tailer =
        Tailer.start(new Observer(database, observerConfig, clock), root, collect.tailEvery());
    LiveCollectors collectors = LiveCollectors.start(collect, root, feed, feed, calendar, clock);
    log.info(
        "live session started [broker={}, scalp symbols={}, swing symbols={}, data={}]",
        kis.environment(),
        collect.scalpSymbols().size(),
        collect.swingSymbols().size(),
        root);
    return new LiveSession(client, prices, feed, collectors, tailer);
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
