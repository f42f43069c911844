package io.krxtrader.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.krx.Symbol;
import io.krxtrader.testkit.PostgresExtension;
import io.krxtrader.testkit.TestClock;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The queue against a tiny reference model: seeded random enqueues, claims, completions, failures,
 * releases, clock moves, process deaths and rescues, with the whole table compared to the model
 * after every step. A failure names its seed; rerun with {@code -Dseed=N} to replay it.
 */
@ExtendWith(PostgresExtension.class)
class SyncQueueModelIT {

  private static final MarketConfig CONFIG = MarketConfig.defaults();
  private static final List<Symbol> SYMBOLS =
      List.of("005930", "000660", "035420", "005380", "051910").stream().map(Symbol::of).toList();
  private static final List<PriceSource> SOURCES = List.of(PriceSource.KIS_REST, PriceSource.NAVER);
  private static final int STEPS = 250;

  /** The model of one row. */
  private static final class Job {
    final long id;
    final Symbol symbol;
    final PriceSource source;
    int priority;
    JobStatus status = JobStatus.PENDING;
    int attempts;
    String worker;
    Integer node;
    String lastError;
    Instant runAfter;
    Instant startedTs;
    Instant completedTs;

    Job(long id, Symbol symbol, PriceSource source, int priority, Instant now) {
      this.id = id;
      this.symbol = symbol;
      this.source = source;
      this.priority = priority;
      this.runAfter = now;
    }

    String describe() {
      return String.join(
          "|",
          String.valueOf(id),
          symbol.code(),
          source.name(),
          String.valueOf(priority),
          status.name(),
          String.valueOf(attempts),
          String.valueOf(worker),
          String.valueOf(node),
          String.valueOf(lastError),
          String.valueOf(runAfter),
          String.valueOf(startedTs),
          String.valueOf(completedTs));
    }
  }

  private final Database db;

  SyncQueueModelIT(Database db) {
    this.db = db;
  }

  @Test
  void the_queue_behaves_like_its_model_under_random_operations() {
    Long fixed = Long.getLong("seed");
    long base = fixed != null ? fixed : System.nanoTime();
    int rounds = fixed != null ? 1 : 4;
    for (int round = 0; round < rounds; round++) {
      long seed = base + round;
      System.out.println("SyncQueueModelIT seed=" + seed + " (replay with -Dseed=" + seed + ")");
      runWith(seed);
    }
  }

  private void runWith(long seed) {
    MarketDatabase.execute(db, "TRUNCATE market.sync_jobs");
    SplittableRandom random = new SplittableRandom(seed);
    TestClock clock = TestClock.kst("10:00:00");
    SyncQueue queue = SyncQueue.of(db, CONFIG, clock);
    Map<Long, Job> model = new TreeMap<>();
    List<SyncNode> nodes = new ArrayList<>();
    List<WorkerId> staleWorkers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      nodes.add(SyncNode.register(db.dataSource(ModuleRole.PRICESYNC)));
    }
    try {
      for (int step = 0; step < STEPS; step++) {
        String context = "seed " + seed + ", step " + step;
        int nodeIndex = random.nextInt(nodes.size());
        WorkerId worker = nodes.get(nodeIndex).worker("w" + random.nextInt(2));
        if (!staleWorkers.isEmpty() && random.nextInt(5) == 0) {
          worker = staleWorkers.get(random.nextInt(staleWorkers.size()));
        }
        Instant now = clock.instant();
        int op = random.nextInt(100);
        String action;
        if (op < 30) {
          List<SyncQueue.Request> requests = new ArrayList<>();
          for (int i = 1 + random.nextInt(3); i > 0; i--) {
            requests.add(
                new SyncQueue.Request(
                    SYMBOLS.get(random.nextInt(SYMBOLS.size())),
                    SOURCES.get(random.nextInt(SOURCES.size())),
                    List.of(10, 50, 100).get(random.nextInt(3))));
          }
          action = "enqueue " + requests;
          List<SyncQueue.Request> created = enqueue(model, requests);
          assertThat(queue.enqueue(requests)).as(context + ": " + action).isEqualTo(created.size());
          adoptNewRows(model, created, now, context + ": " + action);
        } else if (op < 55) {
          PriceSource source = SOURCES.get(random.nextInt(SOURCES.size()));
          int limit = 1 + random.nextInt(3);
          action = "claim " + worker + " " + source + " " + limit;
          List<Long> expected = claim(model, worker, source, limit, now);
          assertThat(queue.claim(worker, source, limit))
              .as(context + ": " + action)
              .extracting(j -> j.id().value())
              .containsExactlyElementsOf(expected);
        } else if (op < 80) {
          List<SyncJob> mine = runningOf(model, worker, random);
          int kind = random.nextInt(3);
          action = (kind == 0 ? "complete " : kind == 1 ? "fail " : "release ") + mine;
          int expected;
          int actual;
          if (kind == 0) {
            expected = finish(model, mine, worker, now, JobStatus.DONE, null);
            actual = queue.complete(worker, mine);
          } else if (kind == 1) {
            String error = "boom " + step;
            expected = finish(model, mine, worker, now, JobStatus.FAILED, error);
            actual =
                queue.fail(
                    worker, mine.stream().map(j -> new SyncQueue.Failure(j, error)).toList());
          } else {
            expected = release(model, mine, worker, now);
            actual = queue.release(worker, mine);
          }
          assertThat(actual).as(context + ": " + action).isEqualTo(expected);
        } else if (op < 92) {
          Duration by = Duration.ofMillis(random.nextInt(6_000));
          action = "advance " + by;
          clock.advance(by);
        } else if (op < 96) {
          int victim = random.nextInt(nodes.size());
          action = "process of node " + nodes.get(victim).number() + " dies";
          staleWorkers.add(nodes.get(victim).worker("w0"));
          staleWorkers.add(nodes.get(victim).worker("w1"));
          nodes.get(victim).close();
          nodes.set(victim, SyncNode.register(db.dataSource(ModuleRole.PRICESYNC)));
        } else {
          action = "rescue";
          List<Long> expected = rescue(model, nodes, now);
          assertThat(queue.rescue())
              .as(context + ": " + action)
              .extracting(SyncJobId::value)
              .containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(table()).as(context + " after " + action).isEqualTo(describe(model));
      }
    } finally {
      nodes.forEach(SyncNode::close);
    }
  }

  /** Applies the requests to the model's live jobs; returns the requests that create a job. */
  private static List<SyncQueue.Request> enqueue(
      Map<Long, Job> model, List<SyncQueue.Request> requests) {
    Map<List<Object>, SyncQueue.Request> unique = new LinkedHashMap<>();
    for (SyncQueue.Request r : requests) {
      unique.merge(
          List.of(r.symbol(), r.source()), r, (a, b) -> a.priority() >= b.priority() ? a : b);
    }
    List<SyncQueue.Request> created = new ArrayList<>();
    for (SyncQueue.Request r : unique.values()) {
      Job live =
          model.values().stream()
              .filter(j -> j.symbol.equals(r.symbol()) && j.source == r.source())
              .filter(j -> j.status == JobStatus.PENDING || j.status == JobStatus.RUNNING)
              .findFirst()
              .orElse(null);
      if (live == null) {
        created.add(r);
      } else if (live.status == JobStatus.PENDING && live.priority < r.priority()) {
        live.priority = r.priority();
      }
    }
    return created;
  }

  /**
   * The model's new jobs are built from the requests that create one; only their ids come from the
   * database (a sequence skips numbers on conflicts), in id order, which is the requests' order.
   */
  private void adoptNewRows(
      Map<Long, Job> model, List<SyncQueue.Request> created, Instant now, String context) {
    List<Long> ids =
        MarketDatabase.rows(db, "SELECT id FROM market.sync_jobs ORDER BY id").stream()
            .map(row -> ((Number) row.get("id")).longValue())
            .filter(id -> !model.containsKey(id))
            .toList();
    assertThat(ids).as(context + ": new rows").hasSameSizeAs(created);
    for (int i = 0; i < ids.size(); i++) {
      SyncQueue.Request r = created.get(i);
      model.put(ids.get(i), new Job(ids.get(i), r.symbol(), r.source(), r.priority(), now));
    }
  }

  private static List<Long> claim(
      Map<Long, Job> model, WorkerId worker, PriceSource source, int limit, Instant now) {
    List<Job> claimable =
        model.values().stream()
            .filter(j -> j.status == JobStatus.PENDING && j.source == source)
            .filter(j -> !j.runAfter.isAfter(now))
            .sorted(Comparator.comparingInt((Job j) -> -j.priority).thenComparingLong(j -> j.id))
            .limit(limit)
            .toList();
    for (Job job : claimable) {
      job.status = JobStatus.RUNNING;
      job.worker = worker.name();
      job.node = worker.node();
      job.attempts++;
      job.startedTs = now;
      job.completedTs = null;
    }
    return claimable.stream().map(j -> j.id).toList();
  }

  /** Some jobs the model says this worker runs, and now and then one it does not. */
  private static List<SyncJob> runningOf(
      Map<Long, Job> model, WorkerId worker, SplittableRandom random) {
    List<SyncJob> jobs = new ArrayList<>();
    for (Job job : model.values()) {
      boolean mine =
          job.status == JobStatus.RUNNING
              && worker.name().equals(job.worker)
              && Objects.equals(job.node, worker.node());
      if ((mine && random.nextInt(3) > 0) || random.nextInt(20) == 0) {
        jobs.add(
            new SyncJob(new SyncJobId(job.id), job.symbol, job.source, job.priority, job.attempts));
      }
    }
    return jobs;
  }

  private static boolean owns(Job job, WorkerId worker) {
    return job.status == JobStatus.RUNNING
        && worker.name().equals(job.worker)
        && Objects.equals(job.node, worker.node());
  }

  private static int finish(
      Map<Long, Job> model,
      List<SyncJob> jobs,
      WorkerId worker,
      Instant now,
      JobStatus outcome,
      String error) {
    int changed = 0;
    for (SyncJob claimed : jobs) {
      Job job = model.get(claimed.id().value());
      if (!owns(job, worker)) {
        continue;
      }
      changed++;
      job.node = null;
      if (outcome == JobStatus.DONE) {
        job.status = JobStatus.DONE;
        job.completedTs = now;
        continue;
      }
      job.lastError = error;
      if (job.attempts >= CONFIG.queue().maxAttempts()) {
        job.status = JobStatus.FAILED;
        job.completedTs = now;
      } else {
        job.status = JobStatus.PENDING;
        long backoff =
            Math.min(
                CONFIG.queue().backoffMax().toMillis(),
                CONFIG.queue().backoff().toMillis() << (job.attempts - 1));
        job.runAfter = now.plusMillis(backoff);
        job.completedTs = null;
      }
    }
    return changed;
  }

  private static int release(
      Map<Long, Job> model, List<SyncJob> jobs, WorkerId worker, Instant now) {
    int changed = 0;
    for (SyncJob claimed : jobs) {
      Job job = model.get(claimed.id().value());
      if (owns(job, worker)) {
        changed++;
        job.status = JobStatus.PENDING;
        job.attempts--;
        job.node = null;
        job.runAfter = now;
      }
    }
    return changed;
  }

  private static List<Long> rescue(Map<Long, Job> model, List<SyncNode> nodes, Instant now) {
    List<Integer> live = nodes.stream().map(SyncNode::number).toList();
    List<Long> rescued = new ArrayList<>();
    for (Job job : model.values()) {
      if (job.status == JobStatus.RUNNING && !live.contains(job.node)) {
        rescued.add(job.id);
        job.lastError = "the process running the job ended [worker=" + job.worker + "]";
        job.node = null;
        job.runAfter = now;
        if (job.attempts >= CONFIG.queue().maxAttempts()) {
          job.status = JobStatus.FAILED;
          job.completedTs = now;
        } else {
          job.status = JobStatus.PENDING;
          job.completedTs = null;
        }
      }
    }
    return rescued;
  }

  private List<String> table() {
    List<String> rows = new ArrayList<>();
    for (Map<String, Object> row :
        MarketDatabase.rows(db, "SELECT * FROM market.sync_jobs ORDER BY id")) {
      rows.add(
          String.join(
              "|",
              String.valueOf(row.get("id")),
              String.valueOf(row.get("symbol")),
              String.valueOf(row.get("source")),
              String.valueOf(row.get("priority")),
              String.valueOf(row.get("status")),
              String.valueOf(row.get("attempts")),
              String.valueOf(row.get("worker_id")),
              String.valueOf(row.get("node")),
              String.valueOf(row.get("last_error")),
              String.valueOf(instant(row.get("run_after"))),
              String.valueOf(instant(row.get("started_ts"))),
              String.valueOf(instant(row.get("completed_ts")))));
    }
    return rows;
  }

  private static Instant instant(Object timestamp) {
    return timestamp == null ? null : ((Timestamp) timestamp).toInstant();
  }

  private static List<String> describe(Map<Long, Job> model) {
    return model.values().stream().map(Job::describe).toList();
  }
}
