package io.krxtrader.kis;

import io.krxtrader.config.ConfigException;
import io.krxtrader.config.Secret;
import io.krxtrader.config.Settings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How to reach KIS. With no configuration the client talks to the built-in simulator with its
 * built-in paper key; {@code kis.environment=paper} or {@code real} needs the app key, app secret,
 * account and HTS id as secrets (environment variables {@code KRX_KIS_APP_KEY}, ... or the
 * owner-only secrets file).
 *
 * @param restUrl REST base URL; for the simulator empty until the simulator has started
 * @param rateLimit REST calls per second this process makes with this app key
 * @param timeout one REST call's time limit (connect plus response)
 * @param tokenCache the owner-only file that keeps the access token across restarts
 * @param reconnectMin first WebSocket reconnect delay; it doubles up to {@code reconnectMax}
 * @param silenceLimit a WebSocket that receives nothing for this long (KIS sends PINGPONG about
 *     every 20 s) is taken for dropped and reconnected
 */
public record KisConfig(
    KisEnvironment environment,
    Optional<URI> restUrl,
    Optional<URI> wsUrl,
    Optional<URI> naverUrl,
    KisCredentials credentials,
    int rateLimit,
    Duration timeout,
    Path tokenCache,
    Duration reconnectMin,
    Duration reconnectMax,
    Duration silenceLimit,
    TrIds trIds) {

  public static final String ENVIRONMENT = "kis.environment";
  public static final String REST_URL = "kis.rest-url";
  public static final String WS_URL = "kis.ws-url";
  public static final String NAVER_URL = "kis.naver-url";
  public static final String RATE_LIMIT = "kis.rate-limit";
  public static final String TIMEOUT = "kis.timeout";
  public static final String TOKEN_CACHE = "kis.token-cache";
  public static final String RECONNECT_MIN = "kis.reconnect-min";
  public static final String RECONNECT_MAX = "kis.reconnect-max";
  public static final String SILENCE_LIMIT = "kis.ws-silence-limit";
  public static final String APP_KEY = "kis.app-key";
  public static final String APP_SECRET = "kis.app-secret";
  public static final String ACCOUNT = "kis.account";
  public static final String HTS_ID = "kis.hts-id";

  public KisConfig {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(credentials, "credentials");
    if (rateLimit < 1 || rateLimit > 1_000) {
      throw new IllegalArgumentException("rate limit must be 1..1000 calls per second");
    }
    if (reconnectMin.isNegative() || reconnectMax.compareTo(reconnectMin) < 0) {
      throw new IllegalArgumentException("reconnect delays must satisfy 0 <= min <= max");
    }
    if (silenceLimit.compareTo(Duration.ofMillis(100)) < 0) {
      throw new IllegalArgumentException("the WebSocket silence limit must be at least 100 ms");
    }
  }

  public static KisConfig from(Settings settings, Path home) {
    KisEnvironment environment =
        settings.oneOf(ENVIRONMENT, KisEnvironment.class, KisEnvironment.SIMULATOR);
    Path secrets = home.resolve("secrets.properties");
    Optional<Secret> appKey = settings.secret(APP_KEY, secrets);
    Optional<Secret> appSecret = settings.secret(APP_SECRET, secrets);
    Optional<Secret> account = settings.secret(ACCOUNT, secrets);
    Optional<Secret> htsId = settings.secret(HTS_ID, secrets);
    KisCredentials credentials;
    if (appKey.isEmpty() && appSecret.isEmpty() && account.isEmpty()) {
      if (environment != KisEnvironment.SIMULATOR) {
        throw new ConfigException(
            "KIS "
                + environment.name().toLowerCase(java.util.Locale.ROOT)
                + " trading needs an app key [keys="
                + APP_KEY
                + ", "
                + APP_SECRET
                + ", "
                + ACCOUNT
                + ", "
                + HTS_ID
                + ", expected=environment variables KRX_KIS_APP_KEY, KRX_KIS_APP_SECRET,"
                + " KRX_KIS_ACCOUNT, KRX_KIS_HTS_ID or the owner-only secrets file]");
      }
      credentials = KisCredentials.SIMULATOR;
    } else {
      credentials =
          new KisCredentials(
              required(appKey, APP_KEY),
              required(appSecret, APP_SECRET),
              account(required(account, ACCOUNT)),
              htsId.orElse(Secret.of("-")));
    }
    return new KisConfig(
        environment,
        url(settings, REST_URL, environment.defaultRestUrl()),
        url(settings, WS_URL, environment.defaultWsUrl()),
        url(settings, NAVER_URL, environment.defaultNaverUrl()),
        credentials,
        settings.integer(RATE_LIMIT, environment.defaultRateLimit(), 1, 1_000),
        settings.duration(
            TIMEOUT, Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(5)),
        settings.path(
            TOKEN_CACHE,
            home.resolve("kis")
                .resolve(
                    "token-" + environment.name().toLowerCase(java.util.Locale.ROOT) + ".json")),
        settings.duration(
            RECONNECT_MIN, Duration.ofSeconds(1), Duration.ZERO, Duration.ofMinutes(5)),
        settings.duration(
            RECONNECT_MAX, Duration.ofSeconds(30), Duration.ZERO, Duration.ofMinutes(30)),
        settings.duration(
            SILENCE_LIMIT, Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofMinutes(10)),
        TrIds.from(settings));
  }

  /**
   * A configuration for a simulator (or any KIS-compatible server) at the given URLs, with defaults
   * for everything else.
   */
  public static KisConfig forUrls(
      KisEnvironment environment,
      URI restUrl,
      URI wsUrl,
      URI naverUrl,
      KisCredentials credentials,
      Path tokenCache) {
    return new KisConfig(
        environment,
        Optional.of(restUrl),
        Optional.of(wsUrl),
        Optional.of(naverUrl),
        credentials,
        environment.defaultRateLimit(),
        Duration.ofSeconds(10),
        tokenCache,
        Duration.ofMillis(200),
        Duration.ofSeconds(5),
        Duration.ofSeconds(60),
        TrIds.CURRENT);
  }

  public KisConfig withUrls(URI rest, URI ws, URI naver) {
    return edit(
        c -> {
          c.restUrl = Optional.of(rest);
          c.wsUrl = Optional.of(ws);
          c.naverUrl = Optional.of(naver);
        });
  }

  public KisConfig withRateLimit(int callsPerSecond) {
    return edit(c -> c.rateLimit = callsPerSecond);
  }

  public KisConfig withTimeout(Duration callTimeout) {
    return edit(c -> c.timeout = callTimeout);
  }

  public KisConfig withSilenceLimit(Duration limit) {
    return edit(c -> c.silenceLimit = limit);
  }

  public KisConfig withTrIds(TrIds ids) {
    return edit(c -> c.trIds = ids);
  }

  private KisConfig edit(Consumer<Draft> change) {
    Draft draft = new Draft(this);
    change.accept(draft);
    return draft.build();
  }

  /** The tr_id to send for a trading function given in its real form. */
  String trId(String realId) {
    return TrIds.forEnvironment(realId, environment.paper());
  }

  private static Secret required(Optional<Secret> value, String key) {
    return value.orElseThrow(
        () ->
            new ConfigException(
                "missing KIS secret [key="
                    + key
                    + ", expected=environment variable "
                    + Settings.environmentVariable(key)
                    + " or the owner-only secrets file]"));
  }

  private static AccountNumber account(Secret secret) {
    try {
      return AccountNumber.parse(secret.reveal());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "invalid configuration value [key=" + ACCOUNT + ", expected=12345678-01]");
    }
  }

  private static Optional<URI> url(Settings settings, String key, URI fallback) {
    Optional<String> raw = settings.optionalString(key);
    if (raw.isEmpty()) {
      return Optional.ofNullable(fallback);
    }
    try {
      URI uri = URI.create(raw.get());
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException();
      }
      return Optional.of(uri);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "invalid configuration value [key="
              + key
              + ", value="
              + raw.get()
              + ", expected=a URL such as http://127.0.0.1:9443]");
    }
  }

  /** A mutable copy, so that each {@code with…} names only what it changes. */
  private static final class Draft {
    KisEnvironment environment;
    Optional<URI> restUrl;
    Optional<URI> wsUrl;
    Optional<URI> naverUrl;
    KisCredentials credentials;
    int rateLimit;
    Duration timeout;
    Path tokenCache;
    Duration reconnectMin;
    Duration reconnectMax;
    Duration silenceLimit;
    TrIds trIds;

    Draft(KisConfig c) {
      environment = c.environment;
      restUrl = c.restUrl;
      wsUrl = c.wsUrl;
      naverUrl = c.naverUrl;
      credentials = c.credentials;
      rateLimit = c.rateLimit;
      timeout = c.timeout;
      tokenCache = c.tokenCache;
      reconnectMin = c.reconnectMin;
      reconnectMax = c.reconnectMax;
      silenceLimit = c.silenceLimit;
      trIds = c.trIds;
    }

    KisConfig build() {
      return new KisConfig(
          environment,
          restUrl,
          wsUrl,
          naverUrl,
          credentials,
          rateLimit,
          timeout,
          tokenCache,
          reconnectMin,
          reconnectMax,
          silenceLimit,
          trIds);
    }
  }
}
