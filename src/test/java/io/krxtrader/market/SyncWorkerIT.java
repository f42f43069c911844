package io.krxtrader.market;

import static io.krxtrader.market.MarketDatabase.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.krxtrader.KrxTraderException;
import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.krx.Symbol;
import io.krxtrader.testkit.PostgresExtension;
import io.krxtrader.testkit.TestClock;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A worker whose outcomes the database refuses once still leaves no job RUNNING behind. */
@ExtendWith(PostgresExtension.class)
class SyncWorkerIT {

  private static final MarketConfig CONFIG = MarketConfig.defaults();
  private static final Symbol HELD = Symbol.of("005930");

  private final Database db;
  private final TestClock clock = TestClock.kst("10:00:00");
  private final Flaky flaky;
  private final SyncQueue queue;
  private SyncNode node;

  SyncWorkerIT(Database db) {
    this.db = db;
    this.flaky = new Flaky(db.dataSource(ModuleRole.PRICESYNC));
    this.queue = new SyncQueue(flaky, CONFIG.queue(), clock);
  }

  @BeforeEach
  void setUp() {
    MarketDatabase.execute(db, "TRUNCATE market.sync_jobs");
    node = SyncNode.register(db.dataSource(ModuleRole.PRICESYNC));
    queue.enqueue(List.of(new SyncQueue.Request(HELD, PriceSource.KIS_REST, 100)));
  }

  @AfterEach
  void closeNode() {
    node.close();
  }

  private SyncWorker worker(QuoteSource quotes) {
    return new SyncWorker(
        "rest-1", PriceSource.KIS_REST, queue, node, quotes, FetchLog.DISCARD, CONFIG.queue());
  }

  private Map<String, Object> job() {
    return row(db, "SELECT status, attempts, last_error FROM market.sync_jobs");
  }

  @Test
  void a_completion_the_database_refused_is_recorded_before_the_next_claim() {
    SyncWorker worker =
        worker(
            (symbol, source) -> {
              flaky.refuseNext();
              return PriceEvent.of(symbol, source, clock.instant(), 71_000);
            });
    assertThatThrownBy(worker::runOnce).isInstanceOf(KrxTraderException.class);
    assertThat(job()).containsEntry("status", "RUNNING");

    assertThat(worker.runOnce()).isZero();
    assertThat(job()).containsEntry("status", "DONE");
  }

  @Test
  void a_failure_the_database_refused_is_recorded_before_the_next_claim() {
    SyncWorker worker =
        worker(
            (symbol, source) -> {
              flaky.refuseNext();
              throw new IllegalStateException("KIS REST answered 500");
            });
    assertThatThrownBy(worker::runOnce).isInstanceOf(KrxTraderException.class);
    assertThat(worker.runOnce()).isZero();
    assertThat(job())
        .containsEntry("status", "PENDING")
        .containsEntry("attempts", 1)
        .containsEntry("last_error", "KIS REST answered 500");
  }

  @Test
  void an_error_from_the_quote_source_counts_as_a_failed_attempt_and_leaves_nothing_running() {
    SyncWorker worker =
        worker(
            (symbol, source) -> {
              throw new NoClassDefFoundError("io/krxtrader/kis/Missing");
            });
    assertThatThrownBy(worker::runOnce).isInstanceOf(NoClassDefFoundError.class);
    assertThat(worker.runOnce()).isZero();
    assertThat(job())
        .containsEntry("status", "PENDING")
        .containsEntry("attempts", 1)
        .containsEntry("last_error", "io/krxtrader/kis/Missing");
  }

  /** The PriceSync role's data source, refusing one connection when told to (as a pool timeout). */
  private static final class Flaky implements DataSource {

    private final DataSource delegate;
    private final AtomicBoolean refuse = new AtomicBoolean();

    Flaky(DataSource delegate) {
      this.delegate = delegate;
    }

    void refuseNext() {
      refuse.set(true);
    }

    @Override
    public Connection getConnection() throws SQLException {
      if (refuse.getAndSet(false)) {
        throw new SQLTransientConnectionException("refused for the test");
      }
      return delegate.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      throw new SQLException("not used");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
      return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
      delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
      delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
      return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      return delegate.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
      return delegate.isWrapperFor(type);
    }
  }
}
