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
 * part while the next is parsed), merge the touched minutes' 1-minute bars, advance the ledger,
 * commit. Either all of it is in the database or none of it: the bars always match the ticks.
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

  // The chunk's partial 1-minute bars merged into the stored ones (MinuteBarDeltas): the earlier
  // first tick gives open, the later last tick close, extremes and sums add up. Rows in key order,
  // so two loads touching the same minutes lock them in the same order. Coverage ratio, flag and
  // grade are generated from tick_count (V21).
  private static final String MERGE_BARS =
      """
      INSERT INTO observer.scalp_1m_bars AS b
             (symbol, bar_time, open, high, low, close, volume, session_id, mitigation_level,
              tick_count, first_event_time, last_event_time)
      SELECT d.symbol, timestamptz 'epoch' + d.minute * interval '1 minute',
             d.open / 10000.0, d.high / 10000.0, d.low / 10000.0, d.close / 10000.0, d.volume,
             d.session_id, d.mitigation, d.ticks,
             timestamptz 'epoch' + d.first_us * interval '1 microsecond',
             timestamptz 'epoch' + d.last_us * interval '1 microsecond'
        FROM unnest(?::varchar[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],
                    ?::bigint[], ?::bigint[], ?::bigint[], ?::int[], ?::int[], ?::varchar[])
             AS d(symbol, minute, first_us, open, last_us, close, high, low, volume, ticks,
                  mitigation, session_id)
       ORDER BY d.symbol, d.minute
      ON CONFLICT (symbol, bar_time) DO UPDATE SET
          open = CASE WHEN b.first_event_time IS NULL
                        OR excluded.first_event_time < b.first_event_time
                      THEN excluded.open ELSE b.open END,
          first_event_time = least(b.first_event_time, excluded.first_event_time),
          close = CASE WHEN b.last_event_time IS NULL
                         OR excluded.last_event_time >= b.last_event_time
                       THEN excluded.close ELSE b.close END,
          session_id = CASE WHEN b.last_event_time IS NULL
                              OR excluded.last_event_time >= b.last_event_time
                            THEN excluded.session_id ELSE b.session_id END,
          last_event_time = greatest(b.last_event_time, excluded.last_event_time),
          high = greatest(b.high, excluded.high),
          low = least(b.low, excluded.low),
          volume = CASE WHEN b.volume IS NULL THEN excluded.volume
                        WHEN excluded.volume IS NULL THEN b.volume
                        ELSE b.volume + excluded.volume END,
          tick_count = b.tick_count + excluded.tick_count,
          mitigation_level = greatest(b.mitigation_level, excluded.mitigation_level)
      """;

  private final IngestLedger ledger;
  private final LoadHooks hooks;
  private final boolean bars;

  /**
   * @param bars whether a scalp chunk also merges its 1-minute bars (false leaves them to a later
   *     rebuild)
   */
  ChunkTransaction(IngestLedger ledger, LoadHooks hooks, boolean bars) {
    this.ledger = ledger;
    this.hooks = hooks;
    this.bars = bars;
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
    if (kind == RecordKind.SCALP && bars) {
      mergeBars(connection, chunk.bars);
    }
    long rejectsSize = rejects.write(chunk);
    ledger.commitChunk(connection, chunk, fileSize, rejectsSize);
    hooks.beforeCommit(chunk);
    connection.commit();
    hooks.commitReturned(chunk);
    return Outcome.COMMITTED;
  }

  private static void mergeBars(Connection connection, MinuteBarDeltas bars) throws SQLException {
    int n = bars.size();
    if (n == 0) {
      return;
    }
    int[] order = bars.order();
    Object[][] columns = new Object[12][n];
    for (int j = 0; j < n; j++) {
      int i = order[j];
      columns[0][j] = MinuteBarDeltas.symbol(bars.key[i]);
      columns[1][j] = MinuteBarDeltas.minute(bars.key[i]);
      columns[2][j] = bars.firstMicros[i];
      columns[3][j] = bars.open[i];
      columns[4][j] = bars.lastMicros[i];
      columns[5][j] = bars.close[i];
      columns[6][j] = bars.high[i];
      columns[7][j] = bars.low[i];
      columns[8][j] = bars.hasVolume[i] ? bars.volume[i] : null;
      columns[9][j] = bars.ticks[i];
      columns[10][j] = bars.mitigation[i];
      columns[11][j] = bars.session[i];
    }
    String[] types = {
      "varchar", "bigint", "bigint", "bigint", "bigint", "bigint", "bigint", "bigint", "bigint",
      "int4", "int4", "varchar"
    };
    Array[] arrays = new Array[columns.length];
    try (PreparedStatement statement = connection.prepareStatement(MERGE_BARS)) {
      for (int c = 0; c < columns.length; c++) {
        arrays[c] = connection.createArrayOf(types[c], columns[c]);
        statement.setArray(c + 1, arrays[c]);
      }
      statement.executeUpdate();
    } finally {
      for (Array array : arrays) {
        if (array != null) {
          array.free();
        }
      }
    }
  }
}
