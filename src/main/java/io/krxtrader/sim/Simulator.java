package io.krxtrader.sim;

import io.krxtrader.clock.Participant;
import io.krxtrader.clock.SteppedClock;
import io.krxtrader.clock.Tally;
import io.krxtrader.config.Secret;
import io.krxtrader.kis.AccountNumber;
import io.krxtrader.kis.KisCredentials;
import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A running KIS-compatible simulator: REST, WebSocket and Naver servers on 127.0.0.1, the market
 * model, the broker and fault injection. It accepts {@link KisCredentials#SIMULATOR} (paper) and
 * {@link #REAL_CREDENTIALS} (real) out of the box; a simulator in one mode refuses the other's key
 * with EGW02004, as KIS's domains do. Close it to stop everything.
 *
 * <p>Two clocks, kept apart: the <em>market</em> clock ({@link SimulatedClock}, which may start in
 * the past and run fast) drives prices, sessions, orders and the times inside market data; the
 * <em>wall</em> clock stamps everything a client compares with its own clock — access-token and
 * approval-key expiry, the PINGPONG datetime and its answer limit, the HTTP {@code Date} header.
 * Rate limits count real seconds, except on a {@link SteppedClock} ({@link #stepped}): there no
 * ticker runs, the market moves when the clock's "market" participant is asked, the rate limit
 * counts simulated seconds, and {@link #dataFramesSent} tells the client's side how many market
 * data frames are on their way.
 */
public final class Simulator implements AutoCloseable {

  /** A ready-made real-mode key the simulator accepts (start it with paper = false). */
  public static final KisCredentials REAL_CREDENTIALS =
      new KisCredentials(
          Secret.of("RSsimKRXTRADER0000000000000000000002"),
          Secret.of("simulator-real-secret-" + "0".repeat(158)),
          new AccountNumber("60000001", "01"),
          Secret.of("simreal"));

  private final SimulatorConfig config;
  private final SimulatedClock clock;
  private final InstantSource marketClock;
  private final MarketModel market;
  private final SimBroker broker;
  private final SimTokens tokens;
  private final RateWindows rates;
  private final Faults faults = new Faults();
  private final HttpListener rest;
  private final HttpListener naver;
  private final WsServer ws;
  private final ScheduledExecutorService ticker;

  private Simulator(
      SimulatorConfig config,
      SimulatedClock clock,
      SteppedClock stepped,
      InstantSource wall,
      Optional<RecordedMarket> replay) {
    this.config = config;
    this.clock = clock;
    this.marketClock = stepped != null ? stepped : clock;
    this.market = new MarketModel(config, marketClock, replay);
    this.broker = new SimBroker(market, config.paper());
    market.setHook(broker);
    this.tokens = new SimTokens(wall, config.seed());
    this.rates =
        new RateWindows(stepped != null ? stepped : InstantSource.system(), config.rateLimit());
    register(KisCredentials.SIMULATOR, true, config.startingCash());
    register(REAL_CREDENTIALS, false, config.startingCash());
    this.ws =
        new WsServer(
            config.wsPort(), tokens, wall, config.pingAnswerLimit(), config.paper(), config.seed());
    market.addListener(ws);
    broker.addSink(ws);
    faults.onDropWebSockets(ws::dropAll);
    faults.onSilenceWebSockets(ws::silenceAll);
    faults.onExpireTokens(tokens::expireAll);
    faults.onForgetApprovals(tokens::forgetApprovals);
    faults.onSendRawFrame(ws::sendRaw);
    faults.onOffBookTrade(this::offBookTrade);
    market.catchUp();
    this.rest =
        HttpListener.kis(
            config.restPort(),
            wall,
            new KisGateway(market, broker, tokens, rates, faults, config.paper()));
    this.naver = HttpListener.naver(config.naverPort(), wall, new NaverEndpoint(market, faults));
    ws.startAndWait(config.pingInterval());
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "sim-market");
              thread.setDaemon(true);
              return thread;
            });
    if (stepped == null) {
      long period = tickPeriodMicros(config.speed());
      ticker.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MICROSECONDS);
    } else {
      // The market moves on the clock's steps, before anyone else is asked.
      stepped.join(Participant.of("market", now -> market.catchUp()));
    }
  }

  /**
   * Starts a simulator on a stepped clock: the market moves when the clock steps (its participant
   * "market" joins the clock now, so join it before the client's participants), the REST rate limit
   * counts simulated seconds.
   */
  public static Simulator stepped(SimulatorConfig config, SteppedClock clock) {
    Optional<RecordedMarket> replay = config.replay().map(ScalpJsonlReplay::new);
    return new Simulator(config, null, clock, InstantSource.system(), replay);
  }

  /**
   * Starts a simulator whose clock begins at the configured start (or now, or the replay's start).
   */
  public static Simulator start(SimulatorConfig config) {
    return start(
        config, SimulatedClock.running(startOf(config), config.speed(), InstantSource.system()));
  }

  /**
   * Like {@link #start(SimulatorConfig)}, but its clock stands at the start until {@link
   * SimulatedClock#resume}: a process that needs time to start everything else begins the day when
   * it is ready, whatever the machine's speed.
   */
  public static Simulator startPaused(SimulatorConfig config) {
    return start(
        config, SimulatedClock.paused(startOf(config), config.speed(), InstantSource.system()));
  }

  /** The configured start, else the replay's first tick, else now. */
  private static Instant startOf(SimulatorConfig config) {
    Instant start = config.start().orElse(null);
    if (start == null && config.replay().isPresent()) {
      try (ScalpJsonlReplay peek = new ScalpJsonlReplay(config.replay().get())) {
        start = MarketModel.firstTickTime(peek).orElse(null);
      }
    }
    return start == null ? Instant.now() : start;
  }

  /**
   * Starts a simulator on a market clock the caller owns (e.g. {@link SimulatedClock#fixed}) and
   * the system's wall clock.
   */
  public static Simulator start(SimulatorConfig config, SimulatedClock clock) {
    return start(config, clock, InstantSource.system());
  }

  /**
   * Starts a simulator on a market clock and a wall clock the caller owns: a test moves the wall
   * clock to expire tokens or to leave a PINGPONG unanswered without waiting.
   */
  public static Simulator start(SimulatorConfig config, SimulatedClock clock, InstantSource wall) {
    Optional<RecordedMarket> replay = config.replay().map(ScalpJsonlReplay::new);
    return new Simulator(config, clock, null, wall, replay);
  }

  /**
   * How often the market catches up with the clock: every 50 ms at real speed, more often on a fast
   * clock, so that one catch-up never covers more than a quarter of a 500 ms step of simulated time
   * and prices leave the simulator close to when they happen (a client's receive times, and Track
   * B's 500 ms slots, depend on it).
   */
  static long tickPeriodMicros(double speed) {
    if (speed <= 0) {
      return 50_000;
    }
    return Math.max(1_000, Math.min(50_000, Math.round(125_000 / speed)));
  }

  private void tick() {
    try {
      market.catchUp();
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(Simulator.class).warn("Simulator market step failed", e);
    }
  }

  private void register(KisCredentials credentials, boolean paper, long cash) {
    synchronized (market) {
      broker.register(
          new SimAccountSpec(
              credentials.appKey().reveal(),
              credentials.appSecret().reveal(),
              paper,
              credentials.account(),
              credentials.htsId().reveal(),
              cash));
    }
  }

  private void offBookTrade(io.krxtrader.krx.Symbol symbol, long quantity, long price) {
    synchronized (market) {
      market.catchUp();
      broker.offBook(
          broker.byAppKey(credentials().appKey().reveal()).orElseThrow(), symbol, quantity, price);
    }
  }

  public SimulatorConfig config() {
    return config;
  }

  /** The simulated clock; other modules can share it for a simulated day. */
  public SimulatedClock clock() {
    if (clock == null) {
      throw new IllegalStateException("this simulator runs on a stepped clock: see marketClock()");
    }
    return clock;
  }

  /** The clock the market runs on, stepped or not. */
  public InstantSource marketClock() {
    return marketClock;
  }

  /** Market data frames (trades, books) the WebSocket server sent to its sessions so far. */
  public Tally dataFramesSent() {
    return ws.dataFramesSent();
  }

  public Faults faults() {
    return faults;
  }

  public URI restUrl() {
    return rest.baseUrl();
  }

  public URI wsUrl() {
    return ws.url();
  }

  public URI naverUrl() {
    return naver.baseUrl();
  }

  /** The credentials of this simulator's mode. */
  public KisCredentials credentials() {
    return config.paper() ? KisCredentials.SIMULATOR : REAL_CREDENTIALS;
  }

  /** Brings the market up to the clock now (the ticker does this every 50 ms anyway). */
  public void catchUp() {
    tick();
  }

  /** REST calls accepted per wall-clock second for an app key (for rate-limit tests). */
  public Map<Long, Integer> acceptedCallsPerSecond(Secret appKey) {
    return rates.acceptedPerSecond(appKey.reveal());
  }

  public int rateLimitedCalls(Secret appKey) {
    return rates.rejectedCount(appKey.reveal());
  }

  /** How many distinct access tokens were issued (re-issues within 6 h return the same one). */
  public int tokensIssued() {
    return tokens.issuedCount();
  }

  /** WebSocket registrations per app key, for tests. */
  public int registrations(Secret appKey) {
    return ws.registrationCounts().getOrDefault(appKey.reveal(), 0);
  }

  /** PINGPONG frames the WebSocket sessions of an app key echoed back, for tests. */
  public int pingEchoes(Secret appKey) {
    return ws.pingEchoes(appKey.reveal());
  }

  /** Pong control frames the WebSocket sessions of an app key sent, for tests. */
  public int pongFrames(Secret appKey) {
    return ws.pongs(appKey.reveal());
  }

  /** WebSocket sessions closed because they left a PINGPONG unanswered past the limit. */
  public int sessionsClosedForSilence() {
    return ws.closedForSilence();
  }

  /** The last trade price of a symbol now. */
  public long lastPrice(io.krxtrader.krx.Symbol symbol) {
    synchronized (market) {
      market.catchUp();
      return market.find(symbol).orElseThrow().last;
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    rest.close();
    naver.close();
    ws.shutdown();
  }
}
