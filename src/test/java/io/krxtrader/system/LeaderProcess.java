package io.krxtrader.system;

import io.krxtrader.config.Secret;
import io.krxtrader.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.Optional;

/**
 * A separate JVM contending for one leader, for the multi-process tests. Arguments: JDBC URL,
 * leader name, instance id, tick interval in ms; the password comes in {@code
 * KRX_TEST_DB_PASSWORD}. Each round it first writes one row to {@code public.fenced_writes} with
 * the last term it held (the worst module: it keeps writing on hope), printing "WROTE term" or
 * "REFUSED term", then ticks, printing "LEADING term" when a new term begins.
 */
public final class LeaderProcess {

  private LeaderProcess() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    LeaderName name = LeaderName.valueOf(args[1]);
    String instance = args[2];
    long interval = Long.parseLong(args[3]);
    Secret password = Secret.of(System.getenv("KRX_TEST_DB_PASSWORD"));
    try (Database db = Database.connect(url, "postgres", Optional.of(password));
        Leadership leadership = Leadership.elect(db, name, instance, InstantSource.system())) {
      Leadership.Term last = null;
      while (true) {
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
        }
        Thread.sleep(interval);
      }
    }
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }

  private static void write(Database db, Leadership.Term term) throws SQLException {
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
      }
    }
  }
}
