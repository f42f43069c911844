package io.krxtrader.testkit;

import io.krxtrader.kis.KisClient;
import io.krxtrader.kis.KisConfig;
import io.krxtrader.kis.KisEnvironment;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.krx.Universe;
import io.krxtrader.sim.SimulatedClock;
import io.krxtrader.sim.Simulator;
import io.krxtrader.sim.SimulatorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;

/**
 * A simulator on random loopback ports with a market clock and a wall clock that move only when
 * told, and clients for it. {@link #advance} moves both (time passes); a test that needs them apart
 * moves one.
 */
public final class SimulatorFixture implements AutoCloseable {

  public static final Instant OPEN =
      LocalDateTime.parse("2026-11-23T09:00:00").atZone(TradingCalendar.KST).toInstant();

  public final SimulatedClock clock;

  /** The wall clock of tokens and PINGPONG answers, shared by the simulator and its clients. */
  public final SimulatedClock wall = SimulatedClock.fixed(Instant.now());

  public final Simulator simulator;
  public final Path home;

  public SimulatorFixture(Path home, SimulatorConfig config, Instant start) {
    this.home = home;
    this.clock = SimulatedClock.fixed(start);
    this.simulator = Simulator.start(config.withPingInterval(Duration.ofMillis(300)), clock, wall);
  }

  /** Paper mode, 30 symbols, 100 calls a second (functional tests; the rate-limit test uses 2). */
  public static SimulatorFixture paper(Path home) {
    return new SimulatorFixture(
        home,
        SimulatorConfig.defaults()
            .withUniverse(Universe.defaultUniverse().first(30))
            .withRateLimit(100),
        OPEN.plusSeconds(30));
  }

  public KisConfig config() {
    return KisConfig.forUrls(
            simulator.config().paper() ? KisEnvironment.SIMULATOR : KisEnvironment.REAL,
            simulator.restUrl(),
            simulator.wsUrl(),
            simulator.naverUrl(),
            simulator.credentials(),
            home.resolve("kis/token.json"))
        .withRateLimit(simulator.config().rateLimit())
        // the simulator pings every 300 ms of real time here
        .withSilenceLimit(Duration.ofSeconds(2));
  }

  public KisClient client() {
    return KisClient.open(config(), clock, wall);
  }

  public void advance(Duration duration) {
    clock.advance(duration);
    wall.advance(duration);
    simulator.catchUp();
  }

  @Override
  public void close() {
    simulator.close();
  }
}
