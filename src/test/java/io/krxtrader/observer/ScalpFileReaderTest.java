package io.krxtrader.observer;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.krx.Symbol;
import io.krxtrader.observer.jsonl.CollectorFiles;
import io.krxtrader.observer.jsonl.ScalpRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScalpFileReaderTest {

  @TempDir Path root;

  private static ScalpRecord record(int second, OptionalLong bid) {
    Instant at = Instant.parse("2026-01-22T00:31:00Z").plusSeconds(second);
    return new ScalpRecord(
        at,
        at.minusMillis(7),
        Symbol.of("005930"),
        bid,
        bid.isPresent() ? OptionalLong.of(71_600) : OptionalLong.empty(),
        OptionalLong.of(10),
        OptionalLong.of(20),
        71_500 + second * 100L,
        second,
        "track_b_20260122");
  }

  @Test
  void what_the_collectors_write_reads_back_the_same_across_rotated_files() {
    List<ScalpRecord> written = new ArrayList<>();
    try (CollectorFiles files = new CollectorFiles(root)) {
      for (int second = 0; second < 900; second += 30) { // 15 minutes: two 10-minute files
        ScalpRecord r =
            record(second, second % 60 == 0 ? OptionalLong.of(71_400) : OptionalLong.empty());
        files.append(r);
        written.add(r);
      }
    }
    List<ScalpRecord> read = new ArrayList<>();
    try (ScalpFileReader reader = ScalpFileReader.open(root)) {
      for (Optional<ScalpRecord> r = reader.next(); r.isPresent(); r = reader.next()) {
        read.add(r.get());
      }
      assertThat(reader.skipped()).isZero();
    }
    assertThat(Files.exists(root.resolve("scalp/20260122_0930.jsonl"))).isTrue();
    assertThat(Files.exists(root.resolve("scalp/20260122_0940.jsonl"))).isTrue();
    assertThat(read).isEqualTo(written);
  }

  @Test
  void a_line_the_loader_would_reject_is_skipped_and_counted() throws Exception {
    try (CollectorFiles files = new CollectorFiles(root)) {
      files.append(record(0, OptionalLong.of(71_400)));
    }
    Path file = root.resolve("scalp/20260122_0930.jsonl");
    Files.writeString(
        file,
        "not json\n{\"ts\":\"2026-01-22T00:31:01Z\",\"symbol\":\"005930\"}\n",
        StandardOpenOption.APPEND);
    try (ScalpFileReader reader = ScalpFileReader.open(root)) {
      assertThat(reader.next()).isPresent();
      assertThat(reader.next()).isEmpty();
      assertThat(reader.skipped()).isEqualTo(2);
    }
  }

  @Test
  void an_unfinished_last_line_is_left_unread_and_a_lone_carriage_return_ends_no_line()
      throws Exception {
    try (CollectorFiles files = new CollectorFiles(root)) {
      files.append(record(0, OptionalLong.of(71_400)));
    }
    Path file = root.resolve("scalp/20260122_0930.jsonl");
    String line = Files.readString(file).strip();
    // Two records parted by a lone \r are one line to the loader, which rejects it.
    Files.writeString(file, line + "\r" + line + "\n" + line, StandardOpenOption.APPEND);
    try (ScalpFileReader reader = ScalpFileReader.open(root)) {
      assertThat(reader.next()).isPresent();
      assertThat(reader.next()).isEmpty();
      assertThat(reader.skipped()).isEqualTo(1);
    }
    assertThat(LineParsers.parse(RecordKind.SCALP, line + "\r" + line).reject()).isNotNull();
  }
}
