package io.krxtrader.cli;

import io.krxtrader.config.Settings;
import io.krxtrader.db.Database;
import io.krxtrader.db.Migrations;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a command runs with: the validated configuration, the clock and, opened on first use, the
 * database. Closing it releases everything in reverse order of creation (pools before the embedded
 * server), also on Ctrl-C through the shutdown hook that {@link Main} installs.
 */
final class AppContext implements AutoCloseable {

  private final Settings settings;
  private final InstantSource clock;
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private AppConfig config;
  private Database database;
  private Migrations.Result migration;

  AppContext(Settings settings, InstantSource clock) {
    this.settings = settings;
    this.clock = clock;
  }

  synchronized AppConfig config() {
    if (config == null) {
      config = AppConfig.load(settings);
    }
    return config;
  }

  InstantSource clock() {
    return clock;
  }

  /** The database, started or connected on first use, not migrated. */
  synchronized Database database() {
    if (database == null) {
      database = Database.open(config().database());
      resources.push(database);
    }
    return database;
  }

  /** The database with every migration applied (the first call in a process applies them). */
  synchronized Database migratedDatabase() {
    Database db = database();
    if (migration == null) {
      migration = db.migrate(clock);
    }
    return db;
  }

  /** Registers something to close with the context (last registered, first closed). */
  synchronized <T extends AutoCloseable> T closeLater(T resource) {
    resources.push(resource);
    return resource;
  }

  @Override
  public synchronized void close() {
    RuntimeException failure = null;
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("failed to release " + e.getMessage(), e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
