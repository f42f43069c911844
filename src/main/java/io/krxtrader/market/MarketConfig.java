package io.krxtrader.market;

import io.krxtrader.config.ConfigException;
import io.krxtrader.config.Settings;
import java.time.Duration;

/**
 * PriceSync's configuration (keys {@code market.*}). Every default is the product's rule (a watched
 * symbol stale after 5 s, priorities 100/50/10, Naver every 30 s for held symbols, ...) and
 * MarketConfigTest pins each one.
 */
public record MarketConfig(
    Selection selection,
    Quality quality,
    Staleness staleness,
    Priorities priorities,
    Discrepancies discrepancies,
    Queue queue,
    Writer writer) {

  public static final String WS_MAX_AGE = "market.max-age.ws";
  public static final String REST_MAX_AGE = "market.max-age.rest";
  public static final String NAVER_MAX_AGE = "market.max-age.naver";
  public static final String PREFER_WITHIN = "market.prefer-within";
  public static final String WS_BASE = "market.quality.base.ws";
  public static final String REST_BASE = "market.quality.base.rest";
  public static final String NAVER_BASE = "market.quality.base.naver";
  public static final String GRACE = "market.quality.grace";
  public static final String POINT_PER = "market.quality.point-per";
  public static final String DISCREPANCY_PENALTY = "market.quality.discrepancy-penalty";
  public static final String DISCREPANCY_PENALTY_FOR = "market.quality.discrepancy-penalty-for";
  public static final String STALE_AFTER = "market.stale-after";
  public static final String SCAN_INTERVAL = "market.scan-interval";
  public static final String PRIORITY_HELD = "market.priority.held";
  public static final String PRIORITY_CANDIDATE = "market.priority.candidate";
  public static final String PRIORITY_OTHER = "market.priority.other";
  public static final String DISCREPANCY_WINDOW = "market.discrepancy.window";
  public static final String RECORD_BP = "market.discrepancy.record-bp";
  public static final String MEDIUM_BP = "market.discrepancy.medium-bp";
  public static final String HIGH_BP = "market.discrepancy.high-bp";
  public static final String REST_WORKERS = "market.sync.rest-workers";
  public static final String NAVER_WORKERS = "market.sync.naver-workers";
  public static final String CLAIM_BATCH = "market.sync.claim-batch";
  public static final String POLL_INTERVAL = "market.sync.poll-interval";
  public static final String MAX_ATTEMPTS = "market.sync.max-attempts";
  public static final String BACKOFF = "market.sync.backoff";
  public static final String BACKOFF_MAX = "market.sync.backoff-max";
  public static final String NAVER_EVERY = "market.sync.naver-every";
  public static final String RETENTION = "market.sync.retention";
  public static final String WRITER_THREADS = "market.writer.threads";
  public static final String QUEUE_CAPACITY = "market.writer.queue-capacity";
  public static final String MAX_BATCH = "market.writer.max-batch";
  public static final String LINGER = "market.writer.linger";

  /**
   * Which source's price is best: the freshest among those no older than their maximum age,
   * preferring WebSocket over REST over Naver when their times are at most {@code preferWithin}
   * apart.
   */
  public record Selection(
      Duration wsMaxAge, Duration restMaxAge, Duration naverMaxAge, Duration preferWithin) {

    public Duration maxAge(PriceSource source) {
      return switch (source) {
        case KIS_WS -> wsMaxAge;
        case KIS_REST -> restMaxAge;
        case NAVER -> naverMaxAge;
      };
    }
  }

  /**
   * {@code quality_score} = source base − 1 point per {@code pointPer} of age beyond {@code grace}
   * − {@code discrepancyPenalty} while a HIGH discrepancy is younger than {@code
   * discrepancyPenaltyFor}, clamped to 0..100.
   */
  public record Quality(
      int wsBase,
      int restBase,
      int naverBase,
      Duration grace,
      Duration pointPer,
      int discrepancyPenalty,
      Duration discrepancyPenaltyFor) {

    public int base(PriceSource source) {
      return switch (source) {
        case KIS_WS -> wsBase;
        case KIS_REST -> restBase;
        case NAVER -> naverBase;
      };
    }
  }

  /**
   * During the session a watched symbol whose best price is older than {@code staleAfter} is stale;
   * the scan that finds them runs every {@code scanInterval}.
   */
  public record Staleness(Duration staleAfter, Duration scanInterval) {}

  /** Priorities of refresh jobs: held symbols, candidates and picks, everything else. */
  public record Priorities(int held, int candidate, int other) {

    public int of(WatchReason reason) {
      return switch (reason) {
        case HELD -> held;
        case CANDIDATE, PICKED -> candidate;
        case SUBSCRIBED -> other;
      };
    }
  }

  /**
   * A Naver and a KIS price less than {@code window} apart are compared; a difference of at least
   * {@code recordFromBp} basis points (1/100 of a percent) of the KIS price is recorded, MEDIUM
   * from {@code mediumFromBp}, HIGH from {@code highFromBp}.
   */
  public record Discrepancies(Duration window, int recordFromBp, int mediumFromBp, int highFromBp) {

    public Discrepancies {
      if (!(0 < recordFromBp && recordFromBp <= mediumFromBp && mediumFromBp <= highFromBp)) {
        throw new ConfigException(
            "discrepancy thresholds must rise [keys="
                + RECORD_BP
                + ", "
                + MEDIUM_BP
                + ", "
                + HIGH_BP
                + ", values="
                + recordFromBp
                + ", "
                + mediumFromBp
                + ", "
                + highFromBp
                + "]");
      }
    }
  }

  /**
   * The refresh-job queue: workers per source in this process, jobs claimed at once, how long an
   * idle worker waits before it looks again, attempts before FAILED, the retry back-off ({@code
   * backoff} doubling per attempt up to {@code backoffMax}), the Naver cross-check interval of held
   * symbols, and how long DONE and FAILED jobs are kept.
   */
  public record Queue(
      int restWorkers,
      int naverWorkers,
      int claimBatch,
      Duration pollInterval,
      int maxAttempts,
      Duration backoff,
      Duration backoffMax,
      Duration naverEvery,
      Duration retention) {

    public int workers(PriceSource source) {
      return switch (source) {
        case KIS_REST -> restWorkers;
        case NAVER -> naverWorkers;
        case KIS_WS -> 0;
      };
    }
  }

  /**
   * Writing price events: writer threads (each owns a share of the symbols and commits its own
   * batches), events waiting per thread before the oldest are dropped, events per transaction, and
   * the least time between the starts of two batches of one thread (group commit).
   */
  public record Writer(int threads, int queueCapacity, int maxBatch, Duration linger) {}

  /** The defaults: the spec's numbers. */
  public static MarketConfig defaults() {
    return from(Settings.of(java.util.Map.of()));
  }

  public static MarketConfig from(Settings settings) {
    Duration ms = Duration.ofMillis(1);
    Duration day = Duration.ofDays(1);
    return new MarketConfig(
        new Selection(
            settings.duration(WS_MAX_AGE, Duration.ofSeconds(5), ms, day),
            settings.duration(REST_MAX_AGE, Duration.ofSeconds(20), ms, day),
            settings.duration(NAVER_MAX_AGE, Duration.ofSeconds(60), ms, day),
            settings.duration(PREFER_WITHIN, Duration.ofSeconds(1), Duration.ZERO, day)),
        new Quality(
            settings.integer(WS_BASE, 100, 0, 100),
            settings.integer(REST_BASE, 80, 0, 100),
            settings.integer(NAVER_BASE, 60, 0, 100),
            settings.duration(GRACE, Duration.ofSeconds(1), Duration.ZERO, day),
            settings.duration(POINT_PER, Duration.ofMillis(100), ms, day),
            settings.integer(DISCREPANCY_PENALTY, 30, 0, 100),
            settings.duration(DISCREPANCY_PENALTY_FOR, Duration.ofMinutes(5), Duration.ZERO, day)),
        new Staleness(
            settings.duration(STALE_AFTER, Duration.ofSeconds(5), ms, day),
            settings.duration(
                SCAN_INTERVAL, Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofHours(1))),
        new Priorities(
            settings.integer(PRIORITY_HELD, 100, 0, 1_000_000),
            settings.integer(PRIORITY_CANDIDATE, 50, 0, 1_000_000),
            settings.integer(PRIORITY_OTHER, 10, 0, 1_000_000)),
        new Discrepancies(
            settings.duration(DISCREPANCY_WINDOW, Duration.ofSeconds(10), ms, day),
            settings.integer(RECORD_BP, 50, 1, 10_000),
            settings.integer(MEDIUM_BP, 100, 1, 10_000),
            settings.integer(HIGH_BP, 200, 1, 10_000)),
        new Queue(
            settings.integer(REST_WORKERS, 2, 0, 64),
            settings.integer(NAVER_WORKERS, 1, 0, 64),
            settings.integer(CLAIM_BATCH, 5, 1, 10_000),
            settings.duration(POLL_INTERVAL, Duration.ofMillis(200), ms, Duration.ofMinutes(1)),
            settings.integer(MAX_ATTEMPTS, 5, 1, 100),
            settings.duration(BACKOFF, Duration.ofSeconds(1), Duration.ZERO, Duration.ofHours(1)),
            settings.duration(BACKOFF_MAX, Duration.ofMinutes(1), Duration.ZERO, day),
            settings.duration(NAVER_EVERY, Duration.ofSeconds(30), Duration.ofSeconds(1), day),
            settings.duration(
                RETENTION, Duration.ofDays(1), Duration.ofMinutes(1), Duration.ofDays(3650))),
        new Writer(
            settings.integer(WRITER_THREADS, 2, 1, 16),
            settings.integer(QUEUE_CAPACITY, 100_000, 1, 10_000_000),
            settings.integer(MAX_BATCH, 5_000, 1, 100_000),
            settings.duration(
                LINGER, Duration.ofMillis(10), Duration.ZERO, Duration.ofSeconds(1))));
  }
}
