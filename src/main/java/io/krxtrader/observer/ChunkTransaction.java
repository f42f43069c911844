package io.krxtrader.observer;

import io.krxtrader.KrxTraderException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Writes one chunk in one transaction: lock the file's ledger row and check that nobody moved its
 * offset, COPY the rows, queue the touched minutes for their 1-minute bars, advance the ledger,
 * commit. Either all of it is in the database or none of it.
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
   * Writes and commits the chunk. Returns false if this very chunk had already committed (a retry
   * after a commit whose answer was lost): nothing is written twice.
   */
  boolean write(
      Connection connection, RecordKind kind, Chunk chunk, long fileSize, long rejectsSize)
      throws SQLException {
    connection.setAutoCommit(false);
    try {
      IngestLedger.Committed committed = ledger.lockForChunk(connection, chunk.fileId);
      if (committed.offset() == chunk.endOffset
          && Arrays.equals(committed.contentSha256(), chunk.contentSha256)) {
        connection.rollback();
        return false;
      }
      if (committed.offset() != chunk.startOffset) {
        throw new ConcurrentLoadException(chunk.startOffset, committed.offset());
      }
      if (chunk.rows > 0) {
        switch (kind) {
          case SCALP -> {
            copy(connection, "observer.scalp_ticks (" + ScalpLineParser.COLUMNS + ")", chunk);
            queueMinutes(connection, chunk.minutes);
          }
          case GAP ->
              copy(connection, "observer.scalp_gaps (" + GapLineParser.COLUMNS + ")", chunk);
          case SWING -> {
            try (Statement statement = connection.createStatement()) {
              statement.execute(SWING_STAGE);
            }
            copy(connection, "pg_temp.swing_stage (" + SwingLineParser.COLUMNS + ")", chunk);
            try (Statement statement = connection.createStatement()) {
              statement.executeUpdate(SWING_UPSERT);
            }
          }
        }
      }
      ledger.commitChunk(connection, chunk, fileSize, rejectsSize);
      hooks.beforeCommit(chunk);
      connection.commit();
      return true;
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(connection, e);
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  private static void copy(Connection connection, String target, Chunk chunk) throws SQLException {
    CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
    CopyIn in = copy.copyIn("COPY " + target + " FROM STDIN");
    try {
      in.writeToCopy(chunk.copy.bytes(), 0, chunk.copy.length());
      in.endCopy();
    } finally {
      if (in.isActive()) {
        in.cancelCopy();
      }
    }
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

  private static void rollbackQuietly(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
