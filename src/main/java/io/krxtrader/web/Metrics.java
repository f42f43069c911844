package io.krxtrader.web;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.krx.Universe;
import io.krxtrader.market.MarketQueries;
import io.krxtrader.system.Halt;
import io.krxtrader.system.Leaders;
import io.krxtrader.trade.execution.Mismatches;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /metrics}: Micrometer's Prometheus registry. The database-backed gauges are read once per
 * scrape (one connection, a handful of indexed counts), so a scrape shows the state at that moment
 * whichever process wrote it. Names (all prefixed {@code krx_}):
 *
 * <ul>
 *   <li>{@code krx_observer_ticks_per_second}, {@code krx_market_price_events_per_second}: rows
 *       received in the last minute, per second
 *   <li>{@code krx_observer_ingest_lag_seconds}: now minus the receive time of the newest Track B
 *       tick in the table (the collector had it in its file then: how far loading is behind)
 *   <li>{@code krx_market_stale_symbols}, {@code krx_market_sync_jobs{status}} (PENDING, RUNNING),
 *       {@code krx_market_sync_queue_depth} (their sum)
 *   <li>{@code krx_trade_intents{status}}, {@code krx_trade_fills}, {@code
 *       krx_trade_order_latency_seconds{statistic=mean|max}}: today (KST)
 *   <li>{@code krx_trade_holdings_mismatches}, {@code krx_system_leader{leader}} (1 led and fresh,
 *       0 stale), {@code krx_system_halted}, {@code krx_system_exits_halted}
 *   <li>{@code krx_db_pool_connections{pool,state}}, JVM memory, GC, threads and CPU
 *   <li>{@code krx_web_actions_total{status}}: state-changing requests answered
 * </ul>
 */
final class Metrics implements AutoCloseable {

  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final Logger LOG = LoggerFactory.getLogger(Metrics.class);

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Database db;
  private final InstantSource clock;
  private final AtomicReference<Reading> last = new AtomicReference<>(Reading.EMPTY);
  private final MultiGauge syncJobs;
  private final MultiGauge intents;
  private final MultiGauge leaders;
  private final MultiGauge latency;
  private final Map<Integer, Counter> actions = new ConcurrentHashMap<>();
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final String[] symbols =
      Universe.defaultUniverse().symbols().stream().map(Symbol::code).toArray(String[]::new);

  /**
   * Track B's last minute and newest receive time, one index probe per universe symbol on {@code
   * idx_scalp_ticks_symbol_time}: a day's partition holds millions of rows and has no index that
   * leads with the time, so a plain count or max would read the whole day at every scrape.
   */
  private static final String TRACK_B =
      """
      SELECT coalesce(sum(c.n), 0), max(r.receive_time)
        FROM unnest(?::text[]) AS u(symbol)
       CROSS JOIN LATERAL (SELECT count(*) AS n FROM observer.scalp_ticks t
                            WHERE t.symbol = u.symbol AND t.event_time > ? AND t.event_time <= ?) c
        LEFT JOIN LATERAL (SELECT t.receive_time FROM observer.scalp_ticks t
                            WHERE t.symbol = u.symbol AND t.event_time >= ? AND t.event_time <= ?
                            ORDER BY t.event_time DESC LIMIT 1) r ON true
      """;

  /** One scrape's database reading. */
  private record Reading(
      double ticksPerSecond,
      double priceEventsPerSecond,
      double ingestLagSeconds,
      long staleSymbols,
      Map<String, Long> syncJobs,
      Map<String, Long> intents,
      long fills,
      double latencyMean,
      double latencyMax,
      long mismatches,
      Map<String, Boolean> leaders,
      boolean halted,
      boolean exitsHalted) {
    static final Reading EMPTY =
        new Reading(
            0,
            0,
            Double.NaN,
            0,
            Map.of(),
            Map.of(),
            0,
            Double.NaN,
            Double.NaN,
            0,
            Map.of(),
            false,
            false);
  }

  Metrics(Database db, InstantSource clock) {
    this.db = db;
    this.clock = clock;
    gauge(
        "krx_observer_ticks_per_second",
        r -> r.ticksPerSecond(),
        "Track B ticks per second over the last minute (by event time)");
    gauge(
        "krx_market_price_events_per_second",
        r -> r.priceEventsPerSecond(),
        "Price events (market.prices_ticks) per second over the last minute");
    gauge(
        "krx_observer_ingest_lag_seconds",
        r -> r.ingestLagSeconds(),
        "Now minus the newest Track B tick's receive time");
    gauge("krx_market_stale_symbols", r -> r.staleSymbols(), "Symbols marked stale");
    gauge(
        "krx_market_sync_queue_depth",
        r -> r.syncJobs().values().stream().mapToLong(Long::longValue).sum(),
        "Sync jobs waiting or running (PENDING + RUNNING)");
    gauge("krx_trade_fills", r -> r.fills(), "Fills today (KST)");
    gauge("krx_trade_holdings_mismatches", r -> r.mismatches(), "Open holdings mismatches");
    gauge("krx_system_halted", r -> r.halted() ? 1 : 0, "1 while new entries are halted");
    gauge("krx_system_exits_halted", r -> r.exitsHalted() ? 1 : 0, "1 while exits are halted too");
    syncJobs =
        MultiGauge.builder("krx_market_sync_jobs")
            .description("Sync jobs by status")
            .register(registry);
    intents =
        MultiGauge.builder("krx_trade_intents")
            .description("Order intents created today (KST) by status")
            .register(registry);
    leaders =
        MultiGauge.builder("krx_system_leader")
            .description("1 when the module's leader heartbeats, 0 when stale")
            .register(registry);
    latency =
        MultiGauge.builder("krx_trade_order_latency_seconds")
            .description("Intent created to order submitted, today (KST)")
            .register(registry);
    for (ModuleRole role : ModuleRole.values()) {
      pool(role);
    }
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
  }

  private interface Value {
    double of(Reading reading);
  }

  private void gauge(String name, Value value, String description) {
    Gauge.builder(name, last, ref -> value.of(ref.get()))
        .description(description)
        .register(registry);
  }

  private void pool(ModuleRole role) {
    for (String state : List.of("active", "idle", "total", "pending")) {
      Gauge.builder("krx_db_pool_connections", () -> poolValue(role, state))
          .tags("pool", role.displayName(), "state", state)
          .description("Connections of a module's pool")
          .register(registry);
    }
  }

  private double poolValue(ModuleRole role, String state) {
    try {
      HikariPoolMXBean pool =
          db.dataSource(role).unwrap(HikariDataSource.class).getHikariPoolMXBean();
      if (pool == null) {
        return 0;
      }
      return switch (state) {
        case "active" -> pool.getActiveConnections();
        case "idle" -> pool.getIdleConnections();
        case "total" -> pool.getTotalConnections();
        default -> pool.getThreadsAwaitingConnection();
      };
    } catch (SQLException | RuntimeException e) {
      return Double.NaN;
    }
  }

  void webAction(int status) {
    actions
        .computeIfAbsent(
            status,
            s ->
                Counter.builder("krx_web_actions")
                    .tag("status", String.valueOf(s))
                    .description("State-changing requests answered")
                    .register(registry))
        .increment();
  }

  /** Reads the database once and renders every meter. */
  String scrape() {
    try {
      Reading reading = read();
      last.set(reading);
      syncJobs.register(rows(reading.syncJobs(), "status"), true);
      intents.register(rows(reading.intents(), "status"), true);
      Map<String, Long> led = new TreeMap<>();
      reading.leaders().forEach((name, fresh) -> led.put(name, fresh ? 1L : 0L));
      leaders.register(rows(led, "leader"), true);
      latency.register(
          List.of(
              MultiGauge.Row.of(Tags.of("statistic", "mean"), reading.latencyMean()),
              MultiGauge.Row.of(Tags.of("statistic", "max"), reading.latencyMax())),
          true);
    } catch (SQLException e) {
      LOG.warn("metrics: cannot read the database: {}", e.toString());
    }
    return registry.scrape();
  }

  private static List<MultiGauge.Row<?>> rows(Map<String, Long> values, String tag) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    values.forEach((key, value) -> rows.add(MultiGauge.Row.of(Tags.of(tag, key), value)));
    return rows;
  }

  private Reading read() throws SQLException {
    Instant now = clock.instant();
    LocalDate today = TradingCalendar.kstDate(now);
    Timestamp dayStart = Timestamp.from(today.atStartOfDay(TradingCalendar.KST).toInstant());
    Timestamp dayEnd =
        Timestamp.from(today.plusDays(1).atStartOfDay(TradingCalendar.KST).toInstant());
    Timestamp minuteAgo = Timestamp.from(now.minusSeconds(60));
    Timestamp nowStamp = Timestamp.from(now);
    try (Connection c = db.dataSource(ModuleRole.SYSTEM).getConnection()) {
      c.setReadOnly(true);
      double ticks = 0;
      double lag = Double.NaN;
      try (PreparedStatement s = c.prepareStatement(TRACK_B)) {
        s.setArray(1, c.createArrayOf("text", symbols));
        s.setTimestamp(2, minuteAgo);
        s.setTimestamp(3, nowStamp);
        s.setTimestamp(4, dayStart);
        s.setTimestamp(5, nowStamp);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          ticks = rs.getLong(1) / 60.0;
          if (rs.getTimestamp(2) != null) {
            lag = Math.max(0, (now.toEpochMilli() - rs.getTimestamp(2).getTime()) / 1000.0);
          }
        }
      }
      double events =
          count(
                  c,
                  "SELECT count(*) FROM market.prices_ticks WHERE ts > ? AND ts <= ?",
                  minuteAgo,
                  nowStamp)
              / 60.0;
      Map<String, Long> jobs =
          grouped(
              c,
              "SELECT status, count(*) FROM market.sync_jobs WHERE status IN ('PENDING', 'RUNNING') GROUP BY status");
      jobs.putIfAbsent("PENDING", 0L);
      jobs.putIfAbsent("RUNNING", 0L);
      Map<String, Long> byStatus;
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT status, count(*) FROM trade.order_intents WHERE created_ts >= ? AND created_ts < ? GROUP BY status")) {
        s.setTimestamp(1, dayStart);
        s.setTimestamp(2, dayEnd);
        byStatus = grouped(s);
      }
      long fills =
          count(c, "SELECT count(*) FROM trade.fills WHERE ts >= ? AND ts < ?", dayStart, dayEnd);
      double mean = Double.NaN;
      double max = Double.NaN;
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT avg(extract(epoch FROM o.submitted_ts - i.created_ts)),"
                  + " max(extract(epoch FROM o.submitted_ts - i.created_ts))"
                  + " FROM trade.orders o JOIN trade.order_intents i USING (intent_id)"
                  + " WHERE o.submitted_ts >= ? AND o.submitted_ts < ?")) {
        s.setTimestamp(1, dayStart);
        s.setTimestamp(2, dayEnd);
        try (ResultSet rs = s.executeQuery()) {
          if (rs.next() && rs.getObject(1) != null) {
            mean = rs.getDouble(1);
            max = rs.getDouble(2);
          }
        }
      }
      Map<String, Boolean> led = new TreeMap<>();
      for (Leaders.Leader leader : Leaders.current(c, now)) {
        led.put(leader.displayName(), !leader.stale());
      }
      Halt.HaltState halt = Halt.current(c);
      return new Reading(
          ticks,
          events,
          lag,
          MarketQueries.staleCount(c),
          jobs,
          byStatus,
          fills,
          mean,
          max,
          Mismatches.open(c).size(),
          led,
          halt.halted(),
          halt.exitsToo());
    }
  }

  private static long count(Connection c, String sql, Timestamp from, Timestamp to)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setTimestamp(1, from);
      s.setTimestamp(2, to);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static Map<String, Long> grouped(Connection c, String sql) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      return grouped(s);
    }
  }

  private static Map<String, Long> grouped(PreparedStatement s) throws SQLException {
    Map<String, Long> values = new TreeMap<>();
    try (ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        values.put(rs.getString(1), rs.getLong(2));
      }
    }
    return values;
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
