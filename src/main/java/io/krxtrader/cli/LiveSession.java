package io.krxtrader.cli;

import io.krxtrader.clock.Participant;
import io.krxtrader.clock.SteppedClock;
import io.krxtrader.clock.Tally;
import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
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
import io.krxtrader.trade.TradedSymbols;
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
  private static final Duration FLUSH = Duration.ofSeconds(5);

  /** How often PriceSync's watch list reads the trade tables (app clock). */
  private static final Duration TRADED_SYMBOLS_EVERY = Duration.ofSeconds(5);

  /** The stepped clock's periodic participants of the session being started (closed at stop). */
  private final java.util.List<Periodic> periodic;

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
      Tailer tailer,
      java.util.List<Periodic> periodic) {
    this.client = client;
    this.prices = prices;
    this.feed = feed;
    this.collectors = collectors;
    this.tailer = tailer;
    this.periodic = periodic;
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
        null,
        io.krxtrader.market.BestPriceListener.NONE,
        null);
  }

  /**
   * Like {@link #start(Database, KisConfig, MarketConfig, ObserverConfig, CollectorConfig,
   * TradingCalendar, InstantSource)}; on a {@link SteppedClock} the session's parts join it as
   * participants, in this order after the simulator's "market": "websocket" (every market data
   * frame in {@code framesSent} received), "track A", "collectors" (slots closed), "pricesync"
   * (queued prices written, every simulated second) and "tailer" (files loaded, every {@link
   * #STEPPED_TAIL_EVERY} of simulated time). {@code listener} is told of every committed best price
   * (the trading modules' exit feed); {@code executions}, when not null, gets the account's
   * execution notices (execution's fills).
   */
  static LiveSession start(
      Database database,
      KisConfig kis,
      MarketConfig market,
      ObserverConfig observerConfig,
      CollectorConfig collect,
      TradingCalendar calendar,
      InstantSource clock,
      Tally framesSent,
      io.krxtrader.market.BestPriceListener listener,
      java.util.function.Consumer<io.krxtrader.kis.ExecutionNotice> executions) {
    SteppedClock stepped = clock instanceof SteppedClock s ? s : null;
    java.util.List<Periodic> periodic = new java.util.ArrayList<>();
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
    TradedSymbols traded =
        new TradedSymbols(database, ModuleRole.PRICESYNC, clock, TRADED_SYMBOLS_EVERY);
    collect = trackB(collect, traded.watched());
    Map<Symbol, WatchReason> subscribed = new LinkedHashMap<>();
    collect.scalpSymbols().forEach(symbol -> subscribed.put(symbol, WatchReason.SUBSCRIBED));
    PriceSync prices =
        PriceSync.builder(database, market, clock)
            .calendar(calendar)
            .quotes(KisMarketFeed.quotes(client))
            .watch(() -> subscribed)
            .watch(traded)
            .listener(listener)
            .start();
    KisMarketFeed feed = new KisMarketFeed(client, prices);
    if (executions != null) {
      feed.executions(executions);
    }
    Path root = observerConfig.dataDirectory();
    Observer observer = new Observer(database, observerConfig, clock);
    Tailer tailer =
        stepped != null
            ? Tailer.onDemand(observer, root)
            : Tailer.start(observer, root, collect.tailEvery());
    LiveCollectors collectors = LiveCollectors.start(collect, root, feed, feed, calendar, clock);
    if (stepped != null) {
      Periodic flushing =
          new Periodic("pricesync", stepped, Duration.ofSeconds(1), () -> prices.flush(FLUSH));
      Periodic loading = new Periodic("tailer", stepped, STEPPED_TAIL_EVERY, tailer::load);
      stepped.join(flushing);
      stepped.join(loading);
      periodic.add(flushing);
      periodic.add(loading);
    }
    log.info(
        "live session started [broker={}, scalp symbols={}, swing symbols={}, data={}]",
        kis.environment(),
        collect.scalpSymbols().size(),
        collect.swingSymbols().size(),
        root);
    return new LiveSession(client, prices, feed, collectors, tailer, periodic);
  }

  /**
   * Track B's symbols for this session: held symbols and re-entry candidates first, then the
   * configured ones, within the {@value CollectorConfig#MAX_SCALP_SYMBOLS} one WebSocket session
   * carries; the configured symbols dropped to make room are logged.
   */
  private static CollectorConfig trackB(
      CollectorConfig configured, Map<Symbol, WatchReason> traded) {
    java.util.List<Symbol> chosen =
        TradedSymbols.subscription(
            traded, configured.scalpSymbols(), CollectorConfig.MAX_SCALP_SYMBOLS);
    if (chosen.equals(configured.scalpSymbols())) {
      return configured;
    }
    java.util.List<Symbol> dropped = new java.util.ArrayList<>(configured.scalpSymbols());
    dropped.removeAll(chosen);
    java.util.List<Symbol> added = new java.util.ArrayList<>(chosen);
    added.removeAll(configured.scalpSymbols());
    log.info(
        "Track B carries the held symbols and re-entry candidates first [added={}, dropped={}]",
        added,
        dropped);
    return new CollectorConfig(
        chosen, configured.swingSymbols(), configured.silentAfter(), configured.tailEvery());
  }

  /**
   * A participant that does {@code work} whenever {@code period} of simulated time has passed, and
   * holds the step until it is done. While the work fails (the database is down) it runs on its own
   * thread without holding the steps, as the market goes on when a database stops; the first
   * success makes it a barrier again.
   */
  private static final class Periodic implements Participant, AutoCloseable {

    private final String name;
    private final Duration period;
    private final java.util.function.BooleanSupplier work;
    private final java.util.concurrent.ExecutorService thread;
    private Instant next;
    private java.util.concurrent.Future<Boolean> running;
    private boolean healthy = true;

    Periodic(
        String name, SteppedClock clock, Duration period, java.util.function.BooleanSupplier work) {
      this.name = name;
      this.period = period;
      this.work = work;
      this.next = clock.instant().plus(period);
      this.thread =
          java.util.concurrent.Executors.newSingleThreadExecutor(
              r -> Thread.ofPlatform().name("step-" + name).daemon().unstarted(r));
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void finish(Instant now) throws InterruptedException {
      if (running != null) {
        if (!running.isDone() && !healthy) {
          return;
        }
        healthy = outcome(running);
        running = null;
      }
      if (!now.isBefore(next)) {
        next = now.plus(period);
        running = thread.submit(work::getAsBoolean);
        if (healthy) {
          healthy = outcome(running);
          running = null;
          if (!healthy) {
            log.warn("{} failed on a simulated step; the clock goes on without it", name);
          }
        }
      }
    }

    private static boolean outcome(java.util.concurrent.Future<Boolean> future)
        throws InterruptedException {
      try {
        return future.get();
      } catch (java.util.concurrent.ExecutionException e) {
        return false;
      }
    }

    @Override
    public void close() {
      thread.shutdownNow();
    }
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
    periodic.forEach(Periodic::close);
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
