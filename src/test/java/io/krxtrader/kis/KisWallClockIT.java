package io.krxtrader.kis;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.Universe;
import io.krxtrader.sim.SimulatorConfig;
import io.krxtrader.testkit.SimulatorFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reported failure: with the simulator's market clock in the past, a client that compares the
 * token's expiry with its wall clock took its cached token for expired, and the next start was
 * refused with EGW00133. Token expiry is wall-clock KST now, whatever the market clock says.
 */
class KisWallClockIT {

  @TempDir Path home;
  final Symbol samsung = Symbol.of("005930");

  @Test
  void a_cached_token_outlives_a_restart_when_the_market_clock_is_a_week_behind() {
    Instant weekAgo = Instant.now().minus(Duration.ofDays(7));
    try (SimulatorFixture sim =
        new SimulatorFixture(
            home,
            SimulatorConfig.defaults()
                .withUniverse(Universe.defaultUniverse().first(3))
                .withRateLimit(100),
            weekAgo)) {
      // A client on the wall clock alone, as a third-party client is.
      try (KisClient first = KisClient.open(sim.config(), sim.wall, sim.wall)) {
        assertThat(first.quotations().currentPrice(samsung).price()).isPositive();
      }
      try (KisClient restarted = KisClient.open(sim.config(), sim.wall, sim.wall)) {
        assertThat(restarted.quotations().currentPrice(samsung).price()).isPositive();
        assertThat(restarted.trading().balance().holdings()).isEmpty();
      }
      // krx-trader's own wiring (market clock for what it sees, wall clock for tokens) agrees.
      try (KisClient own = sim.client()) {
        assertThat(own.quotations().currentPrice(samsung).price()).isPositive();
      }
      assertThat(sim.simulator.tokensIssued()).isEqualTo(1);

      // The token ends with the wall-clock day, not the market's: the market clock stands still.
      sim.wall.advance(Duration.ofHours(24));
      try (KisClient dayLater = sim.client()) {
        assertThat(dayLater.quotations().currentPrice(samsung).price()).isPositive();
      }
      assertThat(sim.simulator.tokensIssued()).isEqualTo(2);
      assertThat(sim.clock.instant()).isBefore(weekAgo.plus(Duration.ofMinutes(1)));
    }
  }
}
