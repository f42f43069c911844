package io.krxtrader.observer;

import io.krxtrader.db.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/** Small generated data sets and an observer with small chunks, for the integration tests. */
final class ObserverFixture {

  private ObserverFixture() {}

  static SampleDataReport generate(Path out, int days, int symbols, long seed) {
    return Observer.generateSampleData(
        new SampleDataSpec(days, symbols, days, out, seed, SampleDataSpec.DEFAULT_START));
  }

  /** One scalp file of a small generated day (written under {@code dir/generated}). */
  static Path generateOneScalpFile(Path dir) {
    Path root = dir.resolve("generated");
    generate(root, 1, 2, 1);
    return root.resolve("scalp").resolve("20260105_1000.jsonl");
  }

  static ObserverConfig config(Path home, int chunkLines) {
    return new ObserverConfig(
        home.resolve("jsonl"),
        home.resolve("rejects"),
        2,
        chunkLines,
        3,
        Duration.ofMillis(10),
        Duration.ofSeconds(60));
  }

  static Observer observer(Database db, Path home, int chunkLines, LoadHooks hooks) {
    return new Observer(db, config(home, chunkLines), InstantSource.system(), hooks);
  }

  static long count(Database db, String sql) {
    return Jdbi.create(db.admin()).withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  /** Complete lines (ending in a newline) of every file of a kind under a root. */
  static long lines(Path root, RecordKind kind) {
    return files(root, kind).stream().mapToLong(ObserverFixture::lines).sum();
  }

  static long lines(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      long n = 0;
      for (byte b : bytes) {
        if (b == '\n') {
          n++;
        }
      }
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Path> files(Path root, RecordKind kind) {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> RecordKind.of(p).orElse(null) == kind)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void truncateObserverTables(Database db) {
    Jdbi.create(db.admin())
        .useHandle(
            h ->
                h.execute(
                    "TRUNCATE observer.scalp_ticks, observer.scalp_gaps, observer.swing_bars_10m,"
                        + " observer.scalp_1m_bars,"
                        + " observer.ingest_files"));
  }
}
