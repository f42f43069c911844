package io.krxtrader.observer;

import io.krxtrader.KrxTraderException;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes one chunk in one transaction: lock the file's ledger row and check that nobody moved its
 * offset, stream the rows into COPY while the lines are parsed (so that PostgreSQL works on one
 * part while the next is parsed), queue the touched minutes for their 1-minute bars, advance the
 * ledger, commit. Either all of it is in the database or none of it.
 */
final class ChunkTransaction {

  /** A chunk's start is no longer the file's committed offset: another process loaded it. */
  static final class ConcurrentLoadException extends KrxTraderException {
    ConcurrentLoadException(long expected, long actual) {
      super(
          "the file was loaded by another process meanwhile [expectedOffset="
              + expected
              + ", committedOffset="
              + actual
              + "]");
    }
  }

  /** Where parsed rows go: COPY, a few hundred kilobytes at a time. */
  interface RowSink {
    void flush(CopyText rows) throws SQLException;
  }

  /** Parses the chunk's lines into {@code sink}; sets the chunk's lines, offsets and hash. */
  interface ChunkFill {
    void fill(RowSink sink) throws IOException, SQLException;
  }

  /** Appends the chunk's rejects to the reject file; returns its new size. */
  interface RejectWriter {
    long write(Chunk chunk) throws IOException;
  }

  /** What happened to the chunk. */
  enum Outcome {
    COMMITTED,
    /** It had no line to write (its first tick waits for a day partition): rolled back. */
    EMPTY
  }

  private static final String SWING_STAGE =
      """
      CREATE TEMP TABLE IF NOT EXISTS swing_stage (
          symbol VARCHAR(20), bar_time TIMESTAMPTZ, open NUMERIC(15,4), high NUMERIC(15,4),
          low NUMERIC(15,4), close NUMERIC(15,4), volume BIGINT, bid_price NUMERIC(15,4),
          ask_price NUMERIC(15,4), session_id VARCHAR(50), snapshot_time TIMESTAMPTZ,
          ingest_file_id INT, line_no BIGINT
      ) ON COMMIT DELETE ROWS
      """;

  // A later snapshot of a slot wins, whatever order files load in; within one chunk the latest
  // line of the latest snapshot.
  private static final String SWING_UPSERT =
      """
      INSERT INTO observer.swing_bars_10m AS s
             (symbol, bar_time, open, high, low, close, volume, bid_price, ask_price, session_id,
              snapshot_time, ingest_file_id)
      SELECT DISTINCT ON (symbol, bar_time)
             symbol, bar_time, open, high, low, close, volume, bid_price, ask_price, session_id,
             snapshot_time, ingest_file_id
        FROM pg_temp.swing_stage
       ORDER BY symbol, bar_time, snapshot_time DESC, line_no DESC
      ON CONFLICT (symbol, bar_time) DO UPDATE
         SET open = excluded.open, high = excluded.high, low = excluded.low,
             close = excluded.close, volume = excluded.volume, bid_price = excluded.bid_price,
             ask_price = excluded.ask_price, session_id = excluded.session_id,
             snapshot_time = excluded.snapshot_time, ingest_file_id = excluded.ingest_file_id
       WHERE s.snapshot_time IS NULL OR excluded.snapshot_time >= s.snapshot_time
      """;

  // DO UPDATE, not DO NOTHING: the row must be locked by this transaction. An aggregator that
  // claimed a queued row this transaction merely found, and read the ticks before this commit,
  // would delete the row and never see these ticks (MinuteBarsIT reproduces that).
  private static final String BACKLOG =
      """
      INSERT INTO observer.minute_bar_backlog (symbol, bar_time)
      SELECT s, timestamptz 'epoch' + m * interval '1 minute'
        FROM unnest(?::varchar[], ?::bigint[]) AS t(s, m)
      ON CONFLICT (symbol, bar_time) DO UPDATE SET bar_time = excluded.bar_time
      """;

  private final IngestLedger ledger;
  private final LoadHooks hooks;

  ChunkTransaction(IngestLedger ledger, LoadHooks hooks) {
    this.ledger = ledger;
    this.hooks = hooks;
  }

  /**
   * Locks the file's ledger row and returns its committed state, inside the caller's transaction.
   */
  IngestLedger.Committed lock(Connection connection, int fileId) throws SQLException {
    return ledger.lockForChunk(connection, fileId);
  }

  /**
   * Writes and commits the chunk that {@code fill} parses, inside a transaction the caller began
   * with {@link #lock} and checked.
   */
  Outcome write(
      Connection connection,
      RecordKind kind,
      Chunk chunk,
      ChunkFill fill,
      RejectWriter rejects,
      long fileSize)
      throws SQLException, IOException {
    String target =
        switch (kind) {
          case SCALP -> "observer.scalp_ticks (" + ScalpLineParser.COLUMNS + ")";
          case GAP -> "observer.scalp_gaps (" + GapLineParser.COLUMNS + ")";
          case SWING -> "pg_temp.swing_stage (" + SwingLineParser.COLUMNS + ")";
        };
    if (kind == RecordKind.SWING) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(SWING_STAGE);
      }
    }
    CopyIn in =
        connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + target + " FROM STDIN");
    try {
      fill.fill(
          rows -> {
            if (rows.length() > 0) {
              in.writeToCopy(rows.bytes(), 0, rows.length());
              rows.clear();
            }
          });
      in.endCopy();
    } finally {
      if (in.isActive()) {
        in.cancelCopy();
      }
    }
    if (chunk.lines == 0) {
      connection.rollback();
      return Outcome.EMPTY;
    }
    if (kind == RecordKind.SWING && chunk.rows > 0) {
      try (Statement statement = connection.createStatement()) {
        statement.executeUpdate(SWING_UPSERT);
      }
    }
    if (kind == RecordKind.SCALP) {
      queueMinutes(connection, chunk.minutes);
    }
    long rejectsSize = rejects.write(chunk);
    ledger.commitChunk(connection, chunk, fileSize, rejectsSize);
    hooks.beforeCommit(chunk);
    connection.commit();
    hooks.commitReturned(chunk);
    return Outcome.COMMITTED;
  }

  private static void queueMinutes(Connection connection, MinuteKeys minutes) throws SQLException {
    long[] keys = minutes.sorted();
    if (keys.length == 0) {
      return;
    }
    String[] symbols = new String[keys.length];
    Long[] minuteIndexes = new Long[keys.length];
    for (int i = 0; i < keys.length; i++) {
      symbols[i] = MinuteKeys.symbol(keys[i]);
      minuteIndexes[i] = MinuteKeys.minuteEpochMicros(keys[i]) / IsoTimestamp.MICROS_PER_MINUTE;
    }
    Array symbolArray = connection.createArrayOf("varchar", symbols);
    Array minuteArray = connection.createArrayOf("bigint", minuteIndexes);
    try (PreparedStatement statement = connection.prepareStatement(BACKLOG)) {
      statement.setArray(1, symbolArray);
      statement.setArray(2, minuteArray);
      statement.executeUpdate();
    } finally {
      symbolArray.free();
      minuteArray.free();
    }
  }
}
