package io.krxtrader.trade.router;

import io.krxtrader.db.Database;
import java.time.InstantSource;

/**
 * The one way a producer run comes in, whatever carried it (the CLI's {@code picks submit}, the
 * watched folder {@link PicksInbox}, the HTTP handler {@link PicksHttpHandler}): validate whole
 * ({@link PickRunParser}), then store in one transaction ({@link RunStore}). Thread-safe.
 */
public final class PickIntake {

  private final PickRunParser parser;
  private final RunStore store;
  private final InstantSource clock;

  public PickIntake(Database db, PickRunParser parser, InstantSource clock) {
    this.parser = parser;
    this.store = new RunStore(db);
    this.clock = clock;
  }

  /** The largest run accepted, in bytes: a carrier refuses a larger one before reading it. */
  public long maxBytes() {
    return parser.maxBytes();
  }

  /** The refusal of a run of {@code size} bytes, larger than {@link #maxBytes()}. */
  public Submission tooLarge(long size) {
    return new Submission.Rejected(parser.tooLarge(size).problems());
  }

  /**
   * Validates and stores one run.
   *
   * @param name the file name (or {@code body.json}/{@code body.csv}): {@code .csv} is the CSV form
   */
  public Submission submit(byte[] content, String name, RunSource source) {
    return switch (parser.parse(content, name)) {
      case ParsedRun.Invalid invalid -> new Submission.Rejected(invalid.problems());
      case ParsedRun.Valid valid -> store.store(valid.run(), source, clock.instant());
    };
  }
}
