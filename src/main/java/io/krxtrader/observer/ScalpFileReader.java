package io.krxtrader.observer;

import io.krxtrader.KrxTraderException;
import io.krxtrader.observer.jsonl.ScalpRecord;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads Track B files back as records, file by file in name order (which is time order), with the
 * loader's own rules: the loader's {@link LineReader} (lines end at a newline only; an unfinished
 * last line is left unread) and its parser (a line the loader would reject is skipped and counted
 * here). For replays, such as the simulator's replay mode.
 */
public final class ScalpFileReader implements AutoCloseable {

  private final Deque<Path> files;
  private final ScalpLineParser parser = new ScalpLineParser();
  private FileChannel channel;
  private LineReader lines;
  private Path current;
  private long skipped;

  private ScalpFileReader(Deque<Path> files) {
    this.files = files;
  }

  /** Every Track B file ({@code scalp/*.jsonl}) under {@code directory}, at any depth. */
  public static ScalpFileReader open(Path directory) {
    try (Stream<Path> walk = Files.walk(directory)) {
      return new ScalpFileReader(
          new ArrayDeque<>(
              walk.filter(p -> RecordKind.of(p).filter(k -> k == RecordKind.SCALP).isPresent())
                  .sorted()
                  .toList()));
    } catch (IOException e) {
      throw new KrxTraderException("cannot list Track B files [directory=" + directory + "]", e);
    }
  }

  /** The next usable record, or empty at the end of the last file. */
  public Optional<ScalpRecord> next() {
    try {
      while (true) {
        if (lines == null) {
          if (files.isEmpty()) {
            return Optional.empty();
          }
          current = files.poll();
          channel = FileChannel.open(current);
          // The hash is the reader's bookkeeping for the loader; a replay does not use it.
          lines =
              new LineReader(
                  channel, 0, channel.size(), ContentHash.sha256(), ChunkedLoad.READ_BUFFER);
        }
        if (!lines.findLine()) {
          close();
          continue;
        }
        boolean usable =
            !lines.tooLong()
                && parser.read(lines.bytes(), lines.lineStart(), lines.lineLength()) == null
                && parser.check() == null;
        lines.consume();
        if (usable) {
          return Optional.of(parser.record());
        }
        skipped++;
      }
    } catch (IOException e) {
      throw new KrxTraderException("cannot read a Track B file [file=" + current + "]", e);
    }
  }

  /** Lines skipped so far because the loader would reject them. */
  public long skipped() {
    return skipped;
  }

  @Override
  public void close() {
    lines = null;
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        throw new KrxTraderException("cannot close a Track B file [file=" + current + "]", e);
      } finally {
        channel = null;
      }
    }
  }
}
