package io.krxtrader.market;

import io.krxtrader.KrxTraderException;
import io.krxtrader.db.Database;
import io.krxtrader.db.EpochMicros;
import io.krxtrader.db.LockSpace;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.krx.Symbol;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@code market.sync_jobs}: refresh jobs for stale symbols, claimed by any number of workers in any
 * number of processes. Every transition is one statement ({@link JobStatus} has the diagram); a
 * claim is {@code UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED LIMIT n) RETURNING}, so
 * two workers never get the same job, and a job locked by another claim is skipped, not waited for.
 * Completions and failures name the worker and its node: one that lost its job to a rescue changes
 * nothing. All times come from the injected clock.
 */
public final class SyncQueue {

  /** A job to create: a refresh of {@code symbol} from {@code source}. */
  public record Request(Symbol symbol, PriceSource source, int priority) {

    public Request {
      if (!source.isRefreshable()) {
        throw new IllegalArgumentException(
            "only REST and Naver refreshes are queued [symbol=" + symbol + "]");
      }
    }
  }

  /** A failed attempt: the job and what went wrong. */
  public record Failure(SyncJob job, String error) {}

  private static final String ENQUEUE =
      JobStatus.sql(
          """
      INSERT INTO market.sync_jobs AS j (symbol, source, priority, status, created_ts, run_after)
      SELECT t.symbol, t.source, t.priority, {PENDING}, ?, ?
        FROM unnest(?::text[], ?::text[], ?::int[]) AS t (symbol, source, priority)
      ON CONFLICT (symbol, source) WHERE status IN ({PENDING}, {RUNNING})
      DO UPDATE SET priority = excluded.priority
       WHERE j.status = {PENDING} AND j.priority < excluded.priority
      RETURNING (xmax = 0) AS created
      """);

  private static final String CLAIM =
      JobStatus.sql(
          """
      UPDATE market.sync_jobs j
         SET status = {RUNNING}, worker_id = ?, node = ?, attempts = j.attempts + 1,
             started_ts = ?, completed_ts = NULL
       WHERE j.id IN (SELECT c.id FROM market.sync_jobs c
                       WHERE c.status = {PENDING} AND c.source = ? AND c.run_after <= ?
                       ORDER BY c.priority DESC, c.id
                       LIMIT ?
                       FOR UPDATE SKIP LOCKED)
      RETURNING j.id, j.symbol, j.source, j.priority, j.attempts
      """);

  private static final String COMPLETE =
      JobStatus.sql(
          """
      UPDATE market.sync_jobs
         SET status = {DONE}, completed_ts = ?, node = NULL
       WHERE id = ANY (?::bigint[]) AND status = {RUNNING} AND worker_id = ? AND node = ?
      """);

  /** Back-off: {@code backoff × 2^(attempts − 1)}, at most {@code backoffMax}, in milliseconds. */
  private static final String FAIL =
      JobStatus.sql(
          """
      UPDATE market.sync_jobs j
         SET status = CASE WHEN j.attempts >= ? THEN {FAILED} ELSE {PENDING} END,
             last_error = t.error,
             node = NULL,
             run_after = CASE WHEN j.attempts >= ? THEN j.run_after
                              ELSE ?::timestamptz
                                   + least(?::bigint,
                                           ?::bigint * (1::bigint << least(j.attempts - 1, 40)))
                                     * interval '1 millisecond' END,
             completed_ts = CASE WHEN j.attempts >= ? THEN ?::timestamptz END
        FROM unnest(?::bigint[], ?::text[]) AS t (id, error)
       WHERE j.id = t.id AND j.status = {RUNNING} AND j.worker_id = ? AND j.node = ?
      """);

  private static final String RELEASE =
      JobStatus.sql(
          """
      UPDATE market.sync_jobs
         SET status = {PENDING}, attempts = attempts - 1, node = NULL, run_after = ?
       WHERE id = ANY (?::bigint[]) AND status = {RUNNING} AND worker_id = ? AND node = ?
      """);

  /**
   * A RUNNING job whose node holds no liveness lock any more belongs to a dead process. The lock
   * was taken before the node's first claim and is held until its session ends, so a live node's
   * job is never taken.
   */
  private static final String RESCUE =
      JobStatus.sql(
          """
      UPDATE market.sync_jobs j
         SET status = CASE WHEN j.attempts >= ? THEN {FAILED} ELSE {PENDING} END,
             last_error = 'the process running the job ended [worker=' || j.worker_id || ']',
             node = NULL,
             run_after = ?,
             completed_ts = CASE WHEN j.attempts >= ? THEN ?::timestamptz END
       WHERE j.status = {RUNNING}
         AND NOT EXISTS (
               SELECT 1 FROM pg_locks l
                WHERE l.locktype = 'advisory'
                  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND l.classid = ?::oid AND l.objid = j.node::oid AND l.objsubid = 2
                  AND l.granted)
      RETURNING j.id
      """);

  private static final String PURGE =
      JobStatus.sql(
          """
      DELETE FROM market.sync_jobs WHERE status IN ({DONE}, {FAILED}) AND completed_ts < ?
      """);

  private final DataSource dataSource;
  private final MarketConfig.Queue config;
  private final InstantSource clock;

  /**
   * @param dataSource connections acting as {@code krx_pricesync}
   */
  public SyncQueue(DataSource dataSource, MarketConfig.Queue config, InstantSource clock) {
    this.dataSource = dataSource;
    this.config = config;
    this.clock = clock;
  }

  public static SyncQueue of(Database database, MarketConfig config, InstantSource clock) {
    return new SyncQueue(database.dataSource(ModuleRole.PRICESYNC), config.queue(), clock);
  }

  /**
   * Creates a PENDING job per request unless one is PENDING or RUNNING for its (symbol, source)
   * already; a waiting job's priority is raised if the request's is higher.
   *
   * @return the number of jobs created
   */
  public int enqueue(Collection<Request> requests) {
    if (requests.isEmpty()) {
      return 0;
    }
    // One row per (symbol, source) and statement, or ON CONFLICT would meet its own row twice.
    Map<List<Object>, Request> unique = new LinkedHashMap<>();
    for (Request r : requests) {
      unique.merge(
          List.of(r.symbol(), r.source()), r, (a, b) -> a.priority() >= b.priority() ? a : b);
    }
    int n = unique.size();
    String[] symbols = new String[n];
    String[] sources = new String[n];
    int[] priorities = new int[n];
    int i = 0;
    for (Request r : unique.values()) {
      symbols[i] = r.symbol().code();
      sources[i] = r.source().name();
      priorities[i] = r.priority();
      i++;
    }
    Instant now = clock.instant();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(ENQUEUE)) {
      statement.setObject(1, EpochMicros.timestamp(now));
      statement.setObject(2, EpochMicros.timestamp(now));
      statement.setObject(3, symbols);
      statement.setObject(4, sources);
      statement.setObject(5, priorities);
      int created = 0;
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          if (rows.getBoolean(1)) {
            created++;
          }
        }
      }
      return created;
    } catch (SQLException e) {
      throw new KrxTraderException("cannot enqueue sync jobs [count=" + n + "]", e);
    }
  }

  /**
   * Claims up to {@code limit} PENDING jobs of {@code source} whose back-off has passed, highest
   * priority first, then oldest. Jobs another worker is claiming at this moment are skipped.
   *
   * @return the claimed jobs, now RUNNING under {@code worker}; empty if there is nothing to do
   */
  public List<SyncJob> claim(WorkerId worker, PriceSource source, int limit) {
    Instant now = clock.instant();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(CLAIM)) {
      statement.setString(1, worker.name());
      statement.setInt(2, worker.node());
      statement.setObject(3, EpochMicros.timestamp(now));
      statement.setString(4, source.name());
      statement.setObject(5, EpochMicros.timestamp(now));
      statement.setInt(6, limit);
      List<SyncJob> jobs = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          jobs.add(
              new SyncJob(
                  new SyncJobId(rows.getLong("id")),
                  Symbol.of(rows.getString("symbol")),
                  PriceSource.valueOf(rows.getString("source")),
                  rows.getInt("priority"),
                  rows.getInt("attempts")));
        }
      }
      if (jobs.size() > limit) {
        throw new IllegalStateException(
            "a claim returned more jobs than asked [asked=" + limit + ", got=" + jobs.size() + "]");
      }
      jobs.sort(
          Comparator.comparingInt(SyncJob::priority)
              .reversed()
              .thenComparingLong(j -> j.id().value()));
      return jobs;
    } catch (SQLException e) {
      throw new KrxTraderException(
          "cannot claim sync jobs [worker=" + worker + ", source=" + source + "]", e);
    }
  }

  /**
   * Marks jobs DONE.
   *
   * @return how many were still this worker's to complete (fewer means a rescue gave some away)
   */
  public int complete(WorkerId worker, Collection<SyncJob> jobs) {
    return updateOwned(COMPLETE, "complete", worker, jobs);
  }

  /**
   * Records failed attempts: each job goes back to PENDING after its back-off, or to FAILED once it
   * has had {@code maxAttempts} attempts.
   *
   * @return how many were still this worker's
   */
  public int fail(WorkerId worker, Collection<Failure> failures) {
    if (failures.isEmpty()) {
      return 0;
    }
    long[] ids = new long[failures.size()];
    String[] errors = new String[failures.size()];
    int i = 0;
    for (Failure f : failures) {
      ids[i] = f.job().id().value();
      errors[i] = f.error();
      i++;
    }
    Instant now = clock.instant();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(FAIL)) {
      int p = 1;
      statement.setInt(p++, config.maxAttempts());
      statement.setInt(p++, config.maxAttempts());
      statement.setObject(p++, EpochMicros.timestamp(now));
      statement.setLong(p++, config.backoffMax().toMillis());
      statement.setLong(p++, config.backoff().toMillis());
      statement.setInt(p++, config.maxAttempts());
      statement.setObject(p++, EpochMicros.timestamp(now));
      statement.setObject(p++, ids);
      statement.setObject(p++, errors);
      statement.setString(p++, worker.name());
      statement.setInt(p, worker.node());
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new KrxTraderException(
          "cannot record failed sync jobs [worker=" + worker + ", count=" + ids.length + "]", e);
    }
  }

  /**
   * Gives claimed jobs back unrun (an orderly shutdown): PENDING at once, the attempt not counted.
   */
  public int release(WorkerId worker, Collection<SyncJob> jobs) {
    return updateOwned(RELEASE, "release", worker, jobs);
  }

  /**
   * Runs {@code sql}, which takes (now, job ids, worker name, worker node), on jobs the worker
   * holds.
   */
  private int updateOwned(String sql, String verb, WorkerId worker, Collection<SyncJob> jobs) {
    if (jobs.isEmpty()) {
      return 0;
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setObject(1, EpochMicros.timestamp(clock.instant()));
      statement.setObject(2, ids(jobs));
      statement.setString(3, worker.name());
      statement.setInt(4, worker.node());
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new KrxTraderException(
          "cannot " + verb + " sync jobs [worker=" + worker + ", count=" + jobs.size() + "]", e);
    }
  }

  /**
   * Returns the RUNNING jobs of dead processes to PENDING (FAILED if they had their last attempt).
   * Safe to run anywhere and at any time, also by several processes at once.
   *
   * @return the rescued jobs
   */
  public List<SyncJobId> rescue() {
    Instant now = clock.instant();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(RESCUE)) {
      statement.setInt(1, config.maxAttempts());
      statement.setObject(2, EpochMicros.timestamp(now));
      statement.setInt(3, config.maxAttempts());
      statement.setObject(4, EpochMicros.timestamp(now));
      statement.setInt(5, LockSpace.SYNC_NODE.number());
      List<SyncJobId> rescued = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          rescued.add(new SyncJobId(rows.getLong(1)));
        }
      }
      return rescued;
    } catch (SQLException e) {
      throw new KrxTraderException("cannot rescue sync jobs", e);
    }
  }

  /** Deletes DONE and FAILED jobs finished before {@code before}. */
  public int purge(Instant before) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(PURGE)) {
      statement.setObject(1, EpochMicros.timestamp(before));
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new KrxTraderException("cannot purge finished sync jobs", e);
    }
  }

  private static long[] ids(Collection<SyncJob> jobs) {
    return jobs.stream().mapToLong(j -> j.id().value()).toArray();
  }
}
