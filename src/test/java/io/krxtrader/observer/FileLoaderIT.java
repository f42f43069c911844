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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Exactly-once loading of one file: resumption, growth, conflicts, crashes, rejects. */
@ExtendWith(PostgresExtension.class)
class FileLoaderIT {

  @TempDir static Path data;
  @TempDir Path home;

  private final Database db;

  FileLoaderIT(Database db) {
    this.db = db;
  }

  @BeforeAll
  static void generate() {
    ObserverFixture.generate(data, 1, 3, 5);
  }

  @AfterEach
  void clean() {
    ObserverFixture.truncateObserverTables(db);
  }

  private static Path scalpFile() {
    return data.resolve("scalp").resolve("20260105_0930.jsonl");
  }

  private Path copyOfScalpFile() throws IOException {
    Path copy = home.resolve("in").resolve("scalp").resolve("20260105_0930.jsonl");
    Files.createDirectories(copy.getParent());
    Files.copy(scalpFile(), copy);
    return copy;
  }

  private long ticks() {
    return count(db, "SELECT count(*) FROM observer.scalp_ticks");
  }

  private long distinctTicks() {
    return count(db, "SELECT count(DISTINCT (symbol, event_time)) FROM observer.scalp_ticks");
  }

  @Test
  void a_file_loads_once_and_loading_it_again_changes_nothing() {
    Observer observer = ObserverFixture.observer(db, home, 500, LoadHooks.NONE);
    long expected = lines(scalpFile());
    assertThat(expected).isGreaterThan(2_000);

    FileOutcome first = observer.loadFile(scalpFile(), RecordKind.SCALP);
    assertThat(first.result()).isEqualTo(Result.LOADED);
    assertThat(first.linesLoaded()).isEqualTo(expected);
    assertThat(ticks()).isEqualTo(expected);

    FileOutcome again = observer.loadFile(scalpFile(), RecordKind.SCALP);
    assertThat(again.result()).isEqualTo(Result.UNCHANGED);
    // a fresh instance must hash the loaded part itself, and also find it unchanged
    FileOutcome fresh =
        ObserverFixture.observer(db, home, 500, LoadHooks.NONE)
            .loadFile(scalpFile(), RecordKind.SCALP);
    assertThat(fresh.result()).isEqualTo(Result.UNCHANGED);
    assertThat(ticks()).isEqualTo(expected);
    assertThat(
            count(
                db,
                "SELECT lines_loaded FROM observer.ingest_files WHERE status = 'loaded'"
                    + " AND committed_offset = "
                    + scalpFile().toFile().length()))
        .isEqualTo(expected);
  }

  @Test
  void a_growing_file_loads_only_its_new_complete_lines_each_time() throws IOException {
    byte[] all = Files.readAllBytes(scalpFile());
    Path growing = home.resolve("scalp").resolve("20260105_0930.jsonl");
    Files.createDirectories(growing.getParent());
    Observer observer = ObserverFixture.observer(db, home, 500, LoadHooks.NONE);
    int[] cuts = {0, 17, all.length / 3, all.length / 3 + 1, all.length * 2 / 3 + 5, all.length};
    long loaded = 0;
    for (int i = 1; i < cuts.length; i++) {
      // a collector appends, possibly stopping in the middle of a line
      Files.write(
          growing,
          java.util.Arrays.copyOfRange(all, cuts[i - 1], cuts[i]),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      FileOutcome outcome =
          i % 2 == 0
              ? observer.loadAppended(growing, RecordKind.SCALP)
              : observer.loadFile(growing, RecordKind.SCALP);
      assertThat(outcome.result()).isNotIn(Result.CONFLICT, Result.FAILED);
      loaded += outcome.linesLoaded();
      assertThat(ticks()).isEqualTo(loaded);
      assertThat(outcome.pendingBytes())
          .as("the incomplete last line waits")
          .isEqualTo(cuts[i] - lastNewlineEnd(all, cuts[i]));
    }
    assertThat(loaded).isEqualTo(lines(scalpFile()));
    assertThat(distinctTicks()).isEqualTo(loaded);
  }

  private static int lastNewlineEnd(byte[] bytes, int end) {
    for (int i = end - 1; i >= 0; i--) {
      if (bytes[i] == '\n') {
        return i + 1;
      }
    }
    return 0;
  }

  @Test
  void a_file_whose_loaded_part_changed_is_refused_and_nothing_is_doubled() throws IOException {
    Path file = copyOfScalpFile();
    Observer observer = ObserverFixture.observer(db, home, 500, LoadHooks.NONE);
    assertThat(observer.loadFile(file, RecordKind.SCALP).result()).isEqualTo(Result.LOADED);
    long loaded = ticks();

    byte[] bytes = Files.readAllBytes(file);
    int at = bytes.length / 2;
    while (bytes[at] < '0' || bytes[at] > '8') {
      at++;
    }
    bytes[at]++;
    Files.write(file, bytes);
    Files.writeString(file, "{\"more\": 1}\n", StandardOpenOption.APPEND);

    FileOutcome outcome = observer.loadFile(file, RecordKind.SCALP);
    assertThat(outcome.result()).isEqualTo(Result.CONFLICT);
    assertThat(outcome.message()).contains("the part already loaded has changed");
    assertThat(ticks()).isEqualTo(loaded);
    assertThat(count(db, "SELECT count(*) FROM observer.ingest_files WHERE status = 'conflict'"))
        .isEqualTo(1);
    // a fresh instance (no cached hash) sees the same
    assertThat(
            ObserverFixture.observer(db, home, 500, LoadHooks.NONE)
                .loadFile(file, RecordKind.SCALP)
                .result())
        .isEqualTo(Result.CONFLICT);
  }

  @Test
  void a_file_cut_shorter_than_its_loaded_part_is_refused() throws IOException {
    Path file = copyOfScalpFile();
    Observer observer = ObserverFixture.observer(db, home, 500, LoadHooks.NONE);
    observer.loadFile(file, RecordKind.SCALP);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    FileOutcome outcome = observer.loadFile(file, RecordKind.SCALP);
    assertThat(outcome.result()).isEqualTo(Result.CONFLICT);
    assertThat(outcome.message()).contains("shorter than its part already loaded");
  }

  @Test
  void a_moved_file_continues_and_a_copy_is_refused() throws IOException {
    Path file = copyOfScalpFile();
    byte[] all = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(all, all.length / 2));
    Observer observer = ObserverFixture.observer(db, home, 500, LoadHooks.NONE);
    long half = observer.loadFile(file, RecordKind.SCALP).linesLoaded();

    Path moved = home.resolve("elsewhere").resolve("scalp").resolve(file.getFileName());
    Files.createDirectories(moved.getParent());
    Files.write(moved, all);
    Files.delete(file);
    FileOutcome outcome = observer.loadFile(moved, RecordKind.SCALP);
    assertThat(outcome.result()).isEqualTo(Result.LOADED);
    assertThat(half + outcome.linesLoaded()).isEqualTo(lines(scalpFile()));
    assertThat(ticks()).isEqualTo(lines(scalpFile()));

    Path copy = home.resolve("copy").resolve("scalp").resolve(file.getFileName());
    Files.createDirectories(copy.getParent());
    Files.write(copy, all);
    FileOutcome copied = observer.loadFile(copy, RecordKind.SCALP);
    assertThat(copied.result()).isEqualTo(Result.CONFLICT);
    assertThat(copied.message()).contains("a copy is not loaded twice");
    assertThat(ticks()).isEqualTo(lines(scalpFile()));
  }

  /** A crash: an error that nothing in the loader catches, like the process dying. */
  private static final class Crash extends IllegalStateException {
    Crash(String message) {
      super(message);
    }
  }

  @Test
  void a_crash_between_chunks_then_a_rerun_loads_every_line_exactly_once() {
    long expected = lines(scalpFile());
    for (int crashAfter : new int[] {1, 3}) {
      AtomicInteger commits = new AtomicInteger();
      LoadHooks crash =
          new LoadHooks() {
            @Override
            public void afterCommit(Chunk chunk) {
              if (commits.incrementAndGet() == crashAfter) {
                throw new Crash("crash after chunk " + crashAfter);
              }
            }
          };
      assertThatThrownBy(
              () ->
                  ObserverFixture.observer(db, home, 500, crash)
                      .loadFile(scalpFile(), RecordKind.SCALP))
          .isInstanceOf(Crash.class);
      assertThat(ticks()).isEqualTo(Math.min(expected, 500L * crashAfter));
      FileOutcome rest =
          ObserverFixture.observer(db, home, 500, LoadHooks.NONE)
              .loadFile(scalpFile(), RecordKind.SCALP);
      assertThat(rest.linesLoaded()).isEqualTo(expected - 500L * crashAfter);
      assertThat(ticks()).isEqualTo(expected);
      assertThat(distinctTicks()).isEqualTo(expected);
      ObserverFixture.truncateObserverTables(db);
    }
  }

  @Test
  void a_crash_inside_a_chunk_transaction_leaves_nothing_of_that_chunk() {
    long expected = lines(scalpFile());
    AtomicInteger chunks = new AtomicInteger();
    LoadHooks crash =
        new LoadHooks() {
          @Override
          public void beforeCommit(Chunk chunk) {
            if (chunks.incrementAndGet() == 2) {
              throw new Crash("crash inside chunk 2");
            }
          }
        };
    assertThatThrownBy(
            () ->
                ObserverFixture.observer(db, home, 500, crash)
                    .loadFile(scalpFile(), RecordKind.SCALP))
        .isInstanceOf(Crash.class);
    assertThat(ticks()).isEqualTo(500);
    assertThat(count(db, "SELECT lines_loaded FROM observer.ingest_files")).isEqualTo(500);
    ObserverFixture.observer(db, home, 500, LoadHooks.NONE).loadFile(scalpFile(), RecordKind.SCALP);
    assertThat(ticks()).isEqualTo(expected);
    assertThat(distinctTicks()).isEqualTo(expected);
  }

  @Test
  void a_failed_chunk_is_retried_and_then_commits_once() {
    AtomicInteger failures = new AtomicInteger();
    LoadHooks flaky =
        new LoadHooks() {
          @Override
          public void beforeCommit(Chunk chunk) {
            if (chunk.firstLine == 501 && failures.incrementAndGet() <= 2) {
              throw new KrxTraderException("connection lost [attempt=" + failures.get() + "]");
            }
          }
        };
    FileOutcome outcome =
        ObserverFixture.observer(db, home, 500, flaky).loadFile(scalpFile(), RecordKind.SCALP);
    assertThat(outcome.result()).isEqualTo(Result.LOADED);
    assertThat(failures.get()).isEqualTo(3);
    assertThat(ticks()).isEqualTo(lines(scalpFile()));
    assertThat(distinctTicks()).isEqualTo(ticks());
  }

  @Test
  void a_chunk_failing_every_attempt_fails_the_file_and_a_rerun_continues() {
    LoadHooks broken =
        new LoadHooks() {
          @Override
          public void beforeCommit(Chunk chunk) {
            if (chunk.firstLine == 1001) {
              throw new KrxTraderException("database away");
            }
          }
        };
    FileOutcome outcome =
        ObserverFixture.observer(db, home, 500, broken).loadFile(scalpFile(), RecordKind.SCALP);
    assertThat(outcome.result()).isEqualTo(Result.FAILED);
    assertThat(outcome.message()).contains("a chunk failed after 4 attempts").contains("away");
    assertThat(ticks()).isEqualTo(1000);
    ObserverFixture.observer(db, home, 500, LoadHooks.NONE).loadFile(scalpFile(), RecordKind.SCALP);
    assertThat(ticks()).isEqualTo(lines(scalpFile()));
  }

  @Test
  void bad_lines_go_to_the_reject_file_once_even_across_a_crash() throws IOException {
    Path file = home.resolve("in").resolve("scalp").resolve("20260105_0930.jsonl");
    Files.createDirectories(file.getParent());
    List<String> good = Files.readAllLines(scalpFile()).subList(0, 1200);
    StringBuilder content = new StringBuilder();
    for (int i = 0; i < good.size(); i++) {
      content.append(i % 300 == 7 ? "{\"broken\": " : good.get(i)).append('\n');
    }
    content.append(good.get(0).replace("\"symbol\":\"", "\"symbol\":\"X"));
    Files.writeString(file, content.toString(), StandardCharsets.UTF_8);

    AtomicInteger chunks = new AtomicInteger();
    LoadHooks crash =
        new LoadHooks() {
          @Override
          public void beforeCommit(Chunk chunk) {
            if (chunks.incrementAndGet() == 2) {
              throw new Crash("crash with rejects written");
            }
          }
        };
    assertThatThrownBy(
            () -> ObserverFixture.observer(db, home, 500, crash).loadFile(file, RecordKind.SCALP))
        .isInstanceOf(Crash.class);
    FileOutcome outcome =
        ObserverFixture.observer(db, home, 500, LoadHooks.NONE).loadFile(file, RecordKind.SCALP);
    assertThat(outcome.result()).isEqualTo(Result.LOADED);
    assertThat(outcome.pendingBytes()).as("the last line has no newline").isPositive();

    List<Path> rejectFiles;
    try (var list = Files.list(home.resolve("rejects"))) {
      rejectFiles = list.toList();
    }
    assertThat(rejectFiles).hasSize(1);
    List<String> rejects = Files.readAllLines(rejectFiles.get(0));
    assertThat(rejects).hasSize(4);
    assertThat(rejects.get(0))
        .contains("\"file\":\"" + file.toRealPath() + "\"")
        .contains("\"line\":8,")
        .contains("\"reason\":\"malformed JSON")
        .contains("\"raw\":\"{\\\"broken\\\": \"");
    assertThat(rejects)
        .extracting(r -> r.replaceAll(".*\"line\":(\\d+).*", "$1"))
        .containsExactly("8", "308", "608", "908");
    assertThat(count(db, "SELECT lines_rejected FROM observer.ingest_files")).isEqualTo(4);
    assertThat(ticks()).isEqualTo(1196);

    // the collector finishes the last line: a bad symbol, rejected and listed once more
    Files.writeString(file, "\n", StandardOpenOption.APPEND);
    FileOutcome last =
        ObserverFixture.observer(db, home, 500, LoadHooks.NONE).loadFile(file, RecordKind.SCALP);
    assertThat(last.linesRejected()).isEqualTo(1);
    assertThat(Files.readAllLines(rejectFiles.get(0)))
        .hasSize(5)
        .last()
        .asString()
        .contains("\"line\":1201,")
        .contains("invalid symbol");
  }

  @Test
  void a_commit_whose_answer_was_lost_is_recognised_and_not_written_again() {
    AtomicInteger lost = new AtomicInteger();
    LoadHooks dropped =
        new LoadHooks() {
          @Override
          public void commitReturned(Chunk chunk) {
            if (chunk.firstLine == 501 && lost.incrementAndGet() == 1) {
              throw new KrxTraderException("connection reset after the commit");
            }
          }
        };
    FileOutcome outcome =
        ObserverFixture.observer(db, home, 500, dropped).loadFile(scalpFile(), RecordKind.SCALP);
    assertThat(outcome.result()).isEqualTo(Result.LOADED);
    assertThat(lost.get()).isEqualTo(1);
    assertThat(outcome.linesLoaded()).isEqualTo(lines(scalpFile()));
    assertThat(ticks()).isEqualTo(lines(scalpFile()));
    assertThat(distinctTicks()).isEqualTo(ticks());
  }

  @Test
  void ticks_of_days_without_a_partition_get_one_between_chunks() throws IOException {
    // A file across KST midnight, and a back-filled day long before today's partitions.
    Path file = home.resolve("in").resolve("scalp").resolve("late-evening.jsonl");
    Files.createDirectories(file.getParent());
    List<String> ticks = new java.util.ArrayList<>();
    for (String time :
        List.of(
            "2025-06-02T23:59:58+09:00",
            "2025-06-02T23:59:59+09:00",
            "2025-06-03T00:00:00+09:00",
            "2025-06-03T00:00:01+09:00")) {
      ticks.add(
          "{\"ts\":\""
              + time
              + "\",\"event_time\":\""
              + time
              + "\",\"symbol\":\"005930\",\"last_price\":70000,\"session_id\":\"s\"}");
    }
    Files.write(file, ticks);
    FileOutcome outcome =
        ObserverFixture.observer(db, home, 500, LoadHooks.NONE).loadFile(file, RecordKind.SCALP);
    assertThat(outcome.result()).isEqualTo(Result.LOADED);
    assertThat(outcome.linesLoaded()).isEqualTo(4);
    assertThat(ticks()).isEqualTo(4);
    assertThat(
            count(
                db,
                "SELECT count(*) FROM pg_class WHERE relname IN"
                    + " ('scalp_ticks_20250602', 'scalp_ticks_20250603')"))
        .isEqualTo(2);
    assertThat(count(db, "SELECT lines_loaded FROM observer.ingest_files")).isEqualTo(4);
  }
}
