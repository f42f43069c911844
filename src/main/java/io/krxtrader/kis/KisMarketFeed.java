package io.krxtrader.kis;

import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.market.PriceEvent;
import io.krxtrader.market.PriceSink;
import io.krxtrader.market.PriceSource;
import io.krxtrader.market.QuoteSource;
import io.krxtrader.observer.live.LiveQuote;
import io.krxtrader.observer.live.LiveTrade;
import io.krxtrader.observer.live.SnapshotSource;
import io.krxtrader.observer.live.SwingSnapshot;
import io.krxtrader.observer.live.TickListener;
import io.krxtrader.observer.live.TickStream;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KIS as the market-data ports of the observer and of PriceSync: REST snapshots for Track A, the
 * WebSocket's trades and quotes for Track B, and ({@link #quotes}) single-symbol refreshes from KIS
 * REST or Naver for PriceSync's sync jobs. Every price the feed sees — stream trades and REST
 * answers alike — also goes to PriceSync's {@link PriceSink} in-process, so prices reach {@code
 * market.*} without passing through the observer's files or the database.
 *
 * <p>One WebSocket session per app key: this feed owns it ({@link #start}) and closes it.
 */
public final class KisMarketFeed implements SnapshotSource, TickStream, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KisMarketFeed.class);

  private final KisClient client;
  private final PriceSink prices;
  private KisStream stream;
  private volatile java.util.function.Consumer<ExecutionNotice> executions;

  /**
   * @param prices where every price seen goes (PriceSync); {@link #NO_PRICES} if nobody listens
   */
  public KisMarketFeed(KisClient client, PriceSink prices) {
    this.client = client;
    this.prices = prices;
  }

  /**
   * Where this account's execution notices go (execution's fills), registered on the session this
   * feed owns when it starts (KIS allows one WebSocket session per app key).
   */
  public void executions(java.util.function.Consumer<ExecutionNotice> sink) {
    this.executions = sink;
  }

  /** A sink that drops everything, for a feed without PriceSync. */
  public static final PriceSink NO_PRICES =
      new PriceSink() {
        @Override
        public boolean accept(PriceEvent event) {
          return true;
        }

        @Override
        public void webSocketConnected(boolean connected) {}
      };

  /** Current price plus the best bid and ask: two REST calls, within the app key's rate limit. */
  @Override
  public SwingSnapshot snapshot(Symbol symbol) {
    CurrentPrice price = client.quotations().currentPrice(symbol);
    Orderbook book = client.quotations().orderbook(symbol);
    OptionalLong bid = positive(book.bestBid());
    OptionalLong ask = positive(book.bestAsk());
    if (bid.isPresent() && ask.isPresent() && bid.getAsLong() >= ask.getAsLong()) {
      bid = OptionalLong.empty(); // an auction's crossed book is not a quote
      ask = OptionalLong.empty();
    }
    prices.accept(restEvent(price, bid, ask));
    long last = price.price();
    return new SwingSnapshot(
        symbol,
        price.receivedAt(),
        price.open() > 0 ? price.open() : last,
        Math.max(price.high(), last),
        price.low() > 0 ? Math.min(price.low(), last) : last,
        last,
        price.volume(),
        bid,
        ask);
  }

  /**
   * PriceSync's refresh source: the current price of one symbol from KIS REST or Naver (it does not
   * go to the sink: PriceSync writes what its own jobs fetch).
   */
  public static QuoteSource quotes(KisClient client) {
    return (symbol, source) ->
        switch (source) {
          case KIS_REST ->
              restEvent(
                  client.quotations().currentPrice(symbol),
                  OptionalLong.empty(),
                  OptionalLong.empty());
          case NAVER -> naverEvent(client, symbol);
          case KIS_WS ->
              throw new IllegalArgumentException(
                  "the WebSocket is not fetched on demand [symbol=" + symbol + "]");
        };
  }

  @Override
  public synchronized void start(List<Symbol> symbols, TickListener listener) {
    if (stream != null) {
      throw new KisException("the market data stream is already started");
    }
    if (symbols.size() * 2 > KisStream.MAX_REGISTRATIONS) {
      throw new KisException(
          "too many symbols for one KIS WebSocket session: trades and quotes take two of its "
              + KisStream.MAX_REGISTRATIONS
              + " registrations each [symbols="
              + symbols.size()
              + "]");
    }
    stream = client.openStream(new Relay(listener));
    List<CompletableFuture<Void>> acknowledged = new ArrayList<>();
    if (executions != null) {
      acknowledged.add(stream.subscribeExecutions());
    }
    for (Symbol symbol : symbols) {
      for (StreamChannel channel : List.of(StreamChannel.TRADES, StreamChannel.QUOTES)) {
        acknowledged.add(stream.subscribe(channel, symbol));
      }
    }
    // Return once data flows, so that a caller's "from now on" is true; if KIS is slow to answer,
    // the stream keeps trying in the background and reports through the listener.
    try {
      CompletableFuture.allOf(acknowledged.toArray(CompletableFuture[]::new))
          .get(client.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      log.warn(
          "not every subscription was acknowledged yet; the stream keeps trying [symbols={}, cause={}]",
          symbols.size(),
          e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void close() {
    if (stream != null) {
      stream.close();
      stream = null;
    }
  }

  /**
   * The exchange's time of a trade. KIS gives it to the second (HHMMSS, KST); the millisecond part
   * of our receive time is added so that two trades in one second stay two events, in order.
   */
  static Instant exchangeTime(TradeTick trade) {
    Instant second = ZonedDateTime.of(trade.date(), trade.time(), TradingCalendar.KST).toInstant();
    return second.plusMillis(Math.floorMod(trade.receivedAt().toEpochMilli(), 1000L));
  }

  private static PriceEvent restEvent(CurrentPrice price, OptionalLong bid, OptionalLong ask) {
    return new PriceEvent(
        price.symbol(),
        PriceSource.KIS_REST,
        price.receivedAt(),
        price.price(),
        bid,
        ask,
        OptionalLong.of(price.volume()),
        OptionalLong.of(price.tradedValue()));
  }

  private static PriceEvent naverEvent(KisClient client, Symbol symbol) {
    NaverQuote quote =
        client.naver().quotes(List.of(symbol)).quotes().stream()
            .filter(q -> q.symbol().equals(symbol))
            .findFirst()
            .orElseThrow(
                () ->
                    new KisException(
                        "Naver has no price for the symbol (halted or unknown) [symbol="
                            + symbol
                            + "]"));
    return new PriceEvent(
        symbol,
        PriceSource.NAVER,
        quote.receivedAt(),
        quote.price(),
        OptionalLong.empty(),
        OptionalLong.empty(),
        OptionalLong.of(quote.volume()),
        OptionalLong.of(quote.tradedValue()));
  }

  private static OptionalLong positive(long value) {
    return value > 0 ? OptionalLong.of(value) : OptionalLong.empty();
  }

  /** Turns the KIS stream's events into the observer's and PriceSync's. */
  private final class Relay implements KisStreamListener {

    private final TickListener listener;

    Relay(TickListener listener) {
      this.listener = listener;
    }

    @Override
    public void onTrade(TradeTick trade) {
      Instant at = exchangeTime(trade);
      listener.onTrade(
          new LiveTrade(
              trade.symbol(),
              at,
              trade.receivedAt(),
              trade.price(),
              trade.volume(),
              trade.bid(),
              trade.ask(),
              trade.bidSize(),
              trade.askSize()));
      prices.accept(
          new PriceEvent(
              trade.symbol(),
              PriceSource.KIS_WS,
              at,
              trade.price(),
              positive(trade.bid()),
              positive(trade.ask()),
              OptionalLong.of(trade.volume()),
              OptionalLong.empty()));
    }

    @Override
    public void onQuote(QuoteTick quote) {
      Orderbook book = quote.book();
      listener.onQuote(
          new LiveQuote(
              book.symbol(),
              quote.receivedAt(),
              book.bestBid(),
              book.bestAsk(),
              book.bids().isEmpty() ? 0 : book.bids().get(0).quantity(),
              book.asks().isEmpty() ? 0 : book.asks().get(0).quantity()));
    }

    @Override
    public void onExecution(ExecutionNotice notice) {
      java.util.function.Consumer<ExecutionNotice> sink = executions;
      if (sink != null) {
        sink.accept(notice);
      }
    }

    @Override
    public void onConnection(ConnectionEvent event) {
      switch (event.type()) {
        case CONNECTED -> prices.webSocketConnected(true);
        case DISCONNECTED -> {
          prices.webSocketConnected(false);
          listener.onDisconnected(event.at(), event.reason());
        }
        case RECONNECTED -> {
          // data flows only once every registration is acknowledged again (RESUBSCRIBED)
        }
        case RESUBSCRIBED -> {
          prices.webSocketConnected(true);
          listener.onResubscribed(event.at());
        }
        case CLOSED -> prices.webSocketConnected(false);
      }
    }

    @Override
    public void onProblem(StreamProblem problem) {
      log.warn("market data stream problem: {}", problem);
    }
  }
}
