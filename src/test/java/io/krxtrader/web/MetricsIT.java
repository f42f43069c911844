package io.krxtrader.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.krxtrader.db.Database;
import io.krxtrader.system.Halt;
import io.krxtrader.system.LeaderName;
import io.krxtrader.system.Leadership;
import io.krxtrader.testkit.PostgresExtension;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} after a known workload on top of {@link WebFixture}'s rows (the clock at
 * 2026-01-22 10:00 KST), parsed as Prometheus text and checked name by name, value by value.
 */
@ExtendWith(PostgresExtension.class)
class MetricsIT {

  /** One sample line: name, labels, value. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private static final Pattern LINE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\d+)?$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

  @Test
  void a_scrape_shows_the_known_workload(Database db, @TempDir Path home) throws Exception {
    try (WebFixture fixture = new WebFixture(db, home);
        Leadership exit = Leadership.elect(db, LeaderName.EXIT, "metrics-it", fixture.clock)) {
      assertThat(exit.isLeading()).isTrue();
      workload(db);
      Halt.halt(
          db,
          Optional.of("metrics"),
          false,
          new Halt.Operator("metrics-it", "localhost", 1),
          fixture.clock);
      assertThat(fixture.post("/api/halt", Optional.empty(), "{}").statusCode()).isEqualTo(401);

      HttpResponse<String> response = fixture.get("/metrics");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .get()
          .asString()
          .startsWith("text/plain");
      List<Sample> samples = parse(response.body());

      // 119 ticks of ours and the fixture's 09:59:30 one in the minute before 10:00: 2 a second
      assertThat(value(samples, "krx_observer_ticks_per_second")).isEqualTo(2.0);
      // 30 price events in the last minute (the 5 older ones do not count)
      assertThat(value(samples, "krx_market_price_events_per_second")).isEqualTo(0.5);
      // the newest tick was received at 09:59:58.500
      assertThat(value(samples, "krx_observer_ingest_lag_seconds")).isCloseTo(1.5, within(1e-9));
      assertThat(value(samples, "krx_market_stale_symbols")).isEqualTo(1);
      assertThat(value(samples, "krx_market_sync_jobs", "status", "PENDING")).isEqualTo(3);
      assertThat(value(samples, "krx_market_sync_jobs", "status", "RUNNING")).isEqualTo(1);
      assertThat(value(samples, "krx_market_sync_queue_depth")).isEqualTo(4);
      assertThat(value(samples, "krx_trade_intents", "status", "FILLED")).isEqualTo(1);
      assertThat(value(samples, "krx_trade_intents", "status", "NEW")).isEqualTo(2);
      assertThat(value(samples, "krx_trade_intents", "status", "REJECTED")).isEqualTo(1);
      assertThat(samples).noneMatch(s -> s.name().equals("krx_trade_intents") && s.value() == 0);
      assertThat(value(samples, "krx_trade_fills")).isEqualTo(2);
      // intent 09:04:59, order 09:05:00.250
      assertThat(value(samples, "krx_trade_order_latency_seconds", "statistic", "mean"))
          .isCloseTo(1.25, within(1e-9));
      assertThat(value(samples, "krx_trade_order_latency_seconds", "statistic", "max"))
          .isCloseTo(1.25, within(1e-9));
      assertThat(value(samples, "krx_trade_holdings_mismatches")).isEqualTo(1);
      assertThat(value(samples, "krx_system_leader", "leader", "exit")).isEqualTo(1);
      assertThat(samples.stream().filter(s -> s.name().equals("krx_system_leader"))).hasSize(1);
      assertThat(value(samples, "krx_system_halted")).isEqualTo(1);
      assertThat(value(samples, "krx_system_exits_halted")).isEqualTo(0);
      assertThat(value(samples, "krx_web_actions_total", "status", "401")).isEqualTo(1);

      // the pools: the system pool served this scrape, so it has a connection
      assertThat(value(samples, "krx_db_pool_connections", "pool", "system", "state", "total"))
          .isPositive();
      assertThat(samples.stream().filter(s -> s.name().equals("krx_db_pool_connections")))
          .extracting(s -> s.labels().get("pool"))
          .contains("exit", "execution", "pricesync", "observer", "portfolio", "system");
      assertThat(value(samples, "jvm_memory_used_bytes", "area", "heap", "id", firstHeap(samples)))
          .isPositive();
      assertThat(value(samples, "jvm_threads_live_threads")).isPositive();
      assertThat(value(samples, "system_cpu_count")).isPositive();
      assertThat(samples).anyMatch(s -> s.name().startsWith("jvm_gc_"));

      Halt.resume(db, new Halt.Operator("metrics-it", "localhost", 1), fixture.clock);
      assertThat(value(parse(fixture.get("/metrics").body()), "krx_system_halted")).isEqualTo(0);
    }
  }

  private static void workload(Database db) throws Exception {
    try (Connection c = db.admin().getConnection();
        Statement s = c.createStatement()) {
      // the fixture's ticks were received 100 ms after their event
      s.execute("UPDATE observer.scalp_ticks SET receive_time = event_time + interval '100 ms'");
      // 119 Track B ticks in (09:59:00, 10:00:00]: 60 of 005930, 59 of 000660, 500 ms apart,
      // each received 500 ms after its event; and 10 older ones
      s.execute(
          "INSERT INTO observer.scalp_ticks (symbol, event_time, receive_time, last_price,"
              + " session_id) SELECT CASE WHEN k <= 60 THEN '005930' ELSE '000660' END,"
              + " t, t + interval '500 ms', 70000, 'REGULAR' FROM ("
              + " SELECT k, timestamptz '2026-01-22T09:59:58+09:00'"
              + "   - (CASE WHEN k <= 60 THEN k - 1 ELSE k - 61 END) * interval '500 ms'"
              + "   - CASE WHEN k <= 60 THEN interval '0' ELSE interval '250 ms' END AS t"
              + " FROM generate_series(1, 119) k) ticks");
      s.execute(
          "INSERT INTO observer.scalp_ticks (symbol, event_time, receive_time, last_price,"
              + " session_id) SELECT '035420', timestamptz '2026-01-22T09:50:00+09:00' + k *"
              + " interval '1 s', timestamptz '2026-01-22T09:50:00+09:00', 200000, 'REGULAR'"
              + " FROM generate_series(1, 10) k");
      s.execute(
          "INSERT INTO market.prices_ticks (ts, symbol, source, last_price) SELECT"
              + " timestamptz '2026-01-22T10:00:00+09:00' - k * interval '1 s', '005930',"
              + " 'KIS_WS', 71000 FROM generate_series(0, 29) k");
      s.execute(
          "INSERT INTO market.prices_ticks (ts, symbol, source, last_price) SELECT"
              + " timestamptz '2026-01-22T09:58:00+09:00' - k * interval '1 s', '005930',"
              + " 'KIS_REST', 71000 FROM generate_series(0, 4) k");
      s.execute(
          "INSERT INTO market.sync_jobs (symbol, source, priority, status) VALUES"
              + " ('000660', 'KIS_REST', 100, 'PENDING'), ('000660', 'NAVER', 100, 'PENDING'),"
              + " ('035420', 'KIS_REST', 10, 'PENDING'), ('005380', 'KIS_REST', 10, 'RUNNING'),"
              + " ('005380', 'NAVER', 10, 'DONE'), ('051910', 'KIS_REST', 10, 'DONE'),"
              + " ('051910', 'NAVER', 10, 'FAILED')");
      s.execute(
          "INSERT INTO trade.order_intents (intent_id, symbol, side, intent_type, qty,"
              + " order_type, reason_code, action_key, status, created_by, created_ts,"
              + " updated_ts) VALUES"
              + " (gen_random_uuid(), '035420', 'BUY', 'ENTRY', 1, 'MKT', 'PICK', 'm-1', 'NEW',"
              + " 'router', '2026-01-22T09:40:00+09:00', '2026-01-22T09:40:00+09:00'),"
              + " (gen_random_uuid(), '035420', 'BUY', 'ENTRY', 1, 'MKT', 'PICK', 'm-2', 'NEW',"
              + " 'router', '2026-01-22T09:41:00+09:00', '2026-01-22T09:41:00+09:00'),"
              + " (gen_random_uuid(), '051910', 'BUY', 'ENTRY', 1, 'MKT', 'PICK', 'm-3',"
              + " 'REJECTED', 'router', '2026-01-22T09:42:00+09:00',"
              + " '2026-01-22T09:42:00+09:00'),"
              + " (gen_random_uuid(), '051910', 'BUY', 'ENTRY', 1, 'MKT', 'PICK', 'm-4', 'NEW',"
              + " 'router', '2026-01-21T14:00:00+09:00', '2026-01-21T14:00:00+09:00')");
      s.execute(
          "INSERT INTO trade.fills (fill_id, order_id, ts, qty, price, fee, side) VALUES"
              + " (gen_random_uuid(), '10001', '2026-01-22T09:06:00+09:00', 1, 70000, 0, 'BUY'),"
              + " (gen_random_uuid(), '10001', '2026-01-21T09:06:00+09:00', 1, 70000, 0, 'BUY')");
    }
  }

  private static String firstHeap(List<Sample> samples) {
    return samples.stream()
        .filter(s -> s.name().equals("jvm_memory_used_bytes"))
        .filter(s -> "heap".equals(s.labels().get("area")))
        .map(s -> s.labels().get("id"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no heap in jvm_memory_used_bytes"));
  }

  /** The value of the one sample with this name and these labels (among others). */
  private static double value(List<Sample> samples, String name, String... labels) {
    List<Sample> found = new ArrayList<>();
    for (Sample sample : samples) {
      boolean match = sample.name().equals(name);
      for (int i = 0; match && i < labels.length; i += 2) {
        match = labels[i + 1].equals(sample.labels().get(labels[i]));
      }
      if (match) {
        found.add(sample);
      }
    }
    assertThat(found).as(name + " " + String.join(",", labels)).hasSize(1);
    return found.get(0).value();
  }

  /** Prometheus text exposition format 0.0.4: comments skipped, every other line a sample. */
  static List<Sample> parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      assertThat(m.matches()).as("a sample line: " + line).isTrue();
      Map<String, String> labels = new TreeMap<>();
      if (m.group(2) != null) {
        Matcher l = LABEL.matcher(m.group(2));
        int end = 0;
        while (l.find() && l.start() == end) {
          labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
          end = l.end();
        }
        assertThat(end).as("labels of " + line).isEqualTo(m.group(2).length());
      }
      double value =
          switch (m.group(3)) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(m.group(3));
          };
      samples.add(new Sample(m.group(1), labels, value));
    }
    return samples;
  }
}
