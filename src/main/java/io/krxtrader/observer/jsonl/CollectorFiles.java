package io.krxtrader.observer.jsonl;

import io.krxtrader.KrxTraderException;
import io.krxtrader.krx.TradingCalendar;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The live collectors' durable record: appends each record as one JSONL line to its file in the
 * seed's layout ({@link JsonlLayout}) with one {@code write} call, so that every record is in the
 * operating system's hands when the append returns and a reader never sees half of a line that the
 * writer finished. {@link #sync} forces the files to disk (the collectors call it about once a
 * second); a crash of the process loses nothing that was appended, a crash of the machine at most
 * the last second. Thread-safe: appends are serialised.
 */
public final class CollectorFiles implements AutoCloseable {

  private final Path root;
  private final JsonlText line = new JsonlText();
  private final OpenFile scalp = new OpenFile();
  private final OpenFile swing = new OpenFile();
  private final OpenFile gaps = new OpenFile();
  private long scalpBucket = Long.MIN_VALUE;
  private Path scalpFile;

  public CollectorFiles(Path root) {
    this.root = root;
  }

  public synchronized void append(ScalpRecord record) {
    // Track B appends thousands of records a second; name the file once per rotation, not per line.
    long bucket =
        Math.floorDiv(record.receivedAt().toEpochMilli(), JsonlLayout.SCALP_ROTATION_MILLIS);
    if (bucket != scalpBucket) {
      scalpFile = JsonlLayout.scalpFile(root, record.receivedAt());
      scalpBucket = bucket;
    }
    scalp.write(scalpFile, JsonlRecords.scalp(line, record));
  }

  /**
   * @param pollBoundary the 10-minute boundary of the poll the record belongs to (its file)
   */
  public synchronized void append(SwingRecord record, Instant pollBoundary) {
    swing.write(JsonlLayout.swingFile(root, pollBoundary), JsonlRecords.swing(line, record));
  }

  public synchronized void append(GapEntry gap) {
    gaps.write(
        JsonlLayout.gapFile(root, TradingCalendar.kstDate(gap.timestamp())),
        JsonlRecords.gap(line, gap));
  }

  /** Forces every open file to disk. */
  public synchronized void sync() {
    scalp.force();
    swing.force();
    gaps.force();
  }

  @Override
  public synchronized void close() {
    scalp.close();
    swing.close();
    gaps.close();
  }

  /** The file of one record kind currently appended to; a record for another file rotates it. */
  private final class OpenFile {
    private Path path;
    private FileChannel channel;

    void write(Path target, JsonlText text) {
      try {
        if (!target.equals(path)) {
          close();
          Files.createDirectories(target.getParent());
          channel =
              FileChannel.open(
                  target,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE,
                  StandardOpenOption.APPEND);
          path = target;
        }
        ByteBuffer bytes = text.buffer();
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
      } catch (IOException e) {
        throw new KrxTraderException("cannot append to a collector file [file=" + target + "]", e);
      }
    }

    void force() {
      if (channel != null) {
        try {
          channel.force(false);
        } catch (IOException e) {
          throw new KrxTraderException("cannot sync a collector file [file=" + path + "]", e);
        }
      }
    }

    void close() {
      if (channel != null) {
        try {
          channel.force(false);
          channel.close();
        } catch (IOException e) {
          throw new KrxTraderException("cannot close a collector file [file=" + path + "]", e);
        } finally {
          channel = null;
          path = null;
        }
      }
    }
  }
}
