package io.krxtrader.system;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Who leads what, for the operator ({@code status}): the rows of {@code system.process_locks} with
 * each leader's latest term and the age of its heartbeat. A leader is stale after {@link
 * #STALE_AFTER} without a heartbeat (the seed's monitoring query): it crashed, hangs or lost its
 * database, and a standby takes over within one retry once its lock is gone.
 */
public final class Leaders {

  /** A leader heartbeats every 5 s; three missed heartbeats make it stale. */
  public static final Duration STALE_AFTER = Duration.ofSeconds(15);

  private static final String QUERY =
      """
      SELECT p.lock_name, p.instance_id, p.host, p.pid, p.acquired_ts, p.heartbeat_ts,
             (SELECT max(t.term) FROM system.leader_terms t
               WHERE t.leader_name = p.lock_name AND t.instance_id = p.instance_id)
        FROM system.process_locks p
       ORDER BY p.lock_name
      """;

  private Leaders() {}

  /**
   * One row of {@code system.process_locks}.
   *
   * @param name the leader, if it is one of {@link LeaderName} (the table may hold others)
   * @param term the latest term this instance began (empty for a row not written by Leadership)
   * @param age how long ago the last heartbeat was (negative clock skew reads as zero)
   */
  public record Leader(
      String lockName,
      Optional<LeaderName> name,
      String instanceId,
      String host,
      int pid,
      OptionalLong term,
      Instant acquired,
      Instant heartbeat,
      Duration age) {

    public Leader {
      Objects.requireNonNull(lockName, "lockName");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(term, "term");
      Objects.requireNonNull(age, "age");
    }

    /** No heartbeat for longer than {@link #STALE_AFTER}. */
    public boolean stale() {
      return age.compareTo(STALE_AFTER) > 0;
    }

    /** The leader's short name ({@code exit}, {@code track_a}) or its lock name. */
    public String displayName() {
      return name.map(LeaderName::displayName).orElse(lockName);
    }
  }

  /** Every recorded leader, heartbeat ages measured at {@code now}. */
  public static List<Leader> current(Connection connection, Instant now) throws SQLException {
    List<Leader> leaders = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(QUERY)) {
      while (rows.next()) {
        String lockName = rows.getString(1);
        Instant heartbeat = rows.getTimestamp(6).toInstant();
        long number = rows.getLong(7);
        OptionalLong term = rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(number);
        Duration age = Duration.between(heartbeat, now);
        leaders.add(
            new Leader(
                lockName,
                byLockName(lockName),
                rows.getString(2),
                rows.getString(3),
                rows.getInt(4),
                term,
                rows.getTimestamp(5).toInstant(),
                heartbeat,
                age.isNegative() ? Duration.ZERO : age));
      }
    }
    return leaders;
  }

  private static Optional<LeaderName> byLockName(String lockName) {
    return Arrays.stream(LeaderName.values())
        .filter(n -> n.lockName().equals(lockName))
        .findFirst();
  }
}
