package io.krxtrader.observer;

import io.krxtrader.KrxTraderException;
import io.krxtrader.db.DayPartitions;
import io.krxtrader.db.Transactions;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file's load from its committed offset, chunk after chunk, each chunk one transaction (see
 * {@link ChunkTransaction}): its parser, its reject file, the day partitions its ticks need. A
 * failed chunk is tried again with exponential back-off, reading its lines again from the file; a
 * commit whose answer was lost is recognised by the ledger's offset and hash.
 */
final class ChunkedLoad {

  private static final Logger log = LoggerFactory.getLogger(ChunkedLoad.class);

  static final int READ_BUFFER = 1 << 20;

  /** COPY data is sent in pieces of about this size while the chunk is parsed. */
  static final int FLUSH_BYTES = 256 << 10;

  /** A chunk's transaction that committed (or found nothing to write), and the hash after it. */
  private record Attempt(ChunkTransaction.Outcome outcome, MessageDigest digest) {}

  private final DataSource dataSource;
  private final LoadSettings settings;
  private final LoadHooks hooks;
  private final RecordKind kind;
  private final FileChannel channel;
  private final long size;
  private final RejectFile rejectFile;
  private final LineParser parser;
  private final Chunk chunk;
  private final ChunkTransaction transaction;
  private long committedRejects;

  /** The last tick day found to have a partition: most ticks of a file share one day. */
  private long knownDay = Chunk.NO_DAY;

  /** The reject file's size after the current attempt's append, once it has appended. */
  private long attemptRejects;

  ChunkedLoad(
      DataSource dataSource,
      LoadSettings settings,
      ChunkTransaction transaction,
      LoadHooks hooks,
      RecordKind kind,
      FileChannel channel,
      long size,
      RejectFile rejectFile,
      int fileId,
      long committedRejects) {
    this.dataSource = dataSource;
    this.settings = settings;
    this.transaction = transaction;
    this.hooks = hooks;
    this.kind = kind;
    this.channel = channel;
    this.size = size;
    this.rejectFile = rejectFile;
    this.parser = kind.newParser();
    this.chunk = new Chunk(fileId, FLUSH_BYTES * 2);
    this.committedRejects = committedRejects;
  }

  /**
   * Where a load got to: the committed offset and the hash before it, lines loaded and rejected,
   * and why it stopped early (null if it reached the last complete line).
   */
  record Progress(long offset, MessageDigest digest, long loaded, long rejected, String failure) {}

  /** Commits chunk after chunk from {@code offset} to the last complete line. */
  Progress run(Path path, long offset, long nextLine, MessageDigest digest, LoadListener listener)
      throws IOException {
    long loaded = 0;
    long rejected = 0;
    try {
      while (true) {
        Attempt committed = commitNext(offset, nextLine, digest);
        if (committed.outcome() == ChunkTransaction.Outcome.EMPTY) {
          if (chunk.blockedDay == Chunk.NO_DAY) {
            break;
          }
          ensureDay(chunk.blockedDay);
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
          ensureDay(chunk.blockedDay);
        } else if (chunk.atEnd) {
          break;
        }
      }
    } catch (ChunkFailedException e) {
      return new Progress(
          offset, digest, loaded, rejected, e.getMessage() + ": " + e.getCause().getMessage());
    }
    return new Progress(offset, digest, loaded, rejected, null);
  }

  /**
   * Creates a day's partition, in its own call: never inside a writing transaction. Retried like a
   * chunk: the database may be away for a moment.
   */
  private void ensureDay(long epochDay) {
    LocalDate date = LocalDate.ofEpochDay(epochDay);
    for (int attempt = 0; ; attempt++) {
      try {
        DayPartitions.ensure(dataSource, RecordKind.SCALP.table(), date, date);
        return;
      } catch (KrxTraderException e) {
        if (attempt >= settings.retries()) {
          throw new ChunkFailedException(chunk, attempt + 1, e);
        }
        log.warn("cannot create a day partition yet, attempt {} [day={}]", attempt + 1, date, e);
        pause(settings.retryBackoff().toMillis() << attempt);
      }
    }
  }

  /**
   * Commits the next chunk from {@code offset}, retrying a failed attempt with exponential
   * back-off: each attempt reads its lines again from the file and cuts the reject file back to the
   * committed size first.
   */
  private Attempt commitNext(long offset, long firstLine, MessageDigest digestAtOffset)
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
                  written -> attemptRejects = rejectFile.append(written.rejects),
                  size);
          if (outcome == ChunkTransaction.Outcome.COMMITTED) {
            committedRejects = attemptRejects;
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
          Transactions.rollbackAfter(connection, e);
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
   * Parses lines into the sink until the chunk is full, the region ends, or a tick of a day not yet
   * known to have a partition comes (that line is left for the next chunk).
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
        if (kind == RecordKind.SCALP && !partitionKnown(chunk.lastRowDay)) {
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

  /** Whether this process knows that a tick day's partition exists (no round trip). */
  private boolean partitionKnown(long epochDay) {
    if (epochDay == knownDay) {
      return true;
    }
    if (DayPartitions.isKnown(
        dataSource, RecordKind.SCALP.table(), LocalDate.ofEpochDay(epochDay))) {
      knownDay = epochDay;
      return true;
    }
    return false;
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
