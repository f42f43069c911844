package io.krxtrader.trade.router;

import io.krxtrader.config.ConfigException;
import io.krxtrader.config.Secret;
import io.krxtrader.config.Settings;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The router's configuration (keys {@code router.*}); defaults are the spec's (03-trading.md,
 * "Router"). Producers are listed in {@code router.producers} ({@code 3000,3001}); each has {@code
 * router.producer.<id>.priority} (larger wins, default 0), {@code .weight} (default 1), {@code
 * .score-min} and {@code .score-max} (default 0 and 100). A producer not listed gets those
 * defaults.
 */
public record RouterConfig(
    Path inbox,
    Duration inboxEvery,
    long maxRunBytes,
    int maxPicks,
    Optional<Secret> httpToken,
    MergeMethod method,
    Map<String, Producer> producers,
    Duration maxPickAge,
    int weightedThreshold,
    int consensusMin,
    Duration priceWait,
    int minQuality,
    Duration maxPriceAge,
    LocalTime entryFrom,
    LocalTime entryUntil,
    int limitMarginPercent,
    int maxSpreadBasisPoints,
    int entrySizePercent,
    Duration decideEvery) {

  public static final String INBOX = "router.inbox";
  public static final String INBOX_EVERY = "router.inbox-every";
  public static final String MAX_RUN_BYTES = "router.max-run-bytes";
  public static final String MAX_PICKS = "router.max-picks";
  public static final String HTTP_TOKEN = "router.http-token";
  public static final String METHOD = "router.merge";
  public static final String PRODUCERS = "router.producers";
  public static final String MAX_PICK_AGE = "router.max-pick-age";
  public static final String WEIGHTED_THRESHOLD = "router.weighted-threshold";
  public static final String CONSENSUS_MIN = "router.consensus-min";
  public static final String PRICE_WAIT = "router.price-wait";
  public static final String MIN_QUALITY = "router.min-quality";
  public static final String MAX_PRICE_AGE = "router.max-price-age";
  public static final String ENTRY_FROM = "router.entry-from";
  public static final String ENTRY_UNTIL = "router.entry-until";
  public static final String LIMIT_MARGIN = "router.limit-margin-pct";
  public static final String MAX_SPREAD = "router.max-spread-bp";
  public static final String ENTRY_SIZE = "router.entry-size-pct";
  public static final String DECIDE_EVERY = "router.decide-every";

  private static final Pattern PRODUCER_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  /** A producer's standing: priority (larger wins), weight, and the range its scores must be in. */
  public record Producer(int priority, int weight, BigDecimal scoreMin, BigDecimal scoreMax) {
    public static final Producer DEFAULT =
        new Producer(0, 1, BigDecimal.ZERO, BigDecimal.valueOf(100));
  }

  public Producer producer(String id) {
    return producers.getOrDefault(id, Producer.DEFAULT);
  }

  /** The spec's defaults, with the inbox under {@code home}. */
  public static RouterConfig defaults(Path home) {
    return from(Settings.of(Map.of()), home);
  }

  public static RouterConfig from(Settings settings, Path home) {
    Map<String, Producer> producers = new LinkedHashMap<>();
    for (String id : settings.string(PRODUCERS, "").split(",")) {
      String producer = id.strip();
      if (producer.isEmpty()) {
        continue;
      }
      if (!PRODUCER_ID.matcher(producer).matches()) {
        throw new ConfigException(
            "invalid configuration value [key="
                + PRODUCERS
                + ", value="
                + producer
                + ", expected=producer ids of letters, digits, '_', '-' or '.' separated by"
                + " commas]");
      }
      String prefix = "router.producer." + producer + ".";
      long min = settings.longValue(prefix + "score-min", 0, -1_000_000, 1_000_000);
      long max = settings.longValue(prefix + "score-max", 100, -1_000_000, 1_000_000);
      if (min > max) {
        throw new ConfigException(
            "invalid configuration value [key="
                + prefix
                + "score-min, expected=at most score-max]");
      }
      producers.put(
          producer,
          new Producer(
              settings.integer(prefix + "priority", 0, -1_000, 1_000),
              settings.integer(prefix + "weight", 1, 1, 1_000),
              BigDecimal.valueOf(min),
              BigDecimal.valueOf(max)));
    }
    return new RouterConfig(
        settings.path(INBOX, home.resolve("router").resolve("inbox")),
        settings.duration(
            INBOX_EVERY, Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofHours(1)),
        settings.longValue(MAX_RUN_BYTES, 5L * 1024 * 1024, 1_000, 100L * 1024 * 1024),
        settings.integer(MAX_PICKS, 2_000, 1, 100_000),
        settings.secret(HTTP_TOKEN, home.resolve("secrets.properties")),
        settings.oneOf(METHOD, MergeMethod.class, MergeMethod.PRIORITY),
        Map.copyOf(producers),
        settings.duration(
            MAX_PICK_AGE, Duration.ofMinutes(30), Duration.ofMinutes(1), Duration.ofHours(24)),
        settings.integer(WEIGHTED_THRESHOLD, 60, -1_000_000, 1_000_000),
        settings.integer(CONSENSUS_MIN, 2, 1, 100),
        settings.duration(PRICE_WAIT, Duration.ofMinutes(5), Duration.ZERO, Duration.ofHours(6)),
        settings.integer(MIN_QUALITY, 50, 0, 100),
        settings.duration(
            MAX_PRICE_AGE, Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMinutes(10)),
        settings.time(ENTRY_FROM, LocalTime.of(9, 0)),
        settings.time(ENTRY_UNTIL, LocalTime.of(15, 20)),
        settings.integer(LIMIT_MARGIN, 2, 0, 29),
        settings.integer(MAX_SPREAD, 50, 1, 10_000),
        settings.integer(ENTRY_SIZE, 10, 1, 100),
        settings.duration(
            DECIDE_EVERY, Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofMinutes(10)));
  }

  public PickRunParser parser() {
    return new PickRunParser(maxRunBytes, maxPicks);
  }
}
