package io.krxtrader.market;

import io.krxtrader.KrxTraderException;
import io.krxtrader.db.Database;
import io.krxtrader.db.EpochMicros;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.system.LeaderName;
import io.krxtrader.system.Leadership;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.StampedLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The market module's entry type: takes live price events in-process ({@link PriceSink}) and keeps
 * {@code market.*} — every tick, one best price per symbol with its quality score, each symbol's
 * freshness and stale reason, refresh jobs for stale watched symbols and the KIS-versus-Naver
 * discrepancies.
 *
 * <p>Threads: {@code market.writer.threads} writers (each owns a share of the symbols and commits
 * batches), the refresh workers (if a {@link QuoteSource} is given), and one scan thread that, in
 * the one process holding the leader lock, marks stale symbols, queues refreshes and rescues jobs
 * of dead processes. Any number of PriceSync processes may share a database.
 */
public final class PriceSync implements PriceSink, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PriceSync.class);
  private static final Duration PURGE_EVERY = Duration.ofMinutes(10);

  /**
   * How often the scan leader heartbeats and a standby retries (real time: the scan itself may run
   * far more often).
   */
  private static final Duration LEADER_TICK = Duration.ofSeconds(5);

  private static final String BOARD =
      """
      SELECT coalesce(b.symbol, f.symbol) AS symbol, b.last_price, b.source, b.ts,
             b.quality_score, b.updated_ts, f.last_ws_ts, f.last_rest_ts, f.last_naver_ts,
             coalesce(f.is_stale, false) AS is_stale, f.stale_reason
        FROM market.prices_best b
        FULL JOIN market.freshness f ON f.symbol = b.symbol
       ORDER BY 1
      """;

  private final MarketConfig config;
  private final InstantSource clock;
  private final Database database;
  private final DataSource dataSource;
  private final SyncQueue queue;
  private final List<WriterLoop> writers = new ArrayList<>();
  private final StaleScanner scanner;
  private final QuoteSource quotes;
  private final List<SyncWorker> workers = new ArrayList<>();
  private final List<Thread> writerThreads = new ArrayList<>();
  private final List<Thread> workerThreads = new ArrayList<>();
  private volatile boolean webSocketDown;
  private SyncNode node;
  private Leadership scanLeader;
  private long lastLeaderTick;
  private ScheduledExecutorService scanThread;
  private Instant lastPurge;
  private boolean started;
  private final StampedLock closing = new StampedLock();
  private boolean closed;

  private PriceSync(Builder builder) {
    this.config = builder.config;
    this.clock = builder.clock;
    this.database = builder.database;
    this.dataSource = builder.database.dataSource(ModuleRole.PRICESYNC);
    this.queue = new SyncQueue(dataSource, config.queue(), clock);
    this.quotes = builder.quotes;
    PriceWriter writer = new PriceWriter(dataSource, config, clock);
    for (int i = 0; i < config.writer().threads(); i++) {
      writers.add(
          new WriterLoop(
              "market-writer-" + (i + 1),
              writer,
              config.writer().queueCapacity(),
              config.writer().maxBatch(),
              config.writer().linger(),
              builder.listener));
    }
    this.scanner =
        new StaleScanner(
            dataSource,
            queue,
            config,
            builder.calendar,
            clock,
            builder.watchLists,
            () -> webSocketDown);
  }

  public static Builder builder(Database database, MarketConfig config, InstantSource clock) {
    return new Builder(database, config, clock);
  }

  /** Wiring for a PriceSync; {@link #start} builds and starts it. */
  public static final class Builder {

    private final Database database;
    private final MarketConfig config;
    private final InstantSource clock;
    private QuoteSource quotes;
    private final List<WatchList> watchLists = new ArrayList<>();
    private TradingCalendar calendar = TradingCalendar.krx();
    private BestPriceListener listener = BestPriceListener.NONE;

    private Builder(Database database, MarketConfig config, InstantSource clock) {
      this.database = database;
      this.config = config;
      this.clock = clock;
    }

    /** Where refresh workers fetch prices; without one this process runs no workers. */
    public Builder quotes(QuoteSource source) {
      this.quotes = source;
      return this;
    }

    /** Adds a list of watched symbols (all lists are merged, strongest reason wins). */
    public Builder watch(WatchList list) {
      watchLists.add(list);
      return this;
    }

    public Builder calendar(TradingCalendar tradingCalendar) {
      this.calendar = tradingCalendar;
      return this;
    }

    public Builder listener(BestPriceListener bestPriceListener) {
      this.listener = bestPriceListener;
      return this;
    }

    /** Builds without starting any thread: events wait until {@link PriceSync#flush}. */
    PriceSync build() {
      return new PriceSync(this);
    }

    /** Builds, registers a sync node and starts the writer, worker and scan threads. */
    public PriceSync start() {
      PriceSync sync = build();
      sync.startThreads();
      return sync;
    }
  }

  private synchronized void startThreads() {
    // Registered by the first worker or scan round: start-up does not wait for the database.
    node = SyncNode.registerLater(dataSource);
    for (WriterLoop writer : writers) {
      writerThreads.add(Thread.ofPlatform().name(writer.name()).daemon().start(writer));
    }
    if (quotes != null) {
      for (PriceSource source : List.of(PriceSource.KIS_REST, PriceSource.NAVER)) {
        for (int i = 1; i <= config.queue().workers(source); i++) {
          String name = (source == PriceSource.NAVER ? "naver-" : "rest-") + i;
          SyncWorker worker =
              new SyncWorker(name, source, queue, node, quotes, this, config.queue());
          workers.add(worker);
          workerThreads.add(Thread.ofPlatform().name("market-" + name).daemon().start(worker));
        }
      }
    }
    scanThread =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("market-scan").daemon().unstarted(r));
    long period = config.staleness().scanInterval().toMillis();
    scanThread.scheduleWithFixedDelay(this::scanRound, period, period, TimeUnit.MILLISECONDS);
    started = true;
  }

  /**
   * One round of the scan thread: the node's heartbeat, then, every {@link #LEADER_TICK}, the scan
   * leader's {@link Leadership#tick()} (elected at the first round, so start-up does not wait for
   * the database); the leader maintains.
   */
  private void scanRound() {
    try {
      node.heartbeat();
      if (scanLeader == null) {
        scanLeader =
            Leadership.elect(
                database,
                LeaderName.PRICESYNC_SCAN,
                "pricesync/pid-" + ProcessHandle.current().pid() + "/" + UUID.randomUUID(),
                clock);
        lastLeaderTick = System.nanoTime();
      } else if (System.nanoTime() - lastLeaderTick >= LEADER_TICK.toNanos()) {
        scanLeader.tick();
        lastLeaderTick = System.nanoTime();
      }
      if (scanLeader.isLeading()) {
        maintain();
      }
    } catch (RuntimeException e) {
      log.warn("price scan failed [error={}]", e.getMessage());
    }
  }

  /** One leader round: stale marks and refresh jobs, the rescue, and now and then the purge. */
  StaleScanner.Result maintain() {
    StaleScanner.Result result = scanner.scan();
    List<SyncJobId> rescued = queue.rescue();
    if (!rescued.isEmpty()) {
      log.info("rescued sync jobs of ended processes [jobs={}]", rescued);
    }
    Instant now = clock.instant();
    if (lastPurge == null || !now.isBefore(lastPurge.plus(PURGE_EVERY))) {
      lastPurge = now;
      queue.purge(now.minus(config.queue().retention()));
    }
    return result;
  }

  /** {@inheritDoc} After {@link #close} every event is refused. */
  @Override
  public boolean accept(PriceEvent event) {
    // Under the read lock, so close cannot slip between the check and the offer: an accepted event
    // is always in a queue before the writers are told to finish.
    long stamp = closing.readLock();
    try {
      if (closed) {
        return false;
      }
      writers.get(SymbolBuckets.of(event.symbol()) % writers.size()).offer(event);
      return true;
    } finally {
      closing.unlockRead(stamp);
    }
  }

  @Override
  public void webSocketConnected(boolean connected) {
    webSocketDown = !connected;
  }

  /**
   * Waits until every event accepted before the call is committed (or dropped by a failure).
   * Without started threads, writes them in the caller's thread.
   *
   * @return false if that took longer than {@code timeout}
   */
  public boolean flush(Duration timeout) {
    try {
      for (WriterLoop writer : writers) {
        if (!started) {
          writer.drainNow();
        }
        if (!writer.awaitWritten(timeout)) {
          return false;
        }
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Counts since start. */
  public record Stats(long ticksWritten, long eventsDropped) {}

  public Stats stats() {
    long writtenTicks = 0;
    long droppedEvents = 0;
    for (WriterLoop writer : writers) {
      writtenTicks += writer.written();
      droppedEvents += writer.dropped();
    }
    return new Stats(writtenTicks, droppedEvents);
  }

  /** Every symbol with a best price or a freshness row, by symbol. */
  public static List<BoardRow> board(Database database) {
    try (Connection connection = database.dataSource(ModuleRole.PRICESYNC).getConnection();
        PreparedStatement statement = connection.prepareStatement(BOARD);
        ResultSet rows = statement.executeQuery()) {
      List<BoardRow> board = new ArrayList<>();
      while (rows.next()) {
        int quality = rows.getInt("quality_score");
        OptionalInt qualityScore = rows.wasNull() ? OptionalInt.empty() : OptionalInt.of(quality);
        board.add(
            new BoardRow(
                Symbol.of(rows.getString("symbol")),
                PriceWriter.optional(rows, "last_price"),
                Optional.ofNullable(rows.getString("source")).map(PriceSource::valueOf),
                Optional.ofNullable(EpochMicros.read(rows, "ts")),
                qualityScore,
                Optional.ofNullable(EpochMicros.read(rows, "updated_ts")),
                Optional.ofNullable(EpochMicros.read(rows, "last_ws_ts")),
                Optional.ofNullable(EpochMicros.read(rows, "last_rest_ts")),
                Optional.ofNullable(EpochMicros.read(rows, "last_naver_ts")),
                rows.getBoolean("is_stale"),
                Optional.ofNullable(rows.getString("stale_reason"))));
      }
      return board;
    } catch (SQLException e) {
      throw new KrxTraderException("cannot read best prices", e);
    }
  }

  /**
   * Stops scanning and fetching (claimed but unrun jobs go back to PENDING), then refuses new
   * events, writes what is queued (for up to 10 s), and ends the node. Workers finish first, so a
   * price fetched during the close is still taken and written.
   */
  @Override
  public synchronized void close() {
    if (scanThread != null) {
      scanThread.shutdownNow();
    }
    workers.forEach(SyncWorker::stop);
    joinAll(workerThreads);
    long stamp = closing.writeLock();
    closed = true;
    closing.unlockWrite(stamp);
    writers.forEach(WriterLoop::stop);
    joinAll(writerThreads);
    if (scanLeader != null) {
      scanLeader.close();
    }
    if (node != null) {
      node.close();
    }
  }

  private static void joinAll(List<Thread> threads) {
    for (Thread thread : threads) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (thread.isAlive()) {
        thread.interrupt();
      }
    }
  }
}
