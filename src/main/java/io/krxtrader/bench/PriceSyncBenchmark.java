package io.krxtrader.bench;

import io.krxtrader.db.Database;
import io.krxtrader.db.EpochMicros;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.krx.Stock;
import io.krxtrader.market.MarketConfig;
import io.krxtrader.market.PriceEvent;
import io.krxtrader.market.PriceSync;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * PriceSync's write path (target: sustain 20 k events/s into prices_ticks + prices_best with p99
 * event → committed best price ≤ 50 ms). Each run, on a scratch database: (1) the target rate from
 * an in-process generator over thousands of synthetic symbols, measuring the committed rate and the
 * latency from an event's time to the commit of its batch; (2) PriceSync's capacity with the
 * generator unthrottled; (3) the reference, a plain {@code INSERT ... SELECT FROM unnest(...)} of
 * the same kind of rows into prices_ticks alone, with as many connections as PriceSync has writers
 * (no repeat check, no best price: the physical limit of putting these rows in).
 */
public final class PriceSyncBenchmark {
  /** What the command line asked for. */
  public record Settings(int symbolCount, int rate, int seconds, int warmup, int runs) {}

  private final BenchContext context;
  private final Settings settings;

  public PriceSyncBenchmark(BenchContext context, Settings settings) {
    this.context = context;
    this.settings = settings;
  }

  private record RunResult(
      double offeredPerSecond,
      double committedPerSecond,
      double p50Ms,
      double p99Ms,
      double maxMs,
      long dropped,
      double targetMicrosPerEvent,
      double capacityPerSecond,
      double jvmMicrosPerEvent,
      double serverMicrosPerEvent,
      double referencePerSecond,
      double referenceServerMicrosPerRow) {

    RunResult withReference(double perSecond, double serverMicrosPerRow) {
      return new RunResult(
          offeredPerSecond,
          committedPerSecond,
          p50Ms,
          p99Ms,
          maxMs,
          dropped,
          targetMicrosPerEvent,
          capacityPerSecond,
          jvmMicrosPerEvent,
          serverMicrosPerEvent,
          perSecond,
          serverMicrosPerRow);
    }
  }

  public int run() throws Exception {
    PrintWriter out = context.out();
    MarketConfig market = context.market();
    InstantSource clock = context.clock();
    int writers = market.writer().threads();
    out.printf(
        "PriceSync benchmark: %,d symbols, target %,d events/s, %d writer thread(s), %d run(s) of"
            + " %d s per phase%n",
        settings.symbolCount(), settings.rate(), writers, settings.runs(), settings.seconds());
    out.printf(
        "machine: %d cores, Java %s, %s%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.version(),
        System.getProperty("os.name"));
    out.flush();
    List<RunResult> results = new ArrayList<>();
    try (ScratchDatabase scratch = ScratchDatabase.start(writers + 4, clock)) {
      List<Stock> stocks = SyntheticFeed.stocks(settings.symbolCount());
      for (int run = 1; run <= settings.runs(); run++) {
        RunResult result = runOnce(scratch, market, clock, stocks, run);
        results.add(result);
        out.printf(
            "run %d: offered %,.0f/s, committed %,.0f/s, latency p50 %.1f ms, p99 %.1f ms, max %.1f"
                + " ms, dropped %d, CPU %.1f us per event | capacity %,.0f events/s, CPU per"
                + " event %.1f us in PriceSync"
                + " + %.1f us in PostgreSQL | reference plain insert %,.0f rows/s, %.1f us"
                + " PostgreSQL CPU per row%n",
            run,
            result.offeredPerSecond(),
            result.committedPerSecond(),
            result.p50Ms(),
            result.p99Ms(),
            result.maxMs(),
            result.dropped(),
            result.targetMicrosPerEvent(),
            result.capacityPerSecond(),
            result.jvmMicrosPerEvent(),
            result.serverMicrosPerEvent(),
            result.referencePerSecond(),
            result.referenceServerMicrosPerRow());
        out.flush();
      }
    }
    double committed =
        Percentiles.median(results.stream().map(RunResult::committedPerSecond).toList());
    double p50 = Percentiles.median(results.stream().map(RunResult::p50Ms).toList());
    double p99 = Percentiles.median(results.stream().map(RunResult::p99Ms).toList());
    double capacity =
        Percentiles.median(results.stream().map(RunResult::capacityPerSecond).toList());
    double reference =
        Percentiles.median(results.stream().map(RunResult::referencePerSecond).toList());
    out.printf(
        "median: sustained %,.0f events/s (target %,d), p50 %.1f ms, p99 %.1f ms (target <= 50"
            + " ms)%n",
        committed, settings.rate(), p50, p99);
    double targetCpu =
        Percentiles.median(results.stream().map(RunResult::targetMicrosPerEvent).toList());
    out.printf(
        "median CPU at the target rate: %.1f us per event (PriceSync and PostgreSQL), %.2f of %d"
            + " cores%n",
        targetCpu, targetCpu * settings.rate() / 1e6, Runtime.getRuntime().availableProcessors());
    double jvmCpu = Percentiles.median(results.stream().map(RunResult::jvmMicrosPerEvent).toList());
    double serverCpu =
        Percentiles.median(results.stream().map(RunResult::serverMicrosPerEvent).toList());
    double referenceCpu =
        Percentiles.median(results.stream().map(RunResult::referenceServerMicrosPerRow).toList());
    out.printf(
        "median: capacity %,.0f events/s; reference plain insert %,.0f rows/s; ratio %.2f%n",
        capacity, reference, capacity / reference);
    out.printf(
        "median CPU per event: %.1f us PriceSync + %.1f us PostgreSQL = %.1f us (the plain insert:"
            + " %.1f us PostgreSQL per row); %d free cores would carry about %,.0f events/s%n",
        jvmCpu,
        serverCpu,
        jvmCpu + serverCpu,
        referenceCpu,
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().availableProcessors() * 1e6 / (jvmCpu + serverCpu));
    return 0;
  }

  private RunResult runOnce(
      ScratchDatabase scratch,
      MarketConfig market,
      InstantSource clock,
      List<Stock> stocks,
      int run)
      throws Exception {
    Database database = scratch.database();
    truncate(database);
    AtomicLong committed = new AtomicLong();
    long[] latencies =
        new long
            [(int)
                Math.min(Integer.MAX_VALUE - 8, (long) settings.rate() * settings.seconds() * 2)];
    AtomicInteger recorded = new AtomicInteger();
    long[] window = new long[2]; // measured window as epoch micros: [from, to)
    window[0] = Long.MAX_VALUE;
    SyntheticFeed generator = new SyntheticFeed(stocks, clock, run);
    RunResult measured;
    try (PriceSync sync =
        PriceSync.builder(database, market, clock)
            .listener(
                (events, bests) -> {
                  Instant now = clock.instant();
                  long nowMicros = EpochMicros.of(now);
                  committed.addAndGet(events.size());
                  for (PriceEvent e : events) {
                    long at = EpochMicros.of(e.ts());
                    if (at >= window[0] && at < window[1]) {
                      int i = recorded.getAndIncrement();
                      if (i < latencies.length) {
                        latencies[i] = nowMicros - at;
                      }
                    }
                  }
                })
            .start()) {
      // (1) target rate
      long started = System.nanoTime();
      long warmupEnd = started + Duration.ofSeconds(settings.warmup()).toNanos();
      long end = warmupEnd + Duration.ofSeconds(settings.seconds()).toNanos();
      long sent = 0;
      long committedAtWindowStart = -1;
      long cpuFrom = 0;
      window[1] = Long.MAX_VALUE;
      while (true) {
        long now = System.nanoTime();
        if (now >= end) {
          break;
        }
        if (committedAtWindowStart < 0 && now >= warmupEnd) {
          window[0] = EpochMicros.of(clock.instant());
          committedAtWindowStart = committed.get();
          cpuFrom = sinkCpu(scratch);
        }
        long due = (long) ((now - started) / 1e9 * settings.rate());
        while (sent < due) {
          sync.accept(generator.next());
          sent++;
        }
        LockSupport.parkNanos(200_000);
      }
      window[1] = EpochMicros.of(clock.instant());
      long committedAtWindowEnd = committed.get();
      double targetCpu =
          (sinkCpu(scratch) - cpuFrom) / (double) (committedAtWindowEnd - committedAtWindowStart);
      sync.flush(Duration.ofMinutes(2));
      int samples = Math.min(recorded.get(), latencies.length);
      double committedPerSecond =
          (committedAtWindowEnd - committedAtWindowStart) / (double) settings.seconds();
      double p50 = Percentiles.of(latencies, samples, 50) / 1000.0;
      double p99 = Percentiles.of(latencies, samples, 99) / 1000.0;
      double max = Percentiles.of(latencies, samples, 100) / 1000.0;
      long dropped = sync.stats().eventsDropped();

      // (2) capacity: as fast as PriceSync commits, at most 50,000 events outstanding
      long capacityStart = System.nanoTime();
      long capacityWarmupEnd = capacityStart + Duration.ofSeconds(settings.warmup()).toNanos();
      long capacityEnd = capacityWarmupEnd + Duration.ofSeconds(settings.seconds()).toNanos();
      long generated = committed.get();
      long countedFrom = -1;
      long jvmFrom = 0;
      long generatorFrom = 0;
      long serverFrom = 0;
      while (true) {
        long now = System.nanoTime();
        if (now >= capacityEnd) {
          break;
        }
        if (countedFrom < 0 && now >= capacityWarmupEnd) {
          countedFrom = committed.get();
          jvmFrom = ProcessCpu.jvmMicros();
          generatorFrom = ProcessCpu.threadMicros();
          serverFrom = ProcessCpu.serverMicros(scratch.dataDirectory()).orElse(0L);
        }
        if (generated - committed.get() < 50_000) {
          for (int i = 0; i < 100; i++) {
            if (sync.accept(generator.next())) {
              generated++;
            }
          }
        } else {
          LockSupport.parkNanos(100_000);
        }
      }
      long capacityEvents = committed.get() - countedFrom;
      double capacity = capacityEvents / (double) settings.seconds();
      double jvmPerEvent =
          (ProcessCpu.jvmMicros() - jvmFrom - (ProcessCpu.threadMicros() - generatorFrom))
              / (double) capacityEvents;
      double serverPerEvent =
          (ProcessCpu.serverMicros(scratch.dataDirectory()).orElse(0L) - serverFrom)
              / (double) capacityEvents;
      sync.flush(Duration.ofMinutes(2));
      measured =
          new RunResult(
              sent / ((end - started) / 1e9),
              committedPerSecond,
              p50,
              p99,
              max,
              dropped,
              targetCpu,
              capacity,
              jvmPerEvent,
              serverPerEvent,
              0,
              0);
    }

    // (3) the reference, once PriceSync's threads have ended
    truncate(database);
    double[] reference = reference(scratch, market.writer().threads(), generator);
    return measured.withReference(reference[0], reference[1]);
  }

  /**
   * CPU microseconds so far of PriceSync's side: this JVM without the calling (generator) thread,
   * plus the database server.
   */
  private static long sinkCpu(ScratchDatabase scratch) {
    return ProcessCpu.jvmMicros()
        - ProcessCpu.threadMicros()
        + ProcessCpu.serverMicros(scratch.dataDirectory()).orElse(0L);
  }

  /**
   * Plain INSERT of generated ticks with {@code threads} connections, unthrottled.
   *
   * @return rows per second, and PostgreSQL's CPU microseconds per row
   */
  private double[] reference(ScratchDatabase scratch, int threads, SyntheticFeed generator)
      throws Exception {
    Database database = scratch.database();
    String sql =
        """
        INSERT INTO market.prices_ticks (ts, symbol, source, last_price, bid, ask, volume, trade_value)
        SELECT timestamptz 'epoch' + t.us * interval '1 microsecond', t.symbol, t.source,
               t.last_price, t.bid, t.ask, t.volume, t.trade_value
          FROM unnest(?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[],
                      ?::bigint[], ?::bigint[])
               AS t (us, symbol, source, last_price, bid, ask, volume, trade_value)
        """;
    int batch = 2_000;
    AtomicLong rows = new AtomicLong();
    long warmupEnd = System.nanoTime() + Duration.ofSeconds(settings.warmup()).toNanos();
    long end = warmupEnd + Duration.ofSeconds(settings.seconds()).toNanos();
    AtomicLong countedFrom = new AtomicLong(-1);
    AtomicLong serverFrom = new AtomicLong();
    List<Thread> workers = new ArrayList<>();
    List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try (Connection connection =
                            database.dataSource(ModuleRole.PRICESYNC).getConnection();
                        PreparedStatement statement = connection.prepareStatement(sql)) {
                      while (System.nanoTime() < end) {
                        List<PriceEvent> events = new ArrayList<>(batch);
                        synchronized (generator) {
                          for (int i = 0; i < batch; i++) {
                            events.add(generator.next());
                          }
                        }
                        bind(statement, events);
                        statement.executeUpdate();
                        long now = System.nanoTime();
                        if (now >= warmupEnd && countedFrom.compareAndSet(-1, rows.get())) {
                          serverFrom.set(
                              ProcessCpu.serverMicros(scratch.dataDirectory()).orElse(0L));
                        }
                        rows.addAndGet(events.size());
                      }
                    } catch (SQLException e) {
                      failures.add(e);
                    }
                  }));
    }
    for (Thread worker : workers) {
      worker.join();
    }
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
    long counted = rows.get() - Math.max(0, countedFrom.get());
    double serverPerRow =
        (ProcessCpu.serverMicros(scratch.dataDirectory()).orElse(0L) - serverFrom.get())
            / (double) counted;
    return new double[] {counted / (double) settings.seconds(), serverPerRow};
  }

  private static void bind(PreparedStatement statement, List<PriceEvent> events)
      throws SQLException {
    int n = events.size();
    long[] us = new long[n];
    String[] symbols = new String[n];
    String[] sources = new String[n];
    long[] prices = new long[n];
    Long[] bids = new Long[n];
    Long[] asks = new Long[n];
    Long[] volumes = new Long[n];
    Long[] values = new Long[n];
    for (int i = 0; i < n; i++) {
      PriceEvent e = events.get(i);
      us[i] = EpochMicros.of(e.ts());
      symbols[i] = e.symbol().code();
      sources[i] = e.source().name();
      prices[i] = e.lastPrice();
      bids[i] = e.bid().isPresent() ? e.bid().getAsLong() : null;
      asks[i] = e.ask().isPresent() ? e.ask().getAsLong() : null;
      volumes[i] = e.volume().isPresent() ? e.volume().getAsLong() : null;
      values[i] = e.tradeValue().isPresent() ? e.tradeValue().getAsLong() : null;
    }
    statement.setObject(1, us);
    statement.setObject(2, symbols);
    statement.setObject(3, sources);
    statement.setObject(4, prices);
    statement.setObject(5, bids);
    statement.setObject(6, asks);
    statement.setObject(7, volumes);
    statement.setObject(8, values);
  }

  private static void truncate(Database database) throws SQLException {
    try (Connection connection = database.admin().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "TRUNCATE market.prices_ticks, market.prices_best, market.freshness,"
              + " market.discrepancies");
      // Each phase starts without the previous phase's dirty pages waiting to be written: a
      // checkpoint in the middle of a measured phase would stall its commits.
      statement.execute("CHECKPOINT");
    }
  }
}
