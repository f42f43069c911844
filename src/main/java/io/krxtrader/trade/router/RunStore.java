package io.krxtrader.trade.router;

import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Stores accepted runs and their picks ({@code trade.pick_producers}, {@code trade.pick_runs},
 * {@code trade.picks}), one transaction per run, as {@code krx_router}. Intake needs no leader: any
 * process may store a run; the keys ({@code run_id}, ({@code run_id}, symbol)) make a repeat
 * harmless and the producer's row lock orders two runs of one producer.
 *
 * <p>"Newer" is by {@code asof_ts}, then {@code run_id}: a run's picks stay ACTIVE only while it is
 * the newest run of its producer and day; every older run's ACTIVE picks become SUPERSEDED. Picks
 * already PASSED or REJECTED keep their status (the day's decision on their symbol stands).
 */
final class RunStore {

  private static final String LOCK_PRODUCER =
      """
      INSERT INTO trade.pick_producers AS p (producer_id, producer_name, first_run_ts, last_run_ts)
      VALUES (:producer, :name, :now, :now)
      ON CONFLICT (producer_id) DO UPDATE
         SET producer_name = coalesce(EXCLUDED.producer_name, p.producer_name),
             last_run_ts = EXCLUDED.last_run_ts
      """;
  private static final String FIND_RUN =
      "SELECT content_sha256 FROM trade.pick_runs WHERE run_id = :run";
  private static final String INSERT_RUN =
      """
      INSERT INTO trade.pick_runs
          (run_id, producer_id, producer_name, run_date, asof_ts, pick_count, content_sha256,
           source, received_ts)
      VALUES (:run, :producer, :name, :date, :asof, :count, :hash, :source, :now)
      """;
  private static final String NEWER_RUN =
      """
      SELECT count(*) FROM trade.pick_runs
       WHERE producer_id = :producer AND run_date = :date AND run_id <> :run
         AND (asof_ts, run_id) > (:asof, :run)
      """;
  private static final String INSERT_PICK =
      """
      INSERT INTO trade.picks
          (producer_id, producer_name, run_id, run_date, asof_ts, symbol, side, score, confidence,
           rank, reasons, metadata, constraints, status, created_ts, updated_ts)
      VALUES (:producer, :name, :run, :date, :asof, :symbol, 'LONG', :score, :confidence,
              :rank, :reasons, CAST(:metadata AS jsonb), CAST(:constraints AS jsonb), :status,
              :now, :now)
      """;
  private static final String SUPERSEDE_OLDER =
      """
      UPDATE trade.picks SET status = 'SUPERSEDED', updated_ts = :now
       WHERE producer_id = :producer AND run_date = :date AND run_id <> :run
         AND status = 'ACTIVE'
      """;

  private final Jdbi jdbi;

  RunStore(Database db) {
    this.jdbi = db.jdbi(ModuleRole.ROUTER);
  }

  Submission store(PickRun run, RunSource source, Instant now) {
    return jdbi.inTransaction(h -> store(h, run, source, Timestamp.from(now)));
  }

  private static Submission store(Handle h, PickRun run, RunSource source, Timestamp now) {
    String name = run.producerName().orElse(null);
    h.createUpdate(LOCK_PRODUCER)
        .bind("producer", run.producerId())
        .bind("name", name)
        .bind("now", now)
        .execute();
    Optional<String> known =
        h.createQuery(FIND_RUN).bind("run", run.runId()).mapTo(String.class).findOne();
    if (known.isPresent()) {
      if (known.get().equals(run.contentHash())) {
        return new Submission.AlreadySubmitted(run.runId());
      }
      return new Submission.Rejected(
          List.of(
              RunProblem.run(
                  "run_id",
                  run.runId(),
                  "a new run id (a run with this id and other content was accepted before)")));
    }
    Timestamp asof = Timestamp.from(run.asof());
    h.createUpdate(INSERT_RUN)
        .bind("run", run.runId())
        .bind("producer", run.producerId())
        .bind("name", name)
        .bind("date", run.runDate())
        .bind("asof", asof)
        .bind("count", run.picks().size())
        .bind("hash", run.contentHash())
        .bind("source", source.name())
        .bind("now", now)
        .execute();
    boolean stale =
        h.createQuery(NEWER_RUN)
                .bind("producer", run.producerId())
                .bind("date", run.runDate())
                .bind("run", run.runId())
                .bind("asof", asof)
                .mapTo(Long.class)
                .one()
            > 0;
    int superseded = 0;
    if (!stale) {
      superseded =
          h.createUpdate(SUPERSEDE_OLDER)
              .bind("producer", run.producerId())
              .bind("date", run.runDate())
              .bind("run", run.runId())
              .bind("now", now)
              .execute();
    }
    if (!run.picks().isEmpty()) {
      PreparedBatch batch = h.prepareBatch(INSERT_PICK);
      for (Pick pick : run.picks()) {
        batch
            .bind("producer", run.producerId())
            .bind("name", name)
            .bind("run", run.runId())
            .bind("date", run.runDate())
            .bind("asof", asof)
            .bind("symbol", pick.symbol().code())
            .bind("score", pick.score())
            .bind("confidence", pick.confidence().name())
            .bind("rank", pick.rank().isPresent() ? pick.rank().getAsInt() : null)
            .bind("reasons", pick.reasons().toArray(String[]::new))
            .bind("metadata", pick.metadata())
            .bind("constraints", pick.constraints())
            .bind("status", stale ? "SUPERSEDED" : "ACTIVE")
            .bind("now", now)
            .add();
      }
      batch.execute();
    }
    return new Submission.Accepted(run.runId(), run.picks().size(), superseded, stale);
  }
}
