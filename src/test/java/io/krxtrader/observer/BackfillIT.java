package io.krxtrader.observer;

import static io.krxtrader.observer.ObserverFixture.count;
import static io.krxtrader.observer.ObserverFixture.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.krxtrader.KrxTraderException;
import io.krxtrader.db.Database;
import io.krxtrader.observer.FileOutcome.Result;
import io.krxtrader.testkit.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Back-fill of a whole directory: every kind, in parallel, exactly once, swing slots last-wins. */
@ExtendWith(PostgresExtension.class)
class BackfillIT {

  @TempDir Path data;
  @TempDir Path home;

  private final Database db;

  BackfillIT(Database db) {
    this.db = db;
  }

  @AfterEach
  void clean() {
    ObserverFixture.truncateObserverTables(db);
  }

  @Test
  void every_file_of_every_kind_loads_once_and_a_rerun_finds_nothing_new() {
    ObserverFixture.generate(data, 2, 2, 12);
    Observer observer = ObserverFixture.observer(db, home, 5_000, LoadHooks.NONE);
    LoadSummary first = observer.backfill(data, new LoadOptions(3, true), LoadListener.NONE);
    assertThat(first.failures()).isEmpty();
    assertThat(first.count(Result.LOADED)).isEqualTo(observer.discover(data).size());
    assertThat(count(db, "SELECT count(*) FROM observer.scalp_ticks"))
        .isEqualTo(lines(data, RecordKind.SCALP));
    assertThat(count(db, "SELECT count(*) FROM observer.scalp_gaps"))
        .isEqualTo(lines(data, RecordKind.GAP))
        .isPositive();
    assertThat(count(db, "SELECT count(*) FROM observer.swing_bars_10m"))
        .isEqualTo(lines(data, RecordKind.SWING));
    assertThat(count(db, "SELECT sum(tick_count) FROM observer.scalp_1m_bars"))
        .isEqualTo(lines(data, RecordKind.SCALP));

    LoadSummary again = observer.backfill(data, new LoadOptions(3, true), LoadListener.NONE);
    assertThat(again.count(Result.UNCHANGED)).isEqualTo(first.outcomes().size());
    assertThat(again.linesLoaded()).isZero();
    assertThat(count(db, "SELECT count(*) FROM observer.scalp_ticks"))
        .isEqualTo(lines(data, RecordKind.SCALP));
  }

  private static String snapshot(String ts, long close) {
    return "{\"ts\":\""
        + ts
        + "\",\"session\":\"a\",\"symbol\":\"005930\",\"price\":{\"open\":70000,\"high\":72000,"
        + "\"low\":69000,\"close\":"
        + close
        + "},\"volume\":1,\"bid_price\":"
        + (close - 100)
        + ",\"ask_price\":"
        + close
        + "}";
  }

  private long closeOfSlot() {
    return count(
        db,
        "SELECT close::bigint FROM observer.swing_bars_10m WHERE symbol = '005930'"
            + " AND bar_time = '2026-01-22 09:30:00Z'");
  }

  @Test
  void a_later_snapshot_of_a_slot_wins_whatever_order_the_files_load_in() throws IOException {
    Path early = data.resolve("a").resolve("swing").resolve("20260122_0930.jsonl");
    Path late = data.resolve("b").resolve("swing").resolve("20260122_0930.jsonl");
    Files.createDirectories(early.getParent());
    Files.createDirectories(late.getParent());
    // in one file, the later line of two with the same ts wins
    Files.write(
        early,
        List.of(
            snapshot("2026-01-22T09:31:05.200Z", 71_000),
            snapshot("2026-01-22T09:31:05.200Z", 71_100)));
    Files.write(late, List.of(snapshot("2026-01-22T09:38:00Z", 71_500)));
    Observer observer = ObserverFixture.observer(db, home, 1_000, LoadHooks.NONE);
    LoadOptions one = new LoadOptions(1, false);

    observer.ingest(List.of(late), Optional.empty(), one, LoadListener.NONE);
    observer.ingest(List.of(early), Optional.empty(), one, LoadListener.NONE);
    assertThat(closeOfSlot()).isEqualTo(71_500);

    ObserverFixture.truncateObserverTables(db);
    observer.ingest(List.of(early), Optional.empty(), one, LoadListener.NONE);
    assertThat(closeOfSlot()).isEqualTo(71_100);
    observer.ingest(List.of(late), Optional.empty(), one, LoadListener.NONE);
    assertThat(closeOfSlot()).isEqualTo(71_500);
    assertThat(count(db, "SELECT count(*) FROM observer.swing_bars_10m")).isEqualTo(1);
  }

  @Test
  void a_file_of_unknown_kind_needs_its_kind_named() throws IOException {
    Path file = data.resolve("ticks-from-somewhere.jsonl");
    Files.copy(ObserverFixture.generateOneScalpFile(home), file);
    Observer observer = ObserverFixture.observer(db, home, 1_000, LoadHooks.NONE);
    assertThatThrownBy(
            () ->
                observer.ingest(
                    List.of(file), Optional.empty(), new LoadOptions(1, false), LoadListener.NONE))
        .isInstanceOf(KrxTraderException.class)
        .hasMessageContaining("name it with --kind");
    LoadSummary summary =
        observer.ingest(
            List.of(file),
            Optional.of(RecordKind.SCALP),
            new LoadOptions(1, true),
            LoadListener.NONE);
    assertThat(summary.linesLoaded()).isEqualTo(lines(file)).isPositive();
    assertThat(count(db, "SELECT sum(tick_count) FROM observer.scalp_1m_bars"))
        .isEqualTo(lines(file));
  }
}
