package io.krxtrader.observer;

import io.krxtrader.observer.FileOutcome.Result;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads one JSONL file from its committed offset to its last complete line (the one code path of
 * ingest, back-fill and the live tailer): finds or creates its ledger row, checks that the part
 * already loaded is unchanged, and hands the rest to a {@link ChunkedLoad}, one transaction per
 * chunk. Calling it again on a grown file loads only the new lines; an unchanged file costs one
 * hash of its already-loaded part. A live tailer, whose collector only ever appends, may ask to
 * trust that ({@code appendOnly}): then a file this instance loaded before is checked only on the
 * last bytes before its offset, and each call reads just the new bytes.
 *
 * <p>Refused as a conflict, with nothing loaded: a file shorter than its loaded part or whose
 * loaded part's hash changed, and a copy of a loaded file under another path. A file found under a
 * new path whose old path is gone is the same file moved; it continues where it was.
 */
final class FileLoader {

  private static final Logger log = LoggerFactory.getLogger(FileLoader.class);
  private static final int READ_BUFFER = ChunkedLoad.READ_BUFFER;

  private static final int TAIL_CHECK = 256;

  /** A first line shorter than this is too generic to say that two files are copies. */
  private static final int MIN_IDENTITY_LINE = 32;

  private final DataSource dataSource;
  private final IngestLedger ledger;
  private final LoadSettings settings;
  private final LoadHooks hooks;
  private final Map<Integer, VerifiedPrefix> verified = new ConcurrentHashMap<>();

  /** The hash state at a committed offset this instance verified or wrote itself. */
  private record VerifiedPrefix(
      long offset, byte[] contentSha256, MessageDigest digest, byte[] tail) {}

  FileLoader(DataSource dataSource, IngestLedger ledger, LoadSettings settings, LoadHooks hooks) {
    this.dataSource = dataSource;
    this.ledger = ledger;
    this.settings = settings;
    this.hooks = hooks;
  }

  /**
   * @param appendOnly trust that a file this instance loaded before has only grown since (see the
   *     class comment); false verifies the whole loaded part's hash
   */
  FileOutcome load(
      Path file, RecordKind kind, boolean appendOnly, boolean bars, LoadListener listener) {
    Path real;
    long size;
    try {
      real = file.toRealPath();
      size = Files.size(real);
    } catch (IOException e) {
      return FileOutcome.of(file, kind, Result.FAILED, "cannot read the file [" + e + "]");
    }
    try (FileChannel channel = FileChannel.open(real, StandardOpenOption.READ)) {
      return load(real, kind, channel, size, appendOnly, bars, listener);
    } catch (IOException e) {
      return FileOutcome.of(real, kind, Result.FAILED, "cannot read the file [" + e + "]");
    } catch (SQLException e) {
      return FileOutcome.of(real, kind, Result.FAILED, "database error [" + e.getMessage() + "]");
    } catch (ChunkTransaction.ConcurrentLoadException e) {
      return FileOutcome.of(real, kind, Result.BUSY, e.getMessage());
    }
  }

  private FileOutcome load(
      Path path,
      RecordKind kind,
      FileChannel channel,
      long size,
      boolean appendOnly,
      boolean bars,
      LoadListener listener)
      throws IOException, SQLException {
    LedgerEntry entry;
    try (Connection connection = dataSource.getConnection()) {
      Optional<LedgerEntry> known = ledger.find(connection, path.toString());
      if (known.isPresent()) {
        entry = known.get();
      } else {
        FirstLine firstLine = firstLine(channel, size);
        if (firstLine == null) {
          return new FileOutcome(path, kind, Result.UNCHANGED, 0, 0, 0, size, "");
        }
        Optional<LedgerEntry> moved = Optional.empty();
        if (firstLine.length() >= MIN_IDENTITY_LINE) {
          for (LedgerEntry same : ledger.findByFirstLine(connection, firstLine.sha256())) {
            if (Files.exists(Path.of(same.path()))) {
              return conflict(
                  connection,
                  null,
                  path,
                  kind,
                  size,
                  "same first line as an already loaded file; a copy is not loaded twice [loaded="
                      + same.path()
                      + "]");
            }
            moved = Optional.of(same);
          }
        }
        if (moved.isPresent()) {
          log.info("file moved, continuing its load [from={}, to={}]", moved.get().path(), path);
          ledger.move(connection, moved.get().fileId(), path.toString());
          entry = moved.get();
        } else {
          entry = ledger.create(connection, path.toString(), kind, firstLine.sha256(), size);
        }
      }
      if (entry.kind() != kind) {
        return conflict(
            connection,
            entry,
            path,
            kind,
            size,
            "loaded before as another kind [loadedAs=" + entry.kind().label() + "]");
      }
      if (size < entry.committedOffset()) {
        return conflict(
            connection,
            entry,
            path,
            kind,
            size,
            "the file is shorter than its part already loaded [size="
                + size
                + ", loadedBytes="
                + entry.committedOffset()
                + "]");
      }
      MessageDigest digest = verifiedPrefix(entry, channel, appendOnly);
      if (digest == null) {
        return conflict(
            connection,
            entry,
            path,
            kind,
            size,
            "the part already loaded has changed (SHA-256 differs) [loadedBytes="
                + entry.committedOffset()
                + "]");
      }
      FileOutcome outcome = loadFrom(entry, path, kind, channel, size, digest, bars, listener);
      if (outcome.result() == Result.UNCHANGED && entry.status() != LoadStatus.LOADED) {
        ledger.markLoaded(connection, entry.fileId(), size);
      }
      return outcome;
    }
  }

  private FileOutcome loadFrom(
      LedgerEntry entry,
      Path path,
      RecordKind kind,
      FileChannel channel,
      long size,
      MessageDigest digest,
      boolean bars,
      LoadListener listener)
      throws IOException, SQLException {
    RejectFile rejectFile = new RejectFile(settings.rejectDirectory(), path, entry.fileId());
    rejectFile.truncate(entry.rejectsSize());
    ChunkedLoad load =
        new ChunkedLoad(
            dataSource,
            settings,
            new ChunkTransaction(ledger, hooks, bars),
            hooks,
            kind,
            channel,
            size,
            rejectFile,
            entry.fileId(),
            entry.rejectsSize());
    ChunkedLoad.Progress progress =
        load.run(path, entry.committedOffset(), entry.linesCommitted() + 1, digest, listener);
    long offset = progress.offset();
    long bytes = offset - entry.committedOffset();
    if (progress.failure() != null) {
      return new FileOutcome(
          path,
          kind,
          Result.FAILED,
          progress.loaded(),
          progress.rejected(),
          bytes,
          size - offset,
          progress.failure());
    }
    MessageDigest done = progress.digest();
    verified.put(
        entry.fileId(),
        new VerifiedPrefix(
            offset, ContentHash.snapshot(done), ContentHash.copy(done), tail(channel, offset)));
    Result result = bytes == 0 ? Result.UNCHANGED : Result.LOADED;
    return new FileOutcome(
        path, kind, result, progress.loaded(), progress.rejected(), bytes, size - offset, "");
  }

  private MessageDigest verifiedPrefix(LedgerEntry entry, FileChannel channel, boolean appendOnly)
      throws IOException {
    long offset = entry.committedOffset();
    if (offset == 0) {
      return ContentHash.sha256();
    }
    VerifiedPrefix known = appendOnly ? verified.get(entry.fileId()) : null;
    if (known != null
        && known.offset() == offset
        && Arrays.equals(known.contentSha256(), entry.contentSha256())
        && Arrays.equals(known.tail(), tail(channel, offset))) {
      return ContentHash.copy(known.digest());
    }
    MessageDigest digest = ContentHash.prefix(channel, offset);
    if (digest == null || !Arrays.equals(ContentHash.snapshot(digest), entry.contentSha256())) {
      return null;
    }
    return digest;
  }

  private FileOutcome conflict(
      Connection connection,
      LedgerEntry entry,
      Path path,
      RecordKind kind,
      long size,
      String message)
      throws SQLException {
    if (entry != null) {
      ledger.markConflict(connection, entry.fileId(), message, size);
    }
    log.warn("file not loaded: {} [file={}]", message, path);
    return FileOutcome.of(path, kind, Result.CONFLICT, message);
  }

  private record FirstLine(byte[] sha256, long length) {}

  /** The first line with its newline, or null if there is no complete line yet. */
  private static FirstLine firstLine(FileChannel channel, long size) throws IOException {
    MessageDigest digest = ContentHash.sha256();
    LineReader reader = new LineReader(channel, 0, size, digest, READ_BUFFER);
    if (!reader.findLine()) {
      return null;
    }
    long length = reader.lineEndOffset();
    reader.consume();
    return new FirstLine(digest.digest(), length);
  }

  private static byte[] tail(FileChannel channel, long offset) throws IOException {
    int length = (int) Math.min(TAIL_CHECK, offset);
    ByteBuffer buffer = ByteBuffer.allocate(length);
    long at = offset - length;
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, at + buffer.position());
      if (read <= 0) {
        return new byte[0];
      }
    }
    return buffer.array();
  }
}
