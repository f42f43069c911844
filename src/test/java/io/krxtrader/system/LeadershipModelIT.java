package io.krxtrader.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.db.Database;
import io.krxtrader.testkit.Backends;
import io.krxtrader.testkit.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The election state machine of {@link Leadership} against a reference model, under seeded random
 * faults: three contenders for one leader tick, lose their backend ({@code pg_terminate_backend}),
 * restart (close and elect anew) and write with any term ever handed out. The model predicts every
 * state, every term number and whether each write is refused. Rerun a failure with {@code
 * -Dleadership.seed=N}.
 */
@ExtendWith(PostgresExtension.class)
class LeadershipModelIT {

  private static final LeaderName LEADER = LeaderName.EXECUTION;
  private static final int CONTENDERS = 3;
  private static final int STEPS = 150;
  private static final InstantSource CLOCK =
      InstantSource.fixed(Instant.parse("2026-03-02T00:00:00Z"));

  private final Database db;

  LeadershipModelIT(Database db) {
    this.db = db;
  }

  private enum Kind {
    STANDBY,
    LEADING,
    LOST
  }

  /** The model of one contender next to the real claim. */
  private static final class Contender {
    Leadership real;
    int generation;
    Kind kind = Kind.STANDBY;
    boolean connected;
    boolean killed;
  }

  private final Contender[] contenders = new Contender[CONTENDERS];
  private final List<Leadership.Term> termsHandedOut = new ArrayList<>();
  private int holder = -1;
  private long currentTerm;

  @Test
  void the_election_follows_its_model_under_random_faults() throws SQLException {
    long seed = Long.getLong("leadership.seed", System.nanoTime());
    System.out.println("LeadershipModelIT seed = " + seed);
    Random random = new Random(seed);
    try {
      for (int i = 0; i < CONTENDERS; i++) {
        contenders[i] = new Contender();
        start(i);
      }
      for (int step = 0; step < STEPS; step++) {
        int i = random.nextInt(CONTENDERS);
        int op = random.nextInt(10);
        String what;
        if (op < 5) {
          what = "tick " + i;
          tick(i);
        } else if (op < 7) {
          what = "kill " + i;
          kill(i);
        } else if (op < 8) {
          what = "restart " + i;
          restart(i);
        } else {
          what = "write";
          write(random);
        }
        checkDatabase("seed " + seed + ", step " + step + " (" + what + ")");
      }
    } finally {
      for (Contender contender : contenders) {
        if (contender != null && contender.real != null) {
          contender.real.close();
        }
      }
    }
  }

  private void start(int i) {
    Contender c = contenders[i];
    c.generation++;
    c.kind = Kind.STANDBY;
    c.connected = false;
    c.killed = false;
    Kind expected = predictAttempt(i);
    c.real = Leadership.elect(db, LEADER, "c" + i + "-g" + c.generation, CLOCK);
    assertState(i, expected);
  }

  private void tick(int i) {
    Contender c = contenders[i];
    Kind expected;
    if (c.kind == Kind.LEADING) {
      if (c.killed) {
        expected = Kind.LOST;
        c.connected = false;
        c.killed = false;
      } else {
        expected = Kind.LEADING;
      }
    } else {
      expected = predictAttempt(i);
    }
    c.real.tick();
    assertState(i, expected);
  }

  /** A standby's or lost claim's attempt to lead. */
  private Kind predictAttempt(int i) {
    Contender c = contenders[i];
    if (c.connected && c.killed) {
      c.connected = false;
      c.killed = false;
      return Kind.STANDBY;
    }
    c.connected = true;
    if (holder == -1) {
      holder = i;
      currentTerm++;
      return Kind.LEADING;
    }
    return Kind.STANDBY;
  }

  private void kill(int i) throws SQLException {
    Contender c = contenders[i];
    if (!c.connected || c.killed) {
      return;
    }
    Backends.terminate(db.admin(), c.real.backendPid().orElseThrow());
    c.killed = true;
    if (holder == i) {
      holder = -1;
    }
  }

  private void restart(int i) {
    contenders[i].real.close();
    if (holder == i) {
      holder = -1;
    }
    start(i);
  }

  private void write(Random random) throws SQLException {
    if (termsHandedOut.isEmpty()) {
      return;
    }
    Leadership.Term term = termsHandedOut.get(random.nextInt(termsHandedOut.size()));
    boolean expectRefused = term.number() != currentTerm;
    boolean refused;
    try (Connection connection = db.dataSource(LEADER.role()).getConnection()) {
      connection.setAutoCommit(false);
      try {
        term.check(connection);
        refused = false;
      } catch (StaleTermException e) {
        refused = true;
      } finally {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    }
    assertThat(refused)
        .as("write of term %d while term %d is current", term.number(), currentTerm)
        .isEqualTo(expectRefused);
  }

  private void assertState(int i, Kind expected) {
    Contender c = contenders[i];
    Leadership.State state = c.real.state();
    Kind actual =
        switch (state) {
          case Leadership.Leading leading -> Kind.LEADING;
          case Leadership.Lost lost -> Kind.LOST;
          case Leadership.Standby standby -> Kind.STANDBY;
          case Leadership.Closed closed -> throw new AssertionError("closed: " + i);
        };
    assertThat(actual).as("contender %d", i).isEqualTo(expected);
    if (state instanceof Leadership.Leading leading) {
      if (c.kind != Kind.LEADING) {
        assertThat(leading.term().number()).isEqualTo(currentTerm);
        termsHandedOut.add(leading.term());
      }
    }
    c.kind = expected;
  }

  private void checkDatabase(String where) throws SQLException {
    long leading = 0;
    for (Contender c : contenders) {
      if (c.kind == Kind.LEADING && c.real.term().orElseThrow().number() == currentTerm) {
        leading++;
      }
    }
    assertThat(leading).as("leaders of the current term at %s", where).isLessThanOrEqualTo(1);
    if (currentTerm == 0) {
      return;
    }
    try (Connection admin = db.admin().getConnection();
        PreparedStatement statement =
            admin.prepareStatement(
                "SELECT c.term, p.instance_id FROM system.current_terms c"
                    + " LEFT JOIN system.process_locks p ON p.lock_name = c.leader_name"
                    + " WHERE c.leader_name = ?")) {
      statement.setString(1, LEADER.lockName());
      try (ResultSet rows = statement.executeQuery()) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getLong(1)).as("current term at %s", where).isEqualTo(currentTerm);
        if (holder != -1) {
          assertThat(rows.getString(2))
              .as("recorded leader at %s", where)
              .isEqualTo(contenders[holder].real.instanceId());
        }
      }
    }
  }
}
