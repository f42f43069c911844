package io.krxtrader.observer.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.config.Settings;
import io.krxtrader.db.Database;
import io.krxtrader.krx.Symbol;
import io.krxtrader.observer.Observer;
import io.krxtrader.observer.ObserverConfig;
import io.krxtrader.observer.jsonl.CollectorFiles;
import io.krxtrader.observer.jsonl.ScalpRecord;
import io.krxtrader.testkit.PostgresExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.OptionalLong;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class TailerIT {

  @TempDir Path home;

  private static ScalpRecord record(String utc) {
    Instant at = Instant.parse(utc);
    return new ScalpRecord(
        at,
        at,
        Symbol.of("005930"),
        OptionalLong.of(71_400),
        OptionalLong.of(71_500),
        OptionalLong.of(1),
        OptionalLong.of(1),
        71_500,
        1,
        "track_b_20260122");
  }

  private static long ticks(Database db) {
    return Jdbi.create(db.admin())
        .withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM observer.scalp_ticks").mapTo(Long.class).one());
  }

  @Test
  void a_late_line_in_the_previous_file_after_a_rotation_is_still_loaded(Database db) {
    Path root = home.resolve("jsonl");
    Observer observer =
        new Observer(db, ObserverConfig.from(Settings.of(Map.of()), home), InstantSource.system());
    try (CollectorFiles files = new CollectorFiles(root);
        Tailer tailer = Tailer.start(observer, root, Duration.ofHours(1))) {
      files.append(record("2026-01-22T00:59:59.400Z")); // 09:50 file
      files.append(record("2026-01-22T01:00:00.300Z")); // 10:00 file: the 09:50 one is not newest
      assertThat(tailer.pass()).isTrue();
      assertThat(ticks(db)).isEqualTo(2);

      files.append(record("2026-01-22T00:59:59.900Z")); // a slot swept late, into the 09:50 file
      assertThat(tailer.pass()).isTrue();
      assertThat(ticks(db)).isEqualTo(3);
    }
  }
}
