package io.krxtrader.trade.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.config.Settings;
import io.krxtrader.db.Database;
import io.krxtrader.krx.Universe;
import io.krxtrader.system.LeaderName;
import io.krxtrader.system.Leadership;
import io.krxtrader.testkit.PostgresExtension;
import io.krxtrader.testkit.TestClock;
import io.krxtrader.trade.EntriesHalted;
import io.krxtrader.trade.risk.LatestSnapshotBalance;
import io.krxtrader.trade.risk.RiskConfig;
import io.krxtrader.trade.risk.RiskGate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pick status machine (Router's class comment) against a reference model: seeded random runs of
 * three producers (some sent twice, some older than what is there, some with scores out of range or
 * stale), and decision passes in between, all prices fresh. After every step each pick's status in
 * the database must be the model's. The seed is printed; {@code -Dpicks.seed=N} replays.
 */
@ExtendWith(PostgresExtension.class)
class PickStatusModelIT {

  private static final List<String> SYMBOLS =
      List.of("000270", "000660", "005380", "005930", "035420", "373220");
  private static final List<String> PRODUCERS = List.of("3000", "3001", "3002");

  private record ModelRun(
      String runId, String producer, Instant asof, Map<String, Integer> picks) {}

  private final Database db;
  private final Jdbi admin;

  PickStatusModelIT(Database db) {
    this.db = db;
    this.admin = Jdbi.create(db.admin());
  }

  @Test
  void statuses_follow_the_reference_model() throws Exception {
    long seed = Long.getLong("picks.seed", System.nanoTime());
    System.out.println(
        "PickStatusModelIT seed=" + seed + " (replay with -Dpicks.seed=" + seed + ")");
    Random random = new Random(seed);
    TestClock clock = TestClock.kst("09:00:00");
    admin.useHandle(
        h -> {
          h.execute(
              "INSERT INTO portfolio.portfolio_policy (policy_id, name, rebalance_freq,"
                  + " max_position_pct) VALUES ('p', 'p', 'daily', 0.1)");
          h.execute(
              "INSERT INTO portfolio.portfolio_snapshot (policy_id, snapshot_time, total_value,"
                  + " cash, invested_value) VALUES ('p', now(), 100000000, 100000000, 0)");
          for (String symbol : SYMBOLS) {
            h.execute(
                "INSERT INTO observer.eod_prices (symbol, trade_date, close) VALUES (?, ?, 70000)",
                symbol,
                LocalDate.parse("2026-01-21"));
            h.execute(
                "INSERT INTO market.prices_best (symbol, ts, source, last_price, bid, ask,"
                    + " freshness_ms, quality_score) VALUES (?, ?, 'KIS_WS', 71000, 70900, 71000,"
                    + " 0, 100)",
                symbol,
                clock.instant());
          }
        });
    PickIntake intake = new PickIntake(db, PickRunParser.standard(), clock);
    Map<String, ModelRun> runs = new HashMap<>();
    Map<String, String> expected = new TreeMap<>(); // "runId symbol" -> status
    Set<String> decided = new HashSet<>();
    int entries = 0;
    try (Leadership leadership = Leadership.elect(db, LeaderName.ROUTER, "model", clock)) {
      Router router =
          new Router(
              db,
              RouterConfig.from(Settings.of(Map.of()), Path.of("/tmp/issue15-home")),
              new RiskGate(RiskConfig.defaults(), new LatestSnapshotBalance()),
              leadership,
              EntriesHalted.NEVER,
              clock,
              Universe.defaultUniverse());
      for (int step = 0; step < 60; step++) {
        clock.advance(Duration.ofSeconds(random.nextInt(180)));
        int action = random.nextInt(10);
        if (action < 5 || runs.isEmpty()) {
          String runId = "m%03d".formatted(step);
          String producer = PRODUCERS.get(random.nextInt(PRODUCERS.size()));
          Instant asof = clock.instant().minusSeconds(random.nextInt(2_400));
          Map<String, Integer> picks = new TreeMap<>();
          for (String symbol : SYMBOLS) {
            if (random.nextInt(3) == 0) {
              picks.put(symbol, random.nextInt(121)); // above 100: out of range
            }
          }
          ModelRun run = new ModelRun(runId, producer, asof, picks);
          assertThat(intake.submit(json(run), "r.json", RunSource.CLI))
              .isInstanceOf(Submission.Accepted.class);
          boolean stale =
              runs.values().stream()
                  .anyMatch(
                      r ->
                          r.producer().equals(producer)
                              && (r.asof().compareTo(asof) > 0
                                  || r.asof().equals(asof) && r.runId().compareTo(runId) > 0));
          if (!stale) {
            for (ModelRun other : runs.values()) {
              if (other.producer().equals(producer)) {
                for (String symbol : other.picks().keySet()) {
                  expected.computeIfPresent(
                      other.runId() + " " + symbol,
                      (k, s) -> s.equals("ACTIVE") ? "SUPERSEDED" : s);
                }
              }
            }
          }
          runs.put(runId, run);
          for (String symbol : picks.keySet()) {
            expected.put(runId + " " + symbol, stale ? "SUPERSEDED" : "ACTIVE");
          }
        } else if (action < 6) {
          ModelRun again = new ArrayList<>(runs.values()).get(random.nextInt(runs.size()));
          assertThat(intake.submit(json(again), "again.json", RunSource.INBOX))
              .isEqualTo(new Submission.AlreadySubmitted(again.runId()));
        } else {
          Instant now = clock.instant();
          admin.useHandle(h -> h.execute("UPDATE market.prices_best SET ts = ?", now));
          router.decideOnce();
          for (String symbol : new TreeSet<>(SYMBOLS)) {
            List<String> active = new ArrayList<>();
            List<String> passing = new ArrayList<>();
            for (ModelRun run : runs.values()) {
              String key = run.runId() + " " + symbol;
              if ("ACTIVE".equals(expected.get(key))) {
                active.add(key);
                int score = run.picks().get(symbol);
                boolean fresh =
                    Duration.between(run.asof(), now).compareTo(Duration.ofMinutes(30)) <= 0;
                if (score <= 100 && fresh) {
                  passing.add(key);
                } else {
                  expected.put(key, "REJECTED");
                }
              }
            }
            if (active.isEmpty()) {
              continue;
            }
            if (decided.contains(symbol) || passing.isEmpty()) {
              passing.forEach(k -> expected.put(k, "REJECTED"));
            } else if (entries < 5) {
              passing.forEach(k -> expected.put(k, "PASSED"));
              entries++;
            } else {
              passing.forEach(k -> expected.put(k, "REJECTED"));
            }
            decided.add(symbol);
          }
        }
        Map<String, String> actual = new TreeMap<>();
        admin
            .withHandle(
                h ->
                    h.createQuery("SELECT run_id || ' ' || symbol, status FROM trade.picks")
                        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                        .list())
            .forEach(e -> actual.put(e.getKey(), e.getValue()));
        assertThat(actual).as("seed %d, step %d", seed, step).isEqualTo(expected);
      }
    }
    long intents =
        admin.withHandle(
            h -> h.createQuery("SELECT count(*) FROM trade.order_intents").mapTo(Long.class).one());
    assertThat(intents).as("seed %d", seed).isEqualTo(entries);
  }

  private static byte[] json(ModelRun run) {
    StringBuilder picks = new StringBuilder();
    run.picks()
        .forEach(
            (symbol, score) ->
                picks
                    .append(picks.isEmpty() ? "" : ",")
                    .append(
                        "{\"symbol\": \"%s\", \"side\": \"LONG\", \"score\": %d, \"confidence\": \"LOW\"}"
                            .formatted(symbol, score)));
    return """
        {"producer_id": "%s", "run_id": "%s", "run_date": "2026-01-22", "asof_ts": "%s",
         "picks": [%s]}
        """
        .formatted(
            run.producer(),
            run.runId(),
            OffsetDateTime.ofInstant(run.asof(), ZoneOffset.ofHours(9)),
            picks)
        .getBytes(StandardCharsets.UTF_8);
  }
}
