package io.krxtrader.cli;

import static io.krxtrader.cli.SimulatedSessions.DAY;
import static io.krxtrader.cli.SimulatedSessions.SCALP;
import static io.krxtrader.cli.SimulatedSessions.kst;
import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.db.Database;
import io.krxtrader.krx.Symbol;
import io.krxtrader.market.PriceHistory;
import io.krxtrader.observer.FileCheck;
import io.krxtrader.observer.GapRecord;
import io.krxtrader.observer.MinuteBar;
import io.krxtrader.observer.Observer;
import io.krxtrader.observer.TimeRange;
import io.krxtrader.observer.ValidationReport;
import io.krxtrader.testkit.PostgresExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live pipeline against the simulator over real sockets and the real database: collectors,
 * files, tailer, bars and PriceSync, driven by the demo's own driver.
 */
class LiveSessionIT {

  @TempDir Path home;

  @Test
  void a_simulated_session_writes_track_a_track_b_and_gap_files_and_the_matching_rows() {
    AppConfig config = SimulatedSessions.config(home);
    try (Database database = PostgresExtension.freshDatabase()) {
      SimulatedDay.Run run =
          SimulatedSessions.run(
              database,
              config,
              "08:59",
              "09:21",
              List.of(
                  new SimulatedDay.Fault(
                      kst("09:19:50"),
                      "fail the next current-price call",
                      simulator ->
                          simulator
                              .faults()
                              .failNext(
                                  "/uapi/domestic-stock/v1/quotations/inquire-price",
                                  500,
                                  "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00500\",\"msg1\":\"x\"}"))));
      assertThat(run.complete()).isTrue();

      Path data = config.observer().dataDirectory();
      assertThat(data.resolve("swing/20260122_0910.jsonl")).exists();
      assertThat(data.resolve("swing/20260122_0920.jsonl")).exists();
      assertThat(data.resolve("scalp/20260122_0900.jsonl")).exists();
      assertThat(data.resolve("scalp/20260122_0910.jsonl")).exists();
      assertThat(data.resolve("system/gap_20260122.jsonl")).exists();
      assertThat(run.collected().polls()).isEqualTo(2);
      assertThat(run.collected().snapshots()).isEqualTo(9); // 2 polls x 5 symbols, one failed

      Observer observer = new Observer(database, config.observer(), InstantSource.system());
      ValidationReport report =
          observer.validate(Optional.of(TimeRange.kstDays(DAY, DAY)), Optional.of(data));
      assertThat(report.files()).hasSizeGreaterThanOrEqualTo(5);
      for (FileCheck file : report.files()) {
        assertThat(file.problem()).as(file.path()).isEmpty();
        assertThat(file.waiting()).as(file.path()).isZero();
        assertThat(file.linesRejected()).as(file.path()).isZero();
      }
      long fileLines = report.files().stream().mapToLong(FileCheck::fileLines).sum();
      long expected =
          run.collected().scalpRecords() + run.collected().snapshots() + run.collected().gaps();
      assertThat(fileLines).isEqualTo(expected);

      // Bars and coverage: the liquid symbol's minutes are mostly fully covered at 2 Hz. (Not all:
      // at 100x a 100 ms stall of a loaded machine is 10 s of simulated silence.)
      List<MinuteBar> bars =
          observer.minuteBars(
              List.of(Symbol.of("005930")),
              new TimeRange(kst("09:01"), kst("09:19")),
              Optional.empty());
      assertThat(bars).hasSize(18);
      assertThat(bars.stream().filter(b -> b.coverageRatio() >= 0.9).count()).isGreaterThan(9);
      assertThat(observer.coverage(List.of(Symbol.of("005930")), DAY, DAY).get(0).bars())
          .isGreaterThanOrEqualTo(20);

      List<GapRecord> gaps = observer.criticalGaps(DAY, DAY, Optional.of(Duration.ZERO), false);
      assertThat(gaps)
          .anySatisfy(
              gap -> {
                assertThat(gap.reason()).isEqualTo("rest_error");
                assertThat(gap.scope()).isEqualTo("swing");
                assertThat(gap.start()).isEqualTo(kst("09:20"));
                assertThat(gap.seconds()).isEqualTo(600);
              });

      // PriceSync got the stream's and the polls' prices in-process, without the files.
      assertThat(run.pricesWritten()).isGreaterThan(run.collected().scalpRecords() / 2);
      long bestPrices =
          Jdbi.create(database.admin())
              .withHandle(
                  h ->
                      h.createQuery("SELECT count(*) FROM market.prices_best")
                          .mapTo(Long.class)
                          .one());
      assertThat(bestPrices).isEqualTo(5);
    }
  }

  @Test
  void a_dropped_websocket_is_one_gap_with_the_outages_span_and_the_stream_comes_back() {
    AppConfig config = SimulatedSessions.config(home);
    try (Database database = PostgresExtension.freshDatabase()) {
      SimulatedSessions.run(
          database,
          config,
          "09:04",
          "09:12",
          List.of(
              new SimulatedDay.Fault(
                  kst("09:07"), "drop the WebSocket", s -> s.faults().dropWebSockets())));
      Observer observer = new Observer(database, config.observer(), InstantSource.system());
      List<GapRecord> outages =
          observer.criticalGaps(DAY, DAY, Optional.of(Duration.ZERO), false).stream()
              .filter(g -> g.reason().equals("ws_disconnect"))
              .toList();
      assertThat(outages).hasSize(1);
      GapRecord outage = outages.get(0);
      // The fault fires at the first check at or after 09:07 (every 100 ms of real time).
      assertThat(outage.start()).isBetween(kst("09:07"), kst("09:07:30"));
      assertThat(outage.end()).isAfter(outage.start());
      // The first reconnect waits 200 ms of real time: 20 simulated seconds at 100x.
      assertThat(outage.seconds()).isBetween(15, 120);

      // Every subscribed symbol streams again after the outage ...
      for (String code : SCALP) {
        assertThat(
                observer.ticks(
                    Symbol.of(code), new TimeRange(outage.end(), kst("09:12")), Optional.empty()))
            .as(code)
            .hasSizeGreaterThan(100);
        // ... and nothing was received during it (5 simulated seconds, 50 ms of real time, at
        // either edge for frames already in flight when the gap was opened or closed).
        assertThat(
                observer.ticks(
                    Symbol.of(code),
                    new TimeRange(outage.start().plusSeconds(5), outage.end().minusSeconds(5)),
                    Optional.empty()))
            .as(code)
            .isEmpty();
      }
      // PriceSync kept the watched symbols' prices from REST while the stream was down.
      List<PriceHistory.StalePeriod> stale =
          new PriceHistory(database)
              .stalePeriods(
                  SCALP.stream().map(Symbol::of).toList(),
                  outage.start(),
                  outage.end(),
                  Duration.ofSeconds(5));
      assertThat(stale)
          .allSatisfy(p -> assertThat(p.length()).isLessThan(Duration.ofSeconds(outage.seconds())));
    }
  }
}
