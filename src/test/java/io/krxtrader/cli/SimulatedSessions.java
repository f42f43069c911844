package io.krxtrader.cli;

import io.krxtrader.config.Settings;
import io.krxtrader.db.Database;
import io.krxtrader.krx.TradingCalendar;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * Short simulated sessions for tests, through the demo's own driver ({@link SimulatedDay}): five
 * symbols in the simulator, three on Track B, five on Track A, at 100x.
 */
final class SimulatedSessions {

  static final LocalDate DAY = LocalDate.of(2026, 1, 22); // a Thursday
  static final List<String> SCALP = List.of("005930", "000660", "373220");
  static final double SPEED = 100;

  private SimulatedSessions() {}

  static Instant kst(String time) {
    return ZonedDateTime.of(DAY, LocalTime.parse(time), TradingCalendar.KST).toInstant();
  }

  static AppConfig config(Path home) {
    return AppConfig.load(
        Settings.of(
            Map.of(
                "home", home.toString(),
                "sim.symbols", "5",
                "observer.scalp-symbols", String.join(",", SCALP),
                "observer.swing-symbols", "005930,000660,373220,207940,005380",
                // PriceSync's real-time timers, compressed like the clock (as the demo does)
                "market.scan-interval", "10ms",
                "market.sync.poll-interval", "10ms")));
  }

  static SimulatedDay.Run run(
      Database database,
      AppConfig config,
      String from,
      String to,
      List<SimulatedDay.Fault> faults) {
    return SimulatedDay.run(
        database,
        config,
        config.collectors(),
        kst(from),
        kst(to),
        SPEED,
        faults,
        new PrintWriter(new StringWriter()));
  }
}
