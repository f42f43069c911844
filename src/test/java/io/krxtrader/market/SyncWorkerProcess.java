package io.krxtrader.market;

import io.krxtrader.config.Secret;
import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.krx.Symbol;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A separate JVM running PriceSync refresh workers on a test database, for the multi-process tests.
 * Arguments: JDBC URL, mode, process label, worker threads; the password comes in environment
 * variable {@code KRX_TEST_DB_PASSWORD}.
 *
 * <ul>
 *   <li>{@code work}: drains the KIS REST jobs through a {@link FetchLog}, printing "working" once
 *       its workers run and "done" at the end.
 *   <li>{@code hang}: claims one job, prints "fetching SYMBOL" and blocks in the fetch forever (the
 *       test kills it there).
 * </ul>
 */
public final class SyncWorkerProcess {

  private SyncWorkerProcess() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String mode = args[1];
    String label = args[2];
    int threads = Integer.parseInt(args[3]);
    String password = System.getenv("KRX_TEST_DB_PASSWORD");
    MarketConfig config = MarketConfig.defaults();
    try (Database db = Database.connect(url, "postgres", Optional.of(Secret.of(password)));
        SyncNode node = SyncNode.register(db.dataSource(ModuleRole.PRICESYNC))) {
      SyncQueue queue = SyncQueue.of(db, config, InstantSource.system());
      System.out.println("node " + node.number());
      System.out.flush();
      if (mode.equals("hang")) {
        QuoteSource hanging =
            (Symbol symbol, PriceSource source) -> {
              System.out.println("fetching " + symbol);
              System.out.flush();
              while (true) {
                try {
                  Thread.sleep(60_000);
                } catch (InterruptedException e) {
                  // keep hanging: only a kill ends this process
                }
              }
            };
        SyncWorker worker =
            new SyncWorker(
                label,
                PriceSource.KIS_REST,
                queue,
                node,
                hanging,
                FetchLog.DISCARD,
                config.queue());
        while (worker.runOnce() == 0) {
          Thread.sleep(20);
        }
        return;
      }
      FetchLog log = new FetchLog(db, label);
      List<Thread> workers = new ArrayList<>();
      for (int i = 1; i <= threads; i++) {
        SyncWorker worker =
            new SyncWorker(
                label + "-" + i,
                PriceSource.KIS_REST,
                queue,
                node,
                log,
                FetchLog.DISCARD,
                config.queue());
        workers.add(
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
      System.out.println("working");
      System.out.flush();
      for (Thread worker : workers) {
        worker.join();
      }
      System.out.println("done");
      System.out.flush();
    }
  }
}
