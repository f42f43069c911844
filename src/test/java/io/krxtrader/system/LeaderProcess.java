package io.krxtrader.system;

import io.krxtrader.config.Secret;
import io.krxtrader.db.Database;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.Optional;

/**
 * A separate JVM contending for one leader, for the multi-process tests. Arguments: JDBC URL,
 * leader name, instance id; the password comes in {@code KRX_TEST_DB_PASSWORD}. It does one round
 * per line on its standard input, so the test decides when rounds happen (no pacing of its own).
 * Each round it first writes one row to {@code public.fenced_writes} with the last term it held
 * (the worst module: it keeps writing on hope), printing "WROTE term" or "REFUSED term", then
 * ticks, printing "LEADING term" when a new term begins and "STANDBY" while another process leads.
 */
public final class LeaderProcess {

  private LeaderProcess() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    LeaderName name = LeaderName.valueOf(args[1]);
    String instance = args[2];
    Secret password = Secret.of(System.getenv("KRX_TEST_DB_PASSWORD"));
    try (Database db = Database.connect(url, "postgres", Optional.of(password));
        Leadership leadership = Leadership.elect(db, name, instance, InstantSource.system())) {
      Leadership.Term last = null;
      BufferedReader rounds =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      while (rounds.readLine() != null) {
        if (last != null) {
          try {
            write(db, last);
            say("WROTE " + last.number());
          } catch (StaleTermException e) {
            say("REFUSED " + last.number());
          } catch (SQLException e) {
            say("FAILED " + e.getMessage());
          }
        }
        leadership.tick();
        Optional<Leadership.Term> term = leadership.term();
        if (term.isPresent() && !term.get().equals(last)) {
          last = term.get();
          say("LEADING " + last.number());
        } else if (!leadership.isLeading()) {
          say("STANDBY");
        }
      }
    }
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }

  /** One fenced write to the witness table, in its own transaction with the term check. */
  static void write(Database db, Leadership.Term term) throws SQLException {
    try (Connection connection = db.dataSource(term.leader().role()).getConnection()) {
      connection.setAutoCommit(false);
      try {
        term.check(connection);
        try (PreparedStatement statement =
            connection.prepareStatement(
                "INSERT INTO public.fenced_writes (leader, term) VALUES (?, ?)")) {
          statement.setString(1, term.leader().lockName());
          statement.setLong(2, term.number());
          statement.executeUpdate();
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }
}
