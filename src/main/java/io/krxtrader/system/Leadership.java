package io.krxtrader.system;

import io.krxtrader.db.AdvisoryLock;
import io.krxtrader.db.Database;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process's claim on one leader ({@link LeaderName}): the one type an acting module calls. The
 * claim is the leader's session advisory lock, taken on a dedicated, unpooled connection; holding
 * it, the process begins a new {@link Term} (a number greater than every earlier one of that
 * leader) and records itself in {@code system.process_locks}. The module calls {@link #tick()}
 * every 5 s: a standby tries to lead, a leader heartbeats. Every write the leader makes calls
 * {@link Term#check(Connection)} in its own transaction, which the database refuses once a newer
 * term began, so a leader that lost its lock without knowing it cannot land a write after its
 * successor started.
 *
 * <p>States and transitions ({@link State}):
 *
 * <pre>
 * from      event                                              to
 * Standby   tryLead: lock taken and a new term begun           Leading(term)
 * Standby   tryLead: lock held elsewhere, or any failure       Standby
 * Leading   heartbeat: row updated, term current, lock held    Leading(same term)
 * Leading   heartbeat: any failure (connection, timeout,       Lost(term, reason); onLost called,
 *           lock not held, row or term taken over)               connection closed (lock released)
 * Lost      tryLead: lock taken and a new term begun           Leading(newer term)
 * Lost      tryLead: lock held elsewhere, or any failure       Standby
 * any       close                                              Closed (lock released, row removed)
 * Closed    tick, tryLead, heartbeat                           Closed
 * </pre>
 *
 * A lost term never comes back: leading again always begins a new one. The lock's connection has a
 * socket timeout ({@link #NETWORK_TIMEOUT}, longer while a new term waits for the old one's
 * writes), so a heartbeat over a cut network fails instead of hanging. Not thread-safe for its
 * caller's writes: a module that acts on several threads polls {@link #state()} (volatile) before
 * acting and relies on {@link Term#check} for the truth.
 */
public final class Leadership implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Leadership.class);

  /** How long a new term waits for the previous term's write transactions to end. */
  private static final Duration TERM_LOCK_TIMEOUT = Duration.ofSeconds(10);

  /** The longest any of the leader connection's own statements may take. */
  private static final String STATEMENT_TIMEOUT = "5s";

  /**
   * How long the leader connection waits for any answer from the server (the socket timeout), so
   * that a cut network (no reset, packets just lost) cannot hang a heartbeat: the heartbeat fails
   * and the term is lost. Above {@link #STATEMENT_TIMEOUT}, so a slow server times out its own
   * statement first.
   */
  static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(10);

  /**
   * How long the server keeps the lock's session when it sends nothing: three missed 5 s ticks, the
   * time after which {@code status} calls a leader stale.
   */
  static final Duration IDLE_SESSION_TIMEOUT = Duration.ofSeconds(15);

  private static final String BEGIN_TERM =
      """
      INSERT INTO system.current_terms AS c (leader_name, term, started_ts) VALUES (?, 1, ?)
      ON CONFLICT (leader_name) DO UPDATE SET term = c.term + 1, started_ts = EXCLUDED.started_ts
      RETURNING c.term
      """;
  private static final String RECORD_TERM =
      "INSERT INTO system.leader_terms (leader_name, term, instance_id, host, pid, started_ts)"
          + " VALUES (?, ?, ?, ?, ?, ?)";
  private static final String RECORD_PROCESS =
      """
      INSERT INTO system.process_locks AS p
             (lock_name, instance_id, acquired_ts, heartbeat_ts, host, pid)
      VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (lock_name) DO UPDATE
         SET instance_id = EXCLUDED.instance_id, acquired_ts = EXCLUDED.acquired_ts,
             heartbeat_ts = EXCLUDED.heartbeat_ts, host = EXCLUDED.host, pid = EXCLUDED.pid
      """;
  private static final String HEARTBEAT =
      """
      UPDATE system.process_locks p SET heartbeat_ts = ?
       WHERE p.lock_name = ? AND p.instance_id = ?
         AND EXISTS (SELECT 1 FROM system.current_terms c
                      WHERE c.leader_name = p.lock_name AND c.term = ?)
      """;
  private static final String FORGET_PROCESS =
      "DELETE FROM system.process_locks WHERE lock_name = ? AND instance_id = ?";

  /** Where one claim stands. */
  public sealed interface State {}

  /** Not leading: another process leads, or the last attempt failed. */
  public record Standby() implements State {}

  /** Leading in {@code term}. */
  public record Leading(Term term) implements State {}

  /** Was leading in {@code term} and stopped at the failed heartbeat that {@code reason} says. */
  public record Lost(Term term, String reason) implements State {}

  /** Closed: never leads again. */
  public record Closed() implements State {}

  /**
   * One leader's term: a fencing token. {@link #check} in a write transaction proves that the term
   * is still the current one for as long as that transaction lasts.
   */
  public record Term(LeaderName leader, long number, String instanceId, Instant started) {

    public Term {
      Objects.requireNonNull(leader, "leader");
      Objects.requireNonNull(instanceId, "instanceId");
      Objects.requireNonNull(started, "started");
    }

    /**
     * Checks, inside the caller's transaction (autocommit must be off), that this term is the
     * leader's current one, and holds a share lock on the current-term row until the transaction
     * ends, so that no newer term can begin before this transaction's writes are committed or
     * rolled back.
     *
     * @throws StaleTermException when a newer term began (roll back and stop acting)
     */
    public void check(Connection connection) throws SQLException {
      if (connection.getAutoCommit()) {
        throw new IllegalStateException(
            "a term check must run inside the write's transaction (autocommit is on) [leader="
                + leader.displayName()
                + ", term="
                + number
                + "]");
      }
      try (PreparedStatement statement =
          connection.prepareStatement("SELECT system.assert_current_term(?, ?)")) {
        statement.setString(1, leader.lockName());
        statement.setLong(2, number);
        statement.execute();
      } catch (SQLException e) {
        if (StaleTermException.SQLSTATE.equals(e.getSQLState())) {
          throw new StaleTermException(
              "write refused: the leader's term is over [leader="
                  + leader.displayName()
                  + ", term="
                  + number
                  + "]",
              e);
        }
        throw e;
      }
    }
  }

  private final Database db;
  private final LeaderName name;
  private final String instanceId;
  private final InstantSource clock;
  private final Consumer<Lost> onLost;
  private final String host;
  private final int pid;
  private final Duration networkTimeout;
  private Connection connection;
  private volatile State state = new Standby();

  private Leadership(
      Database db,
      LeaderName name,
      String instanceId,
      InstantSource clock,
      Consumer<Lost> onLost,
      Duration networkTimeout) {
    this.db = Objects.requireNonNull(db, "db");
    this.name = Objects.requireNonNull(name, "name");
    this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.onLost = Objects.requireNonNull(onLost, "onLost");
    this.host = localHost();
    this.pid = (int) ProcessHandle.current().pid();
    this.networkTimeout = Objects.requireNonNull(networkTimeout, "networkTimeout");
  }

  /** Claims {@code name} for this process and tries once to lead; see {@link #tick()}. */
  public static Leadership elect(
      Database db, LeaderName name, String instanceId, InstantSource clock) {
    return elect(db, name, instanceId, clock, lost -> {});
  }

  /**
   * Claims {@code name} for this process and tries once to lead.
   *
   * @param onLost called (on the thread that found out) the moment a term is lost
   */
  public static Leadership elect(
      Database db, LeaderName name, String instanceId, InstantSource clock, Consumer<Lost> onLost) {
    return elect(db, name, instanceId, clock, onLost, NETWORK_TIMEOUT);
  }

  /** As {@link #elect(Database, LeaderName, String, InstantSource, Consumer)}, for tests. */
  static Leadership elect(
      Database db,
      LeaderName name,
      String instanceId,
      InstantSource clock,
      Consumer<Lost> onLost,
      Duration networkTimeout) {
    Leadership leadership = new Leadership(db, name, instanceId, clock, onLost, networkTimeout);
    leadership.tryLead();
    return leadership;
  }

  public LeaderName name() {
    return name;
  }

  public String instanceId() {
    return instanceId;
  }

  /** Where this claim stands now (safe to poll from any thread). */
  public State state() {
    return state;
  }

  public boolean isLeading() {
    return state instanceof Leading;
  }

  /** The current term while leading. */
  public Optional<Term> term() {
    return state instanceof Leading leading ? Optional.of(leading.term()) : Optional.empty();
  }

  /** The server process id of the lock's connection, if one is open (for the operator, tests). */
  public synchronized OptionalInt backendPid() {
    if (connection == null) {
      return OptionalInt.empty();
    }
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
      rows.next();
      return OptionalInt.of(rows.getInt(1));
    } catch (SQLException e) {
      return OptionalInt.empty();
    }
  }

  /** What the module calls every 5 s: a leader heartbeats, anyone else tries to lead. */
  public synchronized State tick() {
    return switch (state) {
      case Leading leading -> heartbeat();
      case Standby standby -> tryLead();
      case Lost lost -> tryLead();
      case Closed closed -> closed;
    };
  }

  /** Tries to take the lock and begin a new term; a leader stays as it is. */
  public synchronized State tryLead() {
    if (!(state instanceof Standby || state instanceof Lost)) {
      return state;
    }
    boolean locked = false;
    try {
      if (connection == null) {
        connection = db.openDedicated(name.role(), "leader-" + name.displayName());
        setNetworkTimeout(networkTimeout);
        try (Statement statement = connection.createStatement()) {
          statement.execute("SET statement_timeout = '" + STATEMENT_TIMEOUT + "'");
          // A frozen process (SIGSTOP, a hung JVM) keeps its TCP session and so its lock; ticks
          // every 5 s keep the session busy, so the server ends one idle this long, freeing the
          // lock.
          statement.execute(
              "SET idle_session_timeout = '" + IDLE_SESSION_TIMEOUT.toMillis() + "ms'");
        }
      }
      if (!AdvisoryLock.trySession(connection, name.lockKey())) {
        state = new Standby();
        return state;
      }
      locked = true;
      Term term = beginTerm();
      state = new Leading(term);
      log.info(
          "leading [leader={}, term={}, instance={}, host={}, pid={}]",
          name.displayName(),
          term.number(),
          instanceId,
          host,
          pid);
      return state;
    } catch (SQLException | RuntimeException e) {
      log.warn(
          "could not lead [leader={}, instance={}, error={}]",
          name.displayName(),
          instanceId,
          e.toString());
      if (locked) {
        release();
      }
      dropConnectionIfBroken();
      state = new Standby();
      return state;
    }
  }

  /**
   * Proves that this process still leads: updates its heartbeat (only if its row and term are still
   * current) and asks the server whether its session still holds the lock. Any failure loses the
   * term at once.
   */
  public synchronized State heartbeat() {
    if (!(state instanceof Leading leading)) {
      return state;
    }
    Term term = leading.term();
    String failure;
    try {
      int updated;
      try (PreparedStatement statement = connection.prepareStatement(HEARTBEAT)) {
        statement.setTimestamp(1, Timestamp.from(clock.instant()));
        statement.setString(2, name.lockName());
        statement.setString(3, instanceId);
        statement.setLong(4, term.number());
        updated = statement.executeUpdate();
      }
      if (updated != 1) {
        failure = "another process took over the leader's row or term";
      } else if (!AdvisoryLock.isHeld(connection, name.lockKey())) {
        failure = "the session no longer holds the leader's lock";
      } else {
        return state;
      }
    } catch (SQLException | RuntimeException e) {
      failure = "heartbeat failed: " + e.getMessage();
    }
    return lose(term, failure);
  }

  private State lose(Term term, String reason) {
    Lost lost = new Lost(term, reason);
    state = lost;
    log.warn(
        "leadership lost [leader={}, term={}, instance={}, reason={}]",
        name.displayName(),
        term.number(),
        instanceId,
        reason);
    closeConnection();
    try {
      onLost.accept(lost);
    } catch (RuntimeException e) {
      log.warn("onLost callback failed [leader={}, error={}]", name.displayName(), e.toString());
    }
    return lost;
  }

  /** Steps down: removes this process's row, releases the lock, closes the connection. */
  @Override
  public synchronized void close() {
    if (state instanceof Closed) {
      return;
    }
    if (state instanceof Leading && connection != null) {
      try (PreparedStatement statement = connection.prepareStatement(FORGET_PROCESS)) {
        statement.setString(1, name.lockName());
        statement.setString(2, instanceId);
        statement.executeUpdate();
      } catch (SQLException e) {
        log.warn(
            "could not remove process row [leader={}, error={}]", name.displayName(), e.toString());
      }
    }
    state = new Closed();
    closeConnection();
  }

  private Term beginTerm() throws SQLException {
    Instant started = clock.instant();
    Timestamp startedTs = Timestamp.from(started);
    // the raise may wait TERM_LOCK_TIMEOUT for the old term's writes: the socket must wait longer
    setNetworkTimeout(networkTimeout.plus(TERM_LOCK_TIMEOUT));
    connection.setAutoCommit(false);
    try {
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET LOCAL lock_timeout = '" + TERM_LOCK_TIMEOUT.toMillis() + "ms'");
        statement.execute("SET LOCAL statement_timeout = 0");
      }
      long number;
      try (PreparedStatement statement = connection.prepareStatement(BEGIN_TERM)) {
        statement.setString(1, name.lockName());
        statement.setTimestamp(2, startedTs);
        try (ResultSet rows = statement.executeQuery()) {
          rows.next();
          number = rows.getLong(1);
        }
      }
      try (PreparedStatement statement = connection.prepareStatement(RECORD_TERM)) {
        statement.setString(1, name.lockName());
        statement.setLong(2, number);
        statement.setString(3, instanceId);
        statement.setString(4, host);
        statement.setInt(5, pid);
        statement.setTimestamp(6, startedTs);
        statement.executeUpdate();
      }
      try (PreparedStatement statement = connection.prepareStatement(RECORD_PROCESS)) {
        statement.setString(1, name.lockName());
        statement.setString(2, instanceId);
        statement.setTimestamp(3, startedTs);
        statement.setTimestamp(4, startedTs);
        statement.setString(5, host);
        statement.setInt(6, pid);
        statement.executeUpdate();
      }
      connection.commit();
      return new Term(name, number, instanceId, started);
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    } finally {
      try {
        connection.setAutoCommit(true);
        setNetworkTimeout(networkTimeout);
      } catch (SQLException ignored) {
        // a broken connection is dropped by the caller
      }
    }
  }

  /**
   * The socket timeout of the leader connection (pgjdbc runs it on the socket, not the executor).
   */
  private void setNetworkTimeout(Duration timeout) throws SQLException {
    Executor direct = Runnable::run;
    connection.setNetworkTimeout(direct, Math.toIntExact(timeout.toMillis()));
  }

  private void release() {
    try {
      AdvisoryLock.releaseSession(connection, name.lockKey());
    } catch (SQLException | RuntimeException e) {
      closeConnection();
    }
  }

  private void dropConnectionIfBroken() {
    if (connection == null) {
      return;
    }
    try {
      if (!connection.isValid(5)) {
        closeConnection();
      }
    } catch (SQLException e) {
      closeConnection();
    }
  }

  /**
   * Releases the session's locks, then closes the connection. Released explicitly: a closed
   * connection's backend releases its locks only when it exits, a moment after close() returns, so
   * a standby trying at once could still find the lock held. On a broken connection the release
   * fails at once and the session's end releases the lock.
   */
  private void closeConnection() {
    if (connection == null) {
      return;
    }
    try {
      AdvisoryLock.releaseAllSession(connection);
    } catch (SQLException e) {
      log.debug("could not release the lock [leader={}]", name.displayName(), e);
    }
    try {
      connection.close();
    } catch (SQLException e) {
      log.debug("closing the leader connection failed [leader={}]", name.displayName(), e);
    }
    connection = null;
  }

  private static String localHost() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }
}
