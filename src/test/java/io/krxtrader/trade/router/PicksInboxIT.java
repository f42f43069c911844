package io.krxtrader.trade.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.db.Database;
import io.krxtrader.testkit.PostgresExtension;
import io.krxtrader.testkit.TestClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The watched folder: each file taken once, bad ones beside their error, scanning never stops. */
@ExtendWith(PostgresExtension.class)
class PicksInboxIT {

  private final Jdbi admin;
  private final PickIntake intake;

  PicksInboxIT(Database db) {
    this.admin = Jdbi.create(db.admin());
    this.intake = new PickIntake(db, new PickRunParser(4_000, 100), TestClock.kst("08:40:00"));
  }

  private long picks(String runId) {
    return admin.withHandle(
        h ->
            h.createQuery("SELECT count(*) FROM trade.picks WHERE run_id = ?")
                .bind(0, runId)
                .mapTo(Long.class)
                .one());
  }

  @Test
  void a_stable_file_is_taken_once_and_moved_to_done(@TempDir Path inbox) throws IOException {
    PicksInbox watcher = new PicksInbox(inbox, intake);
    Files.write(inbox.resolve("g1.json"), PickIntakeIT.run("4000", "g1", "08:30:00", "005930"));
    assertThat(watcher.scan().done()).isEmpty(); // first sight: not yet known to be complete
    assertThat(watcher.scan().done()).containsExactly("g1.json");
    assertThat(inbox.resolve("done/g1.json")).exists();
    assertThat(inbox.resolve("g1.json")).doesNotExist();
    assertThat(picks("g1")).isEqualTo(1);
    assertThat(watcher.scan().done()).isEmpty();

    // the same file dropped again: a no-op run, and its copy lands beside the first
    Files.write(inbox.resolve("g1.json"), PickIntakeIT.run("4000", "g1", "08:30:00", "005930"));
    watcher.scan();
    assertThat(watcher.scan().done()).containsExactly("g1.json");
    assertThat(inbox.resolve("done/g1.json.1")).exists();
    assertThat(picks("g1")).isEqualTo(1);
  }

  @Test
  void a_file_still_growing_waits_and_temporary_names_are_never_taken(@TempDir Path inbox)
      throws IOException {
    PicksInbox watcher = new PicksInbox(inbox, intake);
    byte[] run = PickIntakeIT.run("4001", "h1", "08:30:00", "005930");
    Path file = inbox.resolve("h1.json");
    Files.write(file, Arrays.copyOf(run, 20));
    Files.write(inbox.resolve("h2.json.tmp"), run);
    Files.write(inbox.resolve(".h3.json"), run);
    watcher.scan();
    Files.write(file, Arrays.copyOfRange(run, 20, 60), StandardOpenOption.APPEND);
    assertThat(watcher.scan().done()).isEmpty(); // grew since the last scan
    Files.write(file, Arrays.copyOfRange(run, 60, run.length), StandardOpenOption.APPEND);
    assertThat(watcher.scan().done()).isEmpty();
    PicksInbox.ScanReport report = watcher.scan();
    assertThat(report.done()).containsExactly("h1.json");
    assertThat(report.rejected()).isEmpty();
    assertThat(inbox.resolve("h2.json.tmp")).exists();
    assertThat(inbox.resolve(".h3.json")).exists();
  }

  @Test
  void bad_files_go_to_rejected_with_every_problem_and_good_ones_keep_coming(@TempDir Path inbox)
      throws IOException {
    PicksInbox watcher = new PicksInbox(inbox, intake);
    Files.write(
        inbox.resolve("a-latin1.json"),
        "{\"run_id\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
    Files.write(inbox.resolve("b-huge.json"), new byte[4_001]);
    Files.writeString(inbox.resolve("c-broken.json"), "{\"picks\": [");
    Files.writeString(
        inbox.resolve("d-fields.json"),
        new String(PickIntakeIT.run("4002", "i1", "08:30:00", "005930"), StandardCharsets.UTF_8)
            .replace("\"HIGH\"", "\"SURE\"")
            .replace("\"LONG\"", "\"SHORT\""));
    Files.write(inbox.resolve("e-good.json"), PickIntakeIT.run("4002", "i2", "08:30:00", "005930"));
    watcher.scan();
    PicksInbox.ScanReport report = watcher.scan();
    assertThat(report.rejected())
        .containsExactly("a-latin1.json", "b-huge.json", "c-broken.json", "d-fields.json");
    assertThat(report.done()).containsExactly("e-good.json");
    assertThat(Files.readString(inbox.resolve("rejected/a-latin1.json.error")))
        .contains("file: got bytes that are not UTF-8, expected UTF-8 text");
    assertThat(Files.readString(inbox.resolve("rejected/b-huge.json.error")))
        .contains("file: got 4001 bytes, expected at most 4000 bytes");
    assertThat(Files.readString(inbox.resolve("rejected/c-broken.json.error")))
        .contains("malformed JSON");
    assertThat(Files.readString(inbox.resolve("rejected/d-fields.json.error")))
        .startsWith("run rejected, nothing stored: 2 problems\n")
        .contains("picks[0].side: got \"SHORT\", expected LONG")
        .contains("picks[0].confidence: got \"SURE\", expected LOW, MEDIUM or HIGH");
    assertThat(inbox.resolve("rejected/d-fields.json")).exists();
    assertThat(picks("i1")).isZero();
    assertThat(picks("i2")).isEqualTo(1);
  }

  @Test
  void a_file_left_in_processing_by_a_crash_is_finished_by_the_next_watcher(@TempDir Path inbox)
      throws IOException {
    // as if a watcher took the file, stored the run and died before moving it to done/
    intake.submit(PickIntakeIT.run("4003", "j1", "08:30:00", "005930"), "j1.json", RunSource.INBOX);
    Files.createDirectories(inbox.resolve("processing"));
    Files.write(
        inbox.resolve("processing/j1.json"), PickIntakeIT.run("4003", "j1", "08:30:00", "005930"));
    PicksInbox restarted = new PicksInbox(inbox, intake);
    assertThat(restarted.scan().done()).containsExactly("j1.json");
    assertThat(inbox.resolve("done/j1.json")).exists();
    assertThat(inbox.resolve("processing/j1.json")).doesNotExist();
    assertThat(picks("j1")).isEqualTo(1);
  }
}
