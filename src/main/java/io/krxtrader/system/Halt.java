package io.krxtrader.system;

import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The kill switch: {@code krx-trader halt} stops new entries (and, with {@code --exits-too}, exits)
 * in every process on the database; {@code krx-trader resume} lifts it. Each is recorded in {@code
 * system.halt_events} (who, when, why); {@code system.halt_state} is the one current row.
 *
 * <p>A module about to create or send an intent calls {@link #admit} (or {@link #current} and
 * {@link #recordRefused}) in the same transaction as its write. The read holds a share lock on the
 * state row until that transaction ends, so a halt waits for the entries already deciding and every
 * entry that starts after the halt committed is refused: the halt takes effect at its commit, in
 * every process, with no polling delay. A refused action is recorded in {@code
 * system.refused_actions} ("entry refused: halted").
 */
public final class Halt {

  /** How long {@code halt} or {@code resume} waits for write transactions that read the state. */
  private static final String CHANGE_LOCK_TIMEOUT = "10s";

  private static final String CURRENT =
      "SELECT halted, exits_too, event_id, reason, by_user, host, pid, changed_ts"
          + " FROM system.current_halt()";
  private static final String RECORD_EVENT =
      "INSERT INTO system.halt_events (action, exits_too, reason, by_user, host, pid, recorded_ts)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id";
  private static final String CHANGE_STATE =
      "UPDATE system.halt_state SET halted = ?, exits_too = ?, event_id = ?, changed_ts = ?"
          + " WHERE singleton";
  private static final String RECORD_REFUSAL =
      "INSERT INTO system.refused_actions"
          + " (module, flow, action_key, symbol, reason, halt_event, refused_ts)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id";

  private Halt() {}

  /** What a module is about to do: a new entry, or an exit of what it holds. */
  public enum Flow {
    ENTRY,
    EXIT;

    String word() {
      return this == ENTRY ? "entry" : "exit";
    }
  }

  /** Who gave a command: the operating-system user, the host and the process id. */
  public record Operator(String user, String host, int pid) {

    public Operator {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(host, "host");
    }

    /** This process. */
    public static Operator current() {
      String user = Objects.requireNonNullElse(System.getProperty("user.name"), "unknown");
      String host;
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        host = "unknown";
      }
      return new Operator(user, host, (int) ProcessHandle.current().pid());
    }

    @Override
    public String toString() {
      return user + "@" + host + " (pid " + pid + ")";
    }
  }

  /**
   * The kill switch's state.
   *
   * @param eventId the halt or resume that set it (empty on a database never halted)
   * @param reason the halt's reason, while halted
   * @param by who set it (empty on a database never halted)
   * @param since when it was set
   */
  public record HaltState(
      boolean halted,
      boolean exitsToo,
      OptionalLong eventId,
      Optional<String> reason,
      Optional<Operator> by,
      Instant since) {

    public HaltState {
      Objects.requireNonNull(eventId, "eventId");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(since, "since");
      if (exitsToo && !halted) {
        throw new IllegalArgumentException("exits can be halted only with entries");
      }
    }

    /** Whether this state refuses {@code flow}: every entry while halted, exits only if told. */
    public boolean refuses(Flow flow) {
      return halted && (flow == Flow.ENTRY || exitsToo);
    }

    /** One line for people: {@code running}, {@code HALTED: entries (exits still go out) ...}. */
    public String describe() {
      if (!halted) {
        return "running (not halted)";
      }
      StringBuilder line =
          new StringBuilder(
              exitsToo ? "HALTED: entries and exits" : "HALTED: entries (exits still go out)");
      line.append(" since ").append(since);
      by.ifPresent(b -> line.append(" by ").append(b));
      reason.ifPresent(r -> line.append(", reason: ").append(r));
      return line.toString();
    }
  }

  /** One refused action (for {@code status} and tests). */
  public record Refusal(
      long id,
      String module,
      Flow flow,
      Optional<String> actionKey,
      Optional<String> symbol,
      String reason,
      OptionalLong haltEvent,
      Instant refused) {}

  /**
   * The state, read in the caller's transaction: with autocommit off, the state row stays share
   * locked until the transaction ends, so no halt can commit between this read and the caller's
   * commit.
   */
  public static HaltState current(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(CURRENT)) {
      if (!rows.next()) {
        throw new SQLException("system.halt_state has no row: the migrations are incomplete");
      }
      boolean halted = rows.getBoolean(1);
      boolean exitsToo = rows.getBoolean(2);
      long event = rows.getLong(3);
      OptionalLong eventId = rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(event);
      Optional<String> reason = Optional.ofNullable(rows.getString(4)).filter(r -> halted);
      String user = rows.getString(5);
      Optional<Operator> by =
          user == null
              ? Optional.empty()
              : Optional.of(new Operator(user, rows.getString(6), rows.getInt(7)));
      Instant since = rows.getTimestamp(8).toInstant();
      return new HaltState(halted, exitsToo, eventId, reason, by, since);
    }
  }

  /** The state now, on a connection of {@code role}'s pool (for reports, not for a decision). */
  public static HaltState current(Database db, ModuleRole role) throws SQLException {
    try (Connection connection = db.dataSource(role).getConnection()) {
      return current(connection);
    }
  }

  /**
   * Records that {@code module} did not do a {@code flow} action because of {@code state}, in the
   * caller's transaction (which commits it).
   *
   * @return the refusal's id
   */
  public static long recordRefused(
      Connection connection,
      ModuleRole module,
      Flow flow,
      Optional<String> actionKey,
      Optional<String> symbol,
      HaltState state,
      Instant at)
      throws SQLException {
    if (!state.refuses(flow)) {
      throw new IllegalArgumentException(
          "the state does not refuse this " + flow.word() + ": " + state.describe());
    }
    try (PreparedStatement statement = connection.prepareStatement(RECORD_REFUSAL)) {
      statement.setString(1, module.displayName());
      statement.setString(2, flow.name());
      statement.setString(3, actionKey.orElse(null));
      statement.setString(4, symbol.orElse(null));
      statement.setString(
          5, flow.word() + " refused: halted" + state.reason().map(r -> " (" + r + ")").orElse(""));
      if (state.eventId().isPresent()) {
        statement.setLong(6, state.eventId().getAsLong());
      } else {
        statement.setNull(6, Types.BIGINT);
      }
      statement.setTimestamp(7, Timestamp.from(at));
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /**
   * The check a module makes before a {@code flow} write, in that write's transaction (autocommit
   * off): true if the state lets it through (and no halt can commit before the transaction ends);
   * false if halted, after recording the refusal in the same transaction (the caller commits it and
   * does not write).
   */
  public static boolean admit(
      Connection connection,
      ModuleRole module,
      Flow flow,
      Optional<String> actionKey,
      Optional<String> symbol,
      Instant at)
      throws SQLException {
    if (connection.getAutoCommit()) {
      throw new IllegalStateException(
          "a halt check must run inside the write's transaction (autocommit is on)");
    }
    HaltState state = current(connection);
    if (!state.refuses(flow)) {
      return true;
    }
    recordRefused(connection, module, flow, actionKey, symbol, state, at);
    return false;
  }

  /**
   * Halts new entries (and exits too if asked) in every process on the database, and records who
   * and why. Halting while halted records the new reason and scope.
   *
   * @return the state before
   */
  public static HaltState halt(
      Database db, Optional<String> reason, boolean exitsToo, Operator by, InstantSource clock)
      throws SQLException {
    return change(db, true, exitsToo, reason, by, clock);
  }

  /**
   * Lifts the halt and records who did it (also when nothing was halted).
   *
   * @return the state before
   */
  public static HaltState resume(Database db, Operator by, InstantSource clock)
      throws SQLException {
    return change(db, false, false, Optional.empty(), by, clock);
  }

  private static HaltState change(
      Database db,
      boolean halted,
      boolean exitsToo,
      Optional<String> reason,
      Operator by,
      InstantSource clock)
      throws SQLException {
    Instant now = clock.instant();
    try (Connection connection = db.dataSource(ModuleRole.SYSTEM).getConnection()) {
      connection.setAutoCommit(false);
      try {
        try (Statement statement = connection.createStatement()) {
          statement.execute("SET LOCAL lock_timeout = '" + CHANGE_LOCK_TIMEOUT + "'");
          // the row lock first: two halts at once queue here instead of deadlocking on share locks
          statement.execute("SELECT 1 FROM system.halt_state WHERE singleton FOR UPDATE");
        }
        HaltState before = current(connection);
        long event;
        try (PreparedStatement statement = connection.prepareStatement(RECORD_EVENT)) {
          statement.setString(1, halted ? "HALT" : "RESUME");
          statement.setBoolean(2, exitsToo);
          statement.setString(3, reason.orElse(null));
          statement.setString(4, by.user());
          statement.setString(5, by.host());
          statement.setInt(6, by.pid());
          statement.setTimestamp(7, Timestamp.from(now));
          try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            event = rows.getLong(1);
          }
        }
        try (PreparedStatement statement = connection.prepareStatement(CHANGE_STATE)) {
          statement.setBoolean(1, halted);
          statement.setBoolean(2, exitsToo);
          statement.setLong(3, event);
          statement.setTimestamp(4, Timestamp.from(now));
          statement.executeUpdate();
        }
        connection.commit();
        return before;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  /** The latest refusals, newest first. */
  public static List<Refusal> refusals(Database db, int limit) throws SQLException {
    List<Refusal> refusals = new ArrayList<>();
    try (Connection connection = db.dataSource(ModuleRole.SYSTEM).getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT id, module, flow, action_key, symbol, reason, halt_event, refused_ts"
                    + " FROM system.refused_actions ORDER BY id DESC LIMIT ?")) {
      statement.setInt(1, limit);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          long halt = rows.getLong(7);
          OptionalLong haltEvent = rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(halt);
          refusals.add(
              new Refusal(
                  rows.getLong(1),
                  rows.getString(2),
                  Flow.valueOf(rows.getString(3)),
                  Optional.ofNullable(rows.getString(4)),
                  Optional.ofNullable(rows.getString(5)),
                  rows.getString(6),
                  haltEvent,
                  rows.getTimestamp(8).toInstant()));
        }
      }
    }
    return refusals;
  }
}
