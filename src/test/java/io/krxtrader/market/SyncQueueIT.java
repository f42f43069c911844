package io.krxtrader.market;

import static io.krxtrader.market.MarketDatabase.count;
import static io.krxtrader.market.MarketDatabase.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.krx.Symbol;
import io.krxtrader.testkit.PostgresExtension;
import io.krxtrader.testkit.TestClock;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The refresh-job queue's transitions, its liveness rescue and its concurrency, on PostgreSQL. */
@ExtendWith(PostgresExtension.class)
class SyncQueueIT {

  private static final MarketConfig CONFIG = MarketConfig.defaults();
  private static final Symbol SAMSUNG = Symbol.of("005930");
  private static final Symbol HYNIX = Symbol.of("000660");
  private static final Symbol NAVER_CORP = Symbol.of("035420");

  private final Database db;
  private final TestClock clock = TestClock.kst("10:00:00");
  private final SyncQueue queue;
  private final List<SyncNode> nodes = new ArrayList<>();

  SyncQueueIT(Database db) {
    this.db = db;
    this.queue = SyncQueue.of(db, CONFIG, clock);
  }

  @BeforeEach
  void empty() {
    MarketDatabase.execute(db, "TRUNCATE market.sync_jobs");
  }

  @AfterEach
  void closeNodes() {
    nodes.forEach(SyncNode::close);
  }

  private SyncNode node(Database database) {
    SyncNode node = SyncNode.register(database.dataSource(ModuleRole.PRICESYNC));
    nodes.add(node);
    return node;
  }

  private static SyncQueue.Request rest(Symbol symbol, int priority) {
    return new SyncQueue.Request(symbol, PriceSource.KIS_REST, priority);
  }

  private Map<String, Object> job(SyncJobId id) {
    return row(db, "SELECT * FROM market.sync_jobs WHERE id = ?", id.value());
  }

  @Test
  void the_tables_check_lists_exactly_the_job_states_the_queue_names() {
    String check =
        (String)
            row(
                    db,
                    "SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint"
                        + " WHERE conrelid = 'market.sync_jobs'::regclass AND contype = 'c'"
                        + " AND pg_get_constraintdef(oid) LIKE '%status%'")
                .get("definition");
    List<String> inCheck = new ArrayList<>();
    Matcher literal = Pattern.compile("'(\\w+)'").matcher(check);
    while (literal.find()) {
      inCheck.add(literal.group(1));
    }
    assertThat(inCheck)
        .containsExactlyInAnyOrder(
            Arrays.stream(JobStatus.values()).map(Enum::name).toArray(String[]::new));
    assertThat(JobStatus.sql("status IN ({PENDING}, {RUNNING})"))
        .isEqualTo("status IN ('PENDING', 'RUNNING')");
    assertThatThrownBy(() -> JobStatus.sql("status = {PENDNG}"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void the_database_allows_one_pending_or_running_job_per_symbol_and_source() {
    assertThat(queue.enqueue(List.of(rest(SAMSUNG, 10)))).isEqualTo(1);
    assertThat(queue.enqueue(List.of(rest(SAMSUNG, 10), rest(SAMSUNG, 10)))).isZero();
    assertThat(queue.enqueue(List.of(new SyncQueue.Request(SAMSUNG, PriceSource.NAVER, 100))))
        .isEqualTo(1);
    assertThatThrownBy(
            () ->
                db.jdbi(ModuleRole.PRICESYNC)
                    .useHandle(
                        h ->
                            h.execute(
                                "INSERT INTO market.sync_jobs (symbol, source, priority, status)"
                                    + " VALUES ('005930', 'KIS_REST', 10, 'RUNNING')")))
        .hasMessageContaining("uq_sync_jobs_live");

    WorkerId worker = node(db).worker("rest-1");
    List<SyncJob> claimed = queue.claim(worker, PriceSource.KIS_REST, 5);
    assertThat(queue.enqueue(List.of(rest(SAMSUNG, 10)))).isZero(); // RUNNING counts too
    queue.complete(worker, claimed);
    assertThat(queue.enqueue(List.of(rest(SAMSUNG, 10)))).isEqualTo(1); // DONE does not
  }

  @Test
  void a_new_request_raises_the_priority_of_a_waiting_job() {
    queue.enqueue(List.of(rest(SAMSUNG, 10)));
    queue.enqueue(List.of(rest(SAMSUNG, 100)));
    queue.enqueue(List.of(rest(SAMSUNG, 50)));
    assertThat(count(db, "SELECT priority FROM market.sync_jobs")).isEqualTo(100);
  }

  @Test
  void claims_take_the_highest_priority_first_then_the_oldest_and_no_more_than_asked() {
    queue.enqueue(List.of(rest(SAMSUNG, 10)));
    clock.advance(Duration.ofMillis(1));
    queue.enqueue(List.of(rest(HYNIX, 100)));
    clock.advance(Duration.ofMillis(1));
    queue.enqueue(List.of(rest(NAVER_CORP, 10)));
    queue.enqueue(List.of(new SyncQueue.Request(SAMSUNG, PriceSource.NAVER, 100)));
    WorkerId worker = node(db).worker("rest-1");

    List<SyncJob> first = queue.claim(worker, PriceSource.KIS_REST, 2);
    assertThat(first).extracting(SyncJob::symbol).containsExactly(HYNIX, SAMSUNG);
    assertThat(first).allSatisfy(j -> assertThat(j.attempts()).isEqualTo(1));
    assertThat(job(first.get(0).id()))
        .containsEntry("status", "RUNNING")
        .containsEntry("worker_id", worker.name())
        .containsEntry("node", worker.node());
    assertThat(queue.claim(worker, PriceSource.KIS_REST, 5))
        .extracting(SyncJob::symbol)
        .containsExactly(NAVER_CORP);
    assertThat(queue.claim(worker, PriceSource.KIS_REST, 5)).isEmpty();
  }

  @Test
  void a_claim_skips_jobs_locked_by_another_claim() throws Exception {
    queue.enqueue(List.of(rest(SAMSUNG, 100), rest(HYNIX, 10)));
    try (Connection other = db.dataSource(ModuleRole.PRICESYNC).getConnection()) {
      other.setAutoCommit(false);
      Jdbi.open(other)
          .createQuery("SELECT id FROM market.sync_jobs WHERE symbol = '005930' FOR UPDATE")
          .mapTo(Long.class)
          .one();
      List<SyncJob> claimed = queue.claim(node(db).worker("rest-1"), PriceSource.KIS_REST, 5);
      assertThat(claimed).extracting(SyncJob::symbol).containsExactly(HYNIX);
      other.rollback();
    }
  }

  @Test
  void a_failing_job_is_retried_with_doubling_back_off_and_fails_for_good_after_5_attempts() {
    queue.enqueue(List.of(rest(SAMSUNG, 100)));
    WorkerId worker = node(db).worker("rest-1");
    long[] backoffMillis = {1_000, 2_000, 4_000, 8_000};
    for (int attempt = 1; attempt <= 5; attempt++) {
      List<SyncJob> claimed = queue.claim(worker, PriceSource.KIS_REST, 1);
      assertThat(claimed).as("attempt %d", attempt).hasSize(1);
      SyncJob job = claimed.get(0);
      assertThat(job.attempts()).isEqualTo(attempt);
      assertThat(queue.fail(worker, List.of(new SyncQueue.Failure(job, "timeout #" + attempt))))
          .isEqualTo(1);
      Map<String, Object> row = job(job.id());
      assertThat(row)
          .containsEntry("last_error", "timeout #" + attempt)
          .containsEntry("attempts", attempt);
      if (attempt < 5) {
        assertThat(row).containsEntry("status", "PENDING");
        Instant runAfter = ((Timestamp) row.get("run_after")).toInstant();
        assertThat(runAfter).isEqualTo(clock.instant().plusMillis(backoffMillis[attempt - 1]));
        clock.set(runAfter.minusMillis(1));
        assertThat(queue.claim(worker, PriceSource.KIS_REST, 1)).isEmpty();
        clock.set(runAfter);
      } else {
        assertThat(row).containsEntry("status", "FAILED");
        assertThat(((Timestamp) row.get("completed_ts")).toInstant()).isEqualTo(clock.instant());
      }
    }
    clock.advance(Duration.ofHours(1));
    assertThat(queue.claim(worker, PriceSource.KIS_REST, 1)).isEmpty();
  }

  @Test
  void the_back_off_stops_growing_at_its_maximum() {
    MarketConfig config =
        MarketConfig.from(
            io.krxtrader.config.Settings.of(
                Map.of(MarketConfig.MAX_ATTEMPTS, "20", MarketConfig.BACKOFF_MAX, "5s")));
    SyncQueue patient = SyncQueue.of(db, config, clock);
    patient.enqueue(List.of(rest(SAMSUNG, 100)));
    WorkerId worker = node(db).worker("rest-1");
    for (int attempt = 1; attempt <= 8; attempt++) {
      SyncJob job = patient.claim(worker, PriceSource.KIS_REST, 1).get(0);
      patient.fail(worker, List.of(new SyncQueue.Failure(job, "down")));
      Instant runAfter = ((Timestamp) job(job.id()).get("run_after")).toInstant();
      assertThat(Duration.between(clock.instant(), runAfter))
          .isEqualTo(Duration.ofMillis(Math.min(5_000, 1_000L << (attempt - 1))));
      clock.set(runAfter);
    }
  }

  @Test
  void a_job_whose_process_died_is_rescued_and_its_late_completion_is_refused() throws Exception {
    queue.enqueue(List.of(rest(SAMSUNG, 100), rest(HYNIX, 100)));
    SyncNode dying = node(db);
    SyncNode living = node(db);
    WorkerId doomed = dying.worker("rest-1");
    WorkerId survivor = living.worker("rest-1");
    List<SyncJob> lost = queue.claim(doomed, PriceSource.KIS_REST, 1);
    List<SyncJob> kept = queue.claim(survivor, PriceSource.KIS_REST, 1);
    assertThat(queue.rescue()).isEmpty();

    int pid = dying.backendPid();
    MarketDatabase.execute(db, "SELECT pg_terminate_backend(" + pid + ")");
    awaitGone(pid);

    assertThat(queue.rescue()).containsExactly(lost.get(0).id());
    assertThat(job(lost.get(0).id()))
        .containsEntry("status", "PENDING")
        .containsEntry("attempts", 1)
        .extractingByKey("last_error")
        .asString()
        .contains("the process running the job ended", doomed.name());
    assertThat(job(kept.get(0).id())).containsEntry("status", "RUNNING");

    List<SyncJob> again = queue.claim(survivor, PriceSource.KIS_REST, 5);
    assertThat(again).extracting(SyncJob::id).containsExactly(lost.get(0).id());
    assertThat(again.get(0).attempts()).isEqualTo(2);
    assertThat(queue.complete(doomed, lost)).isZero();
    assertThat(queue.complete(survivor, again)).isEqualTo(1);
    assertThat(job(lost.get(0).id()))
        .containsEntry("status", "DONE")
        .containsEntry("worker_id", survivor.name());
  }

  @Test
  void a_node_that_lost_its_session_takes_a_new_number_and_its_old_jobs_go_to_others()
      throws Exception {
    queue.enqueue(List.of(rest(SAMSUNG, 100)));
    SyncNode node = node(db);
    WorkerId before = node.worker("rest-1");
    List<SyncJob> claimed = queue.claim(before, PriceSource.KIS_REST, 1);
    int pid = node.backendPid();
    MarketDatabase.execute(db, "SELECT pg_terminate_backend(" + pid + ")");
    awaitGone(pid);

    assertThat(node.heartbeat()).isTrue();
    assertThat(node.number()).isNotEqualTo(before.node());
    assertThat(queue.rescue()).containsExactly(claimed.get(0).id());
    assertThat(queue.complete(before, claimed)).isZero();
    assertThat(queue.claim(node.worker("rest-1"), PriceSource.KIS_REST, 1)).hasSize(1);
  }

  @Test
  void an_orderly_release_returns_jobs_unrun_without_counting_the_attempt() {
    queue.enqueue(List.of(rest(SAMSUNG, 100)));
    WorkerId worker = node(db).worker("rest-1");
    List<SyncJob> claimed = queue.claim(worker, PriceSource.KIS_REST, 1);
    assertThat(queue.release(worker, claimed)).isEqualTo(1);
    assertThat(job(claimed.get(0).id()))
        .containsEntry("status", "PENDING")
        .containsEntry("attempts", 0);
  }

  @Test
  void purge_deletes_finished_jobs_older_than_the_cut_off_only() {
    queue.enqueue(List.of(rest(SAMSUNG, 100), rest(HYNIX, 100), rest(NAVER_CORP, 100)));
    WorkerId worker = node(db).worker("rest-1");
    List<SyncJob> claimed = queue.claim(worker, PriceSource.KIS_REST, 2);
    queue.complete(worker, claimed.subList(0, 1));
    queue.fail(worker, List.of(new SyncQueue.Failure(claimed.get(1), "down")));
    clock.advance(Duration.ofDays(2));
    assertThat(queue.purge(clock.instant().minus(Duration.ofDays(1)))).isEqualTo(1);
    assertThat(count(db, "SELECT count(*) FROM market.sync_jobs")).isEqualTo(2);
  }

  @Test
  void workers_of_two_processes_claiming_at_once_never_get_the_same_job() throws Exception {
    List<SyncQueue.Request> requests = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      requests.add(rest(Symbol.of(String.format("2%05d", i)), i % 3 == 0 ? 100 : 10));
    }
    queue.enqueue(requests);
    Map<Long, String> runs = new ConcurrentHashMap<>();
    List<String> duplicates = new CopyOnWriteArrayList<>();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    try (Database second = MarketDatabase.secondPool(db)) {
      for (Database process : List.of(db, second)) {
        SyncQueue processQueue = SyncQueue.of(process, CONFIG, clock);
        SyncNode node = node(process);
        for (int w = 1; w <= 3; w++) {
          WorkerId worker = node.worker("rest-" + w);
          threads.add(
              Thread.ofPlatform()
                  .start(
                      () -> {
                        try {
                          List<SyncJob> jobs;
                          while (!(jobs = processQueue.claim(worker, PriceSource.KIS_REST, 7))
                              .isEmpty()) {
                            for (SyncJob job : jobs) {
                              String previous = runs.putIfAbsent(job.id().value(), worker.name());
                              if (previous != null) {
                                duplicates.add(job.id() + " by " + previous + " and " + worker);
                              }
                            }
                            assertThat(processQueue.complete(worker, jobs)).isEqualTo(jobs.size());
                          }
                        } catch (Throwable e) {
                          failures.add(e);
                        }
                      }));
        }
      }
      for (Thread thread : threads) {
        thread.join();
      }
    }
    assertThat(failures).isEmpty();
    assertThat(duplicates).isEmpty();
    assertThat(runs).hasSize(3_000);
    assertThat(count(db, "SELECT count(*) FROM market.sync_jobs WHERE status = 'DONE'"))
        .isEqualTo(3_000);
    assertThat(count(db, "SELECT count(DISTINCT node) FROM market.sync_jobs")).isZero();
    assertThat(runs.values().stream().map(name -> name.substring(0, name.indexOf('/'))).distinct())
        .as("both processes ran jobs")
        .hasSize(2);
  }

  @Test
  void the_claim_is_served_by_the_partial_claim_index() {
    MarketDatabase.execute(
        db,
        """
        INSERT INTO market.sync_jobs (symbol, source, priority, status, completed_ts)
        SELECT lpad(g::text, 6, '0'), 'KIS_REST', 10, 'DONE', now() FROM generate_series(1, 20000) g
        """);
    queue.enqueue(List.of(rest(SAMSUNG, 100)));
    MarketDatabase.execute(db, "ANALYZE market.sync_jobs");
    String plan =
        String.join(
            "\n",
            Arrays.asList(
                MarketDatabase.rows(
                        db,
                        "EXPLAIN SELECT id FROM market.sync_jobs WHERE status = 'PENDING' AND"
                            + " source = 'KIS_REST' AND run_after <= now() ORDER BY priority DESC,"
                            + " id LIMIT 10 FOR UPDATE SKIP LOCKED")
                    .stream()
                    .map(r -> r.values().iterator().next().toString())
                    .toArray(String[]::new)));
    assertThat(plan).contains("idx_sync_jobs_claim").doesNotContain("Sort");
  }

  private void awaitGone(int pid) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      if (count(db, "SELECT count(*) FROM pg_stat_activity WHERE pid = ?", pid) == 0) {
        return;
      }
      Thread.sleep(25);
    }
    throw new AssertionError("backend " + pid + " did not end");
  }
}
