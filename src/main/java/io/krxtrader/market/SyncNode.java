package io.krxtrader.market;

import io.krxtrader.KrxTraderException;
import io.krxtrader.db.AdvisoryLock;
import io.krxtrader.db.LockSpace;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PriceSync process as the job queue sees it: a node number and a connection that holds the
 * session-level advisory lock {@link LockSpace#SYNC_NODE} (1705, number) for as long as the process
 * lives.
 *
 * <p>Why a lock and not a lease: PostgreSQL releases a session lock the moment the session ends —
 * the process was killed, crashed, or lost its connection — so the rescue ({@link
 * SyncQueue#rescue}) finds a dead node's RUNNING jobs by asking {@code pg_locks}, at once and
 * without heartbeat writes or a lease length to tune. A lease would have to outlast the slowest
 * fetch, and every job would wait that long after a crash. The lock covers the whole process, not a
 * thread: a worker whose outcomes the database refused keeps them and records them before its next
 * claim, and a worker thread that ends records what it holds.
 *
 * <p>A hung host keeps its TCP connection open until the server's keepalive probes give up; this
 * session sets them to about 25 s. If the lock connection breaks while the process lives, {@link
 * #heartbeat} registers a new node number: the old number's jobs are then rescued and given to
 * others, and the old workers' late completions no longer match (completion checks worker and
 * node), so no job is recorded twice. The fetch a rescued job was running may still finish once
 * more; it is a read, and its price is simply one more tick.
 *
 * <p>The one process that runs the stale scan and the rescue is elected separately, through {@code
 * system.Leadership} ({@code LeaderName.PRICESYNC_SCAN}; see {@link PriceSync}).
 */
public final class SyncNode implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SyncNode.class);

  private final DataSource dataSource;
  private final long pid = ProcessHandle.current().pid();
  private Connection connection;
  private volatile int number;
  private boolean closed;
  private boolean reportedDown;

  private SyncNode(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * A node that registers at its first {@link #heartbeat}: for a process that must start while the
   * database is away. It has no number (and runs no job) until then.
   */
  static SyncNode registerLater(DataSource dataSource) {
    return new SyncNode(dataSource);
  }

  /** Registers a new node on the PriceSync role's data source and takes its liveness lock. */
  public static SyncNode register(DataSource dataSource) {
    SyncNode node = new SyncNode(dataSource);
    try {
      node.connect();
    } catch (SQLException e) {
      throw new KrxTraderException("cannot register a sync node", e);
    }
    return node;
  }

  private void connect() throws SQLException {
    Connection fresh = dataSource.getConnection();
    try {
      fresh.setAutoCommit(true);
      try (Statement statement = fresh.createStatement()) {
        statement.execute("SET tcp_keepalives_idle = 10");
        statement.execute("SET tcp_keepalives_interval = 5");
        statement.execute("SET tcp_keepalives_count = 3");
      }
      int taken = 0;
      // The sequence wraps; a number still locked by a live node is skipped.
      for (int attempt = 0; attempt < 100 && taken == 0; attempt++) {
        int candidate;
        try (Statement statement = fresh.createStatement();
            ResultSet rows =
                statement.executeQuery("SELECT nextval('market.sync_node_seq')::int")) {
          rows.next();
          candidate = rows.getInt(1);
        }
        if (AdvisoryLock.trySession(fresh, LockSpace.SYNC_NODE.key(candidate))) {
          taken = candidate;
        }
      }
      if (taken == 0) {
        throw new SQLException("no free sync node number after 100 tries");
      }
      connection = fresh;
      number = taken;
    } catch (SQLException | RuntimeException e) {
      fresh.close();
      throw e;
    }
  }

  /** The node number now (it changes only if the lock connection was lost and replaced). */
  public int number() {
    return number;
  }

  /** A worker of this node, as it is now (the node must be registered). */
  public WorkerId worker(String name) {
    int current = number;
    if (current == 0) {
      throw new IllegalStateException("sync node not registered yet [worker=" + name + "]");
    }
    return new WorkerId("node-" + current + "/" + name + "/pid-" + pid, current);
  }

  /**
   * Checks the lock connection, and replaces a lost one with a new node number.
   *
   * @return whether the node holds a liveness lock now
   */
  public synchronized boolean heartbeat() {
    if (closed) {
      return false;
    }
    int lost = number;
    if (connection != null) {
      try {
        if (connection.isValid(5)) {
          return true;
        }
      } catch (SQLException e) {
        // treated as lost below
      }
      closeQuietly();
    }
    try {
      connect();
      reportedDown = false;
      if (lost != 0) {
        log.warn(
            "sync node lost its database session; its jobs will be rescued [old={}, new={}]",
            lost,
            number);
      }
      return true;
    } catch (SQLException e) {
      if (!reportedDown) {
        reportedDown = true;
        log.warn("sync node cannot reach the database [node={}, error={}]", lost, e.getMessage());
      }
      return false;
    }
  }

  /** Ends the node: releases its locks (its RUNNING jobs become rescuable at once). */
  @Override
  public synchronized void close() {
    closed = true;
    if (connection == null) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      AdvisoryLock.releaseAllSession(connection);
      statement.execute("RESET tcp_keepalives_idle");
      statement.execute("RESET tcp_keepalives_interval");
      statement.execute("RESET tcp_keepalives_count");
    } catch (SQLException e) {
      // A broken connection holds no locks any more.
    }
    closeQuietly();
  }

  private void closeQuietly() {
    try {
      connection.close();
    } catch (SQLException e) {
      // nothing more to release
    }
    connection = null;
  }

  /** The lock connection's backend process id, for tests that cut it. */
  synchronized int backendPid() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
