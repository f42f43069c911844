package io.krxtrader.observer;

import io.krxtrader.KrxTraderException;
import io.krxtrader.db.DayPartitions;
import io.krxtrader.observer.FileOutcome.Result;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads one JSONL file from its committed offset to its last complete line, chunk by chunk, each
 * chunk in one transaction with the ledger (the one code path of ingest, back-fill and the live
 * tailer). Calling it again on a grown file loads only the new lines; an unchanged file costs one
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
  private static final int READ_BUFFER = 1 << 20;

  /** COPY data is sent in pieces of about this size while the chunk is parsed. */
  private static final int FLUSH_BYTES = 256 << 10;

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

  FileOutcome load(Path file, RecordKind kind, LoadListener listener) {
    return load(file, kind, false, true, listener);
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
      if (outcome.result() == Result.UNCHANGED && !entry.status().equals("loaded")) {
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
    FileLoad load =
        new FileLoad(kind, channel, size, rejectFile, entry.fileId(), entry.rejectsSize(), bars);
    if (kind == RecordKind.SCALP) {
      dayOfName(path).ifPresent(load::ensureDay);
    }
    long offset = entry.committedOffset();
    long nextLine = entry.linesCommitted() + 1;
    long loaded = 0;
    long rejected = 0;
    while (true) {
      Attempt committed;
      try {
        committed = load.commitNext(offset, nextLine, digest);
      } catch (ChunkFailedException e) {
        return new FileOutcome(
            path,
            kind,
            Result.FAILED,
            loaded,
            rejected,
            offset - entry.committedOffset(),
            size - offset,
            e.getMessage() + ": " + e.getCause().getMessage());
      }
      Chunk chunk = load.chunk;
      if (committed.outcome() == ChunkTransaction.Outcome.EMPTY) {
        if (chunk.blockedDay == Chunk.NO_DAY) {
          break;
        }
        load.ensureDay(chunk.blockedDay);
        continue;
      }
      hooks.afterCommit(chunk);
      listener.chunkCommitted(path, chunk.lines, chunk.endOffset - chunk.startOffset);
      loaded += chunk.rows;
      rejected += chunk.rejects.size();
      offset = chunk.endOffset;
      nextLine += chunk.lines;
      digest = committed.digest();
      if (chunk.blockedDay != Chunk.NO_DAY) {
        load.ensureDay(chunk.blockedDay);
      } else if (chunk.atEnd) {
        break;
      }
    }
    verified.put(
        entry.fileId(),
        new VerifiedPrefix(
            offset, ContentHash.snapshot(digest), ContentHash.copy(digest), tail(channel, offset)));
    long bytes = offset - entry.committedOffset();
    Result result = bytes == 0 ? Result.UNCHANGED : Result.LOADED;
    return new FileOutcome(path, kind, result, loaded, rejected, bytes, size - offset, "");
  }

  /** A chunk's transaction that committed (or found nothing to write), and the hash after it. */
  private record Attempt(ChunkTransaction.Outcome outcome, MessageDigest digest) {}

  /** The state of one file's load: its chunk, its reject file, the days known to exist. */
  private final class FileLoad {
    private final RecordKind kind;
    private final FileChannel channel;
    private final long size;
    private final RejectFile rejectFile;
    private final LineParser parser;
    private final Chunk chunk;
    private final Set<Long> ensuredDays = new HashSet<>();
    private final ChunkTransaction transaction;
    private long committedRejects;

    FileLoad(
        RecordKind kind,
        FileChannel channel,
        long size,
        RejectFile rejectFile,
        int fileId,
        long committedRejects,
        boolean bars) {
      this.transaction = new ChunkTransaction(ledger, hooks, bars);
      this.kind = kind;
      this.channel = channel;
      this.size = size;
      this.rejectFile = rejectFile;
      this.parser = kind.newParser();
      this.chunk = new Chunk(fileId, FLUSH_BYTES * 2);
      this.committedRejects = committedRejects;
    }

    /** Creates a day's partition, in its own call: never inside a writing transaction. */
    void ensureDay(long epochDay) {
      if (ensuredDays.add(epochDay)) {
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        DayPartitions.ensure(dataSource, RecordKind.SCALP.table(), date, date);
      }
    }

    /**
     * Commits the next chunk from {@code offset}, retrying a failed attempt with exponential
     * back-off: each attempt reads its lines again from the file and cuts the reject file back to
     * the committed size first.
     */
    Attempt commitNext(long offset, long firstLine, MessageDigest digestAtOffset)
        throws IOException {
      Exception last = null;
      Attempt previous = null;
      for (int attempt = 0; attempt <= settings.retries(); attempt++) {
        if (attempt > 0) {
          pause(settings.retryBackoff().toMillis() << (attempt - 1));
        }
        MessageDigest digest = ContentHash.copy(digestAtOffset);
        LineReader reader = new LineReader(channel, offset, size, digest, READ_BUFFER);
        try (Connection connection = dataSource.getConnection()) {
          rejectFile.truncate(committedRejects);
          connection.setAutoCommit(false);
          try {
            IngestLedger.Committed committed = transaction.lock(connection, chunk.fileId);
            if (previous != null
                && committed.offset() == chunk.endOffset
                && Arrays.equals(committed.contentSha256(), chunk.contentSha256)) {
              // The previous attempt committed; only its answer was lost.
              connection.rollback();
              return previous;
            }
            if (committed.offset() != offset) {
              throw new ChunkTransaction.ConcurrentLoadException(offset, committed.offset());
            }
            chunk.reset(offset, firstLine);
            ChunkTransaction.Outcome outcome =
                transaction.write(
                    connection,
                    kind,
                    chunk,
                    sink -> fill(reader, sink),
                    written -> rejectFile.append(written.rejects),
                    size);
            if (outcome == ChunkTransaction.Outcome.COMMITTED) {
              committedRejects = rejectFile.size();
            }
            return new Attempt(outcome, digest);
          } catch (SQLException | IOException | RuntimeException e) {
            // If this attempt got as far as its commit, the commit may have happened: the next
            // attempt recognises it by the ledger's offset and hash instead of writing again.
            boolean filled =
                chunk.startOffset == offset
                    && chunk.lines > 0
                    && chunk.endOffset > offset
                    && chunk.contentSha256 != null;
            previous = filled ? new Attempt(ChunkTransaction.Outcome.COMMITTED, digest) : null;
            rollbackQuietly(connection, e);
            throw e;
          } finally {
            connection.setAutoCommit(true);
          }
        } catch (ChunkTransaction.ConcurrentLoadException e) {
          throw e;
        } catch (SQLException | IOException | KrxTraderException e) {
          // KrxTraderException: injected or wrapped database trouble; worth another attempt.
          last = e;
          log.warn(
              "chunk failed, attempt {} of {} [file={}, offset={}]: {}",
              attempt + 1,
              settings.retries() + 1,
              rejectFile.path(),
              offset,
              e.getMessage());
        }
      }
      throw new ChunkFailedException(chunk, settings.retries() + 1, last);
    }

    /**
     * Parses lines into the sink until the chunk is full, the region ends, or a tick of a day not
     * yet known to have a partition comes (that line is left for the next chunk).
     */
    private void fill(LineReader reader, ChunkTransaction.RowSink sink)
        throws IOException, SQLException {
      CopyText copy = chunk.copy;
      while (true) {
        if (!reader.findLine()) {
          chunk.atEnd = true;
          break;
        }
        if (chunk.lines >= settings.chunkLines()) {
          break;
        }
        long lineNumber = chunk.firstLine + chunk.lines;
        int mark = copy.length();
        int rowsAtMark = copy.rows();
        String reason =
            reader.tooLong()
                ? "line too long [maximumBytes=" + READ_BUFFER + "]"
                : parser.parse(
                    reader.bytes(), reader.lineStart(), reader.lineLength(), lineNumber, chunk);
        if (reason == null) {
          if (kind == RecordKind.SCALP && !ensuredDays.contains(chunk.lastRowDay)) {
            copy.truncate(mark, rowsAtMark);
            chunk.blockedDay = chunk.lastRowDay;
            break;
          }
          chunk.rows++;
        } else {
          chunk.rejects.add(new Reject(lineNumber, reason, raw(reader)));
        }
        chunk.lines++;
        chunk.endOffset = reader.lineEndOffset();
        reader.consume();
        if (copy.length() >= FLUSH_BYTES) {
          sink.flush(copy);
        }
      }
      sink.flush(copy);
      chunk.contentSha256 = ContentHash.snapshot(reader.digest());
    }
  }

  /** The KST day a collector's file name starts with ({@code 20260122_0930.jsonl}), if it does. */
  private static java.util.Optional<Long> dayOfName(Path path) {
    String name = path.getFileName().toString();
    if (name.length() >= 8 && name.substring(0, 8).chars().allMatch(Character::isDigit)) {
      try {
        return java.util.Optional.of(
            LocalDate.parse(name.substring(0, 8), java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
                .toEpochDay());
      } catch (java.time.format.DateTimeParseException e) {
        return java.util.Optional.empty();
      }
    }
    return java.util.Optional.empty();
  }

  /** A chunk that failed every attempt. */
  static final class ChunkFailedException extends KrxTraderException {
    ChunkFailedException(Chunk chunk, int attempts, Exception cause) {
      super(
          "a chunk failed after "
              + attempts
              + " attempts [fromLine="
              + chunk.firstLine
              + ", offset="
              + chunk.startOffset
              + "]",
          cause);
    }
  }

  private static void rollbackQuietly(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
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

  private static String raw(LineReader reader) {
    int length = Math.min(reader.lineLength(), Reject.MAX_RAW * 4);
    String text = new String(reader.bytes(), reader.lineStart(), length, StandardCharsets.UTF_8);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KrxTraderException("interrupted while waiting to retry a chunk", e);
    }
  }
}
