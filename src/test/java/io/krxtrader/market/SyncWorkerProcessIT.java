package io.krxtrader.market;

import static io.krxtrader.market.MarketDatabase.count;
import static io.krxtrader.market.MarketDatabase.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.krx.Symbol;
import io.krxtrader.testkit.PostgresExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Refresh workers in separate processes on one database: a child JVM and two connection pools of
 * this JVM never run the same job at once, and a killed child's job is rescued and run by another.
 */
@ExtendWith(PostgresExtension.class)
class SyncWorkerProcessIT {

  private static final MarketConfig CONFIG = MarketConfig.defaults();

  private final Database db;
  private final SyncQueue queue;

  SyncWorkerProcessIT(Database db) {
    this.db = db;
    this.queue = SyncQueue.of(db, CONFIG, InstantSource.system());
  }

  @BeforeEach
  void empty() {
    MarketDatabase.execute(db, "TRUNCATE market.sync_jobs");
    MarketDatabase.execute(db, FetchLog.CREATE);
    MarketDatabase.execute(db, "GRANT SELECT ON public.fetch_log TO krx_pricesync");
    MarketDatabase.execute(db, "TRUNCATE public.fetch_log");
  }

  private Process child(String mode, String label, int threads) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                SyncWorkerProcess.class.getName(),
                db.displayUrl(),
                mode,
                label,
                Integer.toString(threads))
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("KRX_TEST_DB_PASSWORD", PostgresExtension.superuserPassword());
    return builder.start();
  }

  private static String awaitLine(BufferedReader out, String prefix) throws IOException {
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith(prefix)) {
        return line.substring(prefix.length());
      }
    }
    throw new AssertionError("the child process ended before printing '" + prefix + "'");
  }

  @Test
  void workers_in_three_processes_never_run_the_same_job_at_once() throws Exception {
    List<SyncQueue.Request> requests = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      requests.add(
          new SyncQueue.Request(Symbol.of(String.format("3%05d", i)), PriceSource.KIS_REST, 10));
    }
    queue.enqueue(requests);
    Process child = child("work", "child", 2);
    try (Database second = MarketDatabase.secondPool(db);
        SyncNode nodeA = SyncNode.register(db.dataSource(ModuleRole.PRICESYNC));
        SyncNode nodeB = SyncNode.register(second.dataSource(ModuleRole.PRICESYNC))) {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      // The child starts first, so that it surely gets jobs however slowly its JVM starts.
      awaitLine(out, "working");
      List<Thread> threads = new ArrayList<>();
      for (Object[] process :
          List.of(new Object[] {db, nodeA, "a"}, new Object[] {second, nodeB, "b"})) {
        Database database = (Database) process[0];
        SyncQueue processQueue = SyncQueue.of(database, CONFIG, InstantSource.system());
        FetchLog log = new FetchLog(database, (String) process[2]);
        for (int i = 1; i <= 2; i++) {
          SyncWorker worker =
              new SyncWorker(
                  process[2] + "-" + i,
                  PriceSource.KIS_REST,
                  processQueue,
                  (SyncNode) process[1],
                  log,
                  FetchLog.DISCARD,
                  CONFIG.queue());
          threads.add(
              Thread.ofPlatform()
                  .start(
                      () -> {
                        try {
                          FetchLog.drain(worker);
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                      }));
        }
      }
      for (Thread thread : threads) {
        thread.join();
      }
      awaitLine(out, "done");
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    assertThat(count(db, FetchLog.OVERLAPS)).isZero();
    assertThat(count(db, "SELECT count(*) FROM public.fetch_log")).isEqualTo(600);
    assertThat(count(db, "SELECT count(DISTINCT (symbol, source)) FROM public.fetch_log"))
        .isEqualTo(600);
    assertThat(count(db, "SELECT count(DISTINCT process) FROM public.fetch_log"))
        .as("jobs ran in the child and in both pools")
        .isEqualTo(3);
    assertThat(count(db, "SELECT count(*) FROM market.sync_jobs WHERE status = 'DONE'"))
        .isEqualTo(600);
  }

  @Test
  void the_job_of_a_killed_worker_process_is_rescued_and_run_by_another() throws Exception {
    Symbol symbol = Symbol.of("005930");
    queue.enqueue(List.of(new SyncQueue.Request(symbol, PriceSource.KIS_REST, 100)));
    Process child = child("hang", "doomed", 1);
    int childNode;
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      childNode = Integer.parseInt(awaitLine(out, "node "));
      assertThat(awaitLine(out, "fetching ")).isEqualTo(symbol.code());
      assertThat(row(db, "SELECT status, node FROM market.sync_jobs"))
          .containsEntry("status", "RUNNING")
          .containsEntry("node", childNode);
      // While the child lives, its job is not rescued.
      assertThat(queue.rescue()).isEmpty();
    } finally {
      child.destroyForcibly();
    }
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

    List<SyncJobId> rescued = List.of();
    for (int i = 0; i < 200 && rescued.isEmpty(); i++) {
      rescued = queue.rescue();
      if (rescued.isEmpty()) {
        Thread.sleep(25);
      }
    }
    assertThat(rescued).hasSize(1);
    Map<String, Object> job = row(db, "SELECT * FROM market.sync_jobs");
    assertThat(job).containsEntry("status", "PENDING").containsEntry("attempts", 1);
    assertThat((String) job.get("last_error"))
        .contains("the process running the job ended", "doomed");

    try (SyncNode node = SyncNode.register(db.dataSource(ModuleRole.PRICESYNC))) {
      List<PriceEvent> written = new ArrayList<>();
      PriceSink sink =
          new PriceSink() {
            @Override
            public boolean accept(PriceEvent event) {
              return written.add(event);
            }

            @Override
            public void webSocketConnected(boolean connected) {}
          };
      SyncWorker worker =
          new SyncWorker(
              "rescuer",
              PriceSource.KIS_REST,
              queue,
              node,
              (s, source) -> PriceEvent.of(s, source, Instant.now(), 71_000),
              sink,
              CONFIG.queue());
      assertThat(worker.runOnce()).isEqualTo(1);
      assertThat(written).extracting(PriceEvent::symbol).containsExactly(symbol);
    }
    assertThat(row(db, "SELECT * FROM market.sync_jobs"))
        .containsEntry("status", "DONE")
        .containsEntry("attempts", 2)
        .extractingByKey("worker_id")
        .asString()
        .contains("rescuer");
  }
}
