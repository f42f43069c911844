package io.krxtrader.sim;

import io.krxtrader.config.ConfigException;
import io.krxtrader.config.Settings;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.krx.Universe;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How the simulator runs.
 *
 * @param paper paper-trading dialect (V tr_ids, H0STCNI9, paper page sizes, paper messages) or real
 * @param restPort REST port; 0 picks a free one (so do {@code wsPort} and {@code naverPort})
 * @param start simulated start; empty means now
 * @param speed simulated seconds per wall second; 0 stands still until advanced
 * @param step the market model's time grid: prices move every {@code step} of simulated time
 * @param rateLimit REST calls per second per app key, as KIS enforces (2 paper, 20 real)
 * @param pingInterval how often the WebSocket server sends PINGPONG (KIS: about every 20 s)
 * @param pingAnswerLimit a WebSocket session whose PINGPONG has gone unanswered (neither echoed as
 *     a text frame nor answered with a pong control frame) this long on the wall clock is closed,
 *     as KIS closes it
 * @param replay a directory of Track B scalp JSONL files that drives prices instead of the model
 * @param stories scripted price stories laid over the seeded model (none by default; the demo day
 *     uses {@link DayStories#defaults})
 */
public record SimulatorConfig(
    boolean paper,
    int restPort,
    int wsPort,
    int naverPort,
    long seed,
    Universe universe,
    Optional<Instant> start,
    double speed,
    Duration step,
    int rateLimit,
    Duration pingInterval,
    Duration pingAnswerLimit,
    long startingCash,
    Optional<Path> replay,
    TradingCalendar calendar,
    DayStories stories) {

  public static final String MODE = "sim.mode";
  public static final String PORT = "sim.port";
  public static final String WS_PORT = "sim.ws-port";
  public static final String NAVER_PORT = "sim.naver-port";
  public static final String SEED = "sim.seed";
  public static final String SPEED = "sim.speed";
  public static final String START = "sim.start";
  public static final String SYMBOLS = "sim.symbols";
  public static final String CASH = "sim.cash";
  public static final String RATE_LIMIT = "sim.rate-limit";
  public static final String REPLAY = "sim.replay";
  public static final String PING_ANSWER_LIMIT = "sim.ping-answer-limit";

  /**
   * KIS does not publish how long it waits for a PINGPONG answer; one public code comment says a
   * session closes after 100 s without one (REFERENCE.md §6.3, low confidence).
   */
  public static final Duration DEFAULT_PING_ANSWER_LIMIT = Duration.ofSeconds(100);

  /** The simulator's trading modes, as written in configuration. */
  public enum Mode {
    PAPER,
    REAL
  }

  public SimulatorConfig {
    if (step.isNegative() || step.isZero()) {
      throw new IllegalArgumentException("the model step must be positive");
    }
    if (rateLimit < 1) {
      throw new IllegalArgumentException("the rate limit must be positive");
    }
    if (pingAnswerLimit.isNegative() || pingAnswerLimit.isZero()) {
      throw new IllegalArgumentException("the PINGPONG answer limit must be positive");
    }
  }

  /** Paper mode, random ports, seed 1, the default universe, now, real time. */
  public static SimulatorConfig defaults() {
    return new SimulatorConfig(
        true,
        0,
        0,
        0,
        1,
        Universe.defaultUniverse(),
        Optional.empty(),
        1,
        Duration.ofMillis(500),
        2,
        Duration.ofSeconds(20),
        DEFAULT_PING_ANSWER_LIMIT,
        100_000_000L,
        Optional.empty(),
        TradingCalendar.krx(),
        DayStories.none());
  }

  public static SimulatorConfig from(Settings settings) {
    boolean paper = settings.oneOf(MODE, Mode.class, Mode.PAPER) == Mode.PAPER;
    int port = settings.integer(PORT, 0, 0, 65_535);
    Optional<Instant> start = Optional.empty();
    Optional<String> rawStart = settings.optionalString(START);
    if (rawStart.isPresent()) {
      try {
        start =
            Optional.of(
                LocalDateTime.parse(rawStart.get()).atZone(TradingCalendar.KST).toInstant());
      } catch (DateTimeParseException e) {
        throw new ConfigException(
            "invalid configuration value [key="
                + START
                + ", value="
                + rawStart.get()
                + ", expected=a KST date and time such as 2026-11-23T08:55]");
      }
    }
    int symbols =
        settings.integer(
            SYMBOLS, Universe.defaultUniverse().size(), 1, Universe.defaultUniverse().size());
    return new SimulatorConfig(
        paper,
        port,
        settings.integer(WS_PORT, port == 0 ? 0 : port + 1, 0, 65_535),
        settings.integer(NAVER_PORT, port == 0 ? 0 : port + 2, 0, 65_535),
        settings.longValue(SEED, 1, Long.MIN_VALUE, Long.MAX_VALUE),
        Universe.defaultUniverse().first(symbols),
        start,
        speedOf(settings),
        Duration.ofMillis(500),
        settings.integer(RATE_LIMIT, paper ? 2 : 20, 1, 10_000),
        Duration.ofSeconds(20),
        settings.duration(
            PING_ANSWER_LIMIT,
            DEFAULT_PING_ANSWER_LIMIT,
            Duration.ofSeconds(1),
            Duration.ofDays(1)),
        settings.longValue(CASH, 100_000_000L, 0, 1_000_000_000_000_000L),
        settings.optionalString(REPLAY).map(Path::of),
        TradingCalendar.krx(),
        DayStories.none());
  }

  private static double speedOf(Settings settings) {
    String raw = settings.string(SPEED, "1");
    try {
      double value = Double.parseDouble(raw);
      if (value < 0 || value > 100_000) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(
          "invalid configuration value [key="
              + SPEED
              + ", value="
              + raw
              + ", expected=a number from 0 to 100000]");
    }
  }

  public SimulatorConfig withMode(boolean paperMode) {
    return edit(
        c -> {
          c.paper = paperMode;
          c.rateLimit = paperMode ? 2 : 20;
        });
  }

  public SimulatorConfig withStart(Instant at, double clockSpeed) {
    return edit(
        c -> {
          c.start = Optional.of(at);
          c.speed = clockSpeed;
        });
  }

  public SimulatorConfig withUniverse(Universe symbols) {
    return edit(c -> c.universe = symbols);
  }

  public SimulatorConfig withSeed(long newSeed) {
    return edit(c -> c.seed = newSeed);
  }

  public SimulatorConfig withRateLimit(int perSecond) {
    return edit(c -> c.rateLimit = perSecond);
  }

  public SimulatorConfig withPingInterval(Duration interval) {
    return edit(c -> c.pingInterval = interval);
  }

  public SimulatorConfig withPingAnswerLimit(Duration limit) {
    return edit(c -> c.pingAnswerLimit = limit);
  }

  public SimulatorConfig withReplay(Path directory) {
    return edit(c -> c.replay = Optional.of(directory));
  }

  /** The same simulator with these stories laid over its seeded model. */
  public SimulatorConfig withStories(DayStories dayStories) {
    return edit(c -> c.stories = dayStories);
  }

  private SimulatorConfig edit(Consumer<Draft> change) {
    Draft draft = new Draft(this);
    change.accept(draft);
    return draft.build();
  }

  /** A mutable copy, so that each {@code with…} names only what it changes. */
  private static final class Draft {
    boolean paper;
    int restPort;
    int wsPort;
    int naverPort;
    long seed;
    Universe universe;
    Optional<Instant> start;
    double speed;
    Duration step;
    int rateLimit;
    Duration pingInterval;
    Duration pingAnswerLimit;
    long startingCash;
    Optional<Path> replay;
    TradingCalendar calendar;
    DayStories stories;

    Draft(SimulatorConfig c) {
      paper = c.paper;
      restPort = c.restPort;
      wsPort = c.wsPort;
      naverPort = c.naverPort;
      seed = c.seed;
      universe = c.universe;
      start = c.start;
      speed = c.speed;
      step = c.step;
      rateLimit = c.rateLimit;
      pingInterval = c.pingInterval;
      pingAnswerLimit = c.pingAnswerLimit;
      startingCash = c.startingCash;
      replay = c.replay;
      calendar = c.calendar;
      stories = c.stories;
    }

    SimulatorConfig build() {
      return new SimulatorConfig(
          paper,
          restPort,
          wsPort,
          naverPort,
          seed,
          universe,
          start,
          speed,
          step,
          rateLimit,
          pingInterval,
          pingAnswerLimit,
          startingCash,
          replay,
          calendar,
          stories);
    }
  }
}
