package io.krxtrader.bench;

import io.krxtrader.TextTable;
import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.market.MarketConfig;
import io.krxtrader.market.PriceSource;
import io.krxtrader.market.SyncJob;
import io.krxtrader.market.SyncNode;
import io.krxtrader.market.SyncQueue;
import io.krxtrader.market.WorkerId;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The sync-job queue (target: claim + complete at ≥ 0.8 × a plain-SQL SKIP LOCKED loop, zero
 * duplicates). For 1, 2, 4 and 8 workers, on a scratch database filled with the same PENDING jobs
 * each time: the reference (a plain claim {@code UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP
 * LOCKED LIMIT n) RETURNING id} and a plain {@code UPDATE ... SET status = 'DONE'}), then {@link
 * SyncQueue#claim} and {@link SyncQueue#complete} with the same batch size. Every claimed id is
 * recorded: a job claimed twice, or one never claimed, fails the run.
 */
public final class QueueBenchmark {
  /** What the command line asked for. */
  public record Settings(
      int jobs, int batch, int runs, List<Integer> workerCounts, boolean seedIndex) {}

  private final BenchContext context;
  private final Settings settings;

  public QueueBenchmark(BenchContext context, Settings settings) {
    this.context = context;
    this.settings = settings;
  }

  private static final String FILL =
      """
      INSERT INTO market.sync_jobs (symbol, source, priority, status, created_ts, run_after)
      SELECT lpad(g::text, 6, '0'), 'KIS_REST', (ARRAY[100, 50, 10])[1 + g % 3], 'PENDING',
             now() - interval '1 minute', now() - interval '1 minute'
        FROM generate_series(1, ?) AS g
      """;

  private static final String PLAIN_CLAIM =
      """
      UPDATE market.sync_jobs SET status = 'RUNNING', worker_id = ?, started_ts = now()
       WHERE id IN (SELECT id FROM market.sync_jobs
                     WHERE status = 'PENDING' AND source = 'KIS_REST'
                     ORDER BY priority DESC, id
                     LIMIT ?
                     FOR UPDATE SKIP LOCKED)
      RETURNING id
      """;

  private static final String PLAIN_COMPLETE =
      "UPDATE market.sync_jobs SET status = 'DONE', completed_ts = now() WHERE id = ANY (?)";

  /** One worker's loop: claims a batch and completes it, recording every id, until none is left. */
  @FunctionalInterface
  private interface Loop {
    void run(int worker, List<Long> claimed) throws Exception;
  }

  public int run() throws Exception {
    PrintWriter out = context.out();
    MarketConfig market = context.market();
    InstantSource clock = context.clock();
    int maxWorkers = settings.workerCounts().stream().mapToInt(Integer::intValue).max().orElse(1);
    out.printf(
        "sync-job queue benchmark: %,d jobs per measurement, %d per claim, workers %s, %d run(s)%n",
        settings.jobs(), settings.batch(), settings.workerCounts(), settings.runs());
    out.printf(
        "machine: %d cores, Java %s, %s%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.version(),
        System.getProperty("os.name"));
    out.flush();
    Map<Integer, List<Double>> plain = new LinkedHashMap<>();
    Map<Integer, List<Double>> ours = new LinkedHashMap<>();
    Map<Integer, List<Double>> seed = new LinkedHashMap<>();
    Map<Integer, List<Double>> ratios = new LinkedHashMap<>();
    try (ScratchDatabase scratch = ScratchDatabase.start(maxWorkers + 4, clock)) {
      Database database = scratch.database();
      SyncQueue queue = SyncQueue.of(database, market, clock);
      try (SyncNode node = SyncNode.register(database.dataSource(ModuleRole.PRICESYNC))) {
        for (int run = 1; run <= settings.runs(); run++) {
          for (int workers : settings.workerCounts()) {
            // Alternate which side goes first, so neither always meets the warmer server.
            boolean plainFirst = run % 2 == 1;
            double reference = plainFirst ? measure(database, workers, plainLoop(database)) : 0;
            double measured = measure(database, workers, queueLoop(queue, node));
            if (!plainFirst) {
              reference = measure(database, workers, plainLoop(database));
            }
            plain.computeIfAbsent(workers, w -> new ArrayList<>()).add(reference);
            ours.computeIfAbsent(workers, w -> new ArrayList<>()).add(measured);
            ratios.computeIfAbsent(workers, w -> new ArrayList<>()).add(measured / reference);
            String seedPart = "";
            if (settings.seedIndex()) {
              useSeedIndex(database, true);
              double seeded = measure(database, workers, plainLoop(database));
              useSeedIndex(database, false);
              seed.computeIfAbsent(workers, w -> new ArrayList<>()).add(seeded);
              seedPart = String.format(" | plain loop on the seed index %,.0f jobs/s", seeded);
            }
            out.printf(
                "run %d, %d worker(s): plain SQL %,.0f jobs/s, SyncQueue %,.0f jobs/s, ratio %.2f,"
                    + " duplicates 0%s%n",
                run, workers, reference, measured, measured / reference, seedPart);
            out.flush();
          }
        }
      }
    }
    out.println("medians (ratio: the median of each run's SyncQueue / plain SQL pair):");
    TextTable table =
        new TextTable(
                "workers", "plain SQL jobs/s", "SyncQueue jobs/s", "ratio", "seed index jobs/s")
            .rightAlign(0, 1, 2, 3, 4);
    for (int workers : settings.workerCounts()) {
      double reference = Percentiles.median(plain.get(workers));
      double measured = Percentiles.median(ours.get(workers));
      table.row(
          workers,
          String.format("%,.0f", reference),
          String.format("%,.0f", measured),
          String.format("%.2f", Percentiles.median(ratios.get(workers))),
          seed.containsKey(workers)
              ? String.format("%,.0f", Percentiles.median(seed.get(workers)))
              : "");
    }
    table.print(out, "  ");
    return 0;
  }

  private Loop plainLoop(Database database) {
    return (worker, claimed) -> {
      try (Connection connection = database.dataSource(ModuleRole.PRICESYNC).getConnection();
          PreparedStatement claim = connection.prepareStatement(PLAIN_CLAIM);
          PreparedStatement complete = connection.prepareStatement(PLAIN_COMPLETE)) {
        claim.setString(1, "plain-" + worker);
        claim.setInt(2, settings.batch());
        while (true) {
          List<Long> ids = new ArrayList<>(settings.batch());
          try (ResultSet rows = claim.executeQuery()) {
            while (rows.next()) {
              ids.add(rows.getLong(1));
            }
          }
          if (ids.isEmpty()) {
            return;
          }
          claimed.addAll(ids);
          complete.setObject(1, ids.stream().mapToLong(Long::longValue).toArray());
          complete.executeUpdate();
        }
      }
    };
  }

  private Loop queueLoop(SyncQueue queue, SyncNode node) {
    return (worker, claimed) -> {
      WorkerId id = node.worker("bench-" + worker);
      while (true) {
        List<SyncJob> got = queue.claim(id, PriceSource.KIS_REST, settings.batch());
        if (got.isEmpty()) {
          return;
        }
        for (SyncJob job : got) {
          claimed.add(job.id().value());
        }
        int completed = queue.complete(id, got);
        if (completed != got.size()) {
          throw new IllegalStateException(
              "completed " + completed + " of " + got.size() + " claimed jobs");
        }
      }
    };
  }

  /** Fills the queue, runs the loop on {@code workers} threads, checks every job ran once. */
  private double measure(Database database, int workers, Loop loop) throws Exception {
    prepare(database);
    List<List<Long>> claimed = new ArrayList<>();
    List<Exception> failures = new CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long started = System.nanoTime();
    for (int w = 0; w < workers; w++) {
      List<Long> mine = new ArrayList<>(settings.jobs());
      claimed.add(mine);
      int worker = w;
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      loop.run(worker, mine);
                    } catch (Exception e) {
                      failures.add(e);
                    }
                  }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
    long[] all = claimed.stream().flatMap(List::stream).mapToLong(Long::longValue).toArray();
    Arrays.sort(all);
    for (int i = 1; i < all.length; i++) {
      if (all[i] == all[i - 1]) {
        throw new IllegalStateException("job claimed twice [id=" + all[i] + "]");
      }
    }
    if (all.length != settings.jobs() || count(database, "status = 'DONE'") != settings.jobs()) {
      throw new IllegalStateException(
          "not every job ran exactly once [jobs="
              + settings.jobs()
              + ", claimed="
              + all.length
              + "]");
    }
    return settings.jobs() / seconds;
  }

  private void prepare(Database database) throws SQLException {
    try (Connection connection = database.admin().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("TRUNCATE market.sync_jobs");
      try (PreparedStatement fill = connection.prepareStatement(FILL)) {
        fill.setInt(1, settings.jobs());
        fill.executeUpdate();
      }
      statement.execute("VACUUM ANALYZE market.sync_jobs");
    }
  }

  private static void useSeedIndex(Database database, boolean seed) throws SQLException {
    try (Connection connection = database.admin().getConnection();
        Statement statement = connection.createStatement()) {
      if (seed) {
        statement.execute("DROP INDEX market.idx_sync_jobs_claim");
        statement.execute(
            "CREATE INDEX idx_sync_jobs_status_priority ON market.sync_jobs (status, priority"
                + " DESC)");
      } else {
        statement.execute("DROP INDEX market.idx_sync_jobs_status_priority");
        statement.execute(
            "CREATE INDEX idx_sync_jobs_claim ON market.sync_jobs (source, priority DESC, id)"
                + " WHERE status = 'PENDING'");
      }
    }
  }

  private static long count(Database database, String where) throws SQLException {
    try (Connection connection = database.admin().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT count(*) FROM market.sync_jobs WHERE " + where)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
