package io.krxtrader.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.krx.Universe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorIT {

  static final Instant OPEN =
      LocalDateTime.parse("2026-11-23T09:00:00").atZone(TradingCalendar.KST).toInstant();
  final Symbol samsung = Symbol.of("005930");

  long priceAfter(long seed, Duration elapsed) {
    SimulatedClock clock = SimulatedClock.fixed(OPEN);
    try (Simulator sim =
        Simulator.start(
            SimulatorConfig.defaults()
                .withSeed(seed)
                .withUniverse(Universe.defaultUniverse().first(3)),
            clock)) {
      clock.advance(elapsed);
      return sim.lastPrice(samsung);
    }
  }

  @Test
  void the_same_seed_gives_the_same_prices() {
    assertThat(priceAfter(7, Duration.ofMinutes(20)))
        .isEqualTo(priceAfter(7, Duration.ofMinutes(20)));
  }

  @Test
  void replay_drives_prices_from_scalp_jsonl(@TempDir Path dir) throws Exception {
    Path scalp = Files.createDirectories(dir.resolve("scalp"));
    Files.writeString(
        scalp.resolve("20261123_0900.jsonl"),
        String.join(
                "\n",
                "{\"ts\":\"2026-11-23T09:00:01+09:00\",\"event_time\":\"2026-11-23T09:00:01+09:00\",\"symbol\":\"005930\",\"bid_price\":70000,\"ask_price\":70100,\"bid_size\":10,\"ask_size\":12,\"last_price\":70100,\"volume\":5,\"session_id\":\"track_b_20261123\"}",
                "not json",
                "{\"ts\":\"2026-11-23T09:00:02+09:00\",\"event_time\":\"2026-11-23T09:00:02+09:00\",\"symbol\":\"005930\",\"bid_price\":70100,\"ask_price\":70200,\"bid_size\":10,\"ask_size\":12,\"last_price\":70200,\"volume\":3,\"session_id\":\"track_b_20261123\"}")
            // a complete last line: replay, like the loader, leaves an unfinished one unread
            + "\n");
    SimulatedClock clock = SimulatedClock.fixed(OPEN);
    try (Simulator sim =
        Simulator.start(
            SimulatorConfig.defaults()
                .withUniverse(Universe.defaultUniverse().first(3))
                .withReplay(dir),
            clock)) {
      clock.advance(Duration.ofMillis(1500));
      assertThat(sim.lastPrice(samsung)).isEqualTo(70_100);
      clock.advance(Duration.ofSeconds(1));
      assertThat(sim.lastPrice(samsung)).isEqualTo(70_200);
    }
  }
}
