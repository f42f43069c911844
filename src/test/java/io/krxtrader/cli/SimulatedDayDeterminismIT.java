package io.krxtrader.cli;

import static io.krxtrader.cli.SimulatedSessions.kst;
import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.clock.Participant;
import io.krxtrader.db.Database;
import io.krxtrader.testkit.PostgresExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same seed and day twice, once with a deliberately slow participant on the stepped clock:
 * byte-identical JSONL files and identical rows in the four market-data tables. (The hook's sleep
 * only slows the run down; the test compares data, never timing.) Of {@code prices_ticks} only the
 * WebSocket prices: PriceSync's stale scan and its REST refresh jobs still run on wall-time threads
 * (issue 10's note says what is left), so when a refresh lands is not yet part of the simulated
 * day.
 */
class SimulatedDayDeterminismIT {

  private static final List<String> TABLES =
      List.of(
          "observer.scalp_ticks",
          "observer.swing_bars_10m",
          "observer.scalp_1m_bars",
          "market.prices_ticks WHERE source = 'KIS_WS'");

  @TempDir Path quietHome;
  @TempDir Path slowHome;

  @Test
  void a_slowed_run_gives_the_same_files_and_rows() throws Exception {
    long seed = System.nanoTime();
    System.out.println("SimulatedDayDeterminismIT slow-participant seed=" + seed);
    Random random = new Random(seed);
    Day quiet = day(quietHome, clock -> {});
    Day slow =
        day(
            slowHome,
            clock ->
                clock.join(
                    Participant.of(
                        "slow test hook",
                        now -> {
                          if (random.nextInt(4) == 0) {
                            Thread.sleep(1 + random.nextInt(5));
                          }
                        })));
    assertThat(quiet.files()).isNotEmpty();
    assertThat(slow.files()).isEqualTo(quiet.files());
    for (String table : TABLES) {
      assertThat(slow.rows().get(table)).as(table).isEqualTo(quiet.rows().get(table));
    }
    assertThat(quiet.rows().get("observer.scalp_ticks")).isNotEmpty();
    assertThat(quiet.rows().get("observer.swing_bars_10m")).isNotEmpty();
    assertThat(quiet.rows().get(TABLES.get(3))).isNotEmpty();
  }

  private record Day(Map<String, String> files, Map<String, List<String>> rows) {}

  private static Day day(Path home, Consumer<io.krxtrader.clock.SteppedClock> hook)
      throws Exception {
    AppConfig config = SimulatedSessions.config(home);
    try (Database database = PostgresExtension.freshDatabase()) {
      SimulatedDay.Run run =
          SimulatedDay.run(
              database,
              config,
              config.collectors(),
              kst("09:08"),
              kst("09:12"),
              SimulatedSessions.SPEED,
              List.of(),
              new PrintWriter(new StringWriter()),
              hook);
      assertThat(run.complete()).isTrue();
      assertThat(run.pricesDropped()).isZero();
      Map<String, List<String>> rows = new TreeMap<>();
      Jdbi jdbi = Jdbi.create(database.admin());
      for (String table : TABLES) {
        String[] parts = table.split(" ", 2);
        String sql =
            "SELECT (to_jsonb(t) - 'id')::text AS r FROM "
                + parts[0]
                + " t "
                + (parts.length > 1 ? parts[1] : "")
                + " ORDER BY 1";
        rows.put(table, jdbi.withHandle(h -> h.createQuery(sql).mapTo(String.class).list()));
      }
      return new Day(hashes(config.observer().dataDirectory()), rows);
    }
  }

  private static Map<String, String> hashes(Path root) throws IOException {
    Map<String, String> hashes = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        hashes.put(root.relativize(file).toString(), sha256(Files.readAllBytes(file)));
      }
    }
    return hashes;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
