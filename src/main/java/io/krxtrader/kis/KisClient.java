package io.krxtrader.kis;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;

/**
 * The entry point to KIS: one per app key and process. It owns the HTTP client, the access token
 * (cached on disk) and the app key's share of the rate limit, and hands out the four parts that
 * other modules adapt to their ports:
 *
 * <ul>
 *   <li>{@link #quotations()} — REST prices, books and charts (observer Track A, PriceSync refresh)
 *   <li>{@link #trading()} — orders, revise/cancel, balance, daily orders, buying power (trade)
 *   <li>{@link #openStream} — WebSocket trades, books, execution notices and connection events
 *       (observer Track B, PriceSync live prices, trade fills)
 *   <li>{@link #naver()} — the secondary price source (PriceSync)
 * </ul>
 *
 * Two clocks: {@code clock} stamps what the client sees (receive times, connection events) and may
 * be a simulated market clock; {@code wall} is what the access token's and the approval key's
 * expiry and the once-a-minute issue rule are compared with, because KIS states them in wall-clock
 * KST whatever day a simulated market is on. Thread-safe. Credentials never appear in logs or
 * exception messages.
 */
public final class KisClient implements AutoCloseable {

  private final KisConfig config;
  private final InstantSource clock;
  private final HttpClient http;
  private final AccessTokens tokens;
  private final KisQuotations quotations;
  private final KisTrading trading;
  private final NaverPolling naver;
  private final io.krxtrader.clock.Tally dataFramesReceived = new io.krxtrader.clock.Tally();

  private KisClient(KisConfig config, InstantSource clock, InstantSource wall) {
    this.config = config;
    this.clock = clock;
    URI restUrl =
        config
            .restUrl()
            .orElseThrow(
                () ->
                    new KisException(
                        "no KIS REST URL: start the simulator first or set " + KisConfig.REST_URL));
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(config.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    KisHttp kisHttp = new KisHttp(http, config.timeout());
    this.tokens =
        new AccessTokens(
            kisHttp, restUrl, config.credentials(), wall, new TokenCacheFile(config.tokenCache()));
    // On a stepped clock the rate limit is kept in simulated seconds, by sleeping on that clock.
    RateLimiter limiter =
        clock instanceof io.krxtrader.clock.SteppedClock stepped
            ? RateLimiter.onClock(config.rateLimit(), stepped)
            : RateLimiter.shared(tokens.keyId(), config.rateLimit());
    RestTransport rest = new RestTransport(kisHttp, restUrl, config.credentials(), tokens, limiter);
    this.quotations = new KisQuotations(rest, clock);
    this.trading = new KisTrading(rest, config);
    this.naver =
        new NaverPolling(
            kisHttp,
            config.naverUrl().orElse(URI.create("https://polling.finance.naver.com")),
            clock);
  }

  /**
   * A client whose tokens follow the system's wall clock; no network traffic until the first call.
   */
  public static KisClient open(KisConfig config, InstantSource clock) {
    return new KisClient(config, clock, InstantSource.system());
  }

  /** A client whose tokens follow {@code wall} (a test's controllable wall clock). */
  public static KisClient open(KisConfig config, InstantSource clock, InstantSource wall) {
    return new KisClient(config, clock, wall);
  }

  /** Market data frames this client's WebSocket sessions received and handed on so far. */
  public io.krxtrader.clock.Tally dataFramesReceived() {
    return dataFramesReceived;
  }

  public KisConfig config() {
    return config;
  }

  public KisQuotations quotations() {
    return quotations;
  }

  public KisTrading trading() {
    return trading;
  }

  public NaverPolling naver() {
    return naver;
  }

  /**
   * Opens the app key's WebSocket session (one per app key in this process) and starts connecting;
   * connection progress arrives as {@link ConnectionEvent}s.
   */
  public KisStream openStream(KisStreamListener listener) {
    return KisStream.open(http, config, tokens, clock, listener, dataFramesReceived);
  }

  /** Time-out of one call, for callers that wait on stream futures. */
  public Duration timeout() {
    return config.timeout();
  }

  /**
   * The longest one REST call can last, retries included: every attempt (the first, {@link
   * RestTransport#RATE_LIMIT_RETRIES} after a rate-limit answer, one after a refused token) may
   * take the connect and the answer time limit ({@code kis.timeout} each), plus the rate-limit
   * pauses between attempts. A call begun longer ago than this cannot reach the broker any more.
   */
  public Duration longestCall() {
    int attempts = 1 + RestTransport.RATE_LIMIT_RETRIES + 1;
    return config
        .timeout()
        .multipliedBy(2L * attempts)
        .plus(Duration.ofNanos(RestTransport.totalBackoffNanos()));
  }

  /**
   * Stops the HTTP client: calls under way get a few seconds to finish, then everything, a
   * WebSocket whose server never answered its close included, is cut.
   */
  @Override
  public void close() {
    http.shutdown();
    try {
      if (!http.awaitTermination(Duration.ofSeconds(3))) {
        http.shutdownNow();
      }
    } catch (InterruptedException e) {
      http.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
