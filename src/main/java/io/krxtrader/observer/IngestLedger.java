package io.krxtrader.observer;

import io.krxtrader.KrxTraderException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * All SQL for {@code observer.ingest_files}, the ledger that makes loading exactly-once: a chunk's
 * rows and the file's new committed offset are written in one transaction ({@link #lockForChunk}
 * and {@link #commitChunk} run inside the caller's transaction).
 */
final class IngestLedger {

  /** SHA-256 of nothing: the content hash of a file with nothing loaded yet. */
  static final byte[] EMPTY_SHA256 = ContentHash.sha256().digest();

  private static final String COLUMNS =
      "file_id, path, kind, first_line_sha256, content_sha256, committed_offset, file_size,"
          + " lines_loaded, lines_rejected, rejects_size, status, conflict";

  private final InstantSource clock;

  IngestLedger(InstantSource clock) {
    this.clock = clock;
  }

  Optional<LedgerEntry> find(Connection connection, String path) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT " + COLUMNS + " FROM observer.ingest_files WHERE path = ?")) {
      statement.setString(1, path);
      return one(statement);
    }
  }

  List<LedgerEntry> findByFirstLine(Connection connection, byte[] firstLineSha256)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM observer.ingest_files WHERE first_line_sha256 = ? ORDER BY file_id")) {
      statement.setBytes(1, firstLineSha256);
      return list(statement);
    }
  }

  static List<LedgerEntry> all(Connection connection) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT " + COLUMNS + " FROM observer.ingest_files ORDER BY path")) {
      return list(statement);
    }
  }

  /** The row for a file seen for the first time (or the one a concurrent loader just created). */
  LedgerEntry create(
      Connection connection, String path, RecordKind kind, byte[] firstLineSha256, long size)
      throws SQLException {
    Timestamp now = Timestamp.from(clock.instant());
    try (PreparedStatement statement =
        connection.prepareStatement(
            """
            INSERT INTO observer.ingest_files
                   (path, kind, first_line_sha256, content_sha256, committed_offset, file_size,
                    status, first_loaded_at, updated_at)
            VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?)
            ON CONFLICT (path) DO NOTHING
            """)) {
      statement.setString(1, path);
      statement.setString(2, kind.label());
      statement.setBytes(3, firstLineSha256);
      statement.setBytes(4, EMPTY_SHA256);
      statement.setLong(5, size);
      statement.setString(6, LoadStatus.LOADING.label());
      statement.setTimestamp(7, now);
      statement.setTimestamp(8, now);
      statement.executeUpdate();
    }
    return find(connection, path)
        .orElseThrow(() -> new KrxTraderException("ledger row vanished [path=" + path + "]"));
  }

  /** A file found under a new path whose old path is gone: the same file, moved. */
  void move(Connection connection, int fileId, String newPath) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "UPDATE observer.ingest_files SET path = ?, updated_at = ? WHERE file_id = ?")) {
      statement.setString(1, newPath);
      statement.setTimestamp(2, Timestamp.from(clock.instant()));
      statement.setInt(3, fileId);
      statement.executeUpdate();
    }
  }

  /** Records a conflict; the committed offset and hash stay, so a restored file can continue. */
  void markConflict(Connection connection, int fileId, String message, long size)
      throws SQLException {
    mark(connection, fileId, LoadStatus.CONFLICT, message, size);
  }

  /** Clears a conflict or an interrupted load's status when a file has nothing new to load. */
  void markLoaded(Connection connection, int fileId, long size) throws SQLException {
    mark(connection, fileId, LoadStatus.LOADED, null, size);
  }

  private static final String MARK =
      """
      UPDATE observer.ingest_files SET status = ?, conflict = ?, file_size = ?, updated_at = ?
       WHERE file_id = ?
      """;

  private void mark(
      Connection connection, int fileId, LoadStatus status, String conflict, long size)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(MARK)) {
      statement.setString(1, status.label());
      statement.setString(2, conflict);
      statement.setLong(3, size);
      statement.setTimestamp(4, Timestamp.from(clock.instant()));
      statement.setInt(5, fileId);
      statement.executeUpdate();
    }
  }

  /** A file's committed offset and the hash of the bytes before it. */
  record Committed(long offset, byte[] contentSha256) {}

  /**
   * Inside a chunk's transaction: locks the file's row and returns its committed state. Another
   * process that committed in between shows up as a different offset.
   */
  Committed lockForChunk(Connection connection, int fileId) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT committed_offset, content_sha256 FROM observer.ingest_files"
                + " WHERE file_id = ? FOR UPDATE")) {
      statement.setInt(1, fileId);
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          throw new KrxTraderException("ledger row vanished [fileId=" + fileId + "]");
        }
        return new Committed(rs.getLong(1), rs.getBytes(2));
      }
    }
  }

  /** Inside a chunk's transaction: the file's new committed state. */
  void commitChunk(Connection connection, Chunk chunk, long fileSize, long rejectsSize)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            """
            UPDATE observer.ingest_files
               SET committed_offset = ?, content_sha256 = ?, file_size = ?,
                   lines_loaded = lines_loaded + ?, lines_rejected = lines_rejected + ?,
                   rejects_size = ?, status = ?, conflict = NULL, updated_at = ?
             WHERE file_id = ?
            """)) {
      statement.setLong(1, chunk.endOffset);
      statement.setBytes(2, chunk.contentSha256);
      statement.setLong(3, fileSize);
      statement.setLong(4, chunk.rows);
      statement.setLong(5, chunk.rejects.size());
      statement.setLong(6, rejectsSize);
      statement.setString(7, (chunk.atEnd ? LoadStatus.LOADED : LoadStatus.LOADING).label());
      statement.setTimestamp(8, Timestamp.from(clock.instant()));
      statement.setInt(9, chunk.fileId);
      statement.executeUpdate();
    }
  }

  private static Optional<LedgerEntry> one(PreparedStatement statement) throws SQLException {
    List<LedgerEntry> entries = list(statement);
    return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(0));
  }

  private static List<LedgerEntry> list(PreparedStatement statement) throws SQLException {
    List<LedgerEntry> entries = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        entries.add(
            new LedgerEntry(
                rs.getInt("file_id"),
                rs.getString("path"),
                RecordKind.ofLabel(rs.getString("kind")),
                rs.getBytes("first_line_sha256"),
                rs.getBytes("content_sha256"),
                rs.getLong("committed_offset"),
                rs.getLong("file_size"),
                rs.getLong("lines_loaded"),
                rs.getLong("lines_rejected"),
                rs.getLong("rejects_size"),
                LoadStatus.ofLabel(rs.getString("status")),
                rs.getString("conflict")));
      }
    }
    return entries;
  }
}
