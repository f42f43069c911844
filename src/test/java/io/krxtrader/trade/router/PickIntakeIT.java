package io.krxtrader.trade.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.db.Database;
import io.krxtrader.testkit.PostgresExtension;
import io.krxtrader.testkit.TestClock;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs into trade.picks: stored whole or not at all, re-submission, supersede. */
@ExtendWith(PostgresExtension.class)
class PickIntakeIT {

  private final Database db;
  private final PickIntake intake;
  private final Jdbi admin;

  PickIntakeIT(Database db) {
    this.db = db;
    this.intake = new PickIntake(db, PickRunParser.standard(), TestClock.kst("08:40:00"));
    this.admin = Jdbi.create(db.admin());
  }

  static byte[] run(String producer, String runId, String asof, String... symbols) {
    StringBuilder picks = new StringBuilder();
    for (int i = 0; i < symbols.length; i++) {
      if (i > 0) {
        picks.append(',');
      }
      picks.append(
          """
          {"symbol": "%s", "side": "LONG", "score": %d, "confidence": "HIGH", "rank": %d,
           "reasons": ["a", "b"], "metadata": {"k": 1}}
          """
              .formatted(symbols[i], 80 - i, i + 1));
    }
    return """
        {"producer_id": "%s", "producer_name": "p%s", "run_id": "%s", "run_date": "2026-01-22",
         "asof_ts": "2026-01-22T%s+09:00", "picks": [%s]}
        """
        .formatted(producer, producer, runId, asof, picks)
        .getBytes(StandardCharsets.UTF_8);
  }

  private List<Map<String, Object>> picks(String producer) {
    return admin.withHandle(
        h ->
            h.createQuery(
                    "SELECT run_id, symbol, status, score, reasons, metadata::text AS metadata"
                        + " FROM trade.picks WHERE producer_id = ? ORDER BY run_id, symbol")
                .bind(0, producer)
                .mapToMap()
                .list());
  }

  @Test
  void a_run_is_stored_with_its_picks_and_a_repeat_is_a_no_op() {
    byte[] run = run("3000", "a1", "08:30:00", "005930", "000660");
    Submission first = intake.submit(run, "a1.json", RunSource.CLI);
    assertThat(first).isEqualTo(new Submission.Accepted("a1", 2, 0, false));
    assertThat(first.summary()).isEqualTo("run a1 accepted: 2 picks, 0 older picks superseded");
    List<Map<String, Object>> stored = picks("3000");
    assertThat(stored).hasSize(2);
    assertThat(stored.get(0))
        .containsEntry("symbol", "000660")
        .containsEntry("status", "ACTIVE")
        .containsEntry("metadata", "{\"k\": 1}");

    Submission again = intake.submit(run, "a1-copy.json", RunSource.INBOX);
    assertThat(again).isEqualTo(new Submission.AlreadySubmitted("a1"));
    assertThat(again.summary()).contains("already submitted");
    assertThat(picks("3000")).hasSize(2);
  }

  @Test
  void a_used_run_id_with_other_content_is_refused_and_nothing_changes() {
    intake.submit(run("3001", "b1", "08:30:00", "005930"), "b1.json", RunSource.CLI);
    Submission other =
        intake.submit(run("3001", "b1", "08:31:00", "005930", "000660"), "b1.json", RunSource.CLI);
    assertThat(other).isInstanceOf(Submission.Rejected.class);
    assertThat(((Submission.Rejected) other).problems().get(0).toString())
        .isEqualTo(
            "run_id: got b1, expected a new run id (a run with this id and other content was"
                + " accepted before)");
    assertThat(picks("3001")).hasSize(1);
  }

  @Test
  void a_malformed_run_stores_nothing() {
    byte[] bad =
        new String(run("3002", "c1", "08:30:00", "005930", "000660"), StandardCharsets.UTF_8)
            .replace("\"000660\", \"side\": \"LONG\"", "\"000660\", \"side\": \"SHORT\"")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(intake.submit(bad, "c1.json", RunSource.HTTP))
        .isInstanceOf(Submission.Rejected.class);
    assertThat(picks("3002")).isEmpty();
    long runs =
        admin.withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM trade.pick_runs WHERE producer_id = '3002'")
                    .mapTo(Long.class)
                    .one());
    assertThat(runs).isZero();
  }

  @Test
  void a_newer_run_supersedes_the_older_active_picks_and_an_older_one_arrives_superseded() {
    intake.submit(run("3003", "d1", "08:30:00", "005930", "000660"), "d1.json", RunSource.CLI);
    Submission newer =
        intake.submit(run("3003", "d2", "08:35:00", "005930"), "d2.json", RunSource.CLI);
    assertThat(newer).isEqualTo(new Submission.Accepted("d2", 1, 2, false));
    Submission late =
        intake.submit(run("3003", "d0", "08:20:00", "035420"), "d0.json", RunSource.CLI);
    assertThat(late).isEqualTo(new Submission.Accepted("d0", 1, 0, true));
    assertThat(picks("3003"))
        .extracting(p -> p.get("run_id") + " " + p.get("symbol") + " " + p.get("status"))
        .containsExactly(
            "d0 035420 SUPERSEDED",
            "d1 000660 SUPERSEDED",
            "d1 005930 SUPERSEDED",
            "d2 005930 ACTIVE");
    // another producer's picks are not touched
    intake.submit(run("3004", "e1", "08:40:00", "005930"), "e1.json", RunSource.CLI);
    assertThat(picks("3003")).filteredOn(p -> p.get("status").equals("ACTIVE")).hasSize(1);
    assertThat(picks("3004")).singleElement().extracting(p -> p.get("status")).isEqualTo("ACTIVE");
  }

  @Test
  void a_run_with_no_picks_withdraws_the_producers_earlier_picks() {
    intake.submit(run("3005", "f1", "08:30:00", "005930"), "f1.json", RunSource.CLI);
    assertThat(intake.submit(run("3005", "f2", "08:45:00"), "f2.json", RunSource.CLI))
        .isEqualTo(new Submission.Accepted("f2", 0, 1, false));
    assertThat(picks("3005"))
        .singleElement()
        .extracting(p -> p.get("status"))
        .isEqualTo("SUPERSEDED");
  }
}
