package io.krxtrader.bench;

import io.krxtrader.DirectoryTree;
import io.krxtrader.db.Database;
import io.krxtrader.db.DatabaseConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;

/**
 * A throw-away embedded PostgreSQL for benchmarks, in a temporary directory deleted at close: the
 * measurements never touch the user's data and start from the same empty state on every machine. It
 * is durable (fsync and synchronous commit on), as a real installation is.
 */
final class ScratchDatabase implements AutoCloseable {

  private final Path directory;
  private final Database database;

  private ScratchDatabase(Path directory, Database database) {
    this.directory = directory;
    this.database = database;
  }

  /**
   * @param poolSize connections per module pool
   */
  static ScratchDatabase start(int poolSize, InstantSource clock) {
    Path directory;
    try {
      directory = Files.createTempDirectory("krx-bench");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    DatabaseConfig config =
        new DatabaseConfig(
            Optional.empty(),
            "postgres",
            Optional.empty(),
            directory.resolve("postgres"),
            0,
            true,
            poolSize);
    Database database = Database.open(config);
    try {
      database.migrate(clock);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    return new ScratchDatabase(directory, database);
  }

  Database database() {
    return database;
  }

  /** The server's data directory (its postmaster.pid names the server process). */
  Path dataDirectory() {
    return directory.resolve("postgres");
  }

  @Override
  public void close() {
    database.close();
    try {
      DirectoryTree.delete(directory);
    } catch (IOException e) {
      // a leftover temporary directory is harmless
    }
  }
}
